import { limitText } from "../../src/lib/body-limit.ts";
import { fill, formatDateTime } from "../../src/lib/i18n.ts";
import type { AttachmentRow, MessageRow } from "../../src/lib/threads.ts";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import type { FieldErrors } from "../ui/Field.tsx";

/**
 * The messages of a complaint or ticket, both ways, oldest first, each with its attachments.
 * A plain component taking data: the customer's pages and the provider desk both render it.
 * `viewer` says whose side is reading ("you" is that side); the other side is named by its label.
 */
export function ThreadView({
  messages,
  viewer,
  providerName,
  attachmentHref,
}: {
  messages: MessageRow[];
  viewer: "customer" | "staff";
  providerName: string;
  attachmentHref: (attachment: AttachmentRow) => string;
}) {
  const { t, locale } = useView();
  const th = t.complaints.thread;
  return (
    <section aria-labelledby="thread-messages">
      <h2 id="thread-messages">{th.messages}</h2>
      <ol class="thread">
        {messages.map((message) => {
          const name = message.author === "staff" ? fill(th.provider, { name: message.authorLabel, provider: providerName }) : message.authorLabel;
          const author = message.author === viewer ? fill(th.you, { name: message.authorLabel }) : name;
          return (
            <li class={`card message ${message.author}`} data-author={message.author}>
              <p class="hint">{fill(th.wrote, { author, date: formatDateTime(locale, message.at) })}</p>
              <p class="body">{message.body}</p>
              {message.attachments.length > 0 ? (
                <>
                  <p class="hint">{th.attachments}</p>
                  <ul>
                    {message.attachments.map((file) => (
                      <li>
                        <a href={attachmentHref(file)} hx-boost="false" download={file.documentId === null ? "" : undefined}>
                          {file.documentId === null ? fill(th.download, { name: file.name, size: limitText(file.size, locale) }) : fill(th.document, { name: file.name })}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * The customer's reply: a message and up to 4 files (the file input last, so a refused file still
 * leaves the message read), then Close. With htmx the token travels in a header, so the upload
 * streams without being read whole first.
 */
export function ReplyForm({ action, closeAction, values = {}, errors = {} }: { action: string; closeAction: string; values?: Record<string, string>; errors?: FieldErrors }) {
  const { t, csrfToken } = useView();
  const th = t.complaints.thread;
  const messageDescribed = ["reply-message-hint", errors.message ? "reply-message-error" : ""].filter(Boolean).join(" ");
  const filesDescribed = ["reply-files-hint", errors.attachments ? "reply-files-error" : ""].filter(Boolean).join(" ");
  return (
    <section class="card" id="thread-reply" aria-labelledby="reply-title">
      <h2 id="reply-title">{th.reply}</h2>
      <form method="post" action={action} enctype="multipart/form-data" hx-post={action} hx-headers={JSON.stringify({ "X-CSRF-Token": csrfToken })} novalidate>
        <CsrfField />
        <div>
          <label for="reply-message">{th.message}</label>
          <p class="hint" id="reply-message-hint">
            {t.complaints.commentHint}
          </p>
          <textarea id="reply-message" name="message" rows={5} maxlength={4000} required aria-invalid={errors.message ? "true" : undefined} aria-describedby={messageDescribed}>
            {values.message ?? ""}
          </textarea>
          {errors.message ? (
            <p class="field-error" id="reply-message-error">
              {errors.message}
            </p>
          ) : null}
        </div>
        <div>
          <label for="reply-files">{th.addFiles}</label>
          <p class="hint" id="reply-files-hint">
            {th.filesHint}
          </p>
          <input
            type="file"
            id="reply-files"
            name="attachments"
            multiple
            accept=".pdf,.png,.jpg,.jpeg,.csv,.xlsx,.docx"
            aria-invalid={errors.attachments ? "true" : undefined}
            aria-describedby={filesDescribed}
          />
          {errors.attachments ? (
            <p class="field-error" id="reply-files-error">
              {errors.attachments} {th.filesAgain}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit">{th.send}</button>
        </div>
      </form>
      <form method="post" action={closeAction}>
        <CsrfField />
        <p class="hint">{th.closeHint}</p>
        <button type="submit" class="secondary">
          {th.close}
        </button>
      </form>
    </section>
  );
}

import type { Context } from "hono";
import type { Messages } from "../i18n/en.ts";
import type { ThreadKind } from "../db/schema/enums.ts";
import { checkFiles, readUpload, storeFiles, type UploadProblem } from "./attachments.ts";
import type { AppEnv } from "./env.ts";
import { fill } from "./i18n.ts";
import { idParam } from "./ids.ts";
import { redirectAfterPost, renderFailure } from "./render.tsx";
import { found } from "./result.ts";
import { addCustomerMessage, attachmentResponse, closeThread, customerAuthorLabel, getThread, messageError } from "./threads.ts";
import type { FormErrors } from "./validation.ts";

type ThreadPage = (c: Context<AppEnv>, view: { values?: Record<string, string>; errors?: FormErrors }, failure: "conflict" | "invalid") => Response | Promise<Response>;

/** The message of a refused upload, in the user's language. */
export function uploadProblemText(t: Messages, problem: UploadProblem): string {
  const th = t.complaints.thread;
  if (problem.kind === "count") return th.tooMany;
  if (problem.kind === "size") return fill(th.tooLarge, { name: problem.name ?? "" });
  return fill(th.badType, { name: problem.name ?? "" });
}

/**
 * What a customer does in a thread of theirs, the same for a complaint and a ticket: reply (with
 * files; the provider is told by e-mail), close, download an attachment. `path` is the module's
 * first URL segment; `page` re-renders the thread's page with the form's values and errors.
 */
export function threadReplyHandlers(kind: ThreadKind, path: "complaints" | "tickets", page: ThreadPage) {
  const scope = (c: Context<AppEnv>) => ({ customerId: c.var.session!.principal.customerId, kind });
  return {
    async reply(c: Context<AppEnv>) {
      const { t, db, session } = c.var;
      const id = idParam(c.req.param("id"));
      // Authorized by the route's declaration; the thread is checked before the upload is read (when its token came in a header).
      const lookup = found(id === null ? null : await getThread(db, scope(c), id));
      if (!lookup.ok) return renderFailure(c, lookup);
      const { thread } = lookup.value;
      const upload = await readUpload(c);
      const body = (upload.fields.message ?? "").trim();
      const errors: FormErrors = {};
      const bodyError = messageError(body);
      if (bodyError) errors.message = t.complaints.errors[bodyError];
      const checked = upload.problem ? { types: [], problem: upload.problem } : checkFiles(upload.files);
      if (checked.problem) errors.attachments = uploadProblemText(t, checked.problem);
      if (Object.keys(errors).length > 0) return page(c, { values: { message: upload.fields.message ?? "" }, errors }, "invalid");
      if (thread.status === "closed") return page(c, {}, "conflict");
      const stored = await storeFiles(c.env.FILES, upload.files, checked.types);
      const author = await customerAuthorLabel(db, session!);
      const values = { reference: String(id), customer: session!.customerNumber, body };
      await addCustomerMessage(db, { actor: session!.principal.actor, customerId: session!.principal.customerId }, thread, { authorLabel: author, body }, stored, {
        channel: "email",
        recipient: c.env.PROVIDER_EMAIL,
        subject: fill(t.complaints.mail.replySubject, values),
        body: fill(t.complaints.mail.replyBody, values),
        dedupeKey: `thread-message:${crypto.randomUUID()}`,
      });
      c.var.deliverOutbox();
      return redirectAfterPost(c, `/${c.var.locale}/${path}/${id}?added=1`);
    },

    async close(c: Context<AppEnv>) {
      const { db, session } = c.var;
      const id = idParam(c.req.param("id"));
      const lookup = found(id === null ? null : await getThread(db, scope(c), id));
      if (!lookup.ok) return renderFailure(c, lookup);
      await closeThread(db, { actor: session!.principal.actor, customerId: session!.principal.customerId }, lookup.value.thread);
      return redirectAfterPost(c, `/${c.var.locale}/${path}/${id}`);
    },

    async attachment(c: Context<AppEnv>) {
      const id = idParam(c.req.param("id"));
      const attachmentId = idParam(c.req.param("attachmentId"));
      const response = id === null || attachmentId === null ? null : await attachmentResponse(c.var.db, c.env.FILES, scope(c), id, attachmentId, (doc) => `/${c.var.locale}/documents/${doc}/pdf`);
      return response ?? renderFailure(c, "not_found");
    },
  };
}

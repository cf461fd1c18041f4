import type { Child } from "hono/jsx";
import { DESK_THREAD_STATUSES, type ThreadDetail } from "../../src/features/desk/service.ts";
import { fill, formatDate, formatDateTime } from "../../src/lib/i18n.ts";
import { Select } from "../ui/choices.tsx";
import { Notice } from "../ui/Field.tsx";
import { ThreadView } from "../threads/ThreadView.tsx";
import { DeskCsrf, useDesk } from "./Layout.tsx";

export type DeskThreadView = { notice?: string; answer?: string; errors?: Record<string, string | undefined>; submission: string };

export function Facts({ items }: { items: [string, Child][] }) {
  return (
    <dl class="facts">
      {items.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

/** A complaint or a ticket as the desk sees it: the facts, the messages both ways, and what staff can do. */
export function ThreadPage({ path, detail, view }: { path: string; detail: ThreadDetail; view: DeskThreadView }) {
  const { d, locale, desk, env } = useDesk();
  const th = d.thread;
  const { thread, complaint, ticket, messages } = detail;
  const base = `/${locale}/desk/${path}/${thread.id}`;
  const facts: [string, Child][] = [
    [th.customer, `${thread.customerNumber} · ${thread.customerName}`],
    [th.status, d.threadStatuses[thread.status]],
    [th.assignee, thread.assignee ?? d.queues.unassigned],
    [th.created, formatDateTime(locale, thread.createdAt)],
  ];
  if (complaint) {
    facts.push([th.contract, complaint.contractNumber], [th.service, complaint.service], [th.nature, complaint.nature], [th.serviceDate, formatDate(locale, day(complaint.serviceDate))]);
  }
  if (ticket) {
    facts.push([th.subject, `${ticket.subject} · ${ticket.detail}`], [th.requester, ticket.requesterEmail]);
    if (ticket.phoneNumber) facts.push([th.phone, ticket.phoneNumber]);
  }
  const errors = view.errors ?? {};
  const mayAssign = desk?.role === "supervisor";
  return (
    <section>
      <p>
        <a href={`/${locale}/desk/${path}`}>{d.backToQueues}</a>
      </p>
      <h1>{fill(th.title, { title: thread.title })}</h1>
      {view.notice ? <Notice kind="ok">{view.notice}</Notice> : null}
      <Facts items={facts} />

      {messages.length === 0 ? <p>{th.noMessages}</p> : <ThreadView messages={messages} viewer="staff" providerName={env.PROVIDER_NAME} attachmentHref={(file) => `${base}/attachments/${file.id}`} />}

      <h2>{th.answer}</h2>
      <form method="post" action={`${base}/answer`}>
        <DeskCsrf />
        <input type="hidden" name="submission" value={view.submission} />
        <label for="desk-answer">{th.answerLabel}</label>
        <p class="hint" id="desk-answer-hint">
          {th.answerHint}
        </p>
        <textarea
          id="desk-answer"
          name="body"
          rows={6}
          maxlength={5000}
          required
          aria-invalid={errors.body ? "true" : undefined}
          aria-describedby={errors.body ? "desk-answer-hint desk-answer-error" : "desk-answer-hint"}
        >
          {view.answer ?? ""}
        </textarea>
        {errors.body ? (
          <p class="field-error" id="desk-answer-error">
            {errors.body}
          </p>
        ) : null}
        <div>
          <button type="submit">{th.send}</button>
        </div>
      </form>

      <h2>{th.manage}</h2>
      <form method="post" action={`${base}/status`} class="filters">
        <DeskCsrf />
        <div>
          <Select
            id="desk-status"
            name="status"
            label={th.newStatus}
            value={thread.status}
            error={errors.status}
            options={DESK_THREAD_STATUSES.map((s) => ({ value: s, label: d.threadStatuses[s] }))}
          />
        </div>
        <button type="submit">{th.setStatus}</button>
      </form>
      {mayAssign ? (
        <form method="post" action={`${base}/assign`} class="filters">
          <DeskCsrf />
          <div>
            <Select
              id="desk-assignee"
              name="staffId"
              label={th.assignTo}
              value={thread.assignedStaffId ? String(thread.assignedStaffId) : ""}
              error={errors.staffId}
              options={[
                { value: "", label: th.nobody },
                ...detail.staff.map((s) => ({ value: String(s.id), label: fill(d.who, { name: s.name, role: d.roles[s.role as keyof typeof d.roles] ?? s.role }) })),
              ]}
            />
          </div>
          <button type="submit">{th.assign}</button>
        </form>
      ) : null}
      {thread.assignedStaffId !== desk?.staffId ? (
        <form method="post" action={`${base}/take`}>
          <DeskCsrf />
          <button type="submit">{th.take}</button>
        </form>
      ) : null}
    </section>
  );
}

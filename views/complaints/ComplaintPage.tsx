import { fill, formatDate } from "../../src/lib/i18n.ts";
import type { ThreadDetail } from "../../src/lib/threads.ts";
import type { Nature } from "../../src/features/complaints/service.ts";
import { useView } from "../ui/context.ts";
import { type FieldErrors, Notice } from "../ui/Field.tsx";
import { ReplyForm, ThreadView } from "../threads/ThreadView.tsx";
import { can } from "../../src/lib/principal.ts";

export type ComplaintFacts = { contractNumber: string | null; service: string | null; nature: string | null; serviceDate: string | null; documentId: number | null };

/** One complaint: what was filed, the messages both ways, and the customer's reply or Close. */
export function ComplaintPage({ detail, facts, values, errors, notice }: { detail: ThreadDetail; facts: ComplaintFacts; values?: Record<string, string>; errors?: FieldErrors; notice?: string }) {
  const { t, locale, env, principal } = useView();
  const k = t.complaints;
  const { thread } = detail;
  const base = `/${locale}/complaints/${thread.id}`;
  const nature = facts.nature ? (k.natures[facts.nature as Nature] ?? facts.nature) : null;
  return (
    <>
      <h1>{fill(k.detailTitle, { reference: String(thread.id) })}</h1>
      {notice ? <Notice kind="ok">{notice}</Notice> : null}
      <dl class="facts">
        <dt>{k.status}</dt>
        <dd>{k.statuses[thread.status]}</dd>
        <dt>{k.subject}</dt>
        <dd>{thread.title}</dd>
        {facts.contractNumber ? (
          <>
            <dt>{k.contract}</dt>
            <dd>{facts.contractNumber}</dd>
            <dt>{k.service}</dt>
            <dd>{facts.service}</dd>
          </>
        ) : null}
        {nature ? (
          <>
            <dt>{k.nature}</dt>
            <dd>{nature}</dd>
          </>
        ) : null}
        {facts.serviceDate ? (
          <>
            <dt>{k.serviceDate}</dt>
            <dd>{formatDate(locale, Date.parse(`${facts.serviceDate}T12:00:00Z`))}</dd>
          </>
        ) : null}
      </dl>
      <ThreadView messages={detail.messages} viewer="customer" providerName={env.PROVIDER_NAME} attachmentHref={(file) => `${base}/attachments/${file.id}`} />
      {thread.status === "closed" ? (
        <p class="notice">
          {k.thread.closed} {thread.closedAt ? fill(k.thread.closedOn, { date: formatDate(locale, thread.closedAt) }) : null}
        </p>
      ) : principal && can(principal, "complaints", "create") ? (
        <ReplyForm action={`${base}/messages`} closeAction={`${base}/close`} values={values} errors={errors} />
      ) : null}
      <p>
        <a href={`/${locale}/complaints`}>{k.backToList}</a>
      </p>
    </>
  );
}

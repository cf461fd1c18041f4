import type { Detail, Subject, TicketFacts } from "../../src/features/tickets/service.ts";
import { fill, formatDate } from "../../src/lib/i18n.ts";
import { orderNumber } from "../../src/lib/orders.ts";
import { formatBelgianPhone } from "../../src/lib/phone.ts";
import { can } from "../../src/lib/principal.ts";
import type { ThreadDetail } from "../../src/lib/threads.ts";
import { ReplyForm, ThreadView } from "../threads/ThreadView.tsx";
import { useView } from "../ui/context.ts";
import { type FieldErrors, Notice } from "../ui/Field.tsx";

const day = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

/** One ticket: the request, the answers both ways, the customer's reply (with files) or Close. */
export function TicketPage({ detail, facts, values, errors, notice }: { detail: ThreadDetail; facts: TicketFacts; values?: Record<string, string>; errors?: FieldErrors; notice?: string }) {
  const { t, locale, env, principal } = useView();
  const k = t.tickets;
  const { thread } = detail;
  const base = `/${locale}/tickets/${thread.id}`;
  return (
    <>
      <h1>{fill(k.detailTitle, { reference: String(thread.id) })}</h1>
      {notice ? <Notice kind="ok">{notice}</Notice> : null}
      <section aria-labelledby="ticket-summary">
        <h2 id="ticket-summary">{k.summary}</h2>
        <dl class="facts">
          <dt>{t.complaints.status}</dt>
          <dd>{t.complaints.statuses[thread.status]}</dd>
          <dt>{k.subject}</dt>
          <dd>{k.subjects[facts.subject as Subject] ?? facts.subject}</dd>
          <dt>{k.detail}</dt>
          <dd>{k.details[facts.detail as Detail] ?? facts.detail}</dd>
          {facts.phoneNumber ? (
            <>
              <dt>{k.phoneNumber}</dt>
              <dd>{formatBelgianPhone(facts.phoneNumber)}</dd>
            </>
          ) : null}
          {facts.actionDate ? (
            <>
              <dt>{k.actionDate}</dt>
              <dd>{formatDate(locale, day(facts.actionDate))}</dd>
            </>
          ) : null}
          {facts.quantity !== null ? (
            <>
              <dt>{k.quantity}</dt>
              <dd>{facts.quantity}</dd>
              <dt>{k.address}</dt>
              <dd>{`${facts.street ?? ""} ${facts.houseNumber ?? ""}${facts.suffix ?? ""}${facts.box ? ` ${k.box} ${facts.box}` : ""}, ${facts.postcode ?? ""} ${facts.locality ?? ""}`}</dd>
            </>
          ) : null}
          {facts.orderId !== null && facts.deliveryDate ? (
            <>
              <dt>{k.order}</dt>
              <dd>{fill(k.orderPlaced, { order: orderNumber(facts.orderId), date: formatDate(locale, day(facts.deliveryDate)) })}</dd>
            </>
          ) : null}
          <dt>{k.email}</dt>
          <dd>{facts.requesterEmail}</dd>
          {facts.requesterMobile ? (
            <>
              <dt>{k.mobile}</dt>
              <dd>{formatBelgianPhone(facts.requesterMobile)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <ThreadView messages={detail.messages} viewer="customer" providerName={env.PROVIDER_NAME} attachmentHref={(file) => `${base}/attachments/${file.id}`} />
      {thread.status === "closed" ? (
        <p class="notice">
          {t.complaints.thread.closed} {thread.closedAt ? fill(t.complaints.thread.closedOn, { date: formatDate(locale, thread.closedAt) }) : null}
        </p>
      ) : principal && can(principal, "complaints", "create") ? (
        <ReplyForm action={`${base}/messages`} closeAction={`${base}/close`} values={values} errors={errors} />
      ) : null}
      <p>
        <a href={`/${locale}/tickets`}>{k.backToList}</a>
      </p>
    </>
  );
}

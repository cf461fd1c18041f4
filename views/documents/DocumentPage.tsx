import type { DocumentDetail, LastDelivery } from "../../src/features/documents/service.ts";
import type { Delivery } from "../../src/features/einvoice/deliveries.ts";
import { fill, formatDate, formatMoney } from "../../src/lib/i18n.ts";
import { can } from "../../src/lib/principal.ts";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";

const day = (isoDay: string) => Date.parse(`${isoDay}T12:00:00Z`);

/** "Peppol · delivered 03/12/2026", "Peppol · failed: recipient unknown": one catalog entry per status. */
export function DeliveryText({ delivery }: { delivery: LastDelivery }) {
  const { t, locale } = useView();
  const e = t.einvoice;
  const channel = e.channels[delivery.channel];
  if (delivery.status === "failed") return <>{fill(e.delivery.failed, { channel, reason: reasonText(e.reasons, delivery.reason) })}</>;
  return <>{fill(e.delivery[delivery.status], { channel, date: formatDate(locale, delivery.at) })}</>;
}

function reasonText(reasons: Record<string, string>, reason: string | null): string {
  return (reason && reasons[reason]) || reasons.rejected!;
}

/** A document's page: what it is, its files, and every way it was delivered (#12). */
export function DocumentPage({ doc, deliveries }: { doc: DocumentDetail; deliveries: Delivery[] }) {
  const { t, locale, principal } = useView();
  const e = t.einvoice;
  const d = e.document;
  const billing = doc.kind === "invoice" || doc.kind === "credit_note" || doc.kind === "reminder";
  const sign = doc.kind === "credit_note" ? -1 : 1;
  const base = `/${locale}/documents/${doc.id}`;
  return (
    <>
      <h1>{fill(d.title, { kind: t.documents.pdf.kinds[doc.kind], reference: doc.reference })}</h1>
      <section class="card" aria-labelledby="document-details">
        <h2 id="document-details">{d.details}</h2>
        <dl>
          <dt>{d.kind}</dt>
          <dd>{t.documents.pdf.kinds[doc.kind]}</dd>
          <dt>{d.reference}</dt>
          <dd>{doc.reference}</dd>
          <dt>{d.date}</dt>
          <dd>{formatDate(locale, day(doc.documentDate))}</dd>
          {billing && doc.amountCents !== null ? (
            <>
              <dt>{d.amount}</dt>
              <dd>{formatMoney(locale, sign * doc.amountCents)}</dd>
            </>
          ) : null}
          {billing && doc.dueDate ? (
            <>
              <dt>{d.dueDate}</dt>
              <dd>{formatDate(locale, day(doc.dueDate))}</dd>
            </>
          ) : null}
        </dl>
        {can(principal!, "documents", "download") ? (
          <p>
            <a class="button" href={`${base}/pdf?download=1`} hx-boost="false">
              {d.downloadPdf}
            </a>
            {doc.kind === "invoice" || doc.kind === "credit_note" ? (
              <>
                {" "}
                <a class="button secondary" href={`${base}/ubl`} hx-boost="false" download>
                  {d.downloadUbl}
                </a>
              </>
            ) : null}
          </p>
        ) : null}
      </section>
      <section class="card" aria-labelledby="document-deliveries">
        <h2 id="document-deliveries">{d.deliveries}</h2>
        {deliveries.length === 0 ? (
          <p>{d.noDeliveries}</p>
        ) : (
          <DataTable columns={[d.when, d.channel, d.recipient, d.status, d.transmission]}>
            {deliveries.map((row) => (
              <tr data-delivery={row.channel}>
                <td>{formatDate(locale, row.status === "delivered" ? row.updatedAt : row.createdAt)}</td>
                <td>{e.channels[row.channel]}</td>
                <td>{row.recipient ?? "—"}</td>
                <td>{row.status === "failed" ? fill(t.app.labelValue, { label: e.statuses.failed, value: reasonText(e.reasons, row.reason) }) : e.statuses[row.status]}</td>
                <td>{row.transmissionId ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <p>
        <a href={`/${locale}/documents?tab=${doc.kind}`}>{d.back}</a>
      </p>
    </>
  );
}

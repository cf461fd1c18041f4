import type { DocumentsList, DocumentRow, ListQuery } from "../../src/features/documents/service.ts";
import { kindsFor } from "../../src/features/documents/service.ts";
import { hasWaste } from "../../src/lib/applications.ts";
import { fill, formatDate, formatMoney, plural } from "../../src/lib/i18n.ts";
import { can } from "../../src/lib/principal.ts";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { RadioGroup, Select } from "../ui/choices.tsx";
import { CsrfField } from "../ui/CsrfField.tsx";
import { Pager } from "../ui/Pager.tsx";
import { DeliveryText } from "./DocumentPage.tsx";

export const SELECTION_ID = "documents-selection";

/** The list's address with some parameters changed; empty values are left out. */
export function listHref(locale: string, query: ListQuery, change: Partial<Record<keyof ListQuery, string | number | null>>): string {
  const merged: Record<string, string | number | null> = { tab: query.kind, site: query.site, contract: query.contract, from: query.from, to: query.to, after: null, before: null, ...change };
  if (change.kind) merged.tab = change.kind;
  delete merged.kind;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== null && value !== "") params.set(key, String(value));
  return `/${locale}/documents?${params}`;
}

const day = (isoDay: string) => Date.parse(`${isoDay}T12:00:00Z`);

/** Manual p.11: one tab per document type, the filters, the list with its checkboxes, the selection. */
export function DocumentsPage({ query, list, selected, retentionMonths, dateError }: { query: ListQuery; list: DocumentsList; selected: number[]; retentionMonths: number; dateError?: string }) {
  const { t, locale, principal } = useView();
  const d = t.documents;
  const here = listHref(locale, query, { after: query.after, before: query.before });
  // A building filter only where there are buildings to choose: a waste head office.
  const buildings = hasWaste(principal) && list.sites.length > 1;
  return (
    <>
      <h1>{d.title}</h1>
      <p class="hint">{d.intro}</p>
      <nav aria-label={d.tabs}>
        <ul class="tabs">
          {kindsFor(principal!).map((kind) => (
            <li>
              <a href={listHref(locale, query, { kind })} aria-current={kind === query.kind ? "page" : undefined}>
                {d.kinds[kind]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {query.kind === "invoice" || query.kind === "credit_note" || query.kind === "reminder" ? <p class="hint">{fill(d.retention, { months: retentionMonths })}</p> : null}
      <form class="card" role="search" method="get" action={`/${locale}/documents`} aria-label={d.filters}>
        <input type="hidden" name="tab" value={query.kind} />
        {buildings ? (
          <Select
            id="documents-site"
            name="site"
            label={d.building}
            value={query.site === null ? undefined : String(query.site)}
            options={[{ value: "", label: d.all }, ...list.sites.map((site) => ({ value: String(site.id), label: site.label }))]}
          />
        ) : null}
        <Select
          id="documents-contract"
          name="contract"
          label={d.contract}
          value={query.contract === null ? undefined : String(query.contract)}
          options={[{ value: "", label: d.all }, ...list.contracts.map((k) => ({ value: String(k.id), label: k.label }))]}
        />
        <label for="documents-from">{d.dateFrom}</label>
        <input type="date" id="documents-from" name="from" value={query.from ?? ""} aria-invalid={dateError ? "true" : undefined} aria-describedby={dateError ? "documents-dates-error" : undefined} />
        <label for="documents-to">{d.dateTo}</label>
        <input type="date" id="documents-to" name="to" value={query.to ?? ""} aria-invalid={dateError ? "true" : undefined} aria-describedby={dateError ? "documents-dates-error" : undefined} />
        {dateError ? (
          <p class="field-error" id="documents-dates-error" role="alert">
            {dateError}
          </p>
        ) : null}
        <div>
          <button type="submit">{d.apply}</button>
        </div>
      </form>
      <SelectionBlock count={selected.length} back={here} />
      {dateError ? null : <DocumentsTable query={query} list={list} selected={selected} back={here} />}
    </>
  );
}

/** The counter and the actions on the selection; htmx swaps it after each tick. Files are plain links: htmx must not swap a PDF or ZIP into the page. */
export function SelectionBlock({ count, back }: { count: number; back: string }) {
  const { t, locale, principal } = useView();
  const d = t.documents;
  const mayDownload = can(principal!, "documents", "download");
  return (
    <section class="card" id={SELECTION_ID} aria-live="polite">
      <p>
        <strong>{plural(locale, d.selected, count)}</strong>
      </p>
      {count > 0 ? (
        <div>
          {mayDownload ? (
            // A plain GET form: the ZIP is saved by the browser, never swapped into the page.
            <form method="get" action={`/${locale}/documents/selection.zip`} hx-boost="false">
              <RadioGroup
                id="zip-format"
                name="format"
                legend={d.zipFormat}
                hint={d.zipFormatHint}
                value="pdf"
                items={[
                  { value: "pdf", label: d.zipFormats.pdf },
                  { value: "ubl", label: d.zipFormats.ubl },
                  { value: "both", label: d.zipFormats.both },
                ]}
              />
              <button type="submit">{d.downloadSelection}</button>
            </form>
          ) : null}{" "}
          <form class="inline" method="post" action={`/${locale}/documents/selection/clear`}>
            <CsrfField />
            <input type="hidden" name="back" value={back} />
            <button type="submit" class="linkbutton">
              {d.clearSelection}
            </button>
          </form>
        </div>
      ) : null}
    </section>
  );
}

function DocumentsTable({ query, list, selected, back }: { query: ListQuery; list: DocumentsList; selected: number[]; back: string }) {
  const { t, locale, principal } = useView();
  const d = t.documents;
  const action = `/${locale}/documents/selection`;
  const chosen = new Set(selected);
  const billing = query.kind === "invoice" || query.kind === "credit_note" || query.kind === "reminder";
  const mayDownload = can(principal!, "documents", "download");
  if (list.rows.length === 0) return <p>{d.noDocuments}</p>;
  return (
    <form method="post" action={action} id="documents-list">
      <CsrfField />
      <input type="hidden" name="back" value={back} />
      <DataTable
        columns={[
          d.reference,
          { label: d.documentDate, sort: "descending" },
          billing && d.amount,
          billing && d.payment,
          billing && d.status,
          billing && mayDownload && d.ublColumn,
          billing && t.einvoice.deliveryColumn,
          d.select,
        ]}
      >
        {list.rows.map((row) => (
          <Row row={row} checked={chosen.has(row.id)} billing={billing} mayDownload={mayDownload} action={action} />
        ))}
      </DataTable>
      <button type="submit" class="secondary">
        {d.updateSelection}
      </button>
      {/* The pager submits this form: the ticks of this page are kept, then the other page is shown (also without JavaScript). */}
      <Pager
        label={d.pagination}
        field="page"
        previous={list.previous ? listHref(locale, query, { before: list.previous }) : null}
        next={list.next ? listHref(locale, query, { after: list.next }) : null}
        labels={{ previous: d.previous, next: d.next }}
      />
    </form>
  );
}

function Row({ row, checked, billing, mayDownload, action }: { row: DocumentRow; checked: boolean; billing: boolean; mayDownload: boolean; action: string }) {
  const { t, locale } = useView();
  const d = t.documents;
  const base = `/${locale}/documents/${row.id}`;
  return (
    <tr>
      <td>
        {mayDownload ? (
          <a href={`${base}/pdf`} hx-boost="false">
            {row.reference}
          </a>
        ) : (
          row.reference
        )}
      </td>
      <td>{formatDate(locale, day(row.documentDate))}</td>
      {billing ? <td>{row.amountCents === null ? "" : formatMoney(locale, (row.kind === "credit_note" ? -1 : 1) * row.amountCents)}</td> : null}
      {billing ? (
        <td data-payment={row.reference}>{(row.openCents ?? 0) > 0 ? fill(d.openAmount, { amount: formatMoney(locale, (row.kind === "credit_note" ? -1 : 1) * row.openCents!) }) : d.paid}</td>
      ) : null}
      {billing ? <td>{row.state === "open" ? <a href={`${base}/contest`}>{d.contest}</a> : row.state === "contested" ? d.contested : d.accepted}</td> : null}
      {billing && mayDownload ? (
        <td>
          {/* Next to the PDF (the reference's link): the same document as e-invoice, for invoices and credit notes. */}
          {row.kind === "invoice" || row.kind === "credit_note" ? (
            <a href={`${base}/ubl`} hx-boost="false" download aria-label={fill(d.ublOf, { reference: row.reference })}>
              {d.ublLink}
            </a>
          ) : null}
        </td>
      ) : null}
      {billing ? (
        <td data-delivery={row.reference}>
          {row.delivery ? (
            <a href={base}>
              <DeliveryText delivery={row.delivery} />
            </a>
          ) : null}
        </td>
      ) : null}
      <td>
        <input type="hidden" name="shown" value={String(row.id)} />
        {/* With htmx a tick posts the page's ticks at once and only the counter is swapped. */}
        <input
          type="checkbox"
          name="selected"
          value={String(row.id)}
          checked={checked}
          aria-label={fill(d.selectOne, { reference: row.reference })}
          hx-post={action}
          hx-trigger="change"
          hx-include="closest form"
          hx-target={`#${SELECTION_ID}`}
          hx-swap="outerHTML"
        />
      </td>
    </tr>
  );
}

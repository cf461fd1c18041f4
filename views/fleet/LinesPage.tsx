import { formatMsisdn } from "../../src/features/fleet/msisdn.ts";
import { type LinesQuery, linesHref, type Overview, type OverviewRow, type SortKey } from "../../src/features/fleet/lines-service.ts";
import { managesFleet } from "../../src/features/fleet/scope.ts";
import { LINE_STATUSES } from "../../src/db/schema/enums.ts";
import { assets } from "../../src/generated/assets.ts";
import { fill, plural } from "../../src/lib/i18n.ts";
import { can } from "../../src/lib/principal.ts";
import { Select } from "../ui/choices.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Field } from "../ui/Field.tsx";
import { Pager } from "../ui/Pager.tsx";
import { SelectionBar } from "./lines/SelectionBar.tsx";

export const LIST_ID = "fleet-lines";

/** 003 "Vue d'ensemble des cartes SIM": search, filters, the sortable list with its checkboxes, the selection bar, the export. */
export function LinesPage({ query, overview, singleId }: { query: LinesQuery; overview: Overview; singleId: number | null }) {
  const { t, locale, principal } = useView();
  const l = t.fleetLines;
  const p = principal!;
  const here = linesHref(locale, query, { after: query.after, before: query.before });
  const exportHref = linesHref(locale, query).replace("/fleet/lines", "/fleet/lines.xlsx");
  return (
    <>
      <p>
        <a href={`/${locale}/fleet`}>{l.back}</a>
      </p>
      <h1>{l.title}</h1>
      {managesFleet(p) && can(p, "fleet", "manage") ? (
        <p>
          <a class="button" href={`/${locale}/fleet/lines/new`}>
            {l.addSim}
          </a>
        </p>
      ) : null}
      <form class="card" role="search" method="get" action={`/${locale}/fleet/lines`} aria-label={l.filters}>
        <Field id="fleet-q" name="q" type="search" label={l.search} hint={l.searchHint} value={query.filter.q} maxlength={100} />
        <Select
          id="fleet-status"
          name="status"
          label={l.status}
          value={query.filter.status ?? ""}
          options={[{ value: "", label: l.all }, ...LINE_STATUSES.map((s) => ({ value: s, label: t.fleet.statuses[s] }))]}
        />
        <Select
          id="fleet-plan"
          name="plan"
          label={l.plan}
          value={query.filter.plan === null ? "" : String(query.filter.plan)}
          options={[{ value: "", label: l.all }, ...overview.plans.map((plan) => ({ value: String(plan.id), label: plan.name }))]}
        />
        {query.sort !== "msisdn" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <div>
          <button type="submit">{l.apply}</button>
        </div>
      </form>
      <p>
        <strong id="fleet-matching">{plural(locale, l.matching, overview.total)}</strong>
        {managesFleet(p) && overview.total > 0 ? (
          <>
            {" "}
            <a href={exportHref} download hx-boost="false">
              {l.exportExcel}
            </a>
          </>
        ) : null}
      </p>
      {overview.rows.length === 0 ? <p>{l.noLines}</p> : <LinesTable query={query} overview={overview} back={here} />}
      <SelectionBar count={overview.selectedCount} back={here} singleId={singleId} />
      <script src={assets.fleetSelection} defer></script>
    </>
  );
}

function LinesTable({ query, overview, back }: { query: LinesQuery; overview: Overview; back: string }) {
  const { t, locale } = useView();
  const l = t.fleetLines;
  const c = t.fleet.column;
  const action = `/${locale}/fleet/selection`;
  // A column header is a button of the list's form: the ticks of this page are kept, then the list is sorted (also without JavaScript).
  const header = (key: SortKey, label: string) => {
    const current = query.sort === key;
    const dir = current && query.dir === "asc" ? "desc" : "asc";
    return {
      label: (
        <button type="submit" class="linkbutton" name="page" value={linesHref(locale, query, { sort: key, dir })} aria-label={fill(l.sortBy, { column: label })}>
          {label}
        </button>
      ),
      sort: current ? (query.dir === "asc" ? ("ascending" as const) : ("descending" as const)) : ("none" as const),
    };
  };
  return (
    <form method="post" action={action} id={LIST_ID} data-fleet-list="">
      <CsrfField />
      <input type="hidden" name="back" value={back} />
      <input type="hidden" name="q" value={query.filter.q ?? ""} />
      <input type="hidden" name="status" value={query.filter.status ?? ""} />
      <input type="hidden" name="plan" value={query.filter.plan === null ? "" : String(query.filter.plan)} />
      <DataTable
        label={l.table}
        columns={[l.select, header("msisdn", c.phoneNumber), header("description", c.description), header("plan", c.plan), header("status", c.status), header("billing", c.billingAccount), c.options]}
      >
        {overview.rows.map((row) => (
          <Row row={row} action={action} />
        ))}
      </DataTable>
      <p>
        <button type="submit" class="secondary">
          {l.updateSelection}
        </button>{" "}
        {overview.total > overview.selectedCount ? (
          <button type="submit" class="secondary" formaction={`${action}/all`} data-select-all="">
            {plural(locale, l.selectAll, overview.total)}
          </button>
        ) : null}
      </p>
      {/* The pager submits this form: the ticks of this page are kept, then the other page is shown (also without JavaScript). */}
      <Pager
        label={l.pagination}
        field="page"
        first={{ href: query.after || query.before ? linesHref(locale, query) : null, label: l.first }}
        previous={overview.previous ? linesHref(locale, query, { before: overview.previous }) : null}
        next={overview.next ? linesHref(locale, query, { after: overview.next }) : null}
        labels={{ previous: l.previous, next: l.next }}
      />
    </form>
  );
}

function Row({ row, action }: { row: OverviewRow; action: string }) {
  const { t, locale } = useView();
  const l = t.fleetLines;
  const number = formatMsisdn(row.msisdn) || row.iccid;
  return (
    <tr data-line={row.msisdn ?? ""}>
      <td>
        <input type="hidden" name="shown" value={String(row.id)} />
        {/* With htmx a tick posts the page's ticks at once and only the selection bar is swapped. */}
        <input
          type="checkbox"
          name="selected"
          value={String(row.id)}
          checked={row.selected}
          aria-label={fill(l.selectOne, { number })}
          hx-post={action}
          hx-trigger="change"
          hx-include="closest form"
          hx-target="#fleet-selection"
          hx-swap="outerHTML"
        />
      </td>
      <td>
        <a href={`/${locale}/fleet/lines/${row.id}`}>{number}</a>
      </td>
      <td>{row.description}</td>
      <td>{row.planName}</td>
      <td>{t.fleet.statuses[row.status]}</td>
      <td>{row.billingAccount ?? ""}</td>
      <td>{row.options ?? ""}</td>
    </tr>
  );
}

import type { CallRow, CallsPage as CallsPageData } from "../../../src/features/fleet/calls-service.ts";
import { fill, formatDateTime, formatMoney, plural } from "../../../src/lib/i18n.ts";
import { Select } from "../../ui/choices.tsx";
import { useView } from "../../ui/context.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { Pager } from "../../ui/Pager.tsx";
import { formatPeriod } from "../usage/format.tsx";
import { lineLabel, LineUsageLinks } from "../usage/LineUsagePage.tsx";

/** "0:03:25": a call's duration; nothing for an SMS or MMS. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/** 002 call details: a billed period of the last 6 months, its records 50 a page, the downloads. */
export function CallsPage({ page }: { page: CallsPageData }) {
  const { t, locale } = useView();
  const u = t.fleetUsage;
  const base = `/${locale}/fleet/lines/${page.line.id}/calls`;
  const here = (extra: string) => `${base}?period=${page.period}${extra}`;
  return (
    <>
      <p>
        <a href={`/${locale}/fleet/lines/${page.line.id}`}>{u.backToLine}</a>
      </p>
      <h1>{fill(u.callsTitle, { number: lineLabel(page.line) })}</h1>
      <LineUsageLinks lineId={page.line.id} />
      <p class="hint">{u.callsIntro}</p>
      {page.periods.length === 0 ? (
        <p>{u.noPeriods}</p>
      ) : (
        <form method="get" action={base} class="card">
          <Select id="calls-period" name="period" label={u.choosePeriod} value={page.period ?? ""} options={page.periods.map((p) => ({ value: p, label: formatPeriod(locale, p) }))} />
          <div>
            <button type="submit">{u.show}</button>
          </div>
        </form>
      )}
      {page.period ? (
        <section aria-labelledby="calls-list">
          <h2 id="calls-list">{plural(locale, u.callsCount, page.total, { period: formatPeriod(locale, page.period) })}</h2>
          {page.total > 0 ? (
            <p>
              <a href={`${base}.csv?period=${page.period}`} download hx-boost="false">
                {u.exportCsv}
              </a>{" "}
              <a href={`${base}.xlsx?period=${page.period}`} download hx-boost="false">
                {u.exportXlsx}
              </a>
            </p>
          ) : null}
          {page.rows.length === 0 ? <p>{u.noCalls}</p> : <CallsTable rows={page.rows} />}
          <Pager
            label={u.callsPagination}
            first={{ href: page.previous ? here("") : null, label: u.first }}
            previous={page.previous ? here(`&before=${encodeURIComponent(page.previous)}`) : null}
            next={page.next ? here(`&after=${encodeURIComponent(page.next)}`) : null}
            labels={{ previous: u.previous, next: u.next }}
          />
        </section>
      ) : null}
    </>
  );
}

function CallsTable({ rows }: { rows: CallRow[] }) {
  const { t, locale } = useView();
  const u = t.fleetUsage;
  const c = u.callColumn;
  return (
    <DataTable label={u.callsTable} columns={[c.when, c.kind, c.number, c.duration, c.roaming, c.amount]}>
      {rows.map((row) => (
        <tr>
          <td>{formatDateTime(locale, row.startedAt)}</td>
          <td>{u.kinds[row.kind]}</td>
          <td>{row.number}</td>
          <td>{row.kind === "voice" ? formatDuration(row.durationSeconds) : ""}</td>
          <td>{row.roamingCountry ?? ""}</td>
          <td>{formatMoney(locale, row.cents)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

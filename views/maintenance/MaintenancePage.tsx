import type { MaintenanceNotice } from "../../src/features/maintenance/service.ts";
import { fill } from "../../src/lib/i18n.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { Pager } from "../ui/Pager.tsx";
import { useView } from "../ui/context.ts";
import { clock, durationText, longDay, shortWindow } from "./format.ts";

/** A window's hours: "23:00 to 02:00", or with both dates when it lasts a day or more. */
export function WindowHours({ notice }: { notice: MaintenanceNotice }) {
  const { t, locale } = useView();
  const m = t.maintenance;
  if (shortWindow(notice)) return <>{fill(m.hours, { from: clock(locale, notice.startsAt), to: clock(locale, notice.endsAt) })}</>;
  return <>{fill(m.longHours, { from: `${longDay(locale, notice.startsAt)} ${clock(locale, notice.startsAt)}`, to: `${longDay(locale, notice.endsAt)} ${clock(locale, notice.endsAt)}` })}</>;
}

/**
 * The cells every list of notices shows, four so that it fits a phone: when (date, then hours),
 * duration, impact (and "read-only"), and the text with its state (cancelled, in progress).
 */
export function NoticeCells({ notice, now }: { notice: MaintenanceNotice; now: number }) {
  const { t, locale } = useView();
  const m = t.maintenance;
  const state = notice.cancelledAt !== null ? m.cancelled : notice.startsAt <= now && now < notice.endsAt ? m.running : null;
  return (
    <>
      <th scope="row">
        {longDay(locale, notice.startsAt)}
        <br />
        <WindowHours notice={notice} />
      </th>
      <td>{durationText(m, notice)}</td>
      <td>
        {m.severities[notice.severity]}
        {notice.readOnly ? (
          <>
            <br />
            <strong>{m.columns.readOnly}</strong>
          </>
        ) : null}
      </td>
      <td>
        {state ? (
          <>
            <strong class="status">{state}</strong>{" "}
          </>
        ) : null}
        {notice.text[locale]}
      </td>
    </>
  );
}

export const noticeColumns = (m: ReturnType<typeof useView>["t"]["maintenance"]) => [m.columns.date, m.columns.duration, m.columns.severity, m.columns.text];

/** GET /{lang}/maintenance (public): planned windows, soonest first; past ones, most recent first, a page at a time. */
export function MaintenancePage({ planned, past, next, after, now }: { planned: MaintenanceNotice[]; past: MaintenanceNotice[]; next: string | null; after: string | null; now: number }) {
  const { t, locale } = useView();
  const m = t.maintenance;
  const base = `/${locale}/maintenance`;
  return (
    <section>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {after ? null : (
        <>
          <h2 id="maintenance-planned">{m.planned}</h2>
          {planned.length === 0 ? (
            <p>{m.nonePlanned}</p>
          ) : (
            <DataTable matrix label={m.planned} columns={noticeColumns(m).map((label, i) => (i === 0 ? { label, sort: "ascending" as const } : label))}>
              {planned.map((notice) => (
                <tr data-notice={notice.id}>
                  <NoticeCells notice={notice} now={now} />
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
      <h2 id="maintenance-past">{m.past}</h2>
      {past.length === 0 ? (
        <p>{m.nonePast}</p>
      ) : (
        <DataTable matrix label={m.past} columns={noticeColumns(m).map((label, i) => (i === 0 ? { label, sort: "descending" as const } : label))}>
          {past.map((notice) => (
            <tr data-notice={notice.id}>
              <NoticeCells notice={notice} now={now} />
            </tr>
          ))}
        </DataTable>
      )}
      <Pager first={{ href: after ? base : null, label: m.newest }} next={next ? `${base}?after=${encodeURIComponent(next)}#maintenance-past` : null} labels={{ next: m.older }} label={m.past} />
    </section>
  );
}

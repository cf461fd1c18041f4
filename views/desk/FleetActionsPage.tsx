import type { DeskChangeRow } from "../../src/features/fleet/changes.ts";
import { fill } from "../../src/lib/i18n.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { Notice } from "../ui/Field.tsx";
import { Pager } from "../ui/Pager.tsx";
import { showDay } from "../fleet/actions/LineActions.tsx";
import { showNumber } from "../fleet/wizard/WizardPage.tsx";
import { DeskCsrf, useDesk } from "./Layout.tsx";

export type FleetActionsNotice = { kind: "ok" | "error"; text: string };

/** The desk's "Fleet actions": the line changes fleet managers asked for, oldest date first, each with "Complete". */
export function FleetActionsPage({ rows, next, after, notice }: { rows: DeskChangeRow[]; next: string | null; after: string | null; notice?: FleetActionsNotice }) {
  const { t, locale } = useDesk();
  const w = t.fleetWizard.desk;
  const base = `/${locale}/desk/fleet`;
  return (
    <section>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {rows.length === 0 ? (
        <p class="notice">{w.empty}</p>
      ) : (
        <DataTable label={w.title} columns={[w.customer, w.line, w.change, { label: w.date, sort: "ascending" }, ""]}>
          {rows.map((row) => {
            const number = row.msisdn ? showNumber(row.msisdn) : t.fleetWizard.noNumber;
            const change = t.fleet.changeKinds[row.kind];
            return (
              <tr data-change={row.id}>
                <td>
                  {row.customerNumber}
                  <br />
                  <span class="hint">{row.customerName}</span>
                </td>
                <td>
                  {number}
                  <br />
                  <span class="hint">{row.iccid}</span>
                </td>
                <td>
                  {change}
                  {row.payload?.iccid ? (
                    <>
                      <br />
                      <span class="hint">{fill(w.newIccid, { iccid: row.payload.iccid })}</span>
                    </>
                  ) : null}
                </td>
                <td>{showDay(locale, row.effectiveDate)}</td>
                <td>
                  <form class="inline" method="post" action={`${base}/${row.id}/complete`}>
                    <DeskCsrf />
                    <button type="submit" aria-label={fill(w.completeLabel, { change, number })}>
                      {w.complete}
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager first={{ href: after ? base : null, label: t.desk.queues.first }} next={next ? `${base}?after=${encodeURIComponent(next)}` : null} labels={{ next: w.next }} label={w.title} />
    </section>
  );
}

import type { DeskPackRow } from "../../src/features/fleet/packs-service.ts";
import { fill } from "../../src/lib/i18n.ts";
import { showDay } from "../fleet/actions/LineActions.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Notice } from "../ui/Field.tsx";
import { Pager } from "../ui/Pager.tsx";
import { DeskCsrf, useDesk } from "./Layout.tsx";

export type PackRequestsNotice = { kind: "ok" | "error"; text: string };

/** The desk's "Group packs": pending pack requests, oldest first, each with a note and Confirm / Refuse. */
export function PackRequestsPage({ rows, next, after, notice }: { rows: DeskPackRow[]; next: string | null; after: string | null; notice?: PackRequestsNotice }) {
  const { t, locale } = useDesk();
  const p = t.fleetContract.desk;
  const base = `/${locale}/desk/packs`;
  return (
    <section>
      <h1>{p.title}</h1>
      <p>{p.intro}</p>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {rows.length === 0 ? (
        <p class="notice">{p.empty}</p>
      ) : (
        <DataTable label={p.title} columns={[p.customer, p.contract, p.kind, p.offer, p.date, { label: p.asked, sort: "ascending" }, ""]}>
          {rows.map((row) => {
            const kind = p.kinds[row.kind];
            const labels = { kind, contract: row.contractNumber };
            return (
              <tr data-request={row.id}>
                <td>
                  {row.customerNumber}
                  <br />
                  <span class="hint">{row.customerName}</span>
                </td>
                <td>{row.contractNumber}</td>
                <td>{kind}</td>
                <td>
                  {row.offerName ?? row.currentOffer}
                  {row.kind === "modify" ? (
                    <>
                      <br />
                      <span class="hint">{fill(p.current, { offer: row.currentOffer })}</span>
                    </>
                  ) : null}
                </td>
                <td>{showDay(locale, row.effectiveDate)}</td>
                <td>{showDay(locale, new Date(row.createdAt).toISOString().slice(0, 10))}</td>
                <td>
                  <form method="post" action={`${base}/${row.id}/confirm`}>
                    <DeskCsrf />
                    <label for={`note-${row.id}`}>{p.note}</label>
                    <input id={`note-${row.id}`} name="note" maxlength={500} />
                    <button type="submit" aria-label={fill(p.confirmLabel, labels)}>
                      {p.confirm}
                    </button>{" "}
                    <button type="submit" class="secondary" formaction={`${base}/${row.id}/refuse`} aria-label={fill(p.refuseLabel, labels)}>
                      {p.refuse}
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager first={{ href: after ? base : null, label: t.desk.queues.first }} next={next ? `${base}?after=${encodeURIComponent(next)}` : null} labels={{ next: p.next }} label={p.title} />
    </section>
  );
}

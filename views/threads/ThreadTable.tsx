import { formatDate, formatDateTime } from "../../src/lib/i18n.ts";
import type { ThreadList } from "../../src/lib/threads.ts";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { Pager } from "../ui/Pager.tsx";

/** A list of threads (complaints or tickets) with their status, newest activity first, by keyset. */
export function ThreadTable({ list, base, empty }: { list: ThreadList; base: string; empty: string }) {
  const { t, locale } = useView();
  const k = t.complaints;
  if (list.rows.length === 0) return <p>{empty}</p>;
  return (
    <>
      <DataTable columns={[k.reference, k.subject, k.filed, { label: k.updated, sort: "descending" }, k.status]}>
        {list.rows.map((row) => (
          <tr>
            <td>
              <a href={`${base}/${row.id}`}>{row.id}</a>
            </td>
            <td>{row.title}</td>
            <td>{formatDate(locale, row.createdAt)}</td>
            <td>{formatDateTime(locale, row.updatedAt)}</td>
            <td>{k.statuses[row.status]}</td>
          </tr>
        ))}
      </DataTable>
      <Pager
        previous={list.previous ? `${base}?before=${encodeURIComponent(list.previous)}` : null}
        next={list.next ? `${base}?after=${encodeURIComponent(list.next)}` : null}
        labels={{ previous: k.newer, next: k.older }}
        label={k.pagination}
      />
    </>
  );
}

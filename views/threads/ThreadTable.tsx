import { formatDate, formatDateTime } from "../../src/lib/i18n.ts";
import type { ThreadList } from "../../src/lib/threads.ts";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";

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
      {list.previous || list.next ? (
        <nav aria-label={k.pagination}>
          <p>
            {list.previous ? (
              <a href={`${base}?before=${encodeURIComponent(list.previous)}`} rel="prev">
                {k.newer}
              </a>
            ) : null}{" "}
            {list.next ? (
              <a href={`${base}?after=${encodeURIComponent(list.next)}`} rel="next">
                {k.older}
              </a>
            ) : null}
          </p>
        </nav>
      ) : null}
    </>
  );
}

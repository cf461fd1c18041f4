import type { Child } from "hono/jsx";

export type AriaSort = "ascending" | "descending" | "none" | "other";
/** A column header: its content and, on a sortable column, the order the rows are in. */
export type Column = { label: Child; sort?: AriaSort };

/**
 * A table of rows (GOV.UK "Table"): named by a caption or an aria-label, column headers with
 * scope="col", aria-sort on the column the rows are sorted by. Columns given as null or false are
 * left out (a column that applies to some lists only). It scrolls sideways in its own box on a
 * narrow screen instead of the page. `matrix`: a two-way table (row headers on the left), whose
 * first column stays in view on a phone instead of the last.
 */
export function DataTable({
  caption,
  label,
  columns,
  wrap = true,
  matrix = false,
  children,
}: {
  caption?: Child;
  label?: string;
  columns: (Column | Child | null | false)[];
  wrap?: boolean;
  matrix?: boolean;
  children: Child;
}) {
  const headers = columns.filter((column) => column !== null && column !== false && column !== undefined).map((column) => (isColumn(column) ? column : { label: column }));
  const table = (
    <table aria-label={label} class={matrix ? "matrix" : undefined}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {headers.map((column) => (
            <th scope="col" aria-sort={column.sort}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return wrap ? <div class="table-wrap">{table}</div> : table;
}

function isColumn(value: unknown): value is Column {
  return typeof value === "object" && value !== null && "label" in value && !("tag" in value);
}

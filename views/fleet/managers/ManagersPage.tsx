import { formatMsisdn } from "../../../src/features/fleet/msisdn.ts";
import type { ManagerSort, ManagersList, ManagersQuery } from "../../../src/features/fleet/managers-service.ts";
import { fill, plural } from "../../../src/lib/i18n.ts";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { Field, Notice } from "../../ui/Field.tsx";
import { Pager } from "../../ui/Pager.tsx";
import { useView } from "../../ui/context.ts";

export const MANAGERS_RESULTS_ID = "fleet-managers-results";

/** The list's address with some parameters changed; defaults are left out. */
export function managersHref(locale: string, query: ManagersQuery, change: Partial<ManagersQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.dir !== "asc") params.set("dir", next.dir);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return `/${locale}/fleet/managers${search ? `?${search}` : ""}`;
}

/** 003 "Gérer les profils utilisateur": search, the list (description, role, status, numbers), "Créer un nouvel utilisateur". */
export function ManagersPage({ query, list, notice }: { query: ManagersQuery; list: ManagersList; notice?: string }) {
  const { t, locale } = useView();
  const m = t.fleetManagers;
  const action = `/${locale}/fleet/managers`;
  return (
    <>
      <p>
        <a href={`/${locale}/fleet`}>{m.back}</a>
      </p>
      <h1>{m.title}</h1>
      <p class="hint">{m.intro}</p>
      {notice ? <Notice kind="ok">{notice}</Notice> : null}
      <p>
        <a class="button" href={`/${locale}/fleet/managers/new`}>
          {m.createUser}
        </a>
      </p>
      <form class="card" role="search" method="get" action={action} aria-label={m.search}>
        <div
          hx-get={action}
          hx-trigger="input changed delay:300ms from:#managers-q, search from:#managers-q"
          hx-target={`#${MANAGERS_RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-include="closest form"
        >
          <Field id="managers-q" name="q" type="search" label={m.search} hint={m.searchHint} value={query.q} maxlength={100} />
        </div>
        {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <div>
          <button type="submit">{m.apply}</button>
        </div>
      </form>
      <ManagersResults query={query} list={list} />
    </>
  );
}

function sortColumn(locale: string, query: ManagersQuery, column: ManagerSort, label: string, sortBy: string): Column {
  const active = query.sort === column;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  return {
    sort: active ? (query.dir === "asc" ? "ascending" : "descending") : "none",
    label: (
      <a href={managersHref(locale, query, { sort: column, dir, page: 1 })} aria-label={fill(sortBy, { column: label })}>
        {label}
        <span aria-hidden="true">{active ? (query.dir === "asc" ? " ▲" : " ▼") : " ■"}</span>
      </a>
    ),
  };
}

/** The part a search swaps: the count, the table and the pages. */
export function ManagersResults({ query, list }: { query: ManagersQuery; list: ManagersList }) {
  const { t, locale } = useView();
  const m = t.fleetManagers;
  return (
    <div id={MANAGERS_RESULTS_ID}>
      <p>{plural(locale, m.shown, list.total, { count: list.rows.length, total: list.total })}</p>
      {list.rows.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <DataTable
          label={m.table}
          columns={[
            sortColumn(locale, query, "name", m.column.description, m.sortBy),
            sortColumn(locale, query, "role", m.column.role, m.sortBy),
            sortColumn(locale, query, "status", m.column.status, m.sortBy),
            m.column.numbers,
          ]}
        >
          {list.rows.map((row) => (
            <tr>
              <td>
                <a href={`/${locale}/fleet/managers/${row.id}`}>{`${row.firstName} ${row.lastName}`}</a>
              </td>
              <td>{t.fleet.roles[row.role]}</td>
              <td>{t.users.statuses[row.status]}</td>
              <td>
                {row.numbers.map(formatMsisdn).join(", ")}
                {row.numberCount > row.numbers.length ? ` ${plural(locale, m.moreNumbers, row.numberCount - row.numbers.length)}` : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager label={m.pagination} page={query.page} pages={list.pages} href={(page) => managersHref(locale, query, { page })} />
    </div>
  );
}

import { fill } from "../../src/lib/i18n.ts";
import { mayManage } from "../../src/features/users/rules.ts";
import type { ListQuery } from "../../src/features/users/schemas.ts";
import { PAGE_SIZE, type UserRow } from "../../src/features/users/service.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { Select } from "../ui/choices.tsx";
import { type Column as DataColumn, DataTable } from "../ui/DataTable.tsx";
import { Pager } from "../ui/Pager.tsx";
import { USER_STATUSES } from "../../src/db/schema/enums.ts";

export type UsersList = { rows: UserRow[]; total: number; pages: number };
export const RESULTS_ID = "users-results";

/** The list's address with some parameters changed; defaults are left out so links stay short. */
export function listHref(locale: string, query: ListQuery, change: Partial<ListQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.status) params.set("status", next.status);
  if (next.sort !== "username") params.set("sort", next.sort);
  if (next.dir !== "asc") params.set("dir", next.dir);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return `/${locale}/users${search ? `?${search}` : ""}`;
}

/** 004 §2.2.2 "Mijn gebruikers": the search above, the list, "Gebruiker aanmaken" below it. */
export function UsersPage({ query, list, notice }: { query: ListQuery; list: UsersList; notice?: string }) {
  const { t, locale } = useView();
  const action = `/${locale}/users`;
  return (
    <>
      <h1>{t.users.title}</h1>
      <p class="hint">{t.users.intro}</p>
      {notice ? <Notice kind="ok">{notice}</Notice> : null}
      <form class="card" role="search" method="get" action={action}>
        <label for="users-q">{t.users.searchLabel}</label>
        {/* Active search: htmx replaces only the results while typing; without JavaScript the form submits. */}
        <input
          type="search"
          id="users-q"
          name="q"
          value={query.q}
          maxlength={100}
          autocomplete="off"
          hx-get={action}
          hx-trigger="input changed delay:300ms, search"
          hx-target={`#${RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-include="closest form"
        />
        <Select
          id="users-status"
          name="status"
          label={t.users.statusFilter}
          value={query.status || undefined}
          options={[{ value: "", label: t.users.allStatuses }, ...USER_STATUSES.map((status) => ({ value: status, label: t.users.statuses[status] }))]}
        />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <div>
          <button type="submit">{t.users.search}</button>
        </div>
      </form>
      <UsersResults query={query} list={list} />
      <p>
        <a class="button" href={`/${locale}/users/new`}>
          {t.users.createUser}
        </a>
      </p>
    </>
  );
}

type Column = ListQuery["sort"];

/** A sortable column: its link sorts by it (or turns the order round), aria-sort tells the current order. */
function sortColumn(locale: string, query: ListQuery, column: Column, label: string) {
  const active = query.sort === column;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  return {
    sort: active ? (query.dir === "asc" ? "ascending" : "descending") : undefined,
    label: (
      <a href={listHref(locale, query, { sort: column, dir, page: 1 })}>
        {label}
        <span aria-hidden="true">{active ? (query.dir === "asc" ? " ▲" : " ▼") : " ■"}</span>
      </a>
    ),
  } satisfies DataColumn;
}

/** The part active search swaps: the count, the table and the pages. */
export function UsersResults({ query, list }: { query: ListQuery; list: UsersList }) {
  const { t, locale, session } = useView();
  const principal = session!.principal;
  const from = list.total === 0 ? 0 : (query.page - 1) * PAGE_SIZE + 1;
  const to = Math.min(list.total, query.page * PAGE_SIZE);
  return (
    <div id={RESULTS_ID}>
      <p>{fill(t.users.shown, { from, to, total: list.total })}</p>
      {list.rows.length === 0 ? (
        <p>{t.users.noUsers}</p>
      ) : (
        <DataTable
          columns={[
            sortColumn(locale, query, "username", t.users.username),
            sortColumn(locale, query, "name", t.users.name),
            sortColumn(locale, query, "email", t.users.email),
            sortColumn(locale, query, "createdBy", t.users.createdBy),
            sortColumn(locale, query, "status", t.users.status),
            t.users.actions,
          ]}
        >
          {list.rows.map((row) => {
            const manageable = mayManage(principal, row);
            const name = `${row.firstName} ${row.lastName}`;
            const base = `/${locale}/users/${row.id}`;
            return (
              <tr>
                <td>{row.username}</td>
                <td>{name}</td>
                <td>
                  <a href={`mailto:${row.email}`}>{row.email}</a>
                </td>
                <td>{row.createdByLabel}</td>
                <td>{t.users.statuses[row.status]}</td>
                <td>
                  {manageable ? <a href={`${base}/edit`}>{t.users.edit}</a> : null} <a href={`${base}/rights`}>{t.users.rights}</a>{" "}
                  {manageable && row.status !== "DEACTIVATED" && row.id !== session!.userId ? (
                    // Without JavaScript the post without "confirm" answers with the confirmation page.
                    <form class="inline" method="post" action={`${base}/deactivate`} hx-confirm={fill(t.users.deactivateQuestion, { name, username: row.username })} hx-vals='{"confirm":"yes"}'>
                      <CsrfField />
                      <button type="submit" class="linkbutton">
                        {t.users.deactivate}
                      </button>
                    </form>
                  ) : null}{" "}
                  {manageable && row.status === "INVITED" ? (
                    <form class="inline" method="post" action={`${base}/resend`}>
                      <CsrfField />
                      <button type="submit" class="linkbutton">
                        {t.users.resend}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager label={t.users.pagination} page={query.page} pages={list.pages} href={(page) => listHref(locale, query, { page })} />
    </div>
  );
}

import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import { mayManage } from "../../src/features/users/rules.ts";
import type { ListQuery } from "../../src/features/users/schemas.ts";
import { PAGE_SIZE, type UserRow } from "../../src/features/users/service.ts";
import { Notice } from "../ui/Field.tsx";

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
export function UsersPage({ c, query, list, notice }: { c: Context<AppEnv>; query: ListQuery; list: UsersList; notice?: string }) {
  const { t, locale } = c.var;
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
        <label for="users-status">{t.users.statusFilter}</label>
        <select id="users-status" name="status">
          <option value="">{t.users.allStatuses}</option>
          {(["INVITED", "VALIDATED", "DEACTIVATED"] as const).map((status) => (
            <option value={status} selected={query.status === status}>
              {t.users.statuses[status]}
            </option>
          ))}
        </select>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <div>
          <button type="submit">{t.users.search}</button>
        </div>
      </form>
      <UsersResults c={c} query={query} list={list} />
      <p>
        <a class="button" href={`/${locale}/users/new`}>
          {t.users.createUser}
        </a>
      </p>
    </>
  );
}

type Column = ListQuery["sort"];

function SortHeader({ c, query, column, label }: { c: Context<AppEnv>; query: ListQuery; column: Column; label: string }) {
  const active = query.sort === column;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <a href={listHref(c.var.locale, query, { sort: column, dir, page: 1 })}>
        {label}
        <span aria-hidden="true">{active ? (query.dir === "asc" ? " ▲" : " ▼") : " ■"}</span>
      </a>
    </th>
  );
}

/** The part active search swaps: the count, the table and the pages. */
export function UsersResults({ c, query, list }: { c: Context<AppEnv>; query: ListQuery; list: UsersList }) {
  const { t, locale, session } = c.var;
  const principal = session!.principal;
  const from = list.total === 0 ? 0 : (query.page - 1) * PAGE_SIZE + 1;
  const to = Math.min(list.total, query.page * PAGE_SIZE);
  return (
    <div id={RESULTS_ID}>
      <p>{fill(t.users.shown, { from, to, total: list.total })}</p>
      {list.rows.length === 0 ? (
        <p>{t.users.noUsers}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <SortHeader c={c} query={query} column="username" label={t.users.username} />
                <SortHeader c={c} query={query} column="name" label={t.users.name} />
                <SortHeader c={c} query={query} column="email" label={t.users.email} />
                <SortHeader c={c} query={query} column="createdBy" label={t.users.createdBy} />
                <SortHeader c={c} query={query} column="status" label={t.users.status} />
                <th scope="col">{t.users.actions}</th>
              </tr>
            </thead>
            <tbody>
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
                          <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
                          <button type="submit" class="linkbutton">
                            {t.users.deactivate}
                          </button>
                        </form>
                      ) : null}{" "}
                      {manageable && row.status === "INVITED" ? (
                        <form class="inline" method="post" action={`${base}/resend`}>
                          <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
                          <button type="submit" class="linkbutton">
                            {t.users.resend}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.pages > 1 ? (
        <nav aria-label={t.users.pagination}>
          <p>
            {query.page > 1 ? <a href={listHref(locale, query, { page: query.page - 1 })}>{t.users.previous}</a> : null} {fill(t.users.pageOf, { page: query.page, pages: list.pages })}{" "}
            {query.page < list.pages ? <a href={listHref(locale, query, { page: query.page + 1 })}>{t.users.next}</a> : null}
          </p>
        </nav>
      ) : null}
    </div>
  );
}

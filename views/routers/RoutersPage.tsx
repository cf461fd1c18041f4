import type { Context } from "hono";
import { ROUTERS_PAGE_SIZE, type RouterFilter, type RoutersList } from "../../src/features/routers/service.ts";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";

export function routersHref(locale: string, filter: RouterFilter): string {
  const query = new URLSearchParams();
  if (filter.q) query.set("q", filter.q);
  if (filter.withRights) query.set("mine", "1");
  if (filter.page > 1) query.set("page", String(filter.page));
  const text = query.toString();
  return `/${locale}/routers${text ? `?${text}` : ""}`;
}

/**
 * 004 "Routeurs": name and address, and "Rechten" per router. The search is a plain GET form;
 * htmx swaps only the results while typing (active search).
 */
export function RoutersPage({ c, filter, list }: { c: Context<AppEnv>; filter: RouterFilter; list: RoutersList }) {
  const { t, locale } = c.var;
  const action = `/${locale}/routers`;
  const live = { "hx-get": action, "hx-target": "#router-results", "hx-swap": "outerHTML", "hx-include": "closest form", "hx-push-url": "true" };
  return (
    <>
      <h1>{t.rights.routers.title}</h1>
      <p>{t.rights.routers.intro}</p>
      <form class="card" method="get" action={action} role="search">
        <label for="router-q">{t.rights.routers.search}</label>
        <input type="text" id="router-q" name="q" value={filter.q} maxlength={100} autocomplete="off" enterkeyhint="search" {...live} hx-trigger="input changed delay:300ms" />
        <div class="check">
          <input type="checkbox" id="router-mine" name="mine" value="1" checked={filter.withRights} {...live} />
          <label for="router-mine">{t.rights.routers.onlyWithRights}</label>
        </div>
        <button type="submit">{t.rights.routers.searchButton}</button>
      </form>
      <RouterResults c={c} filter={filter} list={list} />
      <p class="hint">{fill(t.rights.routers.notListed, { phone: c.env.PROVIDER_PHONE })}</p>
    </>
  );
}

export function RouterResults({ c, filter, list }: { c: Context<AppEnv>; filter: RouterFilter; list: RoutersList }) {
  const { t, locale } = c.var;
  const first = (list.page - 1) * ROUTERS_PAGE_SIZE + 1;
  return (
    <div id="router-results" aria-live="polite">
      {list.rows.length === 0 ? (
        <p>{t.rights.routers.none}</p>
      ) : (
        <>
          <p class="hint">{fill(t.rights.routers.range, { from: first, to: first + list.rows.length - 1, total: list.total })}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.rights.routers.name}</th>
                  <th scope="col">{t.rights.routers.address}</th>
                  <th scope="col">{t.rights.routers.kind}</th>
                  <th scope="col">{t.rights.routers.hasRights}</th>
                  <th scope="col">{t.rights.routers.rights}</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((row) => (
                  <tr>
                    <td>{row.name}</td>
                    <td>{`${row.street}, ${row.postcode} ${row.city}`}</td>
                    <td>{row.kind === "router" ? t.rights.routers.router : t.rights.routers.subcontractor}</td>
                    <td>{row.hasRights ? t.rights.hasRights : ""}</td>
                    <td>
                      <a href={`/${locale}/routers/${row.id}/rights`}>{t.rights.routers.rights}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {list.pageCount > 1 ? (
        <nav aria-label={t.rights.routers.pages}>
          <p>
            {list.page > 1 ? <a href={routersHref(locale, { ...filter, page: list.page - 1 })}>{t.rights.routers.previous}</a> : null}{" "}
            {list.page < list.pageCount ? <a href={routersHref(locale, { ...filter, page: list.page + 1 })}>{t.rights.routers.next}</a> : null}
          </p>
        </nav>
      ) : null}
    </div>
  );
}

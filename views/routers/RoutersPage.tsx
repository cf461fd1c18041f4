import { ROUTERS_PAGE_SIZE, type RouterFilter, type RoutersList } from "../../src/features/routers/service.ts";
import { fill } from "../../src/lib/i18n.ts";
import { useView } from "../ui/context.ts";
import { Checkbox } from "../ui/choices.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Pager } from "../ui/Pager.tsx";

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
export function RoutersPage({ filter, list }: { filter: RouterFilter; list: RoutersList }) {
  const { t, locale, env } = useView();
  const action = `/${locale}/routers`;
  const live = { "hx-get": action, "hx-target": "#router-results", "hx-swap": "outerHTML", "hx-include": "closest form", "hx-push-url": "true" };
  return (
    <>
      <h1>{t.rights.routers.title}</h1>
      <p>{t.rights.routers.intro}</p>
      <form class="card" method="get" action={action} role="search">
        <label for="router-q">{t.rights.routers.search}</label>
        <input type="text" id="router-q" name="q" value={filter.q} maxlength={100} autocomplete="off" enterkeyhint="search" {...live} hx-trigger="input changed delay:300ms" />
        <Checkbox id="router-mine" name="mine" value="1" label={t.rights.routers.onlyWithRights} checked={filter.withRights} attrs={live} />
        <button type="submit">{t.rights.routers.searchButton}</button>
      </form>
      <RouterResults filter={filter} list={list} />
      <p class="hint">{fill(t.rights.routers.notListed, { phone: env.PROVIDER_PHONE })}</p>
    </>
  );
}

export function RouterResults({ filter, list }: { filter: RouterFilter; list: RoutersList }) {
  const { t, locale } = useView();
  const first = (list.page - 1) * ROUTERS_PAGE_SIZE + 1;
  return (
    <div id="router-results" aria-live="polite">
      {list.rows.length === 0 ? (
        <p>{t.rights.routers.none}</p>
      ) : (
        <>
          <p class="hint">{fill(t.rights.routers.range, { from: first, to: first + list.rows.length - 1, total: list.total })}</p>
          <DataTable columns={[t.rights.routers.name, t.rights.routers.address, t.rights.routers.kind, t.rights.routers.hasRights, t.rights.routers.rights]}>
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
          </DataTable>
        </>
      )}
      <Pager label={t.rights.routers.pages} page={list.page} pages={list.pageCount} href={(page) => routersHref(locale, { ...filter, page })} />
    </div>
  );
}

import type { Context } from "hono";
import { ACCOUNTS_LIMIT, type AccountEntry, type AccountsList } from "../../src/features/accounts/service.ts";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import { Notice } from "../layout/Field.tsx";

function AccountsTable({ c, rows, switchable }: { c: Context<AppEnv>; rows: AccountEntry[]; switchable: boolean }) {
  const { t, locale, session } = c.var;
  const a = t.rights.accounts;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{a.customerNumber}</th>
            <th scope="col">{a.name}</th>
            <th scope="col">{a.address}</th>
            <th scope="col">{a.profile}</th>
            <th scope="col">
              <span class="skip">{a.switch}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td>{row.customerNumber}</td>
              <td>{row.name}</td>
              <td>{`${row.street}, ${row.postcode} ${row.city}`}</td>
              <td>{row.through ? fill(a.throughHeadOffice, { number: row.through }) : a.profiles[row.profile]}</td>
              <td>
                {row.customerId === session?.customerId ? (
                  <strong>{a.current}</strong>
                ) : switchable ? (
                  <form class="inline" method="post" action={`/${locale}/accounts/switch`}>
                    <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
                    <input type="hidden" name="customerId" value={String(row.customerId)} />
                    <button type="submit" class="linkbutton">
                      {a.switch}
                      <span class="skip"> ({row.customerNumber})</span>
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 004 "Mijn accounts": every account the user may act for, and switching between them. */
export function AccountsPage({ c, list, q }: { c: Context<AppEnv>; list: AccountsList; q: string }) {
  const { t, locale } = c.var;
  const a = t.rights.accounts;
  return (
    <>
      <h1>{a.title}</h1>
      <p>{a.intro}</p>
      {list.switchable ? null : <Notice>{a.codeLogin}</Notice>}
      {list.switchable ? (
        <form class="card" method="get" action={`/${locale}/accounts`} role="search">
          <label for="accounts-q">{a.search}</label>
          <input type="text" id="accounts-q" name="q" value={q} maxlength={100} autocomplete="off" />
          <button type="submit">{a.searchButton}</button>
        </form>
      ) : null}
      <AccountsTable c={c} rows={list.own} switchable={list.switchable} />
      {list.reachable.length > 0 ? (
        <section aria-labelledby="reachable-title">
          <h2 id="reachable-title">{a.reachable}</h2>
          <p class="hint">{a.reachableIntro}</p>
          <AccountsTable c={c} rows={list.reachable} switchable={list.switchable} />
        </section>
      ) : null}
      {list.more ? <p class="hint">{fill(a.more, { count: ACCOUNTS_LIMIT })}</p> : null}
    </>
  );
}

import { ACCOUNTS_LIMIT, type AccountEntry, type AccountsList } from "../../src/features/accounts/service.ts";
import { fill, plural } from "../../src/lib/i18n.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { DataTable } from "../ui/DataTable.tsx";

function AccountsTable({ rows, switchable }: { rows: AccountEntry[]; switchable: boolean }) {
  const { t, locale, session } = useView();
  const a = t.rights.accounts;
  return (
    <DataTable columns={[a.customerNumber, a.name, a.address, a.profile, <span class="skip">{a.switch}</span>]}>
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
                <CsrfField />
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
    </DataTable>
  );
}

/** 004 "Mijn accounts": every account the user may act for, and switching between them. */
export function AccountsPage({ list, q }: { list: AccountsList; q: string }) {
  const { t, locale } = useView();
  const a = t.rights.accounts;
  return (
    <>
      <h1>{a.title}</h1>
      <p>{a.intro}</p>
      {list.switchable ? null : <Notice>{a.codeLogin}</Notice>}
      {list.person ? (
        <>
          <p class="hint">{t.identity.linkedIntro}</p>
          <p>
            <a href={`/${locale}/identity/register`}>{t.identity.addAccount}</a>
          </p>
        </>
      ) : null}
      {list.switchable ? (
        <form class="card" method="get" action={`/${locale}/accounts`} role="search">
          <label for="accounts-q">{a.search}</label>
          <input type="text" id="accounts-q" name="q" value={q} maxlength={100} autocomplete="off" />
          <button type="submit">{a.searchButton}</button>
        </form>
      ) : null}
      <AccountsTable rows={list.own} switchable={list.switchable} />
      {list.reachable.length > 0 ? (
        <section aria-labelledby="reachable-title">
          <h2 id="reachable-title">{a.reachable}</h2>
          <p class="hint">{a.reachableIntro}</p>
          <AccountsTable rows={list.reachable} switchable={list.switchable} />
        </section>
      ) : null}
      {list.more ? <p class="hint">{plural(locale, a.more, ACCOUNTS_LIMIT)}</p> : null}
    </>
  );
}

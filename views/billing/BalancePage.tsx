import type { Balance, Unassigned } from "../../src/features/billing/service.ts";
import { fill, formatMoney, plural } from "../../src/lib/i18n.ts";
import { Notice } from "../ui/Field.tsx";
import { day, MethodLine } from "./parts.tsx";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { CsrfField } from "../ui/CsrfField.tsx";

export type StatementState = "sent" | "noemail" | undefined;

/** 003 "Aperçu des factures et paiements": per billing account its open amount and its invoices. */
export function BalancePage({ balance, months, statement }: { balance: Balance; months: number; statement?: StatementState }) {
  const { t, locale } = useView();
  const b = t.billing;
  return (
    <>
      <h1>{b.title}</h1>
      <p class="hint">{b.intro}</p>
      {balance.accounts.length === 0 ? <Notice>{b.noAccounts}</Notice> : null}
      {balance.accounts.map((account) => (
        <section class="card" aria-labelledby={`account-${account.id}`}>
          <h2 id={`account-${account.id}`}>{fill(b.billingAccount, { number: account.number })}</h2>
          <p>
            {account.name}, {account.street}, {account.postcode} {account.city}
          </p>
          <p>
            <strong>{fill(t.app.label, { label: b.openAmount })}</strong> <span data-open-amount={account.number}>{formatMoney(locale, account.openCents)}</span>
            {account.openCents > 0 ? (
              <>
                {" "}
                <a class="button" href={`/${locale}/balance/${account.id}/pay`}>
                  {b.payAll}
                </a>
              </>
            ) : null}
          </p>
          <p>
            <MethodLine method={account.paymentMethod} requestedAt={account.requestedAt} /> <a href={`/${locale}/balance/${account.id}/method`}>{b.changeMethod}</a>
          </p>
          {account.documents.length === 0 ? (
            <p class="hint">{fill(b.noInvoices, { months })}</p>
          ) : (
            <DataTable label={fill(b.invoicesOf, { number: account.number })} columns={[b.date, b.number, b.kind, b.amount, b.file, b.open, b.pay]}>
              {account.documents.map((d) => {
                const sign = d.kind === "credit_note" ? -1 : 1;
                return (
                  <tr>
                    <td>{day(locale, d.documentDate)}</td>
                    <td>{d.reference}</td>
                    <td>{b.kinds[d.kind]}</td>
                    <td>{formatMoney(locale, sign * d.amountCents)}</td>
                    <td>
                      <a href={`/${locale}/documents/${d.id}/pdf`} aria-label={fill(b.pdfOf, { reference: d.reference })}>
                        {b.pdf}
                      </a>
                    </td>
                    <td>{formatMoney(locale, sign * d.openCents)}</td>
                    <td>
                      {d.openCents > 0 && d.kind !== "credit_note" ? (
                        <a href={`/${locale}/pay/${d.id}`} aria-label={fill(b.payReference, { reference: d.reference })}>
                          {b.pay}
                        </a>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </section>
      ))}
      {balance.unassigned ? <UnassignedCard unassigned={balance.unassigned} /> : null}
      {balance.truncated ? (
        <p class="hint">
          {plural(
            locale,
            b.truncated,
            balance.accounts.reduce((n, a) => n + a.documents.length, 0),
          )}
        </p>
      ) : null}
      <p class="hint">{fill(b.retention, { months })}</p>
      <StatementBlock state={statement} />
    </>
  );
}

/** Open documents that no billing account carries: still owed, so still shown and counted. */
function UnassignedCard({ unassigned }: { unassigned: Unassigned }) {
  const { t, locale } = useView();
  const b = t.billing;
  return (
    <section class="card" aria-labelledby="account-unassigned">
      <h2 id="account-unassigned">{b.unassignedTitle}</h2>
      <p>
        <strong>{fill(t.app.label, { label: b.openAmount })}</strong> <span data-open-amount="unassigned">{formatMoney(locale, unassigned.openCents)}</span>
      </p>
      <DataTable label={b.unassignedTitle} columns={[b.date, b.number, b.kind, b.amount, b.open, b.pay]}>
        {unassigned.documents.map((d) => {
          const sign = d.kind === "credit_note" ? -1 : 1;
          return (
            <tr>
              <td>{day(locale, d.documentDate)}</td>
              <td>{d.reference}</td>
              <td>{b.kinds[d.kind]}</td>
              <td>{formatMoney(locale, sign * d.amountCents)}</td>
              <td>{formatMoney(locale, sign * d.openCents)}</td>
              <td>
                {d.kind !== "credit_note" ? (
                  <a href={`/${locale}/pay/${d.id}`} aria-label={fill(b.payReference, { reference: d.reference })}>
                    {b.pay}
                  </a>
                ) : null}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
}

/** "Send me my account statement" (000 p.12); htmx swaps this block, without JavaScript the page reloads. */
export function StatementBlock({ state }: { state?: StatementState }) {
  const { t, locale } = useView();
  const b = t.billing;
  const action = `/${locale}/balance/statement`;
  return (
    <section class="card" id="billing-statement" aria-labelledby="billing-statement-title">
      <h2 id="billing-statement-title">{b.statementTitle}</h2>
      {state === "sent" ? <Notice kind="ok">{b.statementSent}</Notice> : null}
      {state === "noemail" ? (
        <Notice kind="error">
          {b.statementNoEmail} <a href={`/${locale}/profile`}>{b.toProfile}</a>
        </Notice>
      ) : null}
      <p class="hint">{b.statementIntro}</p>
      <form method="post" action={action} hx-post={action} hx-target="#billing-statement" hx-swap="outerHTML" hx-push-url="false">
        <CsrfField />
        <button type="submit">{b.sendStatement}</button>
      </form>
    </section>
  );
}

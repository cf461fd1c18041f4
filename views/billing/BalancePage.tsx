import type { Context } from "hono";
import type { Balance, Unassigned } from "../../src/features/billing/service.ts";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill, formatMoney } from "../../src/lib/i18n.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import { Notice } from "../ui/Field.tsx";
import { day, MethodLine } from "./parts.tsx";

export type StatementState = "sent" | "noemail" | undefined;

/** 003 "Aperçu des factures et paiements": per billing account its open amount and its invoices. */
export function BalancePage({ c, balance, months, statement }: { c: Context<AppEnv>; balance: Balance; months: number; statement?: StatementState }) {
  const { t, locale } = c.var;
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
            <strong>{fill(c.var.t.app.label, { label: b.openAmount })}</strong> <span data-open-amount={account.number}>{formatMoney(locale, account.openCents)}</span>
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
            <MethodLine c={c} method={account.paymentMethod} requestedAt={account.requestedAt} /> <a href={`/${locale}/balance/${account.id}/method`}>{b.changeMethod}</a>
          </p>
          {account.documents.length === 0 ? (
            <p class="hint">{fill(b.noInvoices, { months })}</p>
          ) : (
            <div class="table-wrap">
              <table aria-label={fill(b.invoicesOf, { number: account.number })}>
                <thead>
                  <tr>
                    <th scope="col">{b.date}</th>
                    <th scope="col">{b.number}</th>
                    <th scope="col">{b.kind}</th>
                    <th scope="col">{b.amount}</th>
                    <th scope="col">{b.file}</th>
                    <th scope="col">{b.open}</th>
                    <th scope="col">{b.pay}</th>
                  </tr>
                </thead>
                <tbody>
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
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
      {balance.unassigned ? <UnassignedCard c={c} unassigned={balance.unassigned} /> : null}
      {balance.truncated ? <p class="hint">{fill(b.truncated, { count: balance.accounts.reduce((n, a) => n + a.documents.length, 0) })}</p> : null}
      <p class="hint">{fill(b.retention, { months })}</p>
      <StatementBlock c={c} state={statement} />
    </>
  );
}

/** Open documents that no billing account carries: still owed, so still shown and counted. */
function UnassignedCard({ c, unassigned }: { c: Context<AppEnv>; unassigned: Unassigned }) {
  const { t, locale } = c.var;
  const b = t.billing;
  return (
    <section class="card" aria-labelledby="account-unassigned">
      <h2 id="account-unassigned">{b.unassignedTitle}</h2>
      <p>
        <strong>{fill(c.var.t.app.label, { label: b.openAmount })}</strong> <span data-open-amount="unassigned">{formatMoney(locale, unassigned.openCents)}</span>
      </p>
      <div class="table-wrap">
        <table aria-label={b.unassignedTitle}>
          <thead>
            <tr>
              <th scope="col">{b.date}</th>
              <th scope="col">{b.number}</th>
              <th scope="col">{b.kind}</th>
              <th scope="col">{b.amount}</th>
              <th scope="col">{b.open}</th>
              <th scope="col">{b.pay}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** "Send me my account statement" (000 p.12); htmx swaps this block, without JavaScript the page reloads. */
export function StatementBlock({ c, state }: { c: Context<AppEnv>; state?: StatementState }) {
  const { t, locale } = c.var;
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
        <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
        <button type="submit">{b.sendStatement}</button>
      </form>
    </section>
  );
}

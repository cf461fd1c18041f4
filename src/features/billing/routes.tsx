import { Hono, type Context } from "hono";
import { idParam } from "../../lib/ids.ts";
import { BalancePage, StatementBlock, type StatementState } from "../../../views/billing/BalancePage.tsx";
import { MethodBlock, MethodPage, type MethodState } from "../../../views/billing/MethodPage.tsx";
import { PayPage } from "../../../views/billing/PayPage.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { fill, formatDate, formatMoney } from "../../lib/i18n.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
import { declare, right } from "../../lib/routes.ts";
import { structuredCommunication } from "../../lib/structured-communication.ts";
import { validForm } from "../../lib/validation.ts";
import { brusselsDate } from "../../lib/workdays.ts";
import { invoiceCommunication, paymentFor } from "./payment.ts";
import { methodSchema } from "./schemas.ts";
import { formatIban } from "../../lib/iban.ts";
import { changePaymentMethod, enqueueStatement, getAccount, getBalance, getPayableDocument, getStatementData, type AccountWithMethod, type BillingAccount, type MandateMail } from "./service.ts";
import { renderStatementPdf } from "./statement.ts";

export const billingRoutes = new Hono<AppEnv>();

declare({
  "GET /balance": right("billing", "view"),
  "POST /balance/statement": right("billing", "view"),
  "GET /pay/:documentId": right("billing", "pay"),
  "GET /balance/:accountId/pay": right("billing", "pay"),
  "GET /balance/:accountId/method": right("billing", "pay"),
  "POST /balance/:accountId/method": right("billing", "pay"),
});

const months = (c: Context<AppEnv>) => Number(c.env.RETENTION_BILLING_MONTHS) || 12;

/** The billing account of the URL, if the principal may see it. */
async function accountOf(c: Context<AppEnv>) {
  const id = idParam(c.req.param("accountId"));
  return found(id === null ? null : await getAccount(c.var.db, c.var.session!.principal, id));
}

billingRoutes.get("/balance", async (c) => {
  const balance = await getBalance(c.var.db, c.var.session!.principal, months(c));
  const query = c.req.query("statement");
  const statement: StatementState = query === "sent" || query === "noemail" ? query : undefined;
  return renderPage(c, { title: c.var.t.billing.title }, <BalancePage balance={balance} months={months(c)} statement={statement} />);
});

billingRoutes.get("/pay/:documentId", async (c) => {
  const id = idParam(c.req.param("documentId"));
  const payable = found(id === null ? null : await getPayableDocument(c.var.db, c.var.session!.principal, id, months(c)));
  if (!payable.ok) return renderFailure(c, payable);
  const document = payable.value;
  const b = c.var.t.billing;
  const payment = document.openCents > 0 ? paymentFor(c.env, document.openCents, invoiceCommunication(document.structuredCommunication, document.reference)) : null;
  const title = fill(b.payInvoiceTitle, { reference: document.reference });
  return renderPage(c, { title }, <PayPage title={title} payment={payment} nothingOpen={b.alreadyPaid} />);
});

billingRoutes.get("/balance/:accountId/pay", async (c) => {
  const lookup = await accountOf(c);
  if (!lookup.ok) return renderFailure(c, lookup);
  const account = lookup.value;
  const b = c.var.t.billing;
  // The whole balance is paid with a communication of the billing account, so it is booked to it.
  const payment = account.openCents > 0 ? paymentFor(c.env, account.openCents, structuredCommunication(account.number)) : null;
  const title = fill(b.payBalanceTitle, { number: account.number });
  return renderPage(c, { title }, <PayPage title={title} payment={payment} nothingOpen={b.nothingOpen} />);
});

billingRoutes.get("/balance/:accountId/method", async (c) => {
  const lookup = await accountOf(c);
  if (!lookup.ok) return renderFailure(c, lookup);
  const account = lookup.value;
  const notice = c.req.query("notice");
  const state: MethodState = notice === "saved" || notice === "unchanged" || notice === "mandateSent" || notice === "mandateNoEmail" ? { notice } : {};
  return renderPage(c, { title: fill(c.var.t.billing.methodTitle, { number: account.number }) }, <MethodPage account={account} state={state} />);
});

function respondMethod(c: Context<AppEnv>, account: AccountWithMethod, state: MethodState, status: 200 | 422) {
  if (c.req.header("HX-Request") === "true" && c.req.header("HX-Target")?.endsWith("#billing-method")) {
    return renderPartial(c, <MethodBlock account={account} state={state} />, status);
  }
  if (status === 200) return redirectAfterPost(c, `/${c.var.locale}/balance/${account.id}/method?notice=${state.notice ?? "saved"}`);
  return renderPage(c, { title: fill(c.var.t.billing.methodTitle, { number: account.number }), status }, <MethodPage account={account} state={state} />);
}

billingRoutes.post(
  "/balance/:accountId/method",
  validForm(methodSchema, async (c, values, errors) => {
    const lookup = await accountOf(c);
    if (!lookup.ok) return renderFailure(c, lookup);
    const account = lookup.value;
    if (errors.holder && (values.holder ?? "").trim().length > 70) errors.holder = fill(c.var.t.errors.tooLong, { max: 70 });
    return respondMethod(c, account, { values, errors }, 422);
  }),
  async (c) => {
    const principal = c.var.session!.principal;
    const lookup = await accountOf(c);
    if (!lookup.ok) return renderFailure(c, lookup);
    const before = lookup.value;
    const id = before.id;
    const change = c.req.valid("form");
    // The promised SEPA mandate goes with the request, to the profile's e-mail address.
    const mandate = change.method === "direct_debit" && before.email ? (account: BillingAccount) => mandateMail(c, account, change, before.email!) : null;
    const result = await changePaymentMethod(c.var.db, principal, id, change, mandate);
    if (!result.ok) return renderFailure(c, result);
    const after = await accountOf(c);
    if (!after.ok) return renderFailure(c, after);
    const account = after.value;
    const { changed, mandateSent } = result.value;
    if (mandateSent) c.var.deliverOutbox();
    const notice: MethodState["notice"] = !changed ? "unchanged" : change.method === "transfer" ? "saved" : mandateSent ? "mandateSent" : "mandateNoEmail";
    return respondMethod(c, account, { notice }, 200);
  },
);

/** The SEPA mandate's details, in the reader's language, to sign and send back. */
function mandateMail(c: Context<AppEnv>, account: BillingAccount, change: { iban: string; holder: string }, recipient: string): MandateMail {
  const b = c.var.t.billing;
  const reference = `LOKET-${account.number}-${brusselsDate(Date.now()).replaceAll("-", "")}`;
  return {
    recipient,
    subject: fill(b.mandateSubject, { number: account.number }),
    body: fill(b.mandateBody, {
      number: account.number,
      reference,
      provider: c.env.PROVIDER_NAME,
      address: c.env.PROVIDER_ADDRESS,
      email: c.env.PROVIDER_EMAIL,
      holder: change.holder,
      iban: formatIban(change.iban),
    }),
  };
}

function respondStatement(c: Context<AppEnv>, state: Exclude<StatementState, undefined>) {
  if (c.req.header("HX-Request") === "true" && c.req.header("HX-Target")?.endsWith("#billing-statement")) {
    return renderPartial(c, <StatementBlock state={state} />);
  }
  return redirectAfterPost(c, `/${c.var.locale}/balance?statement=${state}#billing-statement`);
}

/**
 * Renders the statement, stores it in R2, then enqueues the e-mail that carries it with its
 * audit event. A second click finds its message already there: the key names the minute, and the
 * previous minute's key counts too, so a double click across a minute's turn sends nothing more.
 */
billingRoutes.post("/balance/statement", async (c) => {
  const { db, t, locale } = c.var;
  const session = c.var.session!;
  const now = Date.now();
  const minute = Math.floor(now / 60_000);
  const keyOf = (m: number) => `statement:${session.customerId}:${session.principal.actor}:${m}`;
  const dedupeKey = keyOf(minute);
  const statement = found(await getStatementData(db, session.principal, [dedupeKey, keyOf(minute - 1)]));
  if (!statement.ok) return renderFailure(c, statement);
  const data = statement.value;
  if (!data.customer.email) return respondStatement(c, "noemail");
  if (data.alreadySent) return respondStatement(c, "sent");
  const { bytes, totalCents } = await renderStatementPdf(c.env, t, locale, data, now);
  // In the reader's language: two readers of the account in the same minute get their own file.
  const attachmentKey = `statements/${data.customer.number}/${minute * 60_000}.${locale}.pdf`;
  const files = c.env.FILES;
  if (!files) throw new Error("R2 binding FILES is missing");
  await files.put(attachmentKey, bytes, { httpMetadata: { contentType: "application/pdf" } });
  const date = formatDate(locale, now);
  await enqueueStatement(
    db,
    session.principal,
    {
      recipient: data.customer.email,
      subject: fill(t.billing.statementSubject, { customer: data.customer.number }),
      body: fill(t.billing.statementBody, { customer: data.customer.number, date, total: formatMoney(locale, totalCents), provider: c.env.PROVIDER_NAME }),
      attachmentKey,
      attachmentName: fill(t.billing.statementFileName, { customer: data.customer.number, date: brusselsDate(now) }),
      dedupeKey,
      totalCents,
    },
    now,
  );
  c.var.deliverOutbox();
  return respondStatement(c, "sent");
});

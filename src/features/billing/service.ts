import { and, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.ts";
import { billingAccounts, contactDetails, customers, directDebitRequests, documents, outboxMessages } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { retentionCutoff as cutoffMonthsBefore } from "../../lib/workdays.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import type { Principal } from "../../lib/principal.ts";

/** The documents that carry money: what the balance adds up and lists. */
const BILLING_KINDS = ["invoice", "credit_note", "reminder"] as const;
export type BillingKind = (typeof BILLING_KINDS)[number];
/** A balance page lists at most this many documents; the totals still count every open one. */
export const LIST_LIMIT = 100;

export type BillingAccount = { id: number; number: string; name: string; street: string; postcode: string; city: string; paymentMethod: "transfer" | "direct_debit" };
export type BillingDocument = { id: number; billingAccountId: number; kind: BillingKind; reference: string; documentDate: string; amountCents: number; openCents: number; dueDate: string | null; structuredCommunication: string | null };
export type Balance = { accounts: (BillingAccount & { openCents: number; requestedAt: Date | null; documents: BillingDocument[] })[]; truncated: boolean };

/** The customer accounts a principal sees billing of: its own, and for a head office its buildings'. */
function visibleCustomers(principal: Principal): SQL {
  return sql`(SELECT id FROM customers WHERE id = ${principal.customerId} OR parent_id = ${principal.customerId})`;
}

function accountInScope(principal: Principal): SQL {
  return sql`${billingAccounts.customerId} IN ${visibleCustomers(principal)}`;
}

function documentInScope(principal: Principal): SQL {
  return sql`${documents.customerId} IN ${visibleCustomers(principal)} AND ${documents.billingAccountId} IN (SELECT id FROM billing_accounts WHERE customer_id IN ${visibleCustomers(principal)})`;
}

/** Billing data retention (002): open documents stay whatever their age, they still have to be paid. */
export const retentionCutoff = (now: number, months: number): string => cutoffMonthsBefore(months, now);

function retained(cutoff: string): SQL {
  return sql`(${documents.documentDate} >= ${cutoff} OR COALESCE(${documents.openCents}, 0) > 0)`;
}

/** A credit note's open amount is owed to the customer, so it lowers the balance. */
const signedOpen = sql<number>`COALESCE(SUM(CASE WHEN ${documents.kind} = 'credit_note' THEN -${documents.openCents} ELSE ${documents.openCents} END), 0)`;

const accountColumns = {
  id: billingAccounts.id,
  number: billingAccounts.number,
  name: billingAccounts.name,
  street: billingAccounts.street,
  postcode: billingAccounts.postcode,
  city: billingAccounts.city,
  paymentMethod: billingAccounts.paymentMethod,
};

const documentColumns = {
  id: documents.id,
  billingAccountId: sql<number>`${documents.billingAccountId}`,
  kind: sql<BillingKind>`${documents.kind}`,
  reference: documents.reference,
  documentDate: documents.documentDate,
  amountCents: sql<number>`COALESCE(${documents.amountCents}, 0)`,
  openCents: sql<number>`COALESCE(${documents.openCents}, 0)`,
  dueDate: documents.dueDate,
  structuredCommunication: documents.structuredCommunication,
};

const newest = alias(documents, "newest");

/**
 * The newest retained billing documents over the principal's billing accounts. Driven from the
 * accounts: for each, documents_account_date_idx is walked newest-first and stops after
 * LIST_LIMIT + 1 rows, so only (accounts × LIST_LIMIT) rows are sorted, however long the history.
 * (Filtering every document of the visible customers and sorting them read ~71,500 rows for the
 * head office of the scale data set.)
 */
export function listedDocuments(db: Db, principal: Principal, cutoff: string) {
  const newestOfAccount = db
    .select({ id: newest.id })
    .from(newest)
    .where(
      and(
        eq(newest.billingAccountId, billingAccounts.id),
        sql`${newest.customerId} IN ${visibleCustomers(principal)}`,
        inArray(newest.kind, [...BILLING_KINDS]),
        sql`(${newest.documentDate} >= ${cutoff} OR COALESCE(${newest.openCents}, 0) > 0)`,
      ),
    )
    .orderBy(desc(newest.documentDate), desc(newest.id))
    .limit(LIST_LIMIT + 1);
  return db
    .select(documentColumns)
    .from(billingAccounts)
    .innerJoin(documents, sql`${documents.id} IN ${newestOfAccount}`)
    .where(accountInScope(principal))
    .orderBy(desc(documents.documentDate), desc(documents.id))
    .limit(LIST_LIMIT + 1);
}

/** The balance page in one round trip: accounts, their open totals, and the listed documents. */
export async function getBalance(db: Db, principal: Principal, retentionMonths: number, now = Date.now()): Promise<Balance> {
  const cutoff = retentionCutoff(now, retentionMonths);
  const [accounts, totals, rows, requests] = await db.batch([
    db.select(accountColumns).from(billingAccounts).where(accountInScope(principal)).orderBy(billingAccounts.number),
    db
      .select({ billingAccountId: documents.billingAccountId, openCents: signedOpen })
      .from(documents)
      .where(and(documentInScope(principal), inArray(documents.kind, [...BILLING_KINDS]), gt(documents.openCents, 0)))
      .groupBy(documents.billingAccountId),
    listedDocuments(db, principal, cutoff),
    db
      .select({ billingAccountId: directDebitRequests.billingAccountId, createdAt: sql<number>`MAX(${directDebitRequests.createdAt})` })
      .from(directDebitRequests)
      .where(sql`${directDebitRequests.billingAccountId} IN (SELECT id FROM billing_accounts WHERE customer_id IN ${visibleCustomers(principal)})`)
      .groupBy(directDebitRequests.billingAccountId),
  ]);
  const listed = rows.slice(0, LIST_LIMIT);
  return {
    truncated: rows.length > LIST_LIMIT,
    accounts: accounts.map((account) => ({
      ...account,
      openCents: totals.find((t) => t.billingAccountId === account.id)?.openCents ?? 0,
      requestedAt: ((at) => (at === undefined ? null : new Date(at)))(requests.find((r) => r.billingAccountId === account.id)?.createdAt),
      documents: listed.filter((d) => d.billingAccountId === account.id),
    })),
  };
}

export type PayableDocument = BillingDocument & { account: BillingAccount };

/** One invoice or reminder to pay; null when it is not the principal's or is no longer kept. */
export async function getPayableDocument(db: Db, principal: Principal, documentId: number, retentionMonths: number, now = Date.now()): Promise<PayableDocument | null> {
  const [row] = await db
    .select({ ...documentColumns, account: accountColumns })
    .from(documents)
    .innerJoin(billingAccounts, eq(billingAccounts.id, documents.billingAccountId))
    .where(and(eq(documents.id, documentId), documentInScope(principal), inArray(documents.kind, ["invoice", "reminder"]), retained(retentionCutoff(now, retentionMonths))))
    .limit(1);
  return row ?? null;
}

export type AccountWithMethod = BillingAccount & { openCents: number; requestedAt: Date | null };

/** A billing account with its open balance and its latest direct debit request, in one round trip. */
export async function getAccount(db: Db, principal: Principal, accountId: number): Promise<AccountWithMethod | null> {
  const [accounts, totals, requests] = await db.batch([
    db
      .select(accountColumns)
      .from(billingAccounts)
      .where(and(eq(billingAccounts.id, accountId), accountInScope(principal)))
      .limit(1),
    db
      .select({ openCents: signedOpen })
      .from(documents)
      .where(and(eq(documents.billingAccountId, accountId), documentInScope(principal), inArray(documents.kind, [...BILLING_KINDS]), gt(documents.openCents, 0))),
    db
      .select({ createdAt: directDebitRequests.createdAt })
      .from(directDebitRequests)
      .where(and(eq(directDebitRequests.billingAccountId, accountId), sql`${directDebitRequests.billingAccountId} IN (SELECT id FROM billing_accounts WHERE customer_id IN ${visibleCustomers(principal)})`))
      .orderBy(desc(directDebitRequests.createdAt), desc(directDebitRequests.id))
      .limit(1),
  ]);
  const account = accounts[0];
  if (!account) return null;
  return { ...account, openCents: totals[0]?.openCents ?? 0, requestedAt: requests[0]?.createdAt ?? null };
}

export type MethodChange = { method: "transfer" } | { method: "direct_debit"; iban: string; holder: string };

/**
 * Transfer, or a request for direct debit. The billing account keeps paying by transfer until the
 * mandate is signed (outside the portal), so a request is a row of its own, audited with it.
 * The same request sent twice (a double click) is recorded once.
 */
export async function changePaymentMethod(db: Db, principal: Principal, accountId: number, change: MethodChange, now = Date.now()): Promise<{ changed: boolean } | null> {
  const [accounts, latest] = await db.batch([
    db
      .select(accountColumns)
      .from(billingAccounts)
      .where(and(eq(billingAccounts.id, accountId), accountInScope(principal)))
      .limit(1),
    db
      .select({ iban: directDebitRequests.iban, holder: directDebitRequests.holder })
      .from(directDebitRequests)
      .where(eq(directDebitRequests.billingAccountId, accountId))
      .orderBy(desc(directDebitRequests.createdAt), desc(directDebitRequests.id))
      .limit(1),
  ]);
  const account = accounts[0];
  if (!account) return null;
  const audit = { actor: principal.actor, customerId: principal.customerId };
  if (change.method === "transfer") {
    if (account.paymentMethod === "transfer") return { changed: false };
    await db.batch([
      db.update(billingAccounts).set({ paymentMethod: "transfer" }).where(eq(billingAccounts.id, account.id)),
      auditInsert(db, { ...audit, action: "billing.payment_method", before: { account: account.number, method: account.paymentMethod }, after: { account: account.number, method: "transfer" } }, now),
    ]);
    return { changed: true };
  }
  const previous = latest[0];
  if (previous && previous.iban === change.iban && previous.holder === change.holder) return { changed: false };
  await db.batch([
    db.insert(directDebitRequests).values({ billingAccountId: account.id, iban: change.iban, holder: change.holder, actor: principal.actor, createdAt: new Date(now) }),
    auditInsert(db, { ...audit, action: "billing.direct_debit_requested", before: { account: account.number, method: account.paymentMethod }, after: { account: account.number, iban: change.iban, holder: change.holder } }, now),
  ]);
  return { changed: true };
}

export type StatementData = {
  customer: { number: string; name: string; email: string | null };
  accounts: (BillingAccount & { openCents: number })[];
  open: BillingDocument[];
  alreadySent: boolean;
};

/** What the account statement holds, in one round trip; `dedupeKey` tells whether it was already sent. */
export async function getStatementData(db: Db, principal: Principal, dedupeKey: string): Promise<StatementData | null> {
  const [customerRows, accounts, totals, open, sent] = await db.batch([
    db
      .select({ number: customers.customerNumber, name: customers.name, email: contactDetails.email })
      .from(customers)
      .leftJoin(contactDetails, eq(contactDetails.customerId, customers.id))
      .where(eq(customers.id, principal.customerId))
      .limit(1),
    db.select(accountColumns).from(billingAccounts).where(accountInScope(principal)).orderBy(billingAccounts.number),
    db
      .select({ billingAccountId: documents.billingAccountId, openCents: signedOpen })
      .from(documents)
      .where(and(documentInScope(principal), inArray(documents.kind, [...BILLING_KINDS]), gt(documents.openCents, 0)))
      .groupBy(documents.billingAccountId),
    db
      .select(documentColumns)
      .from(documents)
      .where(and(documentInScope(principal), inArray(documents.kind, [...BILLING_KINDS]), gt(documents.openCents, 0)))
      .orderBy(documents.billingAccountId, documents.documentDate, documents.id)
      .limit(1000),
    db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.dedupeKey, dedupeKey)).limit(1),
  ]);
  const customer = customerRows[0];
  if (!customer) return null;
  return {
    customer,
    accounts: accounts.map((a) => ({ ...a, openCents: totals.find((t) => t.billingAccountId === a.id)?.openCents ?? 0 })),
    open,
    alreadySent: sent.length > 0,
  };
}

export type StatementMail = { recipient: string; subject: string; body: string; attachmentKey: string; attachmentName: string; dedupeKey: string; totalCents: number };

/** The e-mail with its statement attached (already in R2), enqueued with its audit event. */
export async function enqueueStatement(db: Db, principal: Principal, mail: StatementMail, now = Date.now()): Promise<void> {
  await db.batch([
    enqueueMessage(db, { channel: "email", recipient: mail.recipient, subject: mail.subject, body: mail.body, attachmentKey: mail.attachmentKey, attachmentName: mail.attachmentName, dedupeKey: mail.dedupeKey }, now),
    auditInsert(db, { actor: principal.actor, customerId: principal.customerId, action: "billing.statement_sent", after: { file: mail.attachmentKey, totalCents: mail.totalCents } }, now),
  ]);
}

import { and, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.ts";
import { billingAccounts, contactDetails, customers, directDebitRequests, documents, outboxMessages } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { retentionCutoff as cutoffMonthsBefore } from "../../lib/workdays.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import type { Principal } from "../../lib/principal.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";

/** The documents that carry money: what the balance adds up and lists. */
const BILLING_KINDS = ["invoice", "credit_note", "reminder"] as const;
export type BillingKind = (typeof BILLING_KINDS)[number];
/**
 * A balance page lists the newest 25 documents (Documents has the whole history), so a head
 * office's page stays small and quick; the totals still count every open one.
 */
export const LIST_LIMIT = 25;

export type BillingAccount = { id: number; number: string; name: string; street: string; postcode: string; city: string; paymentMethod: "transfer" | "direct_debit" };
export type BillingDocument = {
  id: number;
  billingAccountId: number | null;
  kind: BillingKind;
  reference: string;
  documentDate: string;
  amountCents: number;
  openCents: number;
  dueDate: string | null;
  structuredCommunication: string | null;
};
/** Open billing documents that no billing account of the principal carries: still owed, still counted. */
export type Unassigned = { openCents: number; documents: BillingDocument[] };
export type Balance = { accounts: (BillingAccount & { openCents: number; requestedAt: Date | null; documents: BillingDocument[] })[]; unassigned: Unassigned | null; truncated: boolean };

/** The customer accounts a principal sees billing of: its own, and for a head office its buildings'. */
function visibleCustomers(principal: Principal): SQL {
  return sql`(SELECT id FROM customers WHERE id = ${principal.customerId} OR parent_id = ${principal.customerId})`;
}

function accountInScope(principal: Principal): SQL {
  return sql`${billingAccounts.customerId} IN ${visibleCustomers(principal)}`;
}

/** A billing document of a customer the principal sees: with or without a billing account, it is theirs to pay. */
function documentInScope(principal: Principal): SQL {
  return sql`${documents.customerId} IN ${visibleCustomers(principal)}`;
}

/** Billing data retention (002): open documents stay whatever their age, they still have to be paid. */
export const retentionCutoff = (now: number, months: number): string => cutoffMonthsBefore(months, now);

function retained(cutoff: string): SQL {
  return sql`(${documents.documentDate} >= ${cutoff} OR COALESCE(${documents.openCents}, 0) > 0)`;
}

/** A credit note's open amount is owed to the customer, so it lowers the balance. */
const signedOpen = sql<number>`COALESCE(SUM(CASE WHEN ${documents.kind} = 'credit_note' THEN -${documents.openCents} ELSE ${documents.openCents} END), 0)`;

/**
 * The one definition of "open": every billing document of a customer the principal sees with
 * something left to pay, whatever its billing account (none, or one the principal does not list).
 * Balance, the pay-all page and the statement all count through openTotals / openDocuments.
 */
function openInScope(principal: Principal): SQL {
  return and(sql`${documents.customerId} IN ${visibleCustomers(principal)}`, inArray(documents.kind, [...BILLING_KINDS]), gt(documents.openCents, 0))!;
}

/** Open totals per billing account (null: documents without one), optionally of one account. */
export function openTotals(db: Db, principal: Principal, accountId?: number) {
  return db
    .select({ billingAccountId: documents.billingAccountId, openCents: signedOpen })
    .from(documents)
    .where(accountId === undefined ? openInScope(principal) : and(openInScope(principal), eq(documents.billingAccountId, accountId)))
    .groupBy(documents.billingAccountId);
}

/** The open documents themselves, per billing account then oldest first. */
export function openDocuments(db: Db, principal: Principal, limit = 1000) {
  return db.select(documentColumns).from(documents).where(openInScope(principal)).orderBy(documents.billingAccountId, documents.documentDate, documents.id).limit(limit);
}

type Total = { billingAccountId: number | null; openCents: number };

/** Splits the totals over the listed accounts; what none of them carries is "unassigned". */
export function splitTotals<A extends { id: number }>(accounts: A[], totals: Total[]): { accounts: (A & { openCents: number })[]; unassignedCents: number; unassignedCount: number } {
  const ids = new Set(accounts.map((a) => a.id));
  const orphans = totals.filter((t) => t.billingAccountId === null || !ids.has(t.billingAccountId));
  return {
    accounts: accounts.map((a) => ({ ...a, openCents: totals.find((t) => t.billingAccountId === a.id)?.openCents ?? 0 })),
    unassignedCents: orphans.reduce((sum, t) => sum + t.openCents, 0),
    unassignedCount: orphans.length,
  };
}

/** Open documents that none of the listed accounts carries. */
export function orphanDocuments(accountIds: number[], open: BillingDocument[]): BillingDocument[] {
  const ids = new Set(accountIds);
  return open.filter((d) => d.billingAccountId === null || !ids.has(d.billingAccountId));
}

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
  billingAccountId: sql<number | null>`${documents.billingAccountId}`,
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
  const [accounts, totals, rows, requests, open] = await db.batch([
    db.select(accountColumns).from(billingAccounts).where(accountInScope(principal)).orderBy(billingAccounts.number),
    openTotals(db, principal),
    listedDocuments(db, principal, cutoff),
    db
      .select({ billingAccountId: directDebitRequests.billingAccountId, createdAt: sql<number>`MAX(${directDebitRequests.createdAt})` })
      .from(directDebitRequests)
      .where(sql`${directDebitRequests.billingAccountId} IN (SELECT id FROM billing_accounts WHERE customer_id IN ${visibleCustomers(principal)})`)
      .groupBy(directDebitRequests.billingAccountId),
    openDocuments(db, principal, LIST_LIMIT),
  ]);
  const listed = rows.slice(0, LIST_LIMIT);
  const split = splitTotals(accounts, totals);
  const orphans = orphanDocuments(
    accounts.map((a) => a.id),
    open,
  );
  return {
    truncated: rows.length > LIST_LIMIT,
    unassigned: split.unassignedCount > 0 ? { openCents: split.unassignedCents, documents: orphans } : null,
    accounts: split.accounts.map((account) => ({
      ...account,
      requestedAt: ((at) => (at === undefined ? null : new Date(at)))(requests.find((r) => r.billingAccountId === account.id)?.createdAt),
      documents: listed.filter((d) => d.billingAccountId === account.id),
    })),
  };
}

export type PayableDocument = BillingDocument & { account: BillingAccount | null };

/** One invoice or reminder to pay; null when it is not the principal's or is no longer kept. */
export async function getPayableDocument(db: Db, principal: Principal, documentId: number, retentionMonths: number, now = Date.now()): Promise<PayableDocument | null> {
  const [row] = await db
    .select({ ...documentColumns, account: accountColumns })
    .from(documents)
    .leftJoin(billingAccounts, eq(billingAccounts.id, documents.billingAccountId))
    .where(and(eq(documents.id, documentId), documentInScope(principal), inArray(documents.kind, ["invoice", "reminder"]), retained(retentionCutoff(now, retentionMonths))))
    .limit(1);
  return row ?? null;
}

export type AccountWithMethod = BillingAccount & { openCents: number; requestedAt: Date | null; request: { iban: string; holder: string } | null; email: string | null };

/** A billing account with its open balance and its latest direct debit request, in one round trip. */
export async function getAccount(db: Db, principal: Principal, accountId: number): Promise<AccountWithMethod | null> {
  const [accounts, totals, requests, contact] = await db.batch([
    db
      .select(accountColumns)
      .from(billingAccounts)
      .where(and(eq(billingAccounts.id, accountId), accountInScope(principal)))
      .limit(1),
    openTotals(db, principal, accountId),
    db
      .select({ createdAt: directDebitRequests.createdAt, iban: directDebitRequests.iban, holder: directDebitRequests.holder })
      .from(directDebitRequests)
      .where(
        and(eq(directDebitRequests.billingAccountId, accountId), sql`${directDebitRequests.billingAccountId} IN (SELECT id FROM billing_accounts WHERE customer_id IN ${visibleCustomers(principal)})`),
      )
      .orderBy(desc(directDebitRequests.createdAt), desc(directDebitRequests.id))
      .limit(1),
    db.select({ email: contactDetails.email }).from(contactDetails).where(eq(contactDetails.customerId, principal.customerId)).limit(1),
  ]);
  const account = accounts[0];
  if (!account) return null;
  const request = requests[0];
  return {
    ...account,
    openCents: totals[0]?.openCents ?? 0,
    requestedAt: request?.createdAt ?? null,
    request: request ? { iban: request.iban, holder: request.holder } : null,
    email: contact[0]?.email ?? null,
  };
}

export type MethodChange = { method: "transfer" } | { method: "direct_debit"; iban: string; holder: string };
/** The SEPA mandate to sign, sent with the request (through the outbox, in the same batch). */
export type MandateMail = { recipient: string; subject: string; body: string };

/**
 * Transfer, or a request for direct debit. The billing account keeps paying by transfer until the
 * mandate is signed (outside the portal), so a request is a row of its own, audited with it.
 * The same request sent twice (a double click) is recorded once.
 */
export async function changePaymentMethod(
  db: Db,
  principal: Principal,
  accountId: number,
  change: MethodChange,
  mandate: ((account: BillingAccount) => MandateMail | null) | null = null,
  now = Date.now(),
): Promise<Result<{ changed: boolean; mandateSent?: boolean }, Fail<"not_found">>> {
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
  if (!account) return fail("not_found");
  const audit = { actor: principal.actor, customerId: principal.customerId };
  if (change.method === "transfer") {
    if (account.paymentMethod === "transfer") return ok({ changed: false });
    await db.batch([
      db.update(billingAccounts).set({ paymentMethod: "transfer" }).where(eq(billingAccounts.id, account.id)),
      auditInsert(db, { ...audit, action: "billing.payment_method", before: { account: account.number, method: account.paymentMethod }, after: { account: account.number, method: "transfer" } }, now),
    ]);
    return ok({ changed: true });
  }
  const previous = latest[0];
  if (previous && previous.iban === change.iban && previous.holder === change.holder) return ok({ changed: false });
  const mail = mandate?.(account) ?? null;
  const request = db.insert(directDebitRequests).values({ billingAccountId: account.id, iban: change.iban, holder: change.holder, actor: principal.actor, createdAt: new Date(now) });
  const audited = auditInsert(
    db,
    {
      ...audit,
      action: "billing.direct_debit_requested",
      before: { account: account.number, method: account.paymentMethod },
      after: { account: account.number, iban: change.iban, holder: change.holder },
    },
    now,
  );
  if (mail) {
    await db.batch([
      request,
      audited,
      enqueueMessage(db, { channel: "email", recipient: mail.recipient, subject: mail.subject, body: mail.body, dedupeKey: `mandate:${account.id}:${now}:${change.iban}` }, now),
    ]);
  } else {
    await db.batch([request, audited]);
  }
  return ok({ changed: true, mandateSent: mail !== null });
}

export type StatementData = {
  customer: { number: string; name: string; email: string | null };
  accounts: (BillingAccount & { openCents: number })[];
  /** Open documents that no listed billing account carries, and their total: counted too. */
  unassigned: Unassigned | null;
  open: BillingDocument[];
  alreadySent: boolean;
};

/** What the account statement holds, in one round trip; `recentKeys` tell whether it was just sent. */
export async function getStatementData(db: Db, principal: Principal, recentKeys: string[]): Promise<StatementData | null> {
  const [customerRows, accounts, totals, open, sent] = await db.batch([
    db
      .select({ number: customers.customerNumber, name: customers.name, email: contactDetails.email })
      .from(customers)
      .leftJoin(contactDetails, eq(contactDetails.customerId, customers.id))
      .where(eq(customers.id, principal.customerId))
      .limit(1),
    db.select(accountColumns).from(billingAccounts).where(accountInScope(principal)).orderBy(billingAccounts.number),
    openTotals(db, principal),
    openDocuments(db, principal),
    db.select({ id: outboxMessages.id }).from(outboxMessages).where(inArray(outboxMessages.dedupeKey, recentKeys)).limit(1),
  ]);
  const customer = customerRows[0];
  if (!customer) return null;
  const split = splitTotals(accounts, totals);
  return {
    customer,
    accounts: split.accounts,
    unassigned:
      split.unassignedCount > 0
        ? {
            openCents: split.unassignedCents,
            documents: orphanDocuments(
              accounts.map((a) => a.id),
              open,
            ),
          }
        : null,
    open,
    alreadySent: sent.length > 0,
  };
}

export type StatementMail = { recipient: string; subject: string; body: string; attachmentKey: string; attachmentName: string; dedupeKey: string; totalCents: number };

/** The e-mail with its statement attached (already in R2), enqueued with its audit event. */
export async function enqueueStatement(db: Db, principal: Principal, mail: StatementMail, now = Date.now()): Promise<void> {
  await db.batch([
    enqueueMessage(
      db,
      { channel: "email", recipient: mail.recipient, subject: mail.subject, body: mail.body, attachmentKey: mail.attachmentKey, attachmentName: mail.attachmentName, dedupeKey: mail.dedupeKey },
      now,
    ),
    auditInsert(db, { actor: principal.actor, customerId: principal.customerId, action: "billing.statement_sent", after: { file: mail.attachmentKey, totalCents: mail.totalCents } }, now),
  ]);
}

import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { contracts, customers, documentContests, documentDeliveries, documents, sites, threads, type DeliveryStatus, type EinvoiceChannel } from "../../db/schema/index.ts";
import { contractAllowed } from "../../lib/contract-scope.ts";
import { firstMessageInserts, lastThreadId } from "../../lib/threads.ts";
import { auditInsert } from "../../lib/audit.ts";
import { hasWaste } from "../../lib/applications.ts";
import type { Principal } from "../../lib/principal.ts";
import { addWorkingDays, brusselsDate } from "../../lib/workdays.ts";

export const KINDS = ["invoice", "credit_note", "reminder", "statement", "delivery", "contract"] as const;
export type Kind = (typeof KINDS)[number];
export const PAGE_SIZE = 25;
/** Account statements (before 2009) and delivery notes (after 2015) are waste collection's documents. */
const WASTE_KINDS: readonly Kind[] = ["statement", "delivery"];

/** The tabs that apply to the principal's account: the waste ones only with waste collection. */
export function kindsFor(principal: Principal): Kind[] {
  return hasWaste(principal) ? [...KINDS] : KINDS.filter((kind) => !WASTE_KINDS.includes(kind));
}
/** Only these are billing documents: they fall under the invoice retention and may be contested (002 §6.2). */
export const BILLING_KINDS: readonly Kind[] = ["invoice", "credit_note", "reminder"];
export const CONTEST_WORKING_DAYS = 5;

export { retentionCutoff } from "../../lib/workdays.ts";

/**
 * What a principal may see: its own account and, for a head office, its buildings' accounts. Where
 * the principal's documents grants name contracts, only those contracts' documents.
 */
function scopeCondition(principal: Principal): SQL {
  const id = principal.customerId;
  const accounts = sql`${documents.customerId} IN (SELECT id FROM customers WHERE id = ${id} OR parent_id = ${id})`;
  return sql`${accounts} AND ${contractAllowed(principal, "documents", sql`${documents.contractId}`)}`;
}

/** Billing documents past retention are gone, except those still open: they stay until paid. */
function retentionCondition(cutoff: string): SQL {
  return sql`(${documents.kind} NOT IN ('invoice', 'credit_note', 'reminder') OR ${documents.documentDate} >= ${cutoff} OR COALESCE(${documents.openCents}, 0) > 0)`;
}

export function visible(principal: Principal, cutoff: string): SQL {
  return and(scopeCondition(principal), retentionCondition(cutoff))!;
}

export type ListQuery = {
  kind: Kind;
  site: number | null;
  contract: number | null;
  from: string | null;
  to: string | null;
  /** Keyset cursor "YYYY-MM-DD~id": after = older than it (next), before = newer than it (previous). */
  after: string | null;
  before: string | null;
};

export type ContestState = "open" | "contested" | "accepted" | null;
/** How a document reached the customer last (document_deliveries, #12): channel, status, when, why it failed. */
export type LastDelivery = { channel: EinvoiceChannel; status: DeliveryStatus; reason: string | null; at: Date };
export type DocumentRow = { id: number; reference: string; documentDate: string; kind: Kind; state: ContestState; amountCents: number | null; openCents: number | null; delivery: LastDelivery | null };
export type Option = { id: number; label: string };
export type DocumentsList = { rows: DocumentRow[]; next: string | null; previous: string | null; sites: Option[]; contracts: Option[] };

export function parseCursor(value: string | null): [string, number] | null {
  const match = value?.match(/^(\d{4}-\d{2}-\d{2})~(\d{1,12})$/);
  return match ? [match[1]!, Number(match[2])] : null;
}
const cursorOf = (row: { documentDate: string; id: number }) => `${row.documentDate}~${row.id}`;

export function contestState(kind: Kind, availableAt: Date, contested: boolean, now = Date.now()): ContestState {
  if (!BILLING_KINDS.includes(kind)) return null;
  if (contested) return "contested";
  return addWorkingDays(brusselsDate(availableAt), CONTEST_WORKING_DAYS) >= brusselsDate(now) ? "open" : "accepted";
}

/** One tab of documents, newest first, one page by keyset, with the filter choices: one round trip. */
export async function listDocuments(db: Db, principal: Principal, query: ListQuery, cutoff: string, now = Date.now()): Promise<DocumentsList> {
  const conditions: (SQL | undefined)[] = [visible(principal, cutoff), eq(documents.kind, query.kind)];
  if (query.site) conditions.push(eq(documents.siteId, query.site));
  if (query.contract) conditions.push(eq(documents.contractId, query.contract));
  if (query.from) conditions.push(gte(documents.documentDate, query.from));
  if (query.to) conditions.push(lte(documents.documentDate, query.to));
  const after = parseCursor(query.after);
  const before = after ? null : parseCursor(query.before);
  if (after) conditions.push(sql`(${documents.documentDate}, ${documents.id}) < (${after[0]}, ${after[1]})`);
  if (before) conditions.push(sql`(${documents.documentDate}, ${documents.id}) > (${before[0]}, ${before[1]})`);
  const order = before ? [asc(documents.documentDate), asc(documents.id)] : [desc(documents.documentDate), desc(documents.id)];
  const id = principal.customerId;
  const accounts = sql`IN (SELECT id FROM customers WHERE id = ${id} OR parent_id = ${id})`;
  const [found, siteRows, contractRows] = await db.batch([
    db
      .select({
        id: documents.id,
        reference: documents.reference,
        documentDate: documents.documentDate,
        kind: documents.kind,
        availableAt: documents.availableAt,
        amountCents: documents.amountCents,
        openCents: documents.openCents,
        contestId: documentContests.id,
        deliveryChannel: documentDeliveries.channel,
        deliveryStatus: documentDeliveries.status,
        deliveryReason: documentDeliveries.reason,
        deliveryCreatedAt: documentDeliveries.createdAt,
        deliveryUpdatedAt: documentDeliveries.updatedAt,
      })
      .from(documents)
      .leftJoin(documentContests, eq(documentContests.documentId, documents.id))
      // The newest delivery of each listed document, by its index (document, created_at): one row per document.
      .leftJoin(documentDeliveries, sql`${documentDeliveries.id} = (SELECT x.id FROM document_deliveries x WHERE x.document_id = ${documents.id} ORDER BY x.created_at DESC, x.id DESC LIMIT 1)`)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(PAGE_SIZE + 1),
    db.select({ id: sites.id, label: sites.name }).from(sites).where(sql`${sites.customerId} ${accounts}`).orderBy(asc(sites.name)),
    db
      .select({ id: contracts.id, label: sql<string>`${contracts.contractNumber} || ' – ' || ${contracts.service}` })
      .from(contracts)
      .where(sql`${contracts.customerId} ${accounts}`)
      .orderBy(asc(contracts.contractNumber)),
  ]);
  const more = found.length > PAGE_SIZE;
  const page = found.slice(0, PAGE_SIZE);
  if (before) page.reverse();
  const rows = page.map((r) => ({
    id: r.id,
    reference: r.reference,
    documentDate: r.documentDate,
    kind: r.kind,
    amountCents: r.amountCents,
    openCents: r.openCents,
    state: contestState(r.kind, r.availableAt, r.contestId !== null, now),
    delivery:
      r.deliveryChannel && r.deliveryStatus && r.deliveryCreatedAt && r.deliveryUpdatedAt
        ? { channel: r.deliveryChannel, status: r.deliveryStatus, reason: r.deliveryReason, at: r.deliveryStatus === "delivered" ? r.deliveryUpdatedAt : r.deliveryCreatedAt }
        : null,
  }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  const next = last && (before || more) ? cursorOf(last) : null;
  const previous = first && (after || (before && more)) ? cursorOf(first) : null;
  return { rows, next, previous, sites: siteRows, contracts: contractRows };
}

export type DocumentDetail = typeof documents.$inferSelect & {
  customerName: string;
  language: "nl" | "fr" | "en";
  street: string;
  postcode: string;
  city: string;
  contractNumber: string | null;
  contested: boolean;
};

/** What a document's PDF and ZIP entry name: the document, its customer, its contract. */
const detailColumns = {
  doc: documents,
  customerName: customers.name,
  language: customers.language,
  street: customers.billingStreet,
  postcode: customers.billingPostcode,
  city: customers.billingCity,
  contractNumber: contracts.contractNumber,
};

function toDetail(
  { doc, ...rest }: { doc: typeof documents.$inferSelect; customerName: string; language: DocumentDetail["language"]; street: string; postcode: string; city: string; contractNumber: string | null },
  contested: boolean,
): DocumentDetail {
  return { ...doc, ...rest, contested };
}

/** One document the principal may see, with what its PDF names; null when out of scope or past retention. */
export async function getDocument(db: Db, principal: Principal, id: number, cutoff: string): Promise<DocumentDetail | null> {
  const [row] = await db
    .select({ ...detailColumns, contestId: documentContests.id })
    .from(documents)
    .innerJoin(customers, eq(customers.id, documents.customerId))
    .leftJoin(contracts, eq(contracts.id, documents.contractId))
    .leftJoin(documentContests, eq(documentContests.documentId, documents.id))
    .where(and(eq(documents.id, id), visible(principal, cutoff)))
    .limit(1);
  return row ? toDetail(row, row.contestId !== null) : null;
}

/** Of the given ids, those the principal may see now, with what the ZIP needs (names and R2 keys). */
export async function documentsInScope(db: Db, principal: Principal, ids: number[], cutoff: string): Promise<DocumentDetail[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(detailColumns)
    .from(documents)
    .innerJoin(customers, eq(customers.id, documents.customerId))
    .leftJoin(contracts, eq(contracts.id, documents.contractId))
    .where(and(inArray(documents.id, ids), visible(principal, cutoff)))
    .orderBy(desc(documents.documentDate), desc(documents.id));
  return rows.map((row) => toDetail(row, false));
}

export async function idsInScope(db: Db, principal: Principal, ids: number[], cutoff: string): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(inArray(documents.id, ids), visible(principal, cutoff)));
  return rows.map((r) => r.id);
}

export async function recordFile(db: Db, id: number, fileKey: string, fileSize: number): Promise<void> {
  await db.update(documents).set({ fileKey, fileSize }).where(eq(documents.id, id));
}

export type ContestResult = "contested" | "already" | "closed";

/**
 * Records a contest with its audit event in one batch. The unique index on the document makes a
 * double submit fail as a whole, so neither a second contest nor a second audit event is written.
 */
export async function contestDocument(
  db: Db,
  principal: Principal,
  doc: DocumentDetail,
  reason: string,
  now = Date.now(),
  complaint: { title: string; authorLabel: string } = { title: doc.reference, authorLabel: principal.actor },
): Promise<ContestResult> {
  if (doc.contested) return "already";
  if (contestState(doc.kind, doc.availableAt, false, now) !== "open") return "closed";
  try {
    await db.batch([
      db.insert(documentContests).values({ documentId: doc.id, customerId: doc.customerId, reason, actor: principal.actor, createdAt: new Date(now) }),
      auditInsert(db, { actor: principal.actor, customerId: principal.customerId, action: "document.contest", after: { documentId: doc.id, reference: doc.reference, reason } }, now),
      // The contest is also a complaint in Complaints, with the document in its thread.
      ...contestComplaintInserts(db, principal, doc, reason, complaint, now),
    ]);
    return "contested";
  } catch (error) {
    const [existing] = await db.select({ id: documentContests.id }).from(documentContests).where(eq(documentContests.documentId, doc.id)).limit(1);
    if (existing) return "already";
    throw error;
  }
}

/**
 * A contest as a complaint (nature "invoice"): the thread, its complaint row (on the document's
 * contract, else the account's first one; none when the account has no contract), the reason as
 * first message and the document attached by reference.
 */
function contestComplaintInserts(db: Db, principal: Principal, doc: DocumentDetail, reason: string, complaint: { title: string; authorLabel: string }, now: number) {
  return [
    db
      .insert(threads)
      .values({ customerId: principal.customerId, kind: "complaint", status: "new", title: complaint.title, createdAt: new Date(now), updatedAt: new Date(now), createdBy: principal.actor }),
    db.run(sql`INSERT INTO complaints (thread_id, contract_id, service, nature, service_date, document_id)
      SELECT ${lastThreadId}, k.id, k.service, 'invoice', ${doc.documentDate}, ${doc.id} FROM contracts k
      WHERE k.id = ${doc.contractId} OR (${doc.contractId} IS NULL AND k.customer_id IN (${doc.customerId}, ${principal.customerId}))
      ORDER BY k.id = ${doc.contractId} DESC, k.customer_id = ${doc.customerId} DESC, k.id LIMIT 1`),
    ...firstMessageInserts(db, { authorLabel: complaint.authorLabel, body: reason }, [], now, [
      { documentId: doc.id, name: `${doc.reference}.pdf`, contentType: "application/pdf", size: doc.fileSize ?? 0 },
    ]),
  ];
}

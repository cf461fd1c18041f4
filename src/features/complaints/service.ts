import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { complaints, contracts, customers, threads } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { enqueueMessage, type OutgoingMessage } from "../../lib/outbox.ts";
import type { Principal } from "../../lib/principal.ts";
import { firstMessageInserts, lastThreadId, threadPage, threadPageQuery, type ThreadList } from "../../lib/threads.ts";
import { brusselsDate, retentionCutoff } from "../../lib/workdays.ts";

/** 000 p.10: the nature of a complaint. */
export const NATURES = ["service_not_done", "damage", "delivery", "invoice", "staff", "other"] as const;
export type Nature = (typeof NATURES)[number];
/** How far back the date of service may go. */
export const SERVICE_DATE_MONTHS = 6;

export type ContractOption = { contractNumber: string; service: string };

/** The contracts a complaint may name: the account's own and, for a head office, its buildings'. */
function contractsQuery(db: Db, principal: Principal) {
  const id = principal.customerId;
  return db
    .select({ contractNumber: contracts.contractNumber, service: contracts.service, id: contracts.id })
    .from(contracts)
    .where(sql`${contracts.customerId} IN (SELECT id FROM customers WHERE id = ${id} OR parent_id = ${id})`)
    .orderBy(asc(contracts.contractNumber));
}

export type ComplaintsPageData = { contracts: ContractOption[]; list: ThreadList };

/** The form's choices and one page of the account's complaints: one round trip. */
export async function complaintsPage(db: Db, principal: Principal, after: string | null, before: string | null): Promise<ComplaintsPageData> {
  const [contractRows, found] = await db.batch([contractsQuery(db, principal), threadPageQuery(db, { customerId: principal.customerId, kind: "complaint" }, after, before)]);
  return { contracts: contractRows, list: threadPage(found, after, before) };
}

export async function contractsOf(db: Db, principal: Principal) {
  return contractsQuery(db, principal);
}

/** The first and last date of service a complaint may name (Brussels days). */
export function serviceDateRange(now = Date.now()): { min: string; max: string } {
  return { min: retentionCutoff(SERVICE_DATE_MONTHS, now), max: brusselsDate(now) };
}

export type NewComplaint = { contractId: number; contractNumber: string; service: string; nature: Nature; comment: string; serviceDate: string; title: string };

/**
 * The thread, its complaint, the first message, the audit event and the two e-mails (to the
 * commercial team, and the confirmation to the user) in one batch: all or nothing. The thread's
 * id is known only inside the batch: the messages carry "{reference}" and the database fills it in.
 */
export async function fileComplaint(db: Db, principal: Principal, complaint: NewComplaint, author: string, mails: OutgoingMessage[], now = Date.now()): Promise<number> {
  const results = await db.batch([
    db
      .insert(threads)
      .values({ customerId: principal.customerId, kind: "complaint", status: "new", title: complaint.title, createdAt: new Date(now), updatedAt: new Date(now), createdBy: principal.actor })
      .returning({ id: threads.id }),
    db.insert(complaints).values({ threadId: lastThreadId, contractId: complaint.contractId, service: complaint.service, nature: complaint.nature, serviceDate: complaint.serviceDate }),
    ...firstMessageInserts(db, { authorLabel: author, body: complaint.comment }, [], now),
    auditInsert(
      db,
      {
        actor: principal.actor,
        customerId: principal.customerId,
        action: "complaint.filed",
        after: sql`json_object('threadId', ${lastThreadId}, 'contract', ${complaint.contractNumber}, 'service', ${complaint.service}, 'nature', ${complaint.nature}, 'serviceDate', ${complaint.serviceDate})`,
      },
      now,
    ),
    ...mails.map((mail) => referenced(db, mail, now)),
  ]);
  return (results[0] as { id: number }[])[0]!.id;
}

/** An outbox message whose "{reference}" becomes the id of the thread inserted in the same batch. */
export function referenced(db: Db, mail: OutgoingMessage, now: number) {
  return enqueueMessage(
    db,
    {
      ...mail,
      subject: sql`replace(${mail.subject}, '{reference}', ${lastThreadId})` as unknown as string,
      body: sql`replace(${mail.body}, '{reference}', ${lastThreadId})` as unknown as string,
      dedupeKey: sql`${mail.dedupeKey} || ':' || ${lastThreadId}` as unknown as string,
    },
    now,
  );
}

/** The complaint's own fields, for its page (batched with the thread's queries). */
export function complaintFactsQuery(db: Db, customerId: number, threadId: number) {
  return db
    .select({ contractNumber: contracts.contractNumber, service: complaints.service, nature: complaints.nature, serviceDate: complaints.serviceDate, documentId: complaints.documentId })
    .from(threads)
    .leftJoin(complaints, eq(complaints.threadId, threads.id))
    .leftJoin(contracts, eq(contracts.id, complaints.contractId))
    .where(and(eq(threads.id, threadId), eq(threads.customerId, customerId), eq(threads.kind, "complaint")))
    .limit(1);
}

export async function customerName(db: Db, customerId: number): Promise<string> {
  const [row] = await db.select({ name: customers.name }).from(customers).where(eq(customers.id, customerId)).limit(1);
  return row?.name ?? "";
}

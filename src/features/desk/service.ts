import { and, asc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.ts";
import type { Cursor } from "../../lib/keyset.ts";
import {
  auditEvents,
  changeRequests,
  complaints,
  contactDetails,
  contracts,
  customers,
  orders,
  staff,
  threadMessages,
  threads,
  tickets,
  type ChangeStatus,
  type OrderStatus,
  type ThreadKind,
  type ThreadStatus,
} from "../../db/schema/index.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import { type MessageRow, threadDetail as mergeThread, threadQueries } from "../../lib/threads.ts";
import type { DeskSession } from "./session.ts";
import { TOTP_PERIOD_S, totpCode } from "./totp.ts";

/**
 * The desk works across every customer: its queries are not scoped to an account but to what
 * exists (an unknown id, or an id of another kind, is "not found"). Every change is written with
 * its audit event, for the customer it concerns, in one batch; the actor is "desk:<username>".
 */
export const QUEUE_PAGE_SIZE = 25;
export const AGES = [0, 1, 3, 7] as const;
export type Age = (typeof AGES)[number];
const DAY_MS = 24 * 3600 * 1000;

export type QueueFilter<S extends string> = { status: S; age: Age; after: Cursor | null };
export type Page<R> = { rows: R[]; next: Cursor | null };

export const actorOf = (desk: Pick<DeskSession, "username">) => `desk:${desk.username}`;

function pageOf<R extends { id: number }>(rows: R[], at: (row: R) => Date): Page<R> {
  const page = rows.slice(0, QUEUE_PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > QUEUE_PAGE_SIZE && last ? { at: at(last).getTime(), id: last.id } : null };
}

/** Oldest first (a queue), after the cursor, older than the age: one range of the queue index. */
function queueWhere(column: SQLiteColumn, idColumn: SQLiteColumn, filter: { age: Age; after: Cursor | null }, now: number): SQL[] {
  const where: SQL[] = [];
  if (filter.age > 0) where.push(sql`${column} <= ${now - filter.age * DAY_MS}`);
  if (filter.after) where.push(sql`(${column}, ${idColumn}) > (${filter.after.at}, ${filter.after.id})`);
  return where;
}

// ---------------------------------------------------------------------------------------------
// Staff and login

export type StaffRow = typeof staff.$inferSelect;

export async function findStaff(db: Db, username: string): Promise<StaffRow | null> {
  const [row] = await db.select().from(staff).where(eq(staff.usernameKey, username.trim().toLowerCase())).limit(1);
  return row ?? null;
}

export async function staffById(db: Db, id: number): Promise<StaffRow | null> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id)).limit(1);
  return row ?? null;
}

/**
 * Takes a TOTP time step as used: true for the first request only, whatever arrives together
 * (the guard on the stored last step is checked and set in one statement).
 */
export async function acceptTotpStep(db: Db, staffId: number, step: number, now = Date.now()): Promise<boolean> {
  const rows = await db
    .update(staff)
    .set({ totpLastStep: step, lastLoginAt: new Date(now) })
    .where(and(eq(staff.id, staffId), lt(staff.totpLastStep, step), eq(staff.active, true)))
    .returning({ id: staff.id });
  return rows.length === 1;
}

// ---------------------------------------------------------------------------------------------
// Queues

export type ThreadQueueRow = { id: number; title: string; status: ThreadStatus; createdAt: Date; updatedAt: Date; customerNumber: string; customerName: string; assignee: string | null };

/** The query alone, for EXPLAIN QUERY PLAN in the tests: one range of threads_queue_idx, no sort. */
export function threadQueueQuery(db: Db, kind: ThreadKind, filter: QueueFilter<ThreadStatus>, now = Date.now()) {
  return db
    .select({
      id: threads.id,
      title: threads.title,
      status: threads.status,
      createdAt: threads.createdAt,
      updatedAt: threads.updatedAt,
      customerNumber: customers.customerNumber,
      customerName: customers.name,
      assignee: staff.name,
    })
    .from(threads)
    .innerJoin(customers, eq(customers.id, threads.customerId))
    .leftJoin(staff, eq(staff.id, threads.assignedStaffId))
    .where(and(eq(threads.kind, kind), eq(threads.status, filter.status), ...queueWhere(threads.updatedAt, threads.id, filter, now)))
    .orderBy(asc(threads.updatedAt), asc(threads.id))
    .limit(QUEUE_PAGE_SIZE + 1);
}

export async function threadQueue(db: Db, kind: ThreadKind, filter: QueueFilter<ThreadStatus>, now = Date.now()): Promise<Page<ThreadQueueRow>> {
  return pageOf(await threadQueueQuery(db, kind, filter, now), (row) => row.updatedAt);
}

export type OrderQueueRow = { id: number; article: string; quantity: number; status: OrderStatus; createdAt: Date; deliveryDate: string | null; customerNumber: string; customerName: string };

export function orderQueueQuery(db: Db, filter: QueueFilter<OrderStatus>, now = Date.now()) {
  return db
    .select({
      id: orders.id,
      article: orders.article,
      quantity: orders.quantity,
      status: orders.status,
      createdAt: orders.createdAt,
      deliveryDate: orders.deliveryDate,
      customerNumber: customers.customerNumber,
      customerName: customers.name,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(and(eq(orders.status, filter.status), ...queueWhere(orders.createdAt, orders.id, filter, now)))
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .limit(QUEUE_PAGE_SIZE + 1);
}

export async function orderQueue(db: Db, filter: QueueFilter<OrderStatus>, now = Date.now()): Promise<Page<OrderQueueRow>> {
  return pageOf(await orderQueueQuery(db, filter, now), (row) => row.createdAt);
}

export type ChangeQueueRow = {
  id: number;
  kind: string;
  newValue: string | null;
  effectiveDate: string;
  status: ChangeStatus;
  createdAt: Date;
  customerNumber: string;
  customerName: string;
  contractNumber: string;
};

export function changeQueueQuery(db: Db, filter: QueueFilter<ChangeStatus>, now = Date.now()) {
  return db
    .select({
      id: changeRequests.id,
      kind: changeRequests.kind,
      newValue: changeRequests.newValue,
      effectiveDate: changeRequests.effectiveDate,
      status: changeRequests.status,
      createdAt: changeRequests.createdAt,
      customerNumber: customers.customerNumber,
      customerName: customers.name,
      contractNumber: contracts.contractNumber,
    })
    .from(changeRequests)
    .innerJoin(customers, eq(customers.id, changeRequests.customerId))
    .innerJoin(contracts, eq(contracts.id, changeRequests.contractId))
    .where(and(eq(changeRequests.status, filter.status), ...queueWhere(changeRequests.createdAt, changeRequests.id, filter, now)))
    .orderBy(asc(changeRequests.createdAt), asc(changeRequests.id))
    .limit(QUEUE_PAGE_SIZE + 1);
}

export async function changeQueue(db: Db, filter: QueueFilter<ChangeStatus>, now = Date.now()): Promise<Page<ChangeQueueRow>> {
  return pageOf(await changeQueueQuery(db, filter, now), (row) => row.createdAt);
}

// ---------------------------------------------------------------------------------------------
// A thread (complaint or ticket)

export type StaffOption = { id: number; name: string; role: string };
export type ThreadDetail = {
  thread: typeof threads.$inferSelect & { customerNumber: string; customerName: string; customerLanguage: "nl" | "fr" | "en"; contactEmail: string | null; assignee: string | null };
  complaint: (typeof complaints.$inferSelect & { contractNumber: string }) | null;
  ticket: typeof tickets.$inferSelect | null;
  /** Both ways, oldest first, with their attachments (src/lib/threads.ts, shared with the customer's pages). */
  messages: MessageRow[];
  staff: StaffOption[];
};

/** A thread of this kind with its customer, its details, its messages and the staff to assign: one round trip. */
export async function threadDetail(db: Db, kind: ThreadKind, id: number): Promise<ThreadDetail | null> {
  const [, messageQuery, attachmentQuery] = threadQueries(db, { customerId: null, kind }, id);
  const [head, complaint, ticket, messages, files, team] = await db.batch([
    db
      .select({
        thread: threads,
        customerNumber: customers.customerNumber,
        customerName: customers.name,
        customerLanguage: customers.language,
        contactEmail: contactDetails.email,
        assignee: staff.name,
      })
      .from(threads)
      .innerJoin(customers, eq(customers.id, threads.customerId))
      .leftJoin(contactDetails, eq(contactDetails.customerId, threads.customerId))
      .leftJoin(staff, eq(staff.id, threads.assignedStaffId))
      .where(and(eq(threads.id, id), eq(threads.kind, kind))),
    db.select({ complaint: complaints, contractNumber: contracts.contractNumber }).from(complaints).innerJoin(contracts, eq(contracts.id, complaints.contractId)).where(eq(complaints.threadId, id)),
    db.select().from(tickets).where(eq(tickets.threadId, id)),
    messageQuery,
    attachmentQuery,
    db.select({ id: staff.id, name: staff.name, role: staff.role }).from(staff).where(eq(staff.active, true)).orderBy(asc(staff.name)),
  ]);
  const row = head[0];
  if (!row) return null;
  return {
    thread: { ...row.thread, customerNumber: row.customerNumber, customerName: row.customerName, customerLanguage: row.customerLanguage, contactEmail: row.contactEmail, assignee: row.assignee },
    complaint: complaint[0] ? { ...complaint[0].complaint, contractNumber: complaint[0].contractNumber } : null,
    ticket: ticket[0] ?? null,
    messages: mergeThread([[row.thread], messages, files])?.messages ?? [],
    staff: team,
  };
}

/** Where the answer goes: the ticket's requester, else the account's contact address. */
export const answerRecipient = (detail: ThreadDetail) => detail.ticket?.requesterEmail || detail.thread.contactEmail || null;

export type Mail = { recipient: string; subject: string; body: string };

/** The staff's answer: the message, the thread answered, the audit event and the e-mail to the customer, together. */
export async function answerThread(db: Db, desk: DeskSession, detail: ThreadDetail, body: string, mail: Mail | null, submission: string, now = Date.now()) {
  const t = detail.thread;
  const inserts = [
    db.insert(threadMessages).values({ threadId: t.id, at: new Date(now), author: "staff", authorLabel: desk.name, staffId: desk.staffId, body }),
    db
      .update(threads)
      .set({ status: "answered", updatedAt: new Date(now), closedAt: null })
      .where(eq(threads.id, t.id)),
    db.insert(auditEvents).values({
      at: new Date(now),
      actor: actorOf(desk),
      customerId: t.customerId,
      action: `desk.${t.kind}_answered`,
      before: { subject: t.title, threadStatus: t.status },
      after: { subject: t.title, threadStatus: "answered" },
    }),
  ] as const;
  if (mail) await db.batch([...inserts, enqueueMessage(db, { channel: "email", ...mail, dedupeKey: `desk-answer:${submission}` }, now)]);
  else await db.batch(inserts);
}

export const DESK_THREAD_STATUSES = ["in_progress", "answered", "closed"] as const satisfies readonly ThreadStatus[];

/** A change of status; nothing (and no audit) when it already had it. */
export async function setThreadStatus(db: Db, desk: DeskSession, detail: ThreadDetail, status: (typeof DESK_THREAD_STATUSES)[number], now = Date.now()): Promise<boolean> {
  const t = detail.thread;
  if (t.status === status) return false;
  await db.batch([
    db
      .update(threads)
      .set({ status, updatedAt: new Date(now), closedAt: status === "closed" ? new Date(now) : null })
      .where(and(eq(threads.id, t.id), eq(threads.status, t.status))),
    guardedAudit(db, sql`SELECT 1 FROM threads WHERE id = ${t.id} AND status = ${status} AND updated_at = ${now}`, {
      actor: actorOf(desk),
      customerId: t.customerId,
      action: `desk.${t.kind}_status`,
      before: { subject: t.title, threadStatus: t.status },
      after: { subject: t.title, threadStatus: status },
      now,
    }),
  ]);
  return true;
}

/** Assigns the thread to a staff member (or to nobody). */
export async function assignThread(db: Db, desk: DeskSession, detail: ThreadDetail, to: StaffOption | null, now = Date.now()) {
  const t = detail.thread;
  await db.batch([
    db
      .update(threads)
      .set({ assignedStaffId: to?.id ?? null })
      .where(eq(threads.id, t.id)),
    db.insert(auditEvents).values({
      at: new Date(now),
      actor: actorOf(desk),
      customerId: t.customerId,
      action: `desk.${t.kind}_assigned`,
      before: { subject: t.title, assignee: t.assignee },
      after: { subject: t.title, assignee: to?.name ?? null },
    }),
  ]);
}

/**
 * An audit event written only if its change took place (the condition reads the row as the
 * change left it): a second click on the same button records nothing.
 */
function guardedAudit(db: Db, exists: SQL, e: { actor: string; customerId: number; action: string; before: unknown; after: unknown; now: number }) {
  return db.run(
    sql`INSERT INTO ${auditEvents} (at, actor, customer_id, action, before, after) SELECT ${e.now}, ${e.actor}, ${e.customerId}, ${e.action}, ${JSON.stringify(e.before)}, ${JSON.stringify(e.after)} WHERE EXISTS (${exists})`,
  );
}

// ---------------------------------------------------------------------------------------------
// Orders

export type OrderDetail = typeof orders.$inferSelect & { customerNumber: string; customerName: string; contractNumber: string };

export async function orderDetail(db: Db, id: number): Promise<OrderDetail | null> {
  const [row] = await db
    .select({ order: orders, customerNumber: customers.customerNumber, customerName: customers.name, contractNumber: contracts.contractNumber })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(contracts, eq(contracts.id, orders.contractId))
    .where(eq(orders.id, id));
  return row ? { ...row.order, customerNumber: row.customerNumber, customerName: row.customerName, contractNumber: row.contractNumber } : null;
}

export type OrderStep = "confirm" | "deliver" | "cancel";
/** From which statuses each step may be taken. */
export const ORDER_STEPS: Record<OrderStep, { from: OrderStatus[]; to: OrderStatus }> = {
  confirm: { from: ["ordered"], to: "confirmed" },
  deliver: { from: ["ordered", "confirmed"], to: "delivered" },
  cancel: { from: ["ordered", "confirmed"], to: "cancelled" },
};

/** One step of an order, dated; false when the order is no longer where the step starts. */
export async function moveOrder(db: Db, desk: DeskSession, order: OrderDetail, step: OrderStep, deliveryDate: string | null, now = Date.now()): Promise<boolean> {
  const { from, to } = ORDER_STEPS[step];
  if (!from.includes(order.status)) return false;
  const at = new Date(now);
  const set =
    step === "confirm"
      ? { status: to, confirmedAt: at, deliveryDate }
      : step === "deliver"
        ? { status: to, deliveredAt: at, deliveryDate: new Date(now).toISOString().slice(0, 10) }
        : { status: to, cancelledAt: at };
  const dated = step === "confirm" ? "confirmed_at" : step === "deliver" ? "delivered_at" : "cancelled_at";
  const [updated] = await db.batch([
    db
      .update(orders)
      .set(set)
      .where(and(eq(orders.id, order.id), inArray(orders.status, from)))
      .returning({ id: orders.id }),
    guardedAudit(db, sql`SELECT 1 FROM orders WHERE id = ${order.id} AND status = ${to} AND ${sql.raw(dated)} = ${now}`, {
      actor: actorOf(desk),
      customerId: order.customerId,
      action: `desk.order_${step === "confirm" ? "confirmed" : step === "deliver" ? "delivered" : "cancelled"}`,
      before: { article: order.article, orderStatus: order.status, deliveryDate: order.deliveryDate },
      after: { article: order.article, orderStatus: to, deliveryDate: "deliveryDate" in set ? set.deliveryDate : order.deliveryDate },
      now,
    }),
  ]);
  return updated.length === 1;
}

// ---------------------------------------------------------------------------------------------
// Change requests

export type ChangeDetail = typeof changeRequests.$inferSelect & { customerNumber: string; customerName: string; contractNumber: string };

export async function changeDetail(db: Db, id: number): Promise<ChangeDetail | null> {
  const [row] = await db
    .select({ change: changeRequests, customerNumber: customers.customerNumber, customerName: customers.name, contractNumber: contracts.contractNumber })
    .from(changeRequests)
    .innerJoin(customers, eq(customers.id, changeRequests.customerId))
    .innerJoin(contracts, eq(contracts.id, changeRequests.contractId))
    .where(eq(changeRequests.id, id));
  return row ? { ...row.change, customerNumber: row.customerNumber, customerName: row.customerName, contractNumber: row.contractNumber } : null;
}

export type ChangeDecision = "accept" | "refuse" | "done";
export const CHANGE_DECISIONS: Record<ChangeDecision, { from: ChangeStatus[]; to: ChangeStatus }> = {
  accept: { from: ["requested"], to: "accepted" },
  refuse: { from: ["requested"], to: "refused" },
  done: { from: ["accepted"], to: "done" },
};

export async function decideChange(db: Db, desk: DeskSession, change: ChangeDetail, decision: ChangeDecision, note: string | null, now = Date.now()): Promise<boolean> {
  const { from, to } = CHANGE_DECISIONS[decision];
  if (!from.includes(change.status)) return false;
  const at = new Date(now);
  const set = decision === "done" ? { status: to } : { status: to, decidedAt: at, decisionNote: note };
  const [updated] = await db.batch([
    db
      .update(changeRequests)
      .set(set)
      .where(and(eq(changeRequests.id, change.id), inArray(changeRequests.status, from)))
      .returning({ id: changeRequests.id }),
    guardedAudit(
      db,
      decision === "done"
        ? sql`SELECT 1 FROM change_requests WHERE id = ${change.id} AND status = ${to}`
        : sql`SELECT 1 FROM change_requests WHERE id = ${change.id} AND status = ${to} AND decided_at = ${now}`,
      {
        actor: actorOf(desk),
        customerId: change.customerId,
        action: `desk.change_${to}`,
        before: { contract: change.contractNumber, changeStatus: change.status },
        after: { contract: change.contractNumber, changeStatus: to, decisionNote: note },
        now,
      },
    ),
  ]);
  return updated.length === 1;
}

// ---------------------------------------------------------------------------------------------
// Development only (/dev/totp): each staff member's current code, as an authenticator app shows it.

export async function currentStaffCodes(db: Db, now = Date.now()) {
  const rows = await db
    .select({ username: staff.username, name: staff.name, role: staff.role, secret: staff.totpSecret })
    .from(staff)
    .where(eq(staff.active, true))
    .orderBy(asc(staff.username))
    .limit(50);
  return rows.map(({ secret, ...row }) => ({ ...row, code: totpCode(secret, now), validForSeconds: TOTP_PERIOD_S - (Math.floor(now / 1000) % TOTP_PERIOD_S) }));
}

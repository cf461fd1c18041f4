import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { contracts, customers, orders, threads, tickets } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import type { StoredFile } from "../../lib/attachments.ts";
import { prepareOrder } from "../../lib/orders.ts";
import { enqueueMessage, type OutgoingMessage } from "../../lib/outbox.ts";
import type { Principal } from "../../lib/principal.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";
import { firstMessageInserts, lastThreadId, threadPage, threadPageQuery, type ThreadList } from "../../lib/threads.ts";

/** 003 "Créer un ticket technique": the subject, then "Plus de détails" depending on it. */
export const SUBJECTS = {
  sim_options: ["reactivate_paused", "stop_pause", "delete_inactive", "add_employees_csv", "order_blank_sim"],
  fleet: ["sim_swap", "change_plan", "employee_leaving"],
  blocks: ["notifications", "blocks", "payment_limit"],
  other: ["other"],
} as const;
export type Subject = keyof typeof SUBJECTS;
export type Detail = (typeof SUBJECTS)[Subject][number];
export const SUBJECT_CODES = Object.keys(SUBJECTS) as Subject[];

/** The fields a detail asks for (003: a phone number and a date for an action on a line; the address for blank SIM cards). */
export type Needs = { phone: boolean; date: boolean; message: boolean; order: boolean; csv: boolean };
const need = (n: Partial<Needs>): Needs => ({ phone: false, date: false, message: false, order: false, csv: false, ...n });
export const NEEDS: Record<Detail, Needs> = {
  reactivate_paused: need({ phone: true, date: true }),
  stop_pause: need({ phone: true, date: true }),
  delete_inactive: need({ phone: true, date: true }),
  add_employees_csv: need({ csv: true }),
  order_blank_sim: need({ order: true }),
  sim_swap: need({ phone: true, date: true }),
  change_plan: need({ phone: true, date: true, message: true }),
  employee_leaving: need({ phone: true, date: true }),
  notifications: need({ phone: true, message: true }),
  blocks: need({ phone: true, message: true }),
  payment_limit: need({ phone: true, message: true }),
  other: need({ message: true }),
};

export const BLANK_SIM_PRODUCT = "fleet_sim_blank";

export function isSubject(value: unknown): value is Subject {
  return typeof value === "string" && value in SUBJECTS;
}
export function detailOf(subject: Subject | null, value: unknown): Detail | null {
  return subject && typeof value === "string" && (SUBJECTS[subject] as readonly string[]).includes(value) ? (value as Detail) : null;
}

export function ticketsPage(db: Db, principal: Principal, after: string | null, before: string | null): Promise<ThreadList> {
  return threadPageQuery(db, { customerId: principal.customerId, kind: "ticket" }, after, before).then((rows) => threadPage(rows, after, before));
}

/** The delivery address 003 prefills: the account's billing address. */
export async function billingAddress(db: Db, customerId: number) {
  const [row] = await db.select({ street: customers.billingStreet, postcode: customers.billingPostcode, city: customers.billingCity }).from(customers).where(eq(customers.id, customerId)).limit(1);
  return row ?? null;
}

export type NewTicket = {
  subject: Subject;
  detail: Detail;
  title: string;
  phoneNumber: string | null;
  actionDate: string | null;
  message: string;
  quantity: number | null;
  address: { country: string; postcode: string; locality: string; street: string; houseNumber: string; suffix: string | null; box: string | null } | null;
  requesterEmail: string;
  requesterMobile: string | null;
};

/** The ticket (and its order of blank SIM cards, if it is one), or why the order cannot be placed ("invalid", nothing stored). */
export type CreatedTicket = Result<{ id: number; order: { id: number; deliveryDate: string } | null }, Fail<"invalid", { reason: "product" | "quantity" }>>;

/** "Katwilgweg 2A bus 3, 2050 Antwerpen" */
export function addressLine(a: NonNullable<NewTicket["address"]>): string {
  return `${a.street} ${a.houseNumber}${a.suffix ?? ""}${a.box ? ` bus ${a.box}` : ""}, ${a.postcode} ${a.locality}`;
}

/**
 * The thread, its ticket, the first message with its attachments, the audit event, the e-mails
 * and, for blank SIM cards, the order (src/lib/orders.ts) linked to the ticket: one batch.
 */
export async function createTicket(db: Db, principal: Principal, ticket: NewTicket, author: string, files: StoredFile[], mails: OutgoingMessage[], now = Date.now()): Promise<CreatedTicket> {
  let orderStatements: unknown[] = [];
  let deliveryDate: string | null = null;
  if (ticket.address && ticket.quantity !== null) {
    const [contract] = await db.select({ id: contracts.id, siteId: contracts.siteId }).from(contracts).where(eq(contracts.customerId, principal.customerId)).orderBy(asc(contracts.id)).limit(1);
    if (!contract) return fail("invalid", { reason: "product" as const });
    const prepared = await prepareOrder(
      db,
      principal,
      {
        customerId: principal.customerId,
        contractId: contract.id,
        productCode: BLANK_SIM_PRODUCT,
        quantity: ticket.quantity,
        address: addressLine(ticket.address),
        siteId: contract.siteId,
        createdBy: principal.actor,
      },
      now,
    );
    if (!prepared.ok) return fail("invalid", { reason: prepared.error });
    deliveryDate = prepared.deliveryDate;
    orderStatements = [...prepared.statements, db.update(tickets).set({ orderId: sql`(SELECT max(id) FROM orders)` }).where(eq(tickets.threadId, lastThreadId))];
  }
  const a = ticket.address;
  const statements = [
    db
      .insert(threads)
      .values({ customerId: principal.customerId, kind: "ticket", status: "new", title: ticket.title, createdAt: new Date(now), updatedAt: new Date(now), createdBy: principal.actor })
      .returning({ id: threads.id }),
    db.insert(tickets).values({
      threadId: lastThreadId,
      subject: ticket.subject,
      detail: ticket.detail,
      phoneNumber: ticket.phoneNumber,
      actionDate: ticket.actionDate,
      quantity: ticket.quantity,
      country: a?.country ?? null,
      postcode: a?.postcode ?? null,
      locality: a?.locality ?? null,
      street: a?.street ?? null,
      houseNumber: a?.houseNumber ?? null,
      suffix: a?.suffix ?? null,
      box: a?.box ?? null,
      requesterEmail: ticket.requesterEmail,
      requesterMobile: ticket.requesterMobile,
    }),
    ...orderStatements,
    ...firstMessageInserts(db, { authorLabel: author, body: ticket.message }, files, now),
    auditInsert(
      db,
      {
        actor: principal.actor,
        customerId: principal.customerId,
        action: "ticket.created",
        after: sql`json_object('threadId', ${lastThreadId}, 'subject', ${ticket.subject}, 'detail', ${ticket.detail}, 'phoneNumber', ${ticket.phoneNumber}, 'actionDate', ${ticket.actionDate}, 'quantity', ${ticket.quantity}, 'files', ${files.length})`,
      },
      now,
    ),
    ...mails.map((mail) =>
      enqueueMessage(
        db,
        {
          ...mail,
          subject: sql`replace(${mail.subject}, '{reference}', ${lastThreadId})` as unknown as string,
          body: sql`replace(${mail.body}, '{reference}', ${lastThreadId})` as unknown as string,
          dedupeKey: sql`${mail.dedupeKey} || ':' || ${lastThreadId}` as unknown as string,
        },
        now,
      ),
    ),
  ];
  const results = await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  const id = (results[0] as { id: number }[])[0]!.id;
  const orderId = orderStatements.length > 0 ? (results[2] as { id: number }[])[0]!.id : null;
  return ok({ id, order: orderId !== null && deliveryDate ? { id: orderId, deliveryDate } : null });
}

/** The ticket's own fields and its order, for its page (batched with the thread's queries). */
export function ticketFactsQuery(db: Db, customerId: number, threadId: number) {
  return db
    .select({
      subject: tickets.subject,
      detail: tickets.detail,
      phoneNumber: tickets.phoneNumber,
      actionDate: tickets.actionDate,
      quantity: tickets.quantity,
      street: tickets.street,
      houseNumber: tickets.houseNumber,
      suffix: tickets.suffix,
      box: tickets.box,
      postcode: tickets.postcode,
      locality: tickets.locality,
      requesterEmail: tickets.requesterEmail,
      requesterMobile: tickets.requesterMobile,
      orderId: tickets.orderId,
      deliveryDate: orders.deliveryDate,
    })
    .from(tickets)
    .innerJoin(threads, eq(threads.id, tickets.threadId))
    .leftJoin(orders, eq(orders.id, tickets.orderId))
    .where(and(eq(tickets.threadId, threadId), eq(threads.customerId, customerId)))
    .limit(1);
}
export type TicketFacts = Awaited<ReturnType<typeof ticketFactsQuery>>[number];

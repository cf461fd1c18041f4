import { and, asc, eq, gte, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { collectionDays, contactDetails, contracts, customers, outboxMessages, sites } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import type { Session } from "../../lib/session.ts";

export type CollectionDay = { date: string; fraction: string };
export type ContractCalendar = {
  contractId: number;
  contractNumber: string;
  service: string;
  customerName: string;
  address: string;
  days: CollectionDay[];
};

/** Upcoming days shown per contract on the page; the files hold the whole calendar from today. */
export const DAYS_ON_PAGE = 6;
/** A head office has a handful of buildings; this bounds the page, not a real account. */
export const MAX_CONTRACTS = 100;
/** More than a year of weekly collections of several fractions. */
const MAX_DAYS_IN_FILE = 500;

/**
 * The contracts the active account may see: its own and, for a head office, its buildings'.
 * A user whose documents rights name contracts sees only those (scopes of kind "contract" hold
 * the contract number as ref); rights without contract scopes leave the account scope.
 */
function contractsInScope(session: Session): SQL {
  const customerId = session.customerId;
  const ownOrBuildings = or(eq(contracts.customerId, customerId), sql`${contracts.customerId} IN (SELECT "id" FROM "customers" WHERE "parent_id" = ${customerId})`)!;
  const granted = session.principal.apps.documents?.scopes ?? "*";
  if (granted === "*") return ownOrBuildings;
  const ids =
    granted.length > 0
      ? sql.join(
          granted.map((id) => sql`${id}`),
          sql`, `,
        )
      : sql`NULL`;
  const contractScopes = sql`(SELECT "ref" FROM "scopes" WHERE "kind" = 'contract' AND "customer_id" = ${customerId} AND "id" IN (${ids}))`;
  return and(ownOrBuildings, or(sql`NOT EXISTS ${contractScopes}`, sql`${contracts.contractNumber} IN ${contractScopes}`))!;
}

const contractColumns = {
  contractId: contracts.id,
  contractNumber: contracts.contractNumber,
  service: contracts.service,
  customerName: customers.name,
  street: sql<string>`coalesce(${sites.street}, ${customers.billingStreet})`,
  postcode: sql<string>`coalesce(${sites.postcode}, ${customers.billingPostcode})`,
  city: sql<string>`coalesce(${sites.city}, ${customers.billingCity})`,
};

type ContractRow = { contractId: number; contractNumber: string; service: string; customerName: string; street: string; postcode: string; city: string };

function toCalendar(row: ContractRow, days: CollectionDay[]): ContractCalendar {
  return {
    contractId: row.contractId,
    contractNumber: row.contractNumber,
    service: row.service,
    customerName: row.customerName,
    address: `${row.street}, ${row.postcode} ${row.city}`,
    days,
  };
}

/** The page: every contract in scope with its site address and its next collection days, one round trip. */
export async function listCalendars(db: Db, session: Session, today: string): Promise<ContractCalendar[]> {
  const scope = contractsInScope(session);
  const ranked = db
    .select({
      contractId: collectionDays.contractId,
      date: collectionDays.date,
      fraction: collectionDays.fraction,
      rank: sql<number>`row_number() OVER (PARTITION BY ${collectionDays.contractId} ORDER BY ${collectionDays.date}, ${collectionDays.fraction})`.as("rank"),
    })
    .from(collectionDays)
    .innerJoin(contracts, eq(contracts.id, collectionDays.contractId))
    .where(and(scope, gte(collectionDays.date, today)))
    .as("ranked");
  const [rows, days] = await db.batch([
    db
      .select(contractColumns)
      .from(contracts)
      .innerJoin(customers, eq(customers.id, contracts.customerId))
      .leftJoin(sites, eq(sites.id, contracts.siteId))
      .where(scope)
      .orderBy(asc(contracts.contractNumber))
      .limit(MAX_CONTRACTS),
    db.select({ contractId: ranked.contractId, date: ranked.date, fraction: ranked.fraction }).from(ranked).where(lte(ranked.rank, DAYS_ON_PAGE)),
  ]);
  const byContract = new Map<number, CollectionDay[]>();
  for (const day of days) {
    const list = byContract.get(day.contractId) ?? [];
    list.push({ date: day.date, fraction: day.fraction });
    byContract.set(day.contractId, list);
  }
  return rows.map((row) => toCalendar(row, byContract.get(row.contractId) ?? []));
}

/** One contract's calendar from today on; null when the contract is not in scope (→ 404). */
export async function getCalendar(db: Db, session: Session, contractId: number, today: string): Promise<ContractCalendar | null> {
  const scope = and(contractsInScope(session), eq(contracts.id, contractId));
  const [rows, days] = await db.batch([
    db.select(contractColumns).from(contracts).innerJoin(customers, eq(customers.id, contracts.customerId)).leftJoin(sites, eq(sites.id, contracts.siteId)).where(scope).limit(1),
    db
      .select({ date: collectionDays.date, fraction: collectionDays.fraction })
      .from(collectionDays)
      .innerJoin(contracts, eq(contracts.id, collectionDays.contractId))
      .where(and(scope, gte(collectionDays.date, today)))
      .orderBy(asc(collectionDays.date), asc(collectionDays.fraction))
      .limit(MAX_DAYS_IN_FILE),
  ]);
  const [row] = rows;
  return row ? toCalendar(row, days) : null;
}

/** The address the account's messages go to (manual p.12: "taken from your profile"). */
export async function profileEmail(db: Db, session: Session): Promise<string | null> {
  const [row] = await db.select({ email: contactDetails.email }).from(contactDetails).where(eq(contactDetails.customerId, session.customerId)).limit(1);
  return row?.email ?? null;
}

export type CalendarMail = { recipient: string; subject: string; body: string; fileKey: string; fileName: string; dedupeKey: string };

/**
 * Enqueues the e-mail with the calendar PDF (already in R2) and its audit event in one batch.
 * A second submit of the same form (same dedupe key) sends and records nothing more.
 */
export async function enqueueCalendarMail(db: Db, session: Session, calendar: ContractCalendar, mail: CalendarMail, now = Date.now()): Promise<{ sent: boolean }> {
  const [existing] = await db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.dedupeKey, mail.dedupeKey)).limit(1);
  if (existing) return { sent: false };
  await db.batch([
    enqueueMessage(
      db,
      { channel: "email", recipient: mail.recipient, subject: mail.subject, body: mail.body, attachmentKey: mail.fileKey, attachmentName: mail.fileName, dedupeKey: mail.dedupeKey },
      now,
    ),
    auditInsert(
      db,
      {
        actor: session.principal.actor,
        customerId: session.customerId,
        action: "calendar.send",
        before: null,
        after: { contract: calendar.contractNumber, recipient: mail.recipient, file: mail.fileKey },
      },
      now,
    ),
  ]);
  return { sent: true };
}

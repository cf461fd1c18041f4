import { and, asc, desc, eq, isNotNull, notExists, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.ts";
import { accountApplications, applications, customers, memberships, personAccounts, termsAcceptances } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { allRightsOn, personPrincipal, userPrincipal, type Principal, type Profile } from "../../lib/principal.ts";
import type { Session } from "../../lib/session.ts";

/** A head office can have many buildings: the page shows a bounded list and a search. */
export const ACCOUNTS_LIMIT = 50;

export type AccountEntry = { customerId: number; customerNumber: string; name: string; street: string; postcode: string; city: string; profile: Profile; through: string | null };
export type AccountsList = { own: AccountEntry[]; reachable: AccountEntry[]; more: boolean; switchable: boolean /** A person (itsme / eID) can add accounts to their area. */; person?: boolean };

const parent = alias(customers, "parent");
const entryColumns = {
  customerId: customers.id,
  customerNumber: customers.customerNumber,
  name: customers.name,
  street: customers.billingStreet,
  postcode: customers.billingPostcode,
  city: customers.billingCity,
};
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function matching(q: string): SQL | undefined {
  if (!q) return undefined;
  return or(sql`${customers.customerNumber} LIKE ${`${escapeLike(q)}%`} ESCAPE '\\'`, sql`${customers.name} LIKE ${`%${escapeLike(q)}%`} ESCAPE '\\'`);
}

/**
 * "Mijn accounts" (004): the accounts of the user's memberships, and for an Access Owner of a head
 * office its buildings and affiliated companies (customers.parent_id), which they act for as owner
 * (002 §9.1). A login by code acts for its one account only.
 */
export async function listAccounts(db: Db, session: Session, q: string): Promise<AccountsList> {
  if (session.personId) return personAccountsList(db, session.personId, q);
  if (session.userId === null) {
    const rows = await db.select(entryColumns).from(customers).where(eq(customers.id, session.customerId)).limit(1);
    return { own: rows.map((row) => ({ ...row, profile: session.principal.profile, through: null })), reachable: [], more: false, switchable: false };
  }
  const userId = session.userId;
  const ownMembership = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.customerId, customers.id)));
  const [own, reachable] = await db.batch([
    db
      .select({ ...entryColumns, profile: memberships.profile })
      .from(memberships)
      .innerJoin(customers, eq(customers.id, memberships.customerId))
      .where(and(eq(memberships.userId, userId), matching(q)))
      .orderBy(asc(customers.customerNumber))
      .limit(ACCOUNTS_LIMIT + 1),
    db
      .select({ ...entryColumns, through: parent.customerNumber })
      .from(customers)
      .innerJoin(parent, eq(parent.id, customers.parentId))
      .innerJoin(memberships, and(eq(memberships.customerId, parent.id), eq(memberships.userId, userId), eq(memberships.profile, "owner")))
      .where(and(notExists(ownMembership), matching(q)))
      .orderBy(asc(customers.customerNumber))
      .limit(ACCOUNTS_LIMIT + 1),
  ]);
  return {
    own: own.slice(0, ACCOUNTS_LIMIT).map((row) => ({ ...row, through: null })),
    reachable: reachable.slice(0, ACCOUNTS_LIMIT).map((row) => ({ ...row, profile: "owner" as const })),
    more: own.length > ACCOUNTS_LIMIT || reachable.length > ACCOUNTS_LIMIT,
    switchable: true,
  };
}

/** A person's area (itsme / eID, issue #13): the accounts linked to them, in the order they were linked. */
async function personAccountsList(db: Db, personId: number, q: string): Promise<AccountsList> {
  const rows = await db
    .select(entryColumns)
    .from(personAccounts)
    .innerJoin(customers, eq(customers.id, personAccounts.customerId))
    .where(and(eq(personAccounts.personId, personId), matching(q)))
    .orderBy(asc(personAccounts.linkedAt), asc(personAccounts.customerId))
    .limit(ACCOUNTS_LIMIT + 1);
  return {
    own: rows.slice(0, ACCOUNTS_LIMIT).map((row) => ({ ...row, profile: "owner" as const, through: null })),
    reachable: [],
    more: rows.length > ACCOUNTS_LIMIT,
    switchable: true,
    person: true,
  };
}

export type Switch = { principal: Principal; customerNumber: string; termsVersionId: number };

/**
 * The principal for acting for another account, or null when the user may not: a membership on
 * it, or an owner membership on its head office (then they act as its Access Owner).
 */
export async function switchTarget(db: Db, session: Session, customerId: number, now = Date.now()): Promise<Switch | null> {
  if (session.personId) return personSwitchTarget(db, session, session.personId, customerId, now);
  if (session.userId === null) return null;
  const userId = session.userId;
  const [targets, own, viaParent, accepted, offered] = await db.batch([
    db.select({ customerNumber: customers.customerNumber }).from(customers).where(eq(customers.id, customerId)).limit(1),
    db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.customerId, customerId)))
      .limit(1),
    db
      .select({ parentId: parent.id })
      .from(customers)
      .innerJoin(parent, eq(parent.id, customers.parentId))
      .innerJoin(memberships, and(eq(memberships.customerId, parent.id), eq(memberships.userId, userId), eq(memberships.profile, "owner")))
      .where(eq(customers.id, customerId))
      .limit(1),
    db.select({ id: termsAcceptances.termsVersionId }).from(termsAcceptances).where(eq(termsAcceptances.customerId, customerId)).orderBy(desc(termsAcceptances.termsVersionId)).limit(1),
    // What an owner holds on this account: the included modules and its subscriptions, all of them.
    db
      .select({ code: applications.code })
      .from(applications)
      .leftJoin(accountApplications, and(eq(accountApplications.applicationId, applications.id), eq(accountApplications.customerId, customerId)))
      .where(or(eq(applications.included, true), isNotNull(accountApplications.customerId))),
  ]);
  const target = targets[0];
  if (!target) return null;
  let principal: Principal | null = null;
  if (own[0]) principal = await userPrincipal(db, userId, customerId);
  else if (viaParent[0]) {
    const headOffice = await userPrincipal(db, userId, viaParent[0].parentId);
    const apps = allRightsOn(offered.map((row) => row.code));
    if (headOffice) principal = { ...headOffice, customerId, apps };
  }
  if (!principal) return null;
  await db.batch([auditInsert(db, { actor: principal.actor, customerId, action: "account.switched", before: { customer: session.customerNumber }, after: { customer: target.customerNumber } }, now)]);
  return { principal, customerNumber: target.customerNumber, termsVersionId: accepted[0]?.id ?? 0 };
}

/** A person switches to another account linked to them; any other account is out of reach (null → 404). */
async function personSwitchTarget(db: Db, session: Session, personId: number, customerId: number, now: number): Promise<Switch | null> {
  const [targets, accepted] = await db.batch([
    db
      .select({ customerNumber: customers.customerNumber })
      .from(personAccounts)
      .innerJoin(customers, eq(customers.id, personAccounts.customerId))
      .where(and(eq(personAccounts.personId, personId), eq(personAccounts.customerId, customerId)))
      .limit(1),
    db.select({ id: termsAcceptances.termsVersionId }).from(termsAcceptances).where(eq(termsAcceptances.customerId, customerId)).orderBy(desc(termsAcceptances.termsVersionId)).limit(1),
  ]);
  const target = targets[0];
  if (!target) return null;
  const principal = await personPrincipal(db, personId, customerId);
  if (!principal) return null;
  await db.batch([auditInsert(db, { actor: principal.actor, customerId, action: "account.switched", before: { customer: session.customerNumber }, after: { customer: target.customerNumber } }, now)]);
  return { principal, customerNumber: target.customerNumber, termsVersionId: accepted[0]?.id ?? 0 };
}

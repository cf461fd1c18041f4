import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { IdentityProvider } from "../../db/schema/enums.ts";
import { customers, personAccounts, persons, termsAcceptances } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { currentTermsQuery, rememberTerms } from "../../lib/terms.ts";
import { accountMatchQuery } from "../auth/service.ts";
import type { IdentityClaims } from "./oidc.ts";

export type RegistrationTarget = { customerId: number; customerNumber: string; contractNumber: string; termsVersionId: number };

/**
 * The account a registration is for: the contract and customer numbers must belong together
 * (the same match as a login by code). Null for any mismatch: the caller must not say which.
 */
export async function findRegistrationTarget(db: Db, input: { contractNumber: string; customerNumber: string }, now = Date.now()): Promise<RegistrationTarget | null> {
  const [matches, terms] = await db.batch([accountMatchQuery(db, input), currentTermsQuery(db)]);
  const match = matches[0];
  const current = terms[0];
  if (current) rememberTerms(current, now);
  if (!match || !current) return null;
  return { customerId: match.customerId, customerNumber: input.customerNumber, contractNumber: input.contractNumber, termsVersionId: current.id };
}

export type PersonLogin = { personId: number; customerId: number; customerNumber: string; contractNumber: string | null; termsVersionId: number };

/**
 * First registration or "add a new account": the person (by national register number, names
 * refreshed), then the link, the accepted terms and the audit event in one batch. Linking an
 * account twice changes nothing but the audit trail.
 */
export async function registerPerson(
  db: Db,
  claims: IdentityClaims,
  target: { customerId: number; contractNumber: string; termsVersionId: number; provider: IdentityProvider; adding: boolean },
  now = Date.now(),
): Promise<PersonLogin | null> {
  const [person] = await db
    .insert(persons)
    .values({ nationalNumber: claims.nationalNumber, firstName: claims.firstName, lastName: claims.lastName, createdAt: new Date(now) })
    .onConflictDoUpdate({ target: persons.nationalNumber, set: { firstName: claims.firstName, lastName: claims.lastName } })
    .returning({ id: persons.id });
  if (!person) return null;
  const [, , , customerRows] = await db.batch([
    db
      .insert(personAccounts)
      .values({ personId: person.id, customerId: target.customerId, provider: target.provider, linkedAt: new Date(now) })
      .onConflictDoNothing(),
    db
      .insert(termsAcceptances)
      .values({ customerId: target.customerId, termsVersionId: target.termsVersionId, acceptedAt: new Date(now) })
      .onConflictDoNothing(),
    auditInsert(
      db,
      {
        actor: `person:${person.id}`,
        customerId: target.customerId,
        action: target.adding ? "identity.account_added" : "identity.registered",
        after: { provider: target.provider, contract: target.contractNumber },
      },
      now,
    ),
    db.select({ customerNumber: customers.customerNumber }).from(customers).where(eq(customers.id, target.customerId)).limit(1),
  ]);
  const customer = customerRows[0];
  if (!customer) return null;
  return { personId: person.id, customerId: target.customerId, customerNumber: customer.customerNumber, contractNumber: target.contractNumber, termsVersionId: target.termsVersionId };
}

/**
 * "I have already registered": the person's first linked account (by when it was linked), with
 * the latest terms version that account accepted (0: the terms page asks). Null for an unknown
 * person or one without links; then nothing is stored.
 */
export async function loginPerson(db: Db, nationalNumber: string, provider: IdentityProvider, now = Date.now()): Promise<PersonLogin | null> {
  const [row] = await db
    .select({
      personId: persons.id,
      customerId: customers.id,
      customerNumber: customers.customerNumber,
      termsVersionId: sql<number | null>`(SELECT MAX(${termsAcceptances.termsVersionId}) FROM ${termsAcceptances} WHERE ${termsAcceptances.customerId} = ${customers.id})`,
    })
    .from(persons)
    .innerJoin(personAccounts, eq(personAccounts.personId, persons.id))
    .innerJoin(customers, eq(customers.id, personAccounts.customerId))
    .where(eq(persons.nationalNumber, nationalNumber))
    .orderBy(asc(personAccounts.linkedAt), asc(personAccounts.customerId))
    .limit(1);
  if (!row) return null;
  await db.batch([auditInsert(db, { actor: `person:${row.personId}`, customerId: row.customerId, action: "login.identity", after: { provider } }, now)]);
  return { personId: row.personId, customerId: row.customerId, customerNumber: row.customerNumber, contractNumber: null, termsVersionId: row.termsVersionId ?? 0 };
}

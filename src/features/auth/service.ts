import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { contactDetails, contracts, customers, syndics, termsAcceptances } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { randomToken } from "../../lib/crypto.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import type { Counter } from "../../lib/counters.ts";
import { consumeCode, generateCode, storeCode } from "../../lib/otp.ts";
import { currentTermsQuery, rememberTerms } from "../../lib/terms.ts";

export type { CodeChannel } from "../../db/schema/enums.ts";
import type { CodeChannel } from "../../db/schema/enums.ts";

/** Stores a fresh code for the number, known or not, so an unknown number costs the same KV work. */
export async function storeLoginCode(kv: KVNamespace, customerNumber: string, now = Date.now()): Promise<string> {
  const code = generateCode();
  await storeCode(kv, customerNumber, code, now);
  return code;
}

/**
 * Sends the code to the contact on file (the syndic's when a syndic manages the account), with
 * its audit event. Runs after the answer: it returns only how many messages it queued.
 */
export async function sendLoginCode(db: Db, input: { customerNumber: string; channel: CodeChannel }, text: { subject: string; body: string }, now = Date.now()): Promise<number> {
  const [row] = await db
    .select({
      customerId: customers.id,
      email: contactDetails.email,
      phone: contactDetails.phone,
      syndicEmail: syndics.email,
      syndicPhone: syndics.phone,
      hasSyndic: syndics.id,
    })
    .from(customers)
    .leftJoin(contactDetails, eq(contactDetails.customerId, customers.id))
    .leftJoin(syndics, eq(syndics.id, customers.syndicId))
    .where(eq(customers.customerNumber, input.customerNumber))
    .limit(1);
  if (!row) return 0;

  const managed = row.hasSyndic !== null;
  const recipient = input.channel === "email" ? (managed ? row.syndicEmail : row.email) : managed ? row.syndicPhone : row.phone;
  if (!recipient) return 0;
  await db.batch([
    enqueueMessage(db, { channel: input.channel, recipient, subject: text.subject, body: text.body, dedupeKey: `login-code:${randomToken(12)}` }, now),
    auditInsert(db, { actor: `code-request:${input.customerNumber}`, customerId: row.customerId, action: "login.code_requested", after: { channel: input.channel, syndic: managed } }, now),
  ]);
  return 1;
}

/** The account whose contract and customer numbers belong together (a login by code, an itsme / eID registration): one row or none. */
export function accountMatchQuery(db: Db, input: { contractNumber: string; customerNumber: string }) {
  return db
    .select({ customerId: customers.id })
    .from(contracts)
    .innerJoin(customers, eq(customers.id, contracts.customerId))
    .where(and(eq(contracts.contractNumber, input.contractNumber), eq(customers.customerNumber, input.customerNumber)))
    .limit(1);
}

export type CodeLogin = {
  customerId: number;
  customerNumber: string;
  contractNumber: string;
  termsVersionId: number;
};

/**
 * Logs in with contract number + customer number + code, and records that the current terms
 * were accepted. Any mismatch is "invalid": the caller must not say which part was wrong.
 */
export async function loginWithCode(
  db: Db,
  kv: KVNamespace,
  counters: DurableObjectNamespace<Counter>,
  input: { contractNumber: string; customerNumber: string; code: string },
  now = Date.now(),
): Promise<CodeLogin | "used-up" | null> {
  const [matches, terms] = await db.batch([accountMatchQuery(db, input), currentTermsQuery(db)]);
  const match = matches[0];
  const current = terms[0];
  if (current) rememberTerms(current, now);
  // A wrong contract still counts as a wrong try against the customer's code.
  const check = await consumeCode(kv, counters, input.customerNumber, match ? input.code : "", now);
  if (check === "used-up") return "used-up";
  if (!match || check !== "valid" || !current) return null;

  await db.batch([
    db
      .insert(termsAcceptances)
      .values({ customerId: match.customerId, termsVersionId: current.id, acceptedAt: new Date(now) })
      .onConflictDoNothing(),
    auditInsert(db, { actor: `code:${input.customerNumber}`, customerId: match.customerId, action: "login.code", after: { contract: input.contractNumber, terms: current.version } }, now),
  ]);
  return { customerId: match.customerId, customerNumber: input.customerNumber, contractNumber: input.contractNumber, termsVersionId: current.id };
}

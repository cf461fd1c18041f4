import { and, asc, desc, eq, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { customers, memberships, termsAcceptances, users } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from "../../lib/password.ts";
import { userPrincipal, type Principal } from "../../lib/principal.ts";

export type PasswordLogin = {
  userId: number;
  username: string;
  customerId: number;
  customerNumber: string;
  /** The newest terms version the account accepted (0: none): the terms gate compares it. */
  termsVersionId: number;
  principal: Principal;
};

/**
 * Username or e-mail + password. Unknown user, wrong password, an invitation not yet accepted,
 * a deactivated user: all null, after the same hashing work, so the answer tells nothing.
 */
export async function loginWithPassword(db: Db, input: { identifier: string; password: string }, now = Date.now()): Promise<PasswordLogin | null> {
  const identifier = input.identifier.trim();
  const [user] = await db
    .select({ id: users.id, username: users.username, passwordHash: users.passwordHash, status: users.status })
    .from(users)
    .where(or(eq(users.usernameKey, identifier.toLowerCase()), eq(users.email, identifier)))
    .limit(1);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.status !== "VALIDATED") return null;

  // The first account of the user's memberships; "My accounts" switches to another.
  const [first] = await db
    .select({ customerId: memberships.customerId, customerNumber: customers.customerNumber })
    .from(memberships)
    .innerJoin(customers, eq(customers.id, memberships.customerId))
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.id))
    .limit(1);
  if (!first) return null;
  const principal = await userPrincipal(db, user.id, first.customerId);
  if (!principal) return null;
  const [accepted] = await db
    .select({ id: termsAcceptances.termsVersionId })
    .from(termsAcceptances)
    .where(eq(termsAcceptances.customerId, first.customerId))
    .orderBy(desc(termsAcceptances.termsVersionId))
    .limit(1);

  const updates = [
    db.update(users).set({ lastLoginAt: new Date(now) }).where(eq(users.id, user.id)),
    auditInsert(db, { actor: `user:${user.id}`, customerId: first.customerId, action: "login.password" }, now),
  ] as const;
  // Hashes made with weaker parameters are upgraded while the password is at hand.
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    await db.batch([...updates, db.update(users).set({ passwordHash: await hashPassword(input.password) }).where(and(eq(users.id, user.id)))]);
  } else await db.batch(updates);
  return { userId: user.id, username: user.username, customerId: first.customerId, customerNumber: first.customerNumber, termsVersionId: accepted?.id ?? 0, principal };
}

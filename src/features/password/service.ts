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

export type LoginCandidate = { id: number; username: string; passwordHash: string | null; status: string };

/** The user a typed username or e-mail address names, if any: the lock counts per user. */
export async function findLoginCandidate(db: Db, identifier: string): Promise<LoginCandidate | undefined> {
  const typed = identifier.trim();
  const [user] = await db
    .select({ id: users.id, username: users.username, passwordHash: users.passwordHash, status: users.status })
    .from(users)
    .where(or(eq(users.usernameKey, typed.toLowerCase()), eq(users.email, typed)))
    .limit(1);
  return user;
}

/**
 * Checks the password of the user found by findLoginCandidate. Unknown user, wrong password, an
 * invitation not yet accepted, a deactivated user: all null, after the same hashing work, so the
 * answer tells nothing.
 */
export async function loginWithPassword(db: Db, user: LoginCandidate | undefined, password: string, now = Date.now()): Promise<PasswordLogin | null> {
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
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
    db
      .update(users)
      .set({ lastLoginAt: new Date(now) })
      .where(eq(users.id, user.id)),
    auditInsert(db, { actor: `user:${user.id}`, customerId: first.customerId, action: "login.password" }, now),
  ] as const;
  // Hashes made with weaker parameters are upgraded while the password is at hand.
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    await db.batch([
      ...updates,
      db
        .update(users)
        .set({ passwordHash: await hashPassword(password) })
        .where(and(eq(users.id, user.id))),
    ]);
  } else await db.batch(updates);
  return { userId: user.id, username: user.username, customerId: first.customerId, customerNumber: first.customerNumber, termsVersionId: accepted?.id ?? 0, principal };
}

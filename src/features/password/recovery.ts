import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { hashPassword, verifyPassword } from "../../lib/password.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import { issueToken, useToken } from "../../lib/tokens.ts";
import { closeOpenLinks, findLink, firstCustomerId, REPLAY_WINDOW_MS, usedJustNow, type LinkUser } from "./links.ts";
import { newPasswordProblems, type NewPasswordProblems } from "./rules.ts";

export type Mail = { subject: string; body: string };
type Addressee = { username: string; firstName: string; lastName: string };

/** One e-mail address may belong to several users; a request never fans out further than this. */
const MAX_USERS_PER_REQUEST = 10;
/** Two submits of one form (a double click) land in the same slot and enqueue one message. */
const DEDUPE_SLOT_MS = 10_000;

const emailVariants = (typed: string) => [...new Set([typed.trim(), typed.trim().toLowerCase()])];

/**
 * 004 §3.3 "Herstellen wachtwoord": by username or e-mail, a one-hour single-use link for each
 * active user it names. Unknown, invited or deactivated users get nothing, and the caller shows
 * the same answer in every case. Returns how many links were sent (for the tests, never the page).
 */
export async function requestPasswordReset(db: Db, identifier: string, compose: (user: Addressee, token: string) => Mail, now = Date.now()): Promise<number> {
  const typed = identifier.trim();
  const found = await db
    .select({ id: users.id, username: users.username, firstName: users.firstName, lastName: users.lastName, email: users.email, customerId: firstCustomerId })
    .from(users)
    .where(and(eq(users.status, "VALIDATED"), or(eq(users.usernameKey, typed.toLowerCase()), inArray(users.email, emailVariants(typed)))))
    .limit(MAX_USERS_PER_REQUEST);
  if (found.length === 0) return 0;
  const slot = Math.floor(now / DEDUPE_SLOT_MS);
  const statements = [];
  for (const user of found) {
    const { token, insert } = await issueToken(db, user.id, "password_reset", now);
    statements.push(
      insert,
      enqueueMessage(db, { channel: "email", recipient: user.email, ...compose(user, token), dedupeKey: `password_reset:${user.id}:${slot}` }, now),
      auditInsert(db, { actor: "anonymous", customerId: user.customerId, action: "password.reset_requested", after: { userId: user.id } }, now),
    );
  }
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
  return found.length;
}

export type ResetLink = { state: "live"; user: LinkUser } | { state: "invalid" };

/** A reset link is good while it is unused, within its hour, and its user is still active. */
export async function resetLink(db: Db, token: string, now = Date.now()): Promise<ResetLink> {
  const link = await findLink(db, token, "password_reset", now);
  return link?.live && link.user.status === "VALIDATED" ? { state: "live", user: link.user } : { state: "invalid" };
}

export type ResetResult = { ok: true; userId: number; changed: boolean } | { ok: false; problems: NewPasswordProblems; username: string } | { ok: false; invalid: true };

/**
 * Stores the new password and uses the link in one batch. The password update is guarded by the
 * link still being open, so two concurrent submits change it once. The caller ends the user's
 * sessions: whoever knew the old password is out.
 */
export async function resetPassword(db: Db, token: string, input: { newPassword: string; confirm: string }, now = Date.now()): Promise<ResetResult> {
  const link = await findLink(db, token, "password_reset", now);
  if (link?.user.status !== "VALIDATED") return { ok: false, invalid: true };
  if (!link.live) {
    const replay =
      link.usedAt !== null &&
      now - link.usedAt < REPLAY_WINDOW_MS &&
      link.user.passwordHash &&
      input.newPassword === input.confirm &&
      (await verifyPassword(input.newPassword, link.user.passwordHash));
    return replay ? { ok: true, userId: link.user.id, changed: false } : { ok: false, invalid: true };
  }
  const problems = newPasswordProblems(input, link.user.username);
  if (problems) return { ok: false, problems, username: link.user.username };
  await db.batch([
    useToken(db, link.tokenId, now),
    db
      .update(users)
      .set({ passwordHash: await hashPassword(input.newPassword) })
      .where(and(eq(users.id, link.user.id), usedJustNow(link.tokenId, now))),
    closeOpenLinks(db, link.user.id, ["password_reset"], now),
    auditInsert(db, { actor: `user:${link.user.id}`, customerId: link.user.customerId, action: "password.reset" }, now),
  ]);
  return { ok: true, userId: link.user.id, changed: true };
}

/**
 * 004 §3.3, forgotten username: one e-mail to the address, listing the active users linked to it.
 * Nothing is sent for an unknown address, and the caller answers the same either way.
 */
export async function sendUsernames(db: Db, email: string, compose: (usernames: string[]) => Mail, now = Date.now()): Promise<number> {
  const found = await db
    .select({ username: users.username, email: users.email, customerId: firstCustomerId })
    .from(users)
    .where(and(eq(users.status, "VALIDATED"), inArray(users.email, emailVariants(email))))
    .orderBy(users.usernameKey)
    .limit(MAX_USERS_PER_REQUEST);
  if (found.length === 0) return 0;
  const recipient = found[0]!.email;
  await db.batch([
    enqueueMessage(
      db,
      { channel: "email", recipient, ...compose(found.map((user) => user.username)), dedupeKey: `username_reminder:${recipient.toLowerCase()}:${Math.floor(now / DEDUPE_SLOT_MS)}` },
      now,
    ),
    auditInsert(db, { actor: "anonymous", customerId: found[0]!.customerId, action: "username.reminder_sent", after: { usernames: found.map((user) => user.username) } }, now),
  ]);
  return found.length;
}

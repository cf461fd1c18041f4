import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { hashPassword, verifyPassword } from "../../lib/password.ts";
import { useToken } from "../../lib/tokens.ts";
import { findLink, REPLAY_WINDOW_MS, usedJustNow, type LinkUser } from "./links.ts";
import { newPasswordProblems, type NewPasswordProblems } from "./rules.ts";

/** What an invitation link shows: the form, a deactivated user, or "no longer valid". */
export type Invitation = { state: "live"; user: LinkUser } | { state: "deactivated" } | { state: "invalid" };

export async function invitationFor(db: Db, token: string, now = Date.now()): Promise<Invitation> {
  const link = await findLink(db, token, "invitation", now);
  if (!link) return { state: "invalid" };
  if (link.user.status === "DEACTIVATED") return { state: "deactivated" };
  return link.live && link.user.status === "INVITED" ? { state: "live", user: link.user } : { state: "invalid" };
}

export type AcceptResult = { ok: true; changed: boolean } | { ok: false; problems: NewPasswordProblems; user: LinkUser } | { ok: false; state: "deactivated" | "invalid" };

/**
 * The invited user (003 "Renvoyer des invitations": INVITED until they confirm) chooses a
 * password: stored, status VALIDATED, link used, audited, in one batch. The status guard and
 * the link guard make a double submit change nothing the second time.
 */
export async function acceptInvitation(db: Db, token: string, input: { newPassword: string; confirm: string }, now = Date.now()): Promise<AcceptResult> {
  const link = await findLink(db, token, "invitation", now);
  if (!link) return { ok: false, state: "invalid" };
  if (link.user.status === "DEACTIVATED") return { ok: false, state: "deactivated" };
  if (!link.live || link.user.status !== "INVITED") {
    const replay =
      link.usedAt !== null &&
      now - link.usedAt < REPLAY_WINDOW_MS &&
      link.user.status === "VALIDATED" &&
      link.user.passwordHash &&
      input.newPassword === input.confirm &&
      (await verifyPassword(input.newPassword, link.user.passwordHash));
    return replay ? { ok: true, changed: false } : { ok: false, state: "invalid" };
  }
  const problems = newPasswordProblems(input, link.user.username);
  if (problems) return { ok: false, problems, user: link.user };
  await db.batch([
    useToken(db, link.tokenId, now),
    db
      .update(users)
      .set({ passwordHash: await hashPassword(input.newPassword), status: "VALIDATED" })
      .where(and(eq(users.id, link.user.id), eq(users.status, "INVITED"), usedJustNow(link.tokenId, now))),
    auditInsert(db, { actor: `user:${link.user.id}`, customerId: link.user.customerId, action: "user.validated", before: { status: "INVITED" }, after: { status: "VALIDATED" } }, now),
  ]);
  return { ok: true, changed: true };
}

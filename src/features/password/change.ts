import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { hashPassword, verifyPassword } from "../../lib/password.ts";
import type { Session } from "../../lib/session.ts";
import { closeOpenLinks } from "./links.ts";
import { newPasswordProblems, type NewPasswordProblems } from "./rules.ts";

export type ChangeInput = { current: string; newPassword: string; confirm: string };

export type ChangeResult = { ok: true; changed: boolean } | { ok: false; wrongCurrent: boolean; problems: NewPasswordProblems | null } | null;

/**
 * 004 §3.2 "Wijzig wachtwoord": the current password, then the new one twice. Only the logged-in
 * user's own row (session.userId); null when there is none (a code login, a deactivated user).
 * A second submit of the same form finds the new password already stored and changes nothing.
 */
export async function changePassword(db: Db, session: Session, input: ChangeInput, now = Date.now()): Promise<ChangeResult> {
  if (session.userId === null) return null;
  const [user] = await db
    .select({ id: users.id, username: users.username, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.id, session.userId), eq(users.status, "VALIDATED")))
    .limit(1);
  if (!user?.passwordHash) return null;

  const currentOk = await verifyPassword(input.current, user.passwordHash);
  if (!currentOk && input.newPassword === input.confirm && (await verifyPassword(input.newPassword, user.passwordHash))) return { ok: true, changed: false };
  const problems = newPasswordProblems(input, user.username, currentOk ? input.current : undefined);
  if (!currentOk || problems) return { ok: false, wrongCurrent: !currentOk, problems };

  await db.batch([
    db
      .update(users)
      .set({ passwordHash: await hashPassword(input.newPassword) })
      .where(eq(users.id, user.id)),
    closeOpenLinks(db, user.id, ["password_reset"], now),
    auditInsert(db, { actor: session.principal.actor, customerId: session.customerId, action: "password.changed", after: { userId: user.id } }, now),
  ]);
  return { ok: true, changed: true };
}

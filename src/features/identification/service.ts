import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { hashPassword } from "../../lib/password.ts";
import type { Session } from "../../lib/session.ts";
import type { IdentificationInput } from "../users/schemas.ts";

/** 004 "Mijn identificatie": the logged-in person's own record; null for a login by code. */
export async function getIdentification(db: Db, session: Session) {
  if (session.userId === null) return null;
  const [row] = await db
    .select({
      username: users.username,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      language: users.language,
      gender: users.gender,
      securityQuestion: users.securityQuestion,
      hasAnswer: users.securityAnswerHash,
    })
    .from(users)
    .where(eq(users.id, session.userId))
    .limit(1);
  return row ? { ...row, hasAnswer: row.hasAnswer !== null } : null;
}

export type Identification = NonNullable<Awaited<ReturnType<typeof getIdentification>>>;

export type IdentificationResult = { ok: false; errors: Record<string, "answerRequired"> } | { ok: true; changed: boolean; identification: Identification };

const fields = ["firstName", "lastName", "email", "language", "gender", "securityQuestion"] as const;

/**
 * Saves what changed with its audit event. An empty answer keeps the stored one, but a new
 * question needs its own answer; the answer itself never reaches the audit log.
 */
export async function updateIdentification(db: Db, session: Session, current: Identification, input: IdentificationInput, now = Date.now()): Promise<IdentificationResult> {
  const question = input.securityQuestion || null;
  const questionChanged = question !== current.securityQuestion;
  if (question && !input.securityAnswer && (questionChanged || !current.hasAnswer)) return { ok: false, errors: { securityAnswer: "answerRequired" } };
  const next = { ...input, securityQuestion: question };
  const changed = fields.filter((key) => next[key] !== current[key]);
  const answerChanged = Boolean(input.securityAnswer) || (question === null && current.hasAnswer);
  if (changed.length === 0 && !answerChanged) return { ok: true, changed: false, identification: current };

  const set: Partial<typeof users.$inferInsert> = Object.fromEntries(changed.map((key) => [key, next[key]]));
  if (answerChanged) set.securityAnswerHash = question && input.securityAnswer ? await hashPassword(input.securityAnswer) : null;
  await db.batch([
    db.update(users).set(set).where(eq(users.id, session.userId!)),
    auditInsert(
      db,
      {
        actor: session.principal.actor,
        customerId: session.customerId,
        action: "user.identification",
        before: { ...Object.fromEntries(changed.map((key) => [key, current[key]])), ...(answerChanged ? { securityAnswer: current.hasAnswer ? "set" : "none" } : {}) },
        after: { ...Object.fromEntries(changed.map((key) => [key, next[key]])), ...(answerChanged ? { securityAnswer: question ? "changed" : "none" } : {}) },
      },
      now,
    ),
  ]);
  return { ok: true, changed: true, identification: { ...current, ...next, hasAnswer: question !== null } };
}

import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { catalogs, fill } from "../../lib/i18n.ts";
import { deliverPending, enqueueMessage, type MessageSender } from "../../lib/outbox.ts";
import { endAllSessions } from "../../lib/session.ts";
import { firstCustomerId } from "./links.ts";

/** Each cron run handles at most this many, so it stays short; the next run takes the rest. */
export const DORMANT_BATCH = 200;

/** 002 §2.2.3: an account not used for at least 12 months may be deactivated. */
export function dormantCutoff(now: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - 12);
  return cutoff;
}

/**
 * Deactivates active users whose last login (or creation, if they never logged in) is more than
 * 12 months ago: status, audit and a message in the user's language in one batch, then their
 * sessions end. The status guard and the message's dedupe key keep an overlapping run from
 * deactivating or writing to anyone twice.
 */
export async function deactivateDormantUsers(db: Db, kv: KVNamespace, now = Date.now(), sender?: MessageSender, batchSize = DORMANT_BATCH): Promise<{ deactivated: number; more: boolean }> {
  const cutoff = dormantCutoff(now);
  const dormant = await db
    .select({
      id: users.id,
      username: users.username,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      language: users.language,
      lastLoginAt: users.lastLoginAt,
      createdAt: users.createdAt,
      customerId: firstCustomerId,
    })
    .from(users)
    .where(and(eq(users.status, "VALIDATED"), or(lt(users.lastLoginAt, cutoff), and(isNull(users.lastLoginAt), lt(users.createdAt, cutoff)))))
    .orderBy(asc(users.id))
    .limit(batchSize);
  if (dormant.length === 0) return { deactivated: 0, more: false };

  const statements = dormant.flatMap((user) => {
    const lastActive = (user.lastLoginAt ?? user.createdAt).getTime();
    // German is not a portal language yet: those users read English.
    const texts = catalogs[user.language === "de" ? "en" : user.language].password.dormant;
    return [
      db
        .update(users)
        .set({ status: "DEACTIVATED", deactivatedAt: new Date(now) })
        .where(and(eq(users.id, user.id), eq(users.status, "VALIDATED"))),
      auditInsert(
        db,
        {
          actor: "system",
          customerId: user.customerId,
          action: "user.deactivated_dormant",
          before: { status: "VALIDATED", lastActiveAt: new Date(lastActive).toISOString() },
          after: { userId: user.id, status: "DEACTIVATED" },
        },
        now,
      ),
      enqueueMessage(
        db,
        {
          channel: "email",
          recipient: user.email,
          subject: texts.messageSubject,
          body: fill(texts.messageBody, { name: `${user.firstName} ${user.lastName}`, username: user.username }),
          dedupeKey: `dormant:${user.id}:${lastActive}`,
        },
        now,
      ),
    ];
  });
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
  for (const user of dormant) await endAllSessions(kv, `user:${user.id}`);
  if (sender) await deliverPending(db, sender, now);
  return { deactivated: dormant.length, more: dormant.length === batchSize };
}

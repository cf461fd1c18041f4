import { and, asc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { outboxMessages } from "../db/schema/index.ts";

export type OutgoingMessage = {
  channel: "email" | "sms";
  recipient: string;
  subject: string;
  body: string;
  /** Unique per request that causes the message, so a replay cannot enqueue it twice. */
  dedupeKey: string;
  /** A file in R2 sent along (a statement, a calendar). */
  attachmentKey?: string | null;
  attachmentName?: string | null;
};

export const MAX_ATTEMPTS = 5;

/** The insert, to be run in the same batch as the change that causes the message. */
export function enqueueMessage(db: Db, message: OutgoingMessage, now = Date.now()) {
  return db
    .insert(outboxMessages)
    .values({ ...message, createdAt: new Date(now) })
    .onConflictDoNothing({ target: outboxMessages.dedupeKey });
}

export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

/** Development: delivery is reading /dev/outbox, so "sending" only marks the message sent. */
export const devOutboxSender: MessageSender = { async send() {} };

/** Production: a JSON e-mail API and a JSON SMS API, named by vars and keyed by secrets. */
/** The vars and secrets the senders read (a part of Env, so scripts and node tests can import this file without the Workers types). */
export type SenderVars = { ENVIRONMENT?: string; MAIL_API_URL?: string; MAIL_API_KEY?: string; MAIL_FROM?: string; SMS_API_URL?: string; SMS_API_KEY?: string };

export function httpApiSender(env: SenderVars): MessageSender | null {
  if (!env.MAIL_API_URL || !env.SMS_API_URL) return null;
  return {
    async send(message) {
      const email = message.channel === "email";
      const response = await fetch(email ? env.MAIL_API_URL! : env.SMS_API_URL!, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${email ? env.MAIL_API_KEY : env.SMS_API_KEY}` },
        body: JSON.stringify(email ? { from: env.MAIL_FROM, to: message.recipient, subject: message.subject, text: message.body } : { to: message.recipient, text: message.body }),
      });
      if (!response.ok) throw new Error(`${message.channel} API answered ${response.status}`);
    },
  };
}

export function senderFor(env: SenderVars): MessageSender | null {
  return env.ENVIRONMENT === "production" ? httpApiSender(env) : devOutboxSender;
}

/** Sends what is pending, oldest first; a failure is counted and retried by the next run. */
export async function deliverPending(db: Db, sender: MessageSender, now = Date.now(), batchSize = 20): Promise<{ sent: number; failed: number }> {
  const pending = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, "pending"), lt(outboxMessages.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(outboxMessages.createdAt))
    .limit(batchSize);
  let sent = 0;
  let failed = 0;
  for (const message of pending) {
    try {
      await sender.send(message);
      // The status guard keeps a message that two runs picked up from being marked twice.
      await db
        .update(outboxMessages)
        .set({ status: "sent", sentAt: new Date(now), attempts: message.attempts + 1 })
        .where(and(eq(outboxMessages.id, message.id), eq(outboxMessages.status, "pending")));
      sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      await db
        .update(outboxMessages)
        .set({ attempts, lastError: String(error).slice(0, 500), status: attempts >= MAX_ATTEMPTS ? "failed" : "pending" })
        .where(eq(outboxMessages.id, message.id));
      failed++;
    }
  }
  return { sent, failed };
}

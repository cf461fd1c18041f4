import type { Db } from "../db/client.ts";
import { auditEvents } from "../db/schema/index.ts";

export type AuditEntry = {
  actor: string;
  customerId: number | null;
  action: string;
  before?: unknown;
  after?: unknown;
  /** What the event is about, for a page that lists its own history ("line:42"). */
  subject?: string;
};

/** The insert, to be batched with the change it records so neither exists without the other. */
export function auditInsert(db: Db, entry: AuditEntry, now = Date.now()) {
  return db.insert(auditEvents).values({
    at: new Date(now),
    actor: entry.actor,
    customerId: entry.customerId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    subject: entry.subject ?? null,
  });
}

import { sql } from "drizzle-orm";
import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { customers } from "./accounts.ts";

export const termsVersions = sqliteTable("terms_versions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  version: text("version").notNull().unique(),
  publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
  /** From when this version applies: users accept it at their first visit after this moment (issue #13). */
  effectiveAt: integer("effective_at", { mode: "timestamp_ms" }).notNull().default(sql`0`),
  /** The staff actor who published it from the desk; null for the versions seeded with the portal. */
  publishedBy: text("published_by"),
  bodyNl: text("body_nl").notNull(),
  bodyFr: text("body_fr").notNull(),
  bodyEn: text("body_en").notNull(),
});

export const termsAcceptances = sqliteTable(
  "terms_acceptances",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    termsVersionId: integer("terms_version_id")
      .notNull()
      .references(() => termsVersions.id),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("terms_acceptance_once").on(t.customerId, t.termsVersionId)],
);

/** Who did what, for which account, before → after. Written in the same batch as the change. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actor: text("actor").notNull(),
    customerId: integer("customer_id").references(() => customers.id),
    action: text("action").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    /** What the event is about when a page lists its own history (e.g. "line:42"). */
    subject: text("subject"),
  },
  (t) => [index("audit_customer_at_idx").on(t.customerId, t.at), index("audit_subject_idx").on(t.subject, t.at)],
);

/** Messages to people. Written in the request; an adapter delivers them; the cron retries. */
export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** A file in R2 sent along (an account statement, a calendar). */
    attachmentKey: text("attachment_key"),
    attachmentName: text("attachment_name"),
    /** One message per request: a retried request cannot enqueue it twice. */
    dedupeKey: text("dedupe_key").notNull().unique(),
  },
  (t) => [index("outbox_status_idx").on(t.status, t.createdAt)],
);

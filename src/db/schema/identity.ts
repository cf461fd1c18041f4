import { sqliteTable, integer, text, index, primaryKey } from "drizzle-orm/sqlite-core";
import { customers } from "./accounts.ts";
import { IDENTITY_PROVIDERS, MAINTENANCE_SEVERITIES } from "./enums.ts";

/**
 * A natural person known from itsme or the eID login (001 pp.5–6): identified by the national
 * register number both providers give, whichever of them the person used.
 */
export const persons = sqliteTable("persons", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** 11 digits, no punctuation; mod-97 checked before it is stored. */
  nationalNumber: text("national_number").notNull().unique(),
  firstName: text("first_name").notNull(),
  lastName: text("last_name").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** The accounts in a person's area: linked at first registration and by "add a new account". */
export const personAccounts = sqliteTable(
  "person_accounts",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    /** The provider the person authenticated with when the link was made. */
    provider: text("provider", { enum: IDENTITY_PROVIDERS }).notNull(),
    linkedAt: integer("linked_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.customerId] }), index("person_accounts_customer_idx").on(t.customerId)],
);

/**
 * Planned maintenance (002 §5.4: slots 23:00–06:00, a notice when an interruption lasts more than
 * 2 hours), published by desk staff. The banner shows from 24 hours before the start until the end;
 * a read-only window refuses changes and keeps serving reads.
 */
export const maintenanceNotices = sqliteTable(
  "maintenance_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    severity: text("severity", { enum: MAINTENANCE_SEVERITIES }).notNull(),
    readOnly: integer("read_only", { mode: "boolean" }).notNull().default(false),
    textNl: text("text_nl").notNull(),
    textFr: text("text_fr").notNull(),
    textEn: text("text_en").notNull(),
    /** The staff actor ("staff:3") who published it. */
    publishedBy: text("published_by").notNull(),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    /** Withdrawn by staff before or during the window: no banner, no read-only, still listed as cancelled. */
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("maintenance_notices_ends_idx").on(t.endsAt)],
);

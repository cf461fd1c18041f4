import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { contracts, customers, sites } from "./accounts.ts";
import { CHANGE_KINDS, CHANGE_STATUSES, ORDER_STATUSES, STAFF_ROLES } from "./enums.ts";

/** The provider's staff who work in the desk (/desk): a password and a TOTP second factor. */
export const staff = sqliteTable("staff", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  username: text("username").notNull(),
  usernameKey: text("username_key").notNull().unique(),
  name: text("name").notNull(),
  email: text("email").notNull(),
  role: text("role", { enum: STAFF_ROLES }).notNull(),
  language: text("language", { enum: ["nl", "fr", "en"] })
    .notNull()
    .default("nl"),
  passwordHash: text("password_hash").notNull(),
  /** RFC 6238 shared secret, base32. */
  totpSecret: text("totp_secret").notNull(),
  /** The last time step accepted: a code is good once (RFC 6238 §5.2). */
  totpLastStep: integer("totp_last_step").notNull().default(0),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  lastLoginAt: integer("last_login_at", { mode: "timestamp_ms" }),
});

/**
 * What a customer can order (000 p.13 "Bestellen", 003 "Commander de nouvelles cartes SIM"), per
 * application: PRO bags and containers for waste, blank SIM cards for the fleet.
 */
export const products = sqliteTable(
  "products",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    /** The application (catalog code) whose subscribers may order it. */
    application: text("application").notNull(),
    nameNl: text("name_nl").notNull(),
    nameFr: text("name_fr").notNull(),
    nameEn: text("name_en").notNull(),
    /** Per unit, cents incl. VAT. */
    unitPriceCents: integer("unit_price_cents").notNull(),
    vatRate: integer("vat_rate").notNull().default(21),
    /** Quantities in multiples of this (10 for blank SIM cards). */
    step: integer("step").notNull().default(1),
    maxQuantity: integer("max_quantity").notNull().default(100),
    /** Delivered within this many Belgian working days. */
    deliveryWorkingDays: integer("delivery_working_days").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("products_application_idx").on(t.application)],
);

/** A request to change a contract from a date (000 p.13 "Contracten" → "Wijzigen"), tracked until the desk decides. */
export const changeRequests = sqliteTable(
  "change_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    kind: text("kind", { enum: CHANGE_KINDS }).notNull(),
    /** What it should become (a container size, a frequency), as the customer chose it. */
    newValue: text("new_value"),
    effectiveDate: text("effective_date").notNull(),
    comment: text("comment"),
    status: text("status", { enum: CHANGE_STATUSES }).notNull().default("requested"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    createdBy: text("created_by").notNull(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decisionNote: text("decision_note"),
    assignedStaffId: integer("assigned_staff_id").references(() => staff.id),
  },
  (t) => [index("change_requests_customer_idx").on(t.customerId, t.createdAt), index("change_requests_status_idx").on(t.status, t.createdAt)],
);

/** A building closed for a while (000 p.13 "Sluitingsdagen"): no collections between the dates. */
export const siteClosures = sqliteTable(
  "site_closures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    siteId: integer("site_id")
      .notNull()
      .references(() => sites.id),
    fromDate: text("from_date").notNull(),
    toDate: text("to_date").notNull(),
    reason: text("reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("site_closures_site_idx").on(t.siteId, t.fromDate)],
);

/** 000 p.13 "Lopende aankopen": what was ordered, where it goes, and each step dated. */
export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    /** The product's name when ordered (orders from before the catalog have only this). */
    article: text("article").notNull(),
    quantity: integer("quantity").notNull(),
    address: text("address").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** Promised (ordered, confirmed) or actual (delivered), "YYYY-MM-DD". */
    deliveryDate: text("delivery_date"),
    productId: integer("product_id").references(() => products.id),
    siteId: integer("site_id").references(() => sites.id),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("ordered"),
    unitPriceCents: integer("unit_price_cents"),
    totalCents: integer("total_cents"),
    createdBy: text("created_by"),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    assignedStaffId: integer("assigned_staff_id").references(() => staff.id),
  },
  (t) => [index("orders_customer_created_idx").on(t.customerId, t.createdAt), index("orders_queue_idx").on(t.status, t.createdAt)],
);

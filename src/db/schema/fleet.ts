import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contracts, customers } from "./accounts.ts";
import { users } from "./access.ts";
import { billingAccounts } from "./documents.ts";
import { BULK_KINDS, BULK_LINE_RESULTS, BULK_STATUSES, LINE_BLOCKS, LINE_CHANGE_KINDS, LINE_CHANGE_STATUSES, LINE_STATUSES, PLAN_KINDS } from "./enums.ts";

/** Tariff plans of 003 "Plans tarifaires et options retenues" (names are product names, the same in every language). */
export const tariffPlans = sqliteTable("tariff_plans", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind", { enum: PLAN_KINDS }).notNull(),
  monthlyCents: integer("monthly_cents").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

export const fleetOptions = sqliteTable("fleet_options", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

/** Which option a plan allows, at what monthly price; no row = "Sans objet" (not allowed). */
export const planOptions = sqliteTable(
  "plan_options",
  {
    planId: integer("plan_id")
      .notNull()
      .references(() => tariffPlans.id),
    optionId: integer("option_id")
      .notNull()
      .references(() => fleetOptions.id),
    monthlyCents: integer("monthly_cents").notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.optionId] })],
);

/**
 * A SIM line of a customer's fleet (003 "Gérer les cartes SIM"). The user's details are on the
 * line: the person who uses it, editable until they confirm them.
 */
export const mobileLines = sqliteTable(
  "mobile_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    /** National format without spaces, "0489744365"; null until a new number is given. */
    msisdn: text("msisdn"),
    description: text("description").notNull().default(""),
    planId: integer("plan_id")
      .notNull()
      .references(() => tariffPlans.id),
    status: text("status", { enum: LINE_STATUSES }).notNull(),
    billingAccountId: integer("billing_account_id").references(() => billingAccounts.id),
    /** ICCID, 19–20 digits with a Luhn check digit. */
    iccid: text("iccid").notNull(),
    splitBill: integer("split_bill", { mode: "boolean" }).notNull().default(false),
    splitBillProfile: text("split_bill_profile"),
    userTitle: text("user_title"),
    userFirstName: text("user_first_name"),
    userLastName: text("user_last_name"),
    userBirthDate: text("user_birth_date"),
    userEmail: text("user_email"),
    userPhone: text("user_phone"),
    userLanguage: text("user_language", { enum: ["nl", "fr", "en"] }),
    /** Once the user confirmed their details, the fleet manager can no longer change them (003). */
    userConfirmed: integer("user_confirmed", { mode: "boolean" }).notNull().default(false),
    street: text("street"),
    houseNumber: text("house_number"),
    postcode: text("postcode"),
    city: text("city"),
    country: text("country"),
    /** Cents; one of the amounts the provider allows. */
    payByMobileLimitCents: integer("pay_by_mobile_limit_cents").notNull().default(0),
    /** The device is shown only when company-owned (002). */
    deviceCompanyOwned: integer("device_company_owned", { mode: "boolean" }).notNull().default(false),
    imei: text("imei"),
    deviceBrand: text("device_brand"),
    deviceType: text("device_type"),
    portingNumber: text("porting_number"),
    portingOperator: text("porting_operator"),
    portingCustomerNumber: text("porting_customer_number"),
    activationDate: text("activation_date"),
    stopDate: text("stop_date"),
    /** A Service User's own line (002: self-service rights delegated to end users). */
    ownerUserId: integer("owner_user_id").references(() => users.id),
    /** lower(msisdn || description || user's name): what the overview's search looks in. */
    searchText: text("search_text").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    // Keyset pagination sorted by each column of the overview.
    index("mobile_lines_msisdn_idx").on(t.customerId, t.msisdn, t.id),
    index("mobile_lines_description_idx").on(t.customerId, t.description, t.id),
    index("mobile_lines_plan_idx").on(t.customerId, t.planId, t.id),
    index("mobile_lines_status_idx").on(t.customerId, t.status, t.id),
    index("mobile_lines_billing_idx").on(t.customerId, t.billingAccountId, t.id),
    uniqueIndex("mobile_lines_iccid_unique").on(t.iccid),
  ],
);

export const lineOptions = sqliteTable(
  "line_options",
  {
    lineId: integer("line_id")
      .notNull()
      .references(() => mobileLines.id),
    optionId: integer("option_id")
      .notNull()
      .references(() => fleetOptions.id),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.lineId, t.optionId] })],
);

/** A row = that service is blocked on the line. */
export const lineBlocks = sqliteTable(
  "line_blocks",
  {
    lineId: integer("line_id")
      .notNull()
      .references(() => mobileLines.id),
    block: text("block", { enum: LINE_BLOCKS }).notNull(),
    since: integer("since", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.lineId, t.block] })],
);

/** MEMBER fleet managers see only the lines delegated to them (003). */
export const lineDelegations = sqliteTable(
  "line_delegations",
  {
    lineId: integer("line_id")
      .notNull()
      .references(() => mobileLines.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lineId] }), index("line_delegations_line_idx").on(t.lineId)],
);

/**
 * A change the operator carries out on a date (activate, SIM swap, suspend, stop, a plan…): pending
 * until the desk or the cron completes it, then applied to the line.
 */
export const lineChanges = sqliteTable(
  "line_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    lineId: integer("line_id")
      .notNull()
      .references(() => mobileLines.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    kind: text("kind", { enum: LINE_CHANGE_KINDS }).notNull(),
    /** What the change sets (a new ICCID, a plan id, option ids), as JSON. */
    payload: text("payload", { mode: "json" }),
    effectiveDate: text("effective_date").notNull(),
    status: text("status", { enum: LINE_CHANGE_STATUSES }).notNull().default("pending"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    createdBy: text("created_by").notNull(),
    doneAt: integer("done_at", { mode: "timestamp_ms" }),
    doneBy: text("done_by"),
  },
  (t) => [index("line_changes_line_idx").on(t.lineId, t.createdAt), index("line_changes_due_idx").on(t.status, t.effectiveDate)],
);

/** A bulk change of plan or options over many selected lines: reviewed, then applied in chunks. */
export const bulkJobs = sqliteTable(
  "bulk_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    kind: text("kind", { enum: BULK_KINDS }).notNull(),
    /** The new plan id, or the option ids, as JSON. */
    payload: text("payload", { mode: "json" }).notNull(),
    status: text("status", { enum: BULK_STATUSES }).notNull().default("review"),
    total: integer("total").notNull(),
    applied: integer("applied").notNull().default(0),
    refused: integer("refused").notNull().default(0),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    /** The form's one-time key: a second submit of the same review finds this job instead of starting another. */
    submissionKey: text("submission_key").notNull().unique(),
  },
  (t) => [index("bulk_jobs_customer_idx").on(t.customerId, t.createdAt)],
);

export const bulkJobLines = sqliteTable(
  "bulk_job_lines",
  {
    jobId: integer("job_id")
      .notNull()
      .references(() => bulkJobs.id),
    lineId: integer("line_id")
      .notNull()
      .references(() => mobileLines.id),
    /** Position in the review, for chunks and pages. */
    seq: integer("seq").notNull(),
    before: text("before").notNull(),
    after: text("after").notNull(),
    result: text("result", { enum: BULK_LINE_RESULTS }).notNull().default("pending"),
    reason: text("reason"),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] }), uniqueIndex("bulk_job_lines_line").on(t.jobId, t.lineId)],
);

import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contracts, customers } from "./accounts.ts";
import { users } from "./access.ts";
import { billingAccounts } from "./documents.ts";
import {
  BULK_KINDS,
  BULK_LINE_RESULTS,
  BULK_STATUSES,
  CALL_KINDS,
  LINE_BLOCKS,
  LINE_CHANGE_KINDS,
  LINE_CHANGE_STATUSES,
  LINE_STATUSES,
  PACK_REQUEST_KINDS,
  PACK_REQUEST_STATUSES,
  PACK_STATUSES,
  PLAN_KINDS,
} from "./enums.ts";

/** Tariff plans of 003 "Plans tarifaires et options retenues" (names are product names, the same in every language). */
export const tariffPlans = sqliteTable("tariff_plans", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind", { enum: PLAN_KINDS }).notNull(),
  monthlyCents: integer("monthly_cents").notNull(),
  sortOrder: integer("sort_order").notNull(),
  /** What a month of the plan includes; null = unlimited. */
  includedDataMb: integer("included_data_mb"),
  includedVoiceSeconds: integer("included_voice_seconds"),
  includedSms: integer("included_sms"),
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

/** Group data packs the provider offers (003 "Packs de groupe"): data shared by all lines of a contract. */
export const packOffers = sqliteTable("pack_offers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  dataGb: integer("data_gb").notNull(),
  monthlyCents: integer("monthly_cents").notNull(),
  /** Standard price of each GB used beyond the pack, in cents. */
  extraGbCents: integer("extra_gb_cents").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

/** A contract's group pack. At most one is asked for or running per contract (partial unique index). */
export const groupPacks = sqliteTable(
  "group_packs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    offerId: integer("offer_id")
      .notNull()
      .references(() => packOffers.id),
    status: text("status", { enum: PACK_STATUSES }).notNull().default("requested"),
    /** First day it counts (a billing period start); set when the order is applied. */
    startsOn: text("starts_on"),
    /** Last day it counts, once a stop is applied. */
    endsOn: text("ends_on"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("group_packs_customer_idx").on(t.customerId, t.contractId), uniqueIndex("group_packs_open_unique").on(t.contractId).where(sql`status IN ('requested', 'active')`)],
);

/**
 * Order, modify or stop a pack: effective at the next billing period start, pending until the
 * provider's desk confirms, applied by the cron on the effective date. One open request per pack.
 */
export const packRequests = sqliteTable(
  "pack_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    packId: integer("pack_id")
      .notNull()
      .references(() => groupPacks.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    kind: text("kind", { enum: PACK_REQUEST_KINDS }).notNull(),
    /** The offer asked for (order, modify); null for a stop. */
    offerId: integer("offer_id").references(() => packOffers.id),
    effectiveDate: text("effective_date").notNull(),
    status: text("status", { enum: PACK_REQUEST_STATUSES }).notNull().default("pending"),
    note: text("note"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    createdBy: text("created_by").notNull(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decidedBy: text("decided_by"),
  },
  (t) => [
    index("pack_requests_pack_idx").on(t.packId, t.createdAt),
    index("pack_requests_queue_idx").on(t.status, t.createdAt),
    index("pack_requests_due_idx").on(t.status, t.effectiveDate),
    uniqueIndex("pack_requests_open_unique").on(t.packId).where(sql`status IN ('pending', 'confirmed')`),
  ],
);

/**
 * One line's use on one day (Brussels), as the network reports it. A day is shown 8 hours after it
 * ends (002: unbilled usage). Kept 12 months (billing data), purged by the cron.
 */
export const usageDays = sqliteTable(
  "usage_days",
  {
    lineId: integer("line_id")
      .notNull()
      .references(() => mobileLines.id),
    /** "YYYY-MM-DD". */
    day: text("day").notNull(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    dataMb: integer("data_mb").notNull().default(0),
    voiceSeconds: integer("voice_seconds").notNull().default(0),
    smsCount: integer("sms_count").notNull().default(0),
    /** Use outside the plan and options, at the standard prices, in cents. */
    outOfBundleCents: integer("out_of_bundle_cents").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.lineId, t.day] }), index("usage_days_customer_day_idx").on(t.customerId, t.day)],
);

/**
 * One line's totals for a billing period (a calendar month, "YYYY-MM"): what the fleet pages read,
 * so a total over 10,000 lines is 10,000 rows, not 300,000. The cron rolls the visible days up
 * (throughDay = the last day counted); a billed period is closed. Kept 12 months.
 */
export const usagePeriods = sqliteTable(
  "usage_periods",
  {
    lineId: integer("line_id")
      .notNull()
      .references(() => mobileLines.id),
    period: text("period").notNull(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    dataMb: integer("data_mb").notNull().default(0),
    voiceSeconds: integer("voice_seconds").notNull().default(0),
    smsCount: integer("sms_count").notNull().default(0),
    outOfBundleCents: integer("out_of_bundle_cents").notNull().default(0),
    throughDay: text("through_day").notNull(),
    billed: integer("billed", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.period] }),
    // Top lines by out-of-bundle amount: a walk down one customer's period, no sort.
    index("usage_periods_top_idx").on(t.customerId, t.period, t.outOfBundleCents),
  ],
);

/**
 * Call detail records (002 "detail van de gesprekken"): the number called or texted, never the
 * content. Kept 6 months. Calls to free and emergency numbers are stored as the network reports
 * them but never shown (law of 13 June 2005, art. 110 §3).
 */
export const callRecords = sqliteTable(
  "call_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    lineId: integer("line_id")
      .notNull()
      .references(() => mobileLines.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    /** The billing period "YYYY-MM" it belongs to. */
    period: text("period").notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    kind: text("kind", { enum: CALL_KINDS }).notNull(),
    /** The number called or texted, as dialled (international format for abroad). */
    number: text("number").notNull(),
    durationSeconds: integer("duration_seconds").notNull().default(0),
    cents: integer("cents").notNull().default(0),
    /** Where it was made when not in Belgium (ISO country), for the roaming column. */
    roamingCountry: text("roaming_country"),
  },
  (t) => [index("call_records_line_period_idx").on(t.lineId, t.period, t.startedAt, t.id), index("call_records_started_idx").on(t.startedAt)],
);

/**
 * "Warn me when out-of-bundle use passes € X" (003), for a group pack or for one line: exactly one
 * of packId / lineId is set.
 */
export const usageAlerts = sqliteTable(
  "usage_alerts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    packId: integer("pack_id").references(() => groupPacks.id),
    lineId: integer("line_id").references(() => mobileLines.id),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    thresholdCents: integer("threshold_cents").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    updatedBy: text("updated_by").notNull(),
  },
  (t) => [
    index("usage_alerts_customer_idx").on(t.customerId, t.enabled),
    uniqueIndex("usage_alerts_pack_unique").on(t.packId).where(sql`pack_id IS NOT NULL`),
    uniqueIndex("usage_alerts_line_unique").on(t.lineId).where(sql`line_id IS NOT NULL`),
  ],
);

/** A warning sent: the primary key makes it once per alert, period and threshold, however often the cron runs. */
export const usageAlertSends = sqliteTable(
  "usage_alert_sends",
  {
    alertId: integer("alert_id")
      .notNull()
      .references(() => usageAlerts.id),
    period: text("period").notNull(),
    thresholdCents: integer("threshold_cents").notNull(),
    amountCents: integer("amount_cents").notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.period, t.thresholdCents] })],
);

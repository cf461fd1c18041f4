import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contracts, customers, sites } from "./accounts.ts";
import { DELIVERY_STATUSES, EINVOICE_CHANNELS, PAYMENT_METHODS, VAT_CATEGORIES } from "./enums.ts";

/** A billing account of a customer (003: "compte de facturation"): where invoices go and how they are paid. */
export const billingAccounts = sqliteTable(
  "billing_accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    number: text("number").notNull().unique(),
    name: text("name").notNull(),
    street: text("street").notNull(),
    postcode: text("postcode").notNull(),
    city: text("city").notNull(),
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }).notNull().default("transfer"),
  },
  (t) => [index("billing_accounts_customer_idx").on(t.customerId)],
);

/**
 * Invoices, credit notes, reminders, account statements, delivery notes and contracts. The PDF
 * lives in R2 under fileKey; amounts in cents incl. VAT; dates as "YYYY-MM-DD" (Brussels).
 */
export const documents = sqliteTable(
  "documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    siteId: integer("site_id").references(() => sites.id),
    contractId: integer("contract_id").references(() => contracts.id),
    billingAccountId: integer("billing_account_id").references(() => billingAccounts.id),
    kind: text("kind", { enum: ["invoice", "credit_note", "reminder", "statement", "delivery", "contract"] }).notNull(),
    reference: text("reference").notNull(),
    documentDate: text("document_date").notNull(),
    /** When it appeared in the portal: the contest window (5 working days) starts here. */
    availableAt: integer("available_at", { mode: "timestamp_ms" }).notNull(),
    amountCents: integer("amount_cents"),
    vatCents: integer("vat_cents"),
    openCents: integer("open_cents"),
    dueDate: text("due_date"),
    structuredCommunication: text("structured_communication"),
    fileKey: text("file_key"),
    fileSize: integer("file_size"),
    /** The period an invoice covers (EN 16931 BG-14), "YYYY-MM-DD". */
    periodStart: text("period_start"),
    periodEnd: text("period_end"),
    /** The buyer's own reference (BT-10) and purchase order (BT-13), where the customer gave them. */
    buyerReference: text("buyer_reference"),
    orderReference: text("order_reference"),
    /** A credit note's invoice (BT-25). */
    correctsDocumentId: integer("corrects_document_id"),
  },
  (t) => [
    index("documents_list_idx").on(t.customerId, t.kind, t.documentDate, t.id),
    // A head office lists several accounts at once: walking one tab newest-first beats sorting them all.
    index("documents_kind_date_idx").on(t.kind, t.documentDate, t.id),
    // What is still open per billing account, covering (kind, customer) so the balance totals read the index only.
    index("documents_open_idx").on(t.billingAccountId, t.openCents, t.kind, t.customerId),
    // The balance lists each billing account's newest documents: a walk per account, no big sort.
    index("documents_account_date_idx").on(t.billingAccountId, t.documentDate),
    // The balance sums what is still open: a small slice of a large history.
    index("documents_open_customer_idx").on(t.customerId, t.kind).where(sql`open_cents > 0`),
    uniqueIndex("documents_reference").on(t.customerId, t.kind, t.reference),
  ],
);

/** A contest of a document within 5 working days of its availability (002 §6.2). */
export const documentContests = sqliteTable(
  "document_contests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    reason: text("reason").notNull(),
    actor: text("actor").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("document_contests_once").on(t.documentId)],
);

/** A request to pay by direct debit (SEPA mandate to be signed); recorded and audited. */
export const directDebitRequests = sqliteTable("direct_debit_requests", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  billingAccountId: integer("billing_account_id")
    .notNull()
    .references(() => billingAccounts.id),
  iban: text("iban").notNull(),
  holder: text("holder").notNull(),
  actor: text("actor").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Collection days per contract (manual p.11, "collection calendar"). */
export const collectionDays = sqliteTable(
  "collection_days",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    date: text("date").notNull(),
    fraction: text("fraction").notNull(),
  },
  (t) => [index("collection_days_contract_idx").on(t.contractId, t.date)],
);

/** Confirmation links for the e-mail address that receives invoices (GreenBill): 24 h, single use. */
export const emailConfirmations = sqliteTable("email_confirmations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  customerId: integer("customer_id")
    .notNull()
    .references(() => customers.id),
  email: text("email").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  usedAt: integer("used_at", { mode: "timestamp_ms" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** An invoice or credit note line (EN 16931 BG-25): amounts in cents excl. VAT; the document's totals are their sum. */
export const documentLines = sqliteTable(
  "document_lines",
  {
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id),
    position: integer("position").notNull(),
    description: text("description").notNull(),
    /** Thousandths, so 2.5 containers or 0.125 GB are exact. */
    quantityMilli: integer("quantity_milli").notNull(),
    /** UN/ECE Recommendation 20 code: C62 (one), MON (month), KGM, GB… */
    unitCode: text("unit_code").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    /** quantity × unit price, rounded to the cent (BT-131). */
    netCents: integer("net_cents").notNull(),
    vatCategory: text("vat_category", { enum: VAT_CATEGORIES }).notNull(),
    /** Percent: 21, 12, 6 or 0 in Belgium. */
    vatRate: integer("vat_rate").notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.position] })],
);

/** How and when a document reached the customer, per channel (paper, e-mail, Zoomit, Peppol). */
export const documentDeliveries = sqliteTable(
  "document_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    channel: text("channel", { enum: EINVOICE_CHANNELS }).notNull(),
    /** The Peppol identifier, e-mail address or Zoomit IBAN it went to. */
    recipient: text("recipient"),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    reason: text("reason"),
    /** The access point's own id of the transmission, to follow it up. */
    transmissionId: text("transmission_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("document_deliveries_document_idx").on(t.documentId, t.createdAt), uniqueIndex("document_deliveries_once").on(t.documentId, t.channel)],
);

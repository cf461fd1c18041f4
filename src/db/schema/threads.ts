import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { contracts, customers } from "./accounts.ts";
import { documents } from "./documents.ts";
import { MESSAGE_AUTHORS, THREAD_KINDS, THREAD_STATUSES } from "./enums.ts";
import { orders, staff } from "./services.ts";

/**
 * A complaint (000 p.10) or a technical ticket (003): one conversation between the customer and
 * the provider's desk. What is particular to each kind is in `complaints` / `tickets`.
 */
export const threads = sqliteTable(
  "threads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    kind: text("kind", { enum: THREAD_KINDS }).notNull(),
    status: text("status", { enum: THREAD_STATUSES }).notNull().default("new"),
    /** A line that names it in lists (the nature of a complaint, the subject of a ticket). */
    title: text("title").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    /** Who filed it, as the history shows it. */
    createdBy: text("created_by").notNull(),
    assignedStaffId: integer("assigned_staff_id").references(() => staff.id),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("threads_customer_idx").on(t.customerId, t.kind, t.updatedAt), index("threads_queue_idx").on(t.kind, t.status, t.updatedAt)],
);

/** 000 p.10 "Hoe een klacht indienen?": contract, service, nature, date of service, comment. */
export const complaints = sqliteTable("complaints", {
  threadId: integer("thread_id")
    .primaryKey()
    .references(() => threads.id),
  contractId: integer("contract_id")
    .notNull()
    .references(() => contracts.id),
  service: text("service").notNull(),
  nature: text("nature").notNull(),
  serviceDate: text("service_date").notNull(),
  /** Set when a document was contested from the Documents module. */
  documentId: integer("document_id").references(() => documents.id),
});

/** 003 "Créer un ticket technique": subject → detail, then the fields the detail needs. */
export const tickets = sqliteTable("tickets", {
  threadId: integer("thread_id")
    .primaryKey()
    .references(() => threads.id),
  subject: text("subject").notNull(),
  detail: text("detail").notNull(),
  phoneNumber: text("phone_number"),
  actionDate: text("action_date"),
  quantity: integer("quantity"),
  country: text("country"),
  postcode: text("postcode"),
  locality: text("locality"),
  street: text("street"),
  houseNumber: text("house_number"),
  suffix: text("suffix"),
  box: text("box"),
  requesterEmail: text("requester_email").notNull(),
  requesterMobile: text("requester_mobile"),
  /** The order a "blank SIM cards" ticket placed. */
  orderId: integer("order_id").references(() => orders.id),
});

export const threadMessages = sqliteTable(
  "thread_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    author: text("author", { enum: MESSAGE_AUTHORS }).notNull(),
    /** The person as the thread shows them: a customer's user or code login, or the staff member's name. */
    authorLabel: text("author_label").notNull(),
    staffId: integer("staff_id").references(() => staff.id),
    body: text("body").notNull(),
  },
  (t) => [index("thread_messages_thread_idx").on(t.threadId, t.at)],
);

/**
 * A file sent with a message: an upload in R2 under a random key, or a document of the account
 * (a contested invoice) by reference.
 */
export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    messageId: integer("message_id")
      .notNull()
      .references(() => threadMessages.id),
    fileKey: text("file_key"),
    documentId: integer("document_id").references(() => documents.id),
    name: text("name").notNull(),
    /** The type found in the content, not the one the browser claimed. */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
  },
  (t) => [index("attachments_message_idx").on(t.messageId), index("attachments_thread_idx").on(t.threadId)],
);

import { sqliteTable, integer, text, index } from "drizzle-orm/sqlite-core";
import { EINVOICE_CHANNELS } from "./enums.ts";

/** A property trustee who manages buildings for several customers; login codes go to them. */
export const syndics = sqliteTable("syndics", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  email: text("email").notNull(),
  phone: text("phone"),
});

export const customers = sqliteTable(
  "customers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerNumber: text("customer_number").notNull().unique(),
    name: text("name").notNull(),
    vatNumber: text("vat_number"),
    billingStreet: text("billing_street").notNull(),
    billingPostcode: text("billing_postcode").notNull(),
    billingCity: text("billing_city").notNull(),
    /** Set on a building's account: the head office that sees its documents. */
    parentId: integer("parent_id"),
    syndicId: integer("syndic_id").references(() => syndics.id),
    language: text("language", { enum: ["nl", "fr", "en"] })
      .notNull()
      .default("nl"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("customers_parent_idx").on(t.parentId)],
);

/** Contact details of an account, as shown and edited on the Profile page. */
export const contactDetails = sqliteTable("contact_details", {
  customerId: integer("customer_id")
    .primaryKey()
    .references(() => customers.id),
  email: text("email"),
  phone: text("phone"),
  nationalRegisterNumber: text("national_register_number"),
  offerChannel: text("offer_channel", { enum: ["email", "post", "sms"] })
    .notNull()
    .default("email"),
  einvoiceChannel: text("einvoice_channel", { enum: EINVOICE_CHANNELS }).notNull().default("paper"),
  einvoiceEmail: text("einvoice_email"),
  /** Asked for, waiting for the confirmation link to be followed. */
  einvoiceEmailPending: text("einvoice_email_pending"),
  zoomitIban: text("zoomit_iban"),
  /** "0208:0403170701": Peppol scheme and enterprise number, checked by its mod-97 digits. */
  peppolId: text("peppol_id"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** A building (collection address) of a customer. */
export const sites = sqliteTable(
  "sites",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    name: text("name").notNull(),
    street: text("street").notNull(),
    postcode: text("postcode").notNull(),
    city: text("city").notNull(),
  },
  (t) => [index("sites_customer_idx").on(t.customerId)],
);

export const contracts = sqliteTable(
  "contracts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contractNumber: text("contract_number").notNull().unique(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    siteId: integer("site_id").references(() => sites.id),
    service: text("service").notNull(),
    status: text("status", { enum: ["active", "pending", "ended"] })
      .notNull()
      .default("active"),
  },
  (t) => [index("contracts_customer_idx").on(t.customerId)],
);

import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { customers } from "./accounts.ts";
import { FLEET_ROLES, PROFILES, USER_STATUSES } from "./enums.ts";

/** Routers and subcontractors: organisations that act for customer accounts (004 "Routeurs"). */
export const thirdParties = sqliteTable(
  "third_parties",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["router", "subcontractor"] }).notNull(),
    name: text("name").notNull(),
    street: text("street").notNull(),
    postcode: text("postcode").notNull(),
    city: text("city").notNull(),
    vatNumber: text("vat_number"),
  },
  (t) => [index("third_parties_name_idx").on(t.name)],
);

/** A named person who logs in with a password (module Access). */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stored as typed; unique without regard to case. */
    username: text("username").notNull(),
    usernameKey: text("username_key").notNull().unique(),
    email: text("email").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    gender: text("gender", { enum: ["m", "f", "x"] }).notNull(),
    language: text("language", { enum: ["nl", "fr", "en", "de"] })
      .notNull()
      .default("nl"),
    securityQuestion: text("security_question"),
    securityAnswerHash: text("security_answer_hash"),
    /** "pbkdf2-sha256$iterations$salt$hash": the parameters travel with the hash so they can be raised. */
    passwordHash: text("password_hash"),
    status: text("status", { enum: USER_STATUSES }).notNull(),
    /** Set for the staff of a router or subcontractor. */
    thirdPartyId: integer("third_party_id").references(() => thirdParties.id),
    createdByUserId: integer("created_by_user_id"),
    /** As the list shows it (004): the creator's username, or ADMIN for the provider. */
    createdByLabel: text("created_by_label").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastLoginAt: integer("last_login_at", { mode: "timestamp_ms" }),
    deactivatedAt: integer("deactivated_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("users_email_idx").on(t.email), index("users_last_login_idx").on(t.status, t.lastLoginAt)],
);

/**
 * What a user is for one customer account: the profile (002 §8) and the user-management
 * rights (004 §2.2.4). A syndic or a router's staff has one membership per account.
 */
export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    profile: text("profile", { enum: PROFILES }).notNull(),
    purchaser: integer("purchaser", { mode: "boolean" }).notNull().default(false),
    incidentManager: integer("incident_manager", { mode: "boolean" }).notNull().default(false),
    financialManager: integer("financial_manager", { mode: "boolean" }).notNull().default(false),
    manageAdmins: integer("manage_admins", { mode: "boolean" }).notNull().default(false),
    manageUsers: integer("manage_users", { mode: "boolean" }).notNull().default(false),
    resetPasswords: integer("reset_passwords", { mode: "boolean" }).notNull().default(false),
    ftpAccess: integer("ftp_access", { mode: "boolean" }).notNull().default(false),
    /** Fleet manager role of 003 (MANAGER: the whole fleet; MEMBER: delegated lines), for accounts with the fleet. */
    fleetRole: text("fleet_role", { enum: FLEET_ROLES }),
    /** Set when the membership comes through a third party's delegation. */
    thirdPartyId: integer("third_party_id").references(() => thirdParties.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("memberships_user_customer").on(t.userId, t.customerId), index("memberships_customer_idx").on(t.customerId, t.userId)],
);

/**
 * The catalog of applications: the portal's own modules ("portal") and the provider's external
 * e-applications ("postal", opened at `url`). An account has the `included` ones and those it
 * subscribes to (account_applications); a user sees the intersection with their rights.
 */
export const applications = sqliteTable("applications", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  kind: text("kind", { enum: ["portal", "postal"] }).notNull(),
  /** Part of every account (documents, balance, user management), without a subscription. */
  included: integer("included", { mode: "boolean" }).notNull().default(false),
  /** Where an external e-application opens. */
  url: text("url"),
  nameNl: text("name_nl").notNull(),
  nameFr: text("name_fr").notNull(),
  nameEn: text("name_en").notNull(),
  nameDe: text("name_de").notNull(),
});

export const applicationFunctions = sqliteTable(
  "application_functions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    code: text("code").notNull(),
    nameNl: text("name_nl").notNull(),
    nameFr: text("name_fr").notNull(),
    nameEn: text("name_en").notNull(),
    nameDe: text("name_de").notNull(),
  },
  (t) => [uniqueIndex("application_functions_code").on(t.applicationId, t.code)],
);

/** Which applications an account subscribes to. */
export const accountApplications = sqliteTable(
  "account_applications",
  {
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.applicationId] })],
);

/** What a right can be limited to: contracts, billing addresses, products, borderel types. */
export const scopes = sqliteTable(
  "scopes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    applicationId: integer("application_id").references(() => applications.id),
    kind: text("kind", { enum: ["contract", "billing_address", "product", "borderel_type"] }).notNull(),
    ref: text("ref").notNull(),
    label: text("label").notNull(),
  },
  (t) => [index("scopes_customer_kind_idx").on(t.customerId, t.kind)],
);

/** One function or one scope of one application, granted to one membership. */
export const grants = sqliteTable(
  "grants",
  {
    membershipId: integer("membership_id")
      .notNull()
      .references(() => memberships.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    itemKind: text("item_kind", { enum: ["function", "scope"] }).notNull(),
    itemId: integer("item_id").notNull(),
    grantedByUserId: integer("granted_by_user_id"),
    grantedAt: integer("granted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.membershipId, t.applicationId, t.itemKind, t.itemId] })],
);

/** Rights an account gives a third party; the third party's administrator passes them on. */
export const thirdPartyGrants = sqliteTable(
  "third_party_grants",
  {
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    thirdPartyId: integer("third_party_id")
      .notNull()
      .references(() => thirdParties.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    itemKind: text("item_kind", { enum: ["function", "scope"] }).notNull(),
    itemId: integer("item_id").notNull(),
    grantedAt: integer("granted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.thirdPartyId, t.applicationId, t.itemKind, t.itemId] }), index("third_party_grants_party_idx").on(t.thirdPartyId)],
);

/** Invitation and password-reset links: stored hashed, single use, with a lifetime. */
export const credentialTokens = sqliteTable(
  "credential_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    purpose: text("purpose", { enum: ["invitation", "password_reset"] }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("credential_tokens_user_idx").on(t.userId, t.purpose)],
);

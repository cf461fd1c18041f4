/**
 * The values a column may take, defined once: the schema, the forms' validation (zod), the
 * types and the views all read them from here. The words users see are in the catalogs.
 */
export const USER_STATUSES = ["INVITED", "VALIDATED", "DEACTIVATED"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Access Owner, Access Manager, Portal User, Service User (004 §2.2). */
export const PROFILES = ["owner", "manager", "portal", "service"] as const;
export type Profile = (typeof PROFILES)[number];

export const CODE_CHANNELS = ["sms", "email"] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

export const EINVOICE_CHANNELS = ["paper", "email", "zoomit", "peppol"] as const;
export type EinvoiceChannel = (typeof EINVOICE_CHANNELS)[number];

export const PAYMENT_METHODS = ["transfer", "direct_debit"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** An order: ordered → confirmed → delivered, or cancelled (each step dated on the order). */
export const ORDER_STATUSES = ["ordered", "confirmed", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What a contract change request asks for (000 p.13 "Wijzigen"). */
export const CHANGE_KINDS = ["container_size", "frequency", "stop", "other"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_STATUSES = ["requested", "accepted", "refused", "done"] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** A complaint or a ticket is a thread of messages between the customer and the provider's desk. */
export const THREAD_KINDS = ["complaint", "ticket"] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

/** new (sent, nobody on it yet) → in_progress → answered (waiting for the customer) → closed. */
export const THREAD_STATUSES = ["new", "in_progress", "answered", "closed"] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const MESSAGE_AUTHORS = ["customer", "staff"] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

/** The provider's staff in the desk: an agent answers; a supervisor also assigns and manages staff. */
export const STAFF_ROLES = ["agent", "supervisor"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A mobile line (003): PENDING until activated, then ACTIVE; SUSPENDED for a while; STOPPED for good. */
export const LINE_STATUSES = ["PENDING", "ACTIVE", "SUSPENDED", "STOPPED"] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** Fleet manager roles of 003 on top of Access: MANAGER sees the whole fleet, MEMBER the lines delegated to them. */
export const FLEET_ROLES = ["MANAGER", "MEMBER"] as const;
export type FleetRole = (typeof FLEET_ROLES)[number];

export const PLAN_KINDS = ["mobile", "data"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** The blocks of 003 "Blocages", in its order. */
export const LINE_BLOCKS = [
  "all_services",
  "incoming_calls",
  "outgoing_calls",
  "incoming_sms",
  "outgoing_sms",
  "mms",
  "mobile_data",
  "calls_from_belgium_abroad",
  "all_abroad",
  "incoming_calls_abroad",
  "outgoing_calls_abroad",
  "roaming_data",
] as const;
export type LineBlock = (typeof LINE_BLOCKS)[number];

/** What the operator carries out on a line, on a date; pending until the desk (or the cron) completes it. */
export const LINE_CHANGE_KINDS = ["activate", "replace_sim", "suspend", "reactivate", "stop", "plan", "options_add", "options_remove"] as const;
export type LineChangeKind = (typeof LINE_CHANGE_KINDS)[number];

export const LINE_CHANGE_STATUSES = ["pending", "done", "cancelled"] as const;
export type LineChangeStatus = (typeof LINE_CHANGE_STATUSES)[number];

export const BULK_KINDS = ["plan", "options_add", "options_remove"] as const;
export type BulkKind = (typeof BULK_KINDS)[number];

/** review (the table old → new) → running (chunks applied) → done. */
export const BULK_STATUSES = ["review", "running", "done", "cancelled"] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

export const BULK_LINE_RESULTS = ["pending", "applied", "not_allowed", "unchanged"] as const;
export type BulkLineResult = (typeof BULK_LINE_RESULTS)[number];

/** A group data pack shared by a contract's lines: asked for, running, ended (or refused by the provider). */
export const PACK_STATUSES = ["requested", "active", "stopped", "refused"] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];

/** What a customer asks of a group pack; it takes effect at the start of the next billing period. */
export const PACK_REQUEST_KINDS = ["order", "modify", "stop"] as const;
export type PackRequestKind = (typeof PACK_REQUEST_KINDS)[number];

/** pending (asked) → confirmed (by the provider's desk) → applied (on the effective date, by the cron); or refused/cancelled. */
export const PACK_REQUEST_STATUSES = ["pending", "confirmed", "applied", "refused", "cancelled"] as const;
export type PackRequestStatus = (typeof PACK_REQUEST_STATUSES)[number];

/** What a call detail record is: a call made or a text sent (content is never kept). */
export const CALL_KINDS = ["voice", "sms", "mms"] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** How a document reached the customer: on paper, by e-mail (GreenBill), Zoomit or Peppol. */
export const DELIVERY_STATUSES = ["sent", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** UNCL5305 VAT categories the provider invoices with: standard, zero, exempt, reverse charge. */
export const VAT_CATEGORIES = ["S", "Z", "E", "AE"] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

/** The identity providers a person registers and logs in with (issue #13): itsme and the federal eID login. */
export const IDENTITY_PROVIDERS = ["itsme", "eid"] as const;
export type IdentityProvider = (typeof IDENTITY_PROVIDERS)[number];

/** How much a planned maintenance affects the portal: a notice, a slowdown, or an interruption. */
export const MAINTENANCE_SEVERITIES = ["info", "warning", "outage"] as const;
export type MaintenanceSeverity = (typeof MAINTENANCE_SEVERITIES)[number];

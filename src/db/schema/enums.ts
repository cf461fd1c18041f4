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

export const EINVOICE_CHANNELS = ["paper", "email", "zoomit"] as const;
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

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

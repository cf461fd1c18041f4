import type { Db } from "../db/client.ts";
import type { Counter } from "./counters.ts";
import type { Messages } from "../i18n/en.ts";
import type { Locale } from "./i18n.ts";
import type { Session } from "./session.ts";
import type { MaintenanceNotice } from "../features/maintenance/service.ts";

export type Env = {
  ENVIRONMENT: "development" | "test" | "production";
  TURSO_DATABASE_URL: string;
  TURSO_AUTH_TOKEN?: string;
  KV: KVNamespace;
  /** Exact counters (tries, limits): a Durable Object per key. */
  COUNTERS: DurableObjectNamespace<Counter>;
  /** The portal's public address, for links in e-mails (never the request's Host). */
  PUBLIC_ORIGIN: string;
  /** How long a database call may take before the user gets the 503 page (default 4000). */
  DB_TIMEOUT_MS?: string;
  FILES?: R2Bucket;
  PROVIDER_NAME: string;
  PROVIDER_PHONE: string;
  PROVIDER_EMAIL: string;
  PROVIDER_ADDRESS: string;
  MAIL_FROM: string;
  PROVIDER_IBAN: string;
  PROVIDER_BIC: string;
  /** The seller on e-invoices (src/features/documents/ubl.ts): enterprise number (Peppol 0208), VAT number, address. */
  PROVIDER_ENTERPRISE_NUMBER: string;
  PROVIDER_VAT_NUMBER: string;
  PROVIDER_STREET: string;
  PROVIDER_POSTCODE: string;
  PROVIDER_CITY: string;
  PROVIDER_COUNTRY: string;
  RETENTION_INVOICE_MONTHS: string;
  RETENTION_BILLING_MONTHS: string;
  /** Production delivery: an e-mail API and an SMS API that take JSON; unset → messages wait. */
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  SMS_API_URL?: string;
  SMS_API_KEY?: string;
  /** Production Peppol: the access point's HTTP API (src/features/einvoice/peppol-sender.ts); its token is the secret PEPPOL_AP_TOKEN. */
  PEPPOL_AP_URL?: string;
  PEPPOL_AP_TOKEN?: string;
  /**
   * OpenID Connect providers (src/features/identity): itsme and the federal eID login. A provider
   * is offered only when its issuer and client id are set. Client authentication: private_key_jwt
   * with the secret *_PRIVATE_KEY (a private JWK as JSON, with kid and alg), else client_secret_basic
   * with the secret *_CLIENT_SECRET. *_NRN_CLAIM names the claim holding the national register number.
   */
  OIDC_ITSME_ISSUER?: string;
  OIDC_ITSME_CLIENT_ID?: string;
  OIDC_ITSME_SCOPE?: string;
  OIDC_ITSME_NRN_CLAIM?: string;
  OIDC_ITSME_PRIVATE_KEY?: string;
  OIDC_ITSME_CLIENT_SECRET?: string;
  OIDC_EID_ISSUER?: string;
  OIDC_EID_CLIENT_ID?: string;
  OIDC_EID_SCOPE?: string;
  OIDC_EID_NRN_CLAIM?: string;
  OIDC_EID_PRIVATE_KEY?: string;
  OIDC_EID_CLIENT_SECRET?: string;
};

export type Vars = {
  db: Db;
  locale: Locale;
  t: Messages;
  csrfToken: string;
  /** An upload whose CSRF field is checked after authorization (src/lib/security.ts). */
  csrfPending?: boolean;
  session: Session | null;
  /** Delivers pending outbox messages after the response is sent. */
  deliverOutbox: () => void;
  /** The planned maintenance whose banner shows now (from a cache; src/features/maintenance/read-only.tsx). */
  maintenance?: MaintenanceNotice[];
};

export type AppEnv = { Bindings: Env; Variables: Vars };

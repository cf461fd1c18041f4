import type { Db } from "../../db/client.ts";
import { outboxMessages } from "../../db/schema/index.ts";

/** What goes over Peppol: a UBL invoice or credit note, or the test message that confirms an identifier. */
export type PeppolDocument = {
  xml: string;
  /** "0208:0403170701". */
  recipient: string;
  /** The document sent; null for the test message. */
  documentId: number | null;
  kind: "invoice" | "credit_note" | "test";
};

/** Why a send failed: the recipient is not on the Peppol network, the access point refused the document, or could not be reached. */
export type PeppolFailureCode = "recipient_unknown" | "rejected" | "unavailable";

export class PeppolFailure extends Error {
  constructor(
    readonly code: PeppolFailureCode,
    detail: string = code,
  ) {
    super(detail);
    this.name = "PeppolFailure";
  }
}

/** What the access point knows of a transmission: still on its way, received by the buyer's access point, or given up. */
export type TransmissionState = { status: "sent" } | { status: "delivered" } | { status: "failed"; reason: PeppolFailureCode };

export interface PeppolSender {
  /** Sends one document; throws a PeppolFailure when it cannot. */
  send(document: PeppolDocument): Promise<{ transmissionId: string }>;
  /** Whether the identifier is registered on the network (the SMP lookup). */
  lookup(recipient: string): Promise<boolean>;
  /** Follows a transmission up after it was sent. */
  status(transmissionId: string): Promise<TransmissionState>;
}

/**
 * Identifiers the development sender treats as not registered on Peppol: 0208:0000000097 is the
 * smallest enterprise number with valid check digits, reserved here as "unknown on the network"
 * so the refusal can be tried in the profile and in tests.
 */
export const DEV_UNREACHABLE_PEPPOL_IDS: readonly string[] = ["0208:0000000097"];

/**
 * Development: the document "travels" into the outbox (channel "peppol", already marked sent so
 * the mail sender never picks it up) where /dev/outbox shows the UBL. A transmission is
 * confirmed as delivered on the next follow-up (the next cron run), as a real access point
 * confirms a little later.
 */
export function devPeppolSender(db: Db): PeppolSender {
  return {
    async lookup(recipient) {
      return !DEV_UNREACHABLE_PEPPOL_IDS.includes(recipient);
    },
    async send(document) {
      if (DEV_UNREACHABLE_PEPPOL_IDS.includes(document.recipient)) throw new PeppolFailure("recipient_unknown");
      const transmissionId = `dev-${crypto.randomUUID()}`;
      const now = new Date();
      await db.insert(outboxMessages).values({
        // The outbox's channel column is plain text; "peppol" marks these rows for the dev page only.
        channel: "peppol" as "email",
        recipient: document.recipient,
        subject: document.documentId === null ? `Peppol ${document.kind}` : `Peppol ${document.kind} ${document.documentId}`,
        body: document.xml,
        status: "sent",
        sentAt: now,
        createdAt: now,
        dedupeKey: `peppol:${transmissionId}`,
      });
      return { transmissionId };
    },
    async status() {
      return { status: "delivered" };
    },
  };
}

/**
 * Production: an access point's HTTP API. PEPPOL_AP_URL (a var) is its base address,
 * PEPPOL_AP_TOKEN (a secret) its bearer token.
 *   POST {url}/documents            body: the UBL (application/xml); headers X-Peppol-Recipient,
 *                                   Idempotency-Key (one per document) → 2xx { "transmissionId": "…" },
 *                                   404/422 with { "error": "recipient_unknown" } when the recipient is not registered
 *   GET  {url}/participants/{id}    → 200 registered, 404 not
 *   GET  {url}/transmissions/{id}   → { "status": "sent" | "delivered" | "failed", "reason"?: "…" }
 */
/** The vars and the secret the access point adapter reads (a part of Env; no Workers types needed to import this file). */
export type PeppolVars = { ENVIRONMENT?: string; PEPPOL_AP_URL?: string; PEPPOL_AP_TOKEN?: string };

export function httpPeppolSender(env: PeppolVars): PeppolSender | null {
  const base = env.PEPPOL_AP_URL?.replace(/\/+$/, "");
  if (!base || !env.PEPPOL_AP_TOKEN) return null;
  const auth = { Authorization: `Bearer ${env.PEPPOL_AP_TOKEN}` };
  return {
    async lookup(recipient) {
      const response = await fetch(`${base}/participants/${encodeURIComponent(recipient)}`, { headers: auth });
      if (response.status === 404) return false;
      if (!response.ok) throw new PeppolFailure("unavailable", `access point answered ${response.status}`);
      return true;
    },
    async send(document) {
      const response = await fetch(`${base}/documents`, {
        method: "POST",
        headers: {
          ...auth,
          "Content-Type": "application/xml",
          "X-Peppol-Recipient": document.recipient,
          "X-Document-Kind": document.kind,
          ...(document.documentId === null ? {} : { "Idempotency-Key": `loket-document-${document.documentId}` }),
        },
        body: document.xml,
      });
      const answer = (await response.json().catch(() => ({}))) as { transmissionId?: unknown; error?: unknown };
      if (response.status === 404 || (response.status === 422 && answer.error === "recipient_unknown")) throw new PeppolFailure("recipient_unknown");
      if (response.status >= 400 && response.status < 500) throw new PeppolFailure("rejected", `access point answered ${response.status}`);
      if (!response.ok || typeof answer.transmissionId !== "string") throw new PeppolFailure("unavailable", `access point answered ${response.status}`);
      return { transmissionId: answer.transmissionId };
    },
    async status(transmissionId) {
      const response = await fetch(`${base}/transmissions/${encodeURIComponent(transmissionId)}`, { headers: auth });
      if (!response.ok) return { status: "sent" };
      const answer = (await response.json().catch(() => ({}))) as { status?: unknown; reason?: unknown };
      if (answer.status === "delivered") return { status: "delivered" };
      if (answer.status === "failed") return { status: "failed", reason: answer.reason === "recipient_unknown" ? "recipient_unknown" : "rejected" };
      return { status: "sent" };
    },
  };
}

/** The sender of the environment: the access point in production (null when not configured), the outbox elsewhere. */
export function peppolSenderFor(env: PeppolVars, db: Db): PeppolSender | null {
  return env.ENVIRONMENT === "production" ? httpPeppolSender(env) : devPeppolSender(db);
}

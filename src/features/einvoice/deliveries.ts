import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { documentDeliveries, documents, type EinvoiceChannel, type DeliveryStatus } from "../../db/schema/index.ts";
import { catalogs, fill, formatDate, type Locale } from "../../lib/i18n.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import { type Seller, ublForDocument } from "../documents/ubl.ts";
import { PeppolFailure, type PeppolFailureCode, type PeppolSender } from "./peppol-sender.ts";

/**
 * How each invoice and credit note reaches its customer (#12): a row per document and channel
 * in document_deliveries, whose unique index (document, channel) decides who sends.
 *
 * - Peppol: documents that became available after the customer chose Peppol (the audit event
 *   profile.peppol that switched to it) are claimed (a 'sent' row without transmission id),
 *   then their UBL goes to the PeppolSender. The transmission id is stored; a later run asks the
 *   access point and marks the row delivered (the development sender confirms on that next run)
 *   or failed with the reason. A refused send is 'failed' with its reason at once. A claim left
 *   without transmission id (a run that died) or an access point that could not be reached is
 *   tried again after RETRY_AFTER_MS.
 * - E-mail (GreenBill): documents that became available after the address was confirmed get a
 *   message in the outbox (a link to the document), and the row is 'sent' when it is queued.
 * - Paper: 'sent' on the document date; Zoomit: 'sent' when the document became available.
 */
export const RETRY_AFTER_MS = 15 * 60 * 1000;
const BATCH = 50;
const RECORD_BATCH = 500;

export type DeliveryRun = { sent: number; failed: number; confirmed: number; mailed: number; recorded: number };
export type DeliveryOptions = {
  /** For the e-mail channel: the portal's public origin (links) and the provider's name (sign-off). Without it no mail is queued. */
  mail?: { origin: string; provider: string };
  /** Only these customers' documents (tests; a cron run takes every customer). */
  customerIds?: number[];
};

type Claim = { deliveryId: number; documentId: number; kind: "invoice" | "credit_note"; recipient: string };

function customerFilter(column: string, ids: number[] | undefined) {
  return ids ? sql.raw(`AND ${column} IN (${ids.map((id) => Number(id)).join(",") || "NULL"})`) : sql``;
}

/** The cron's job: follow up, claim and send Peppol documents, queue e-mails, record paper and Zoomit. */
export async function deliverNewDocuments(db: Db, sender: PeppolSender | null, seller: Seller, now = Date.now(), options: DeliveryOptions = {}): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, failed: 0, confirmed: 0, mailed: 0, recorded: 0 };
  if (sender) {
    run.confirmed = await followUp(db, sender, now, options);
    const claims = [...(await reclaim(db, now, options)), ...(await claimNew(db, now, options))];
    for (const claim of claims) {
      if (await transmit(db, sender, seller, claim, now)) run.sent++;
      else run.failed++;
    }
  }
  if (options.mail) run.mailed = await mailNew(db, options.mail, now, options);
  run.recorded = await recordPassive(db, now, options);
  return run;
}

/** Sent transmissions: ask the access point what became of them. */
async function followUp(db: Db, sender: PeppolSender, now: number, options: DeliveryOptions): Promise<number> {
  const rows = await db.all<{ id: number; transmissionId: string }>(sql`
    SELECT dd.id, dd.transmission_id AS transmissionId FROM document_deliveries dd
    WHERE dd.channel = 'peppol' AND dd.status = 'sent' AND dd.transmission_id IS NOT NULL ${customerFilter("dd.customer_id", options.customerIds)}
    ORDER BY dd.updated_at LIMIT ${BATCH}`);
  let confirmed = 0;
  for (const row of rows) {
    const state = await sender.status(row.transmissionId).catch(() => ({ status: "sent" as const }));
    if (state.status === "sent") continue;
    await db
      .update(documentDeliveries)
      .set(state.status === "delivered" ? { status: "delivered", updatedAt: new Date(now) } : { status: "failed", reason: state.reason, updatedAt: new Date(now) })
      .where(and(eq(documentDeliveries.id, row.id), eq(documentDeliveries.status, "sent")));
    if (state.status === "delivered") confirmed++;
  }
  return confirmed;
}

/** Claims left behind by a run that died, and sends the access point could not take: one run takes them back. */
async function reclaim(db: Db, now: number, options: DeliveryOptions): Promise<Claim[]> {
  // RETURNING names the updated table's own columns only: the kinds come in a second read, when there is anything.
  const rows = await db.all<{ deliveryId: number; documentId: number; recipient: string }>(sql`
    UPDATE document_deliveries SET status = 'sent', reason = NULL, updated_at = ${now}
    WHERE channel = 'peppol' AND transmission_id IS NULL AND updated_at < ${now - RETRY_AFTER_MS}
      AND (status = 'sent' OR (status = 'failed' AND reason = 'unavailable')) ${customerFilter("customer_id", options.customerIds)}
    RETURNING id AS deliveryId, document_id AS documentId, recipient`);
  if (rows.length === 0) return [];
  const kinds = await db
    .select({ id: documents.id, kind: documents.kind })
    .from(documents)
    .where(
      inArray(
        documents.id,
        rows.map((row) => row.documentId),
      ),
    );
  const kindOf = new Map(kinds.map((row) => [row.id, row.kind]));
  return rows.map((row) => ({ ...row, kind: kindOf.get(row.documentId) === "credit_note" ? "credit_note" : "invoice" }));
}

/**
 * Invoices and credit notes of Peppol customers, available since the customer switched to
 * Peppol, without a Peppol row: claimed by inserting their rows in one statement; of parallel
 * runs only the one whose insert went in sends a document.
 */
async function claimNew(db: Db, now: number, options: DeliveryOptions): Promise<Claim[]> {
  const candidates = await db.all<{ documentId: number; customerId: number; kind: "invoice" | "credit_note"; recipient: string }>(sql`
    SELECT d.id AS documentId, d.customer_id AS customerId, d.kind AS kind, cd.peppol_id AS recipient
    FROM contact_details cd JOIN documents d ON d.customer_id = cd.customer_id AND d.kind IN ('invoice', 'credit_note')
    WHERE cd.einvoice_channel = 'peppol' AND cd.peppol_id IS NOT NULL ${customerFilter("cd.customer_id", options.customerIds)}
      AND d.available_at <= ${now}
      AND d.available_at >= (SELECT MAX(a.at) FROM audit_events a WHERE a.customer_id = cd.customer_id AND a.action = 'profile.peppol'
        AND json_extract(a.before, '$.einvoiceChannel') IS NOT 'peppol')
      AND NOT EXISTS (SELECT 1 FROM document_deliveries x WHERE x.document_id = d.id AND x.channel = 'peppol')
    ORDER BY d.available_at, d.id LIMIT ${BATCH}`);
  if (candidates.length === 0) return [];
  // One insert for all: a row another run claimed first is skipped, and RETURNING names only ours.
  const claimed = await db
    .insert(documentDeliveries)
    .values(
      candidates.map((doc) => ({
        documentId: doc.documentId,
        customerId: doc.customerId,
        channel: "peppol" as const,
        recipient: doc.recipient,
        status: "sent" as const,
        createdAt: new Date(now),
        updatedAt: new Date(now),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: documentDeliveries.id, documentId: documentDeliveries.documentId });
  const byDocument = new Map(candidates.map((doc) => [doc.documentId, doc]));
  return claimed.map((row) => {
    const doc = byDocument.get(row.documentId)!;
    return { deliveryId: row.id, documentId: doc.documentId, kind: doc.kind, recipient: doc.recipient };
  });
}

async function transmit(db: Db, sender: PeppolSender, seller: Seller, claim: Claim, now: number): Promise<boolean> {
  try {
    const ubl = await ublForDocument(db, claim.documentId, seller);
    if (!ubl) throw new PeppolFailure("rejected", "no UBL for this document");
    const { transmissionId } = await sender.send({ xml: ubl.xml, recipient: claim.recipient, documentId: claim.documentId, kind: claim.kind });
    await db
      .update(documentDeliveries)
      .set({ transmissionId, updatedAt: new Date(now) })
      .where(eq(documentDeliveries.id, claim.deliveryId));
    return true;
  } catch (error) {
    const reason: PeppolFailureCode = error instanceof PeppolFailure ? error.code : "unavailable";
    if (!(error instanceof PeppolFailure)) console.error("peppol send", claim.documentId, error);
    await db
      .update(documentDeliveries)
      .set({ status: "failed", reason, updatedAt: new Date(now) })
      .where(eq(documentDeliveries.id, claim.deliveryId));
    return false;
  }
}

/** E-mail customers: a message per new document (since the address was confirmed), queued with its row in one batch. */
async function mailNew(db: Db, mail: { origin: string; provider: string }, now: number, options: DeliveryOptions): Promise<number> {
  const candidates = await db.all<{ documentId: number; customerId: number; kind: "invoice" | "credit_note"; reference: string; documentDate: string; email: string; language: Locale }>(sql`
    SELECT d.id AS documentId, d.customer_id AS customerId, d.kind AS kind, d.reference AS reference, d.document_date AS documentDate, cd.einvoice_email AS email, c.language AS language
    FROM contact_details cd JOIN customers c ON c.id = cd.customer_id
      JOIN documents d ON d.customer_id = cd.customer_id AND d.kind IN ('invoice', 'credit_note')
    WHERE cd.einvoice_channel = 'email' AND cd.einvoice_email IS NOT NULL ${customerFilter("cd.customer_id", options.customerIds)}
      AND d.available_at <= ${now}
      AND d.available_at >= (SELECT MAX(a.at) FROM audit_events a WHERE a.customer_id = cd.customer_id AND a.action = 'profile.einvoice.confirm')
      AND NOT EXISTS (SELECT 1 FROM document_deliveries x WHERE x.document_id = d.id)
    ORDER BY d.available_at, d.id LIMIT ${BATCH}`);
  for (const doc of candidates) {
    const t = catalogs[doc.language].einvoice;
    const link = `${mail.origin.replace(/\/+$/, "")}/${doc.language}/documents/${doc.documentId}`;
    const date = formatDate(doc.language, Date.parse(`${doc.documentDate}T12:00:00Z`));
    await db.batch([
      db
        .insert(documentDeliveries)
        .values({ documentId: doc.documentId, customerId: doc.customerId, channel: "email", recipient: doc.email, status: "sent", createdAt: new Date(now), updatedAt: new Date(now) })
        .onConflictDoNothing(),
      enqueueMessage(
        db,
        {
          channel: "email",
          recipient: doc.email,
          subject: fill(t.mail.subject[doc.kind], { reference: doc.reference }),
          body: fill(t.mail.body, { reference: doc.reference, date, link, provider: mail.provider }),
          dedupeKey: `document-mail:${doc.documentId}`,
        },
        now,
      ),
    ]);
  }
  return candidates.length;
}

/** Paper ('sent' on the document date) and Zoomit ('sent' when it became available): recorded as they are, a slice per run. */
async function recordPassive(db: Db, now: number, options: DeliveryOptions): Promise<number> {
  const [paper, zoomit] = await db.batch([
    db.run(sql`
      INSERT OR IGNORE INTO document_deliveries (document_id, customer_id, channel, recipient, status, created_at, updated_at)
      SELECT d.id, d.customer_id, 'paper', NULL, 'sent', CAST(strftime('%s', d.document_date || ' 12:00:00') AS INTEGER) * 1000, ${now}
      FROM documents d LEFT JOIN contact_details cd ON cd.customer_id = d.customer_id
      WHERE d.kind IN ('invoice', 'credit_note') AND d.available_at <= ${now} AND COALESCE(cd.einvoice_channel, 'paper') = 'paper' ${customerFilter("d.customer_id", options.customerIds)}
        AND NOT EXISTS (SELECT 1 FROM document_deliveries x WHERE x.document_id = d.id)
      LIMIT ${RECORD_BATCH}`),
    db.run(sql`
      INSERT OR IGNORE INTO document_deliveries (document_id, customer_id, channel, recipient, status, created_at, updated_at)
      SELECT d.id, d.customer_id, 'zoomit', cd.zoomit_iban, 'sent', d.available_at, ${now}
      FROM documents d JOIN contact_details cd ON cd.customer_id = d.customer_id
      WHERE d.kind IN ('invoice', 'credit_note') AND d.available_at <= ${now} AND cd.einvoice_channel = 'zoomit' ${customerFilter("d.customer_id", options.customerIds)}
        AND NOT EXISTS (SELECT 1 FROM document_deliveries x WHERE x.document_id = d.id)
      LIMIT ${RECORD_BATCH}`),
  ]);
  return paper.rowsAffected + zoomit.rowsAffected;
}

export type Delivery = {
  id: number;
  channel: EinvoiceChannel;
  recipient: string | null;
  status: DeliveryStatus;
  reason: string | null;
  transmissionId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A document's deliveries, newest first (the caller has checked the reader may see the document). */
export function deliveriesOf(db: Db, documentId: number) {
  return db
    .select({
      id: documentDeliveries.id,
      channel: documentDeliveries.channel,
      recipient: documentDeliveries.recipient,
      status: documentDeliveries.status,
      reason: documentDeliveries.reason,
      transmissionId: documentDeliveries.transmissionId,
      createdAt: documentDeliveries.createdAt,
      updatedAt: documentDeliveries.updatedAt,
    })
    .from(documentDeliveries)
    .where(eq(documentDeliveries.documentId, documentId))
    .orderBy(desc(documentDeliveries.createdAt), asc(documentDeliveries.id));
}

/** When a delivery happened as a person reads it: a sent one when it left, a delivered one when it arrived. */
export function deliveryDate(delivery: { status: DeliveryStatus; createdAt: Date; updatedAt: Date }): Date {
  return delivery.status === "delivered" ? delivery.updatedAt : delivery.createdAt;
}

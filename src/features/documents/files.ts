import type { Db } from "../../db/client.ts";
import type { Env } from "../../lib/env.ts";
import { catalogs, formatDate, formatMoney } from "../../lib/i18n.ts";
import { PdfWriter } from "../../lib/pdf.ts";
import { formatStructured } from "../../lib/structured-communication.ts";
import { recordFile, type DocumentDetail } from "./service.ts";

export const fileKeyOf = (doc: { id: number; customerId: number }) => `documents/${doc.customerId}/${doc.id}.pdf`;
export const fileNameOf = (doc: { kind: string; reference: string }) => `${doc.kind}-${doc.reference.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf`;

const dateOf = (isoDay: string) => Date.parse(`${isoDay}T12:00:00Z`);

/** The PDF of one document, from its row, in the account's language (not the viewer's): it is rendered once and kept. */
export async function renderDocumentPdf(env: Env, doc: DocumentDetail): Promise<Uint8Array> {
  const locale = doc.language;
  const t = catalogs[locale].documents;
  const pdf = await PdfWriter.create(env, `${t.pdf.kinds[doc.kind]} ${doc.reference}`);
  pdf.text(doc.customerName, { bold: true });
  pdf.text(doc.street);
  pdf.text(`${doc.postcode} ${doc.city}`);
  pdf.gap(10);
  pdf.row([
    { text: t.pdf.reference, x: 0, bold: true },
    { text: doc.reference, x: 150 },
  ]);
  pdf.row([
    { text: t.pdf.date, x: 0, bold: true },
    { text: formatDate(locale, dateOf(doc.documentDate)), x: 150 },
  ]);
  if (doc.contractNumber) {
    pdf.row([
      { text: t.pdf.contract, x: 0, bold: true },
      { text: doc.contractNumber, x: 150 },
    ]);
  }
  if (doc.dueDate) {
    pdf.row([
      { text: t.pdf.dueDate, x: 0, bold: true },
      { text: formatDate(locale, dateOf(doc.dueDate)), x: 150 },
    ]);
  }
  if (doc.amountCents !== null) {
    const total = doc.amountCents;
    const vat = doc.vatCents ?? 0;
    pdf.gap(10);
    pdf.row([
      { text: t.pdf.description, x: 0, bold: true },
      { text: t.pdf.net, x: 0, alignRight: 330, bold: true },
      { text: t.pdf.vat, x: 0, alignRight: 410, bold: true },
      { text: t.pdf.total, x: 0, alignRight: 495, bold: true },
    ]);
    pdf.rule();
    pdf.row([
      { text: fillContract(t.pdf.line, doc.contractNumber ?? doc.reference), x: 0 },
      { text: formatMoney(locale, total - vat), x: 0, alignRight: 330 },
      { text: formatMoney(locale, vat), x: 0, alignRight: 410 },
      { text: formatMoney(locale, total), x: 0, alignRight: 495 },
    ]);
    pdf.rule();
    pdf.row([
      { text: t.pdf.totalDue, x: 0, bold: true },
      { text: formatMoney(locale, total), x: 0, alignRight: 495, bold: true },
    ]);
  }
  if (doc.kind === "invoice" && doc.structuredCommunication) {
    pdf.gap(12);
    pdf.text(`${t.pdf.payWith} ${env.PROVIDER_IBAN} (${env.PROVIDER_BIC})`);
    pdf.text(`${t.pdf.structured} ${formatStructured(doc.structuredCommunication)}`, { bold: true });
  }
  return pdf.bytes();
}

const fillContract = (template: string, value: string) => template.replace("{contract}", value);

/**
 * The stored PDF of a document, rendering and storing it on first use: a download, a re-download
 * and a ZIP entry are then the very same bytes.
 */
export async function storedPdf(env: Env, db: Db, doc: DocumentDetail): Promise<R2ObjectBody> {
  const bucket = env.FILES;
  if (!bucket) throw new Error("R2 binding FILES is missing");
  const key = doc.fileKey ?? fileKeyOf(doc);
  const existing = await bucket.get(key);
  if (existing) return existing;
  const bytes = await renderDocumentPdf(env, doc);
  await bucket.put(key, bytes, { httpMetadata: { contentType: "application/pdf" } });
  if (doc.fileKey !== key || doc.fileSize !== bytes.byteLength) await recordFile(db, doc.id, key, bytes.byteLength);
  const stored = await bucket.get(key);
  if (!stored) throw new Error(`R2 lost ${key}`);
  return stored;
}

import type { Env } from "../../lib/env.ts";
import { catalogs, fill, formatDate, formatMoney, type Locale } from "../../lib/i18n.ts";
import { PdfWriter } from "../../lib/pdf.ts";
import { formatStructured } from "../../lib/structured-communication.ts";
import type { DocumentDetail } from "./service.ts";

/** One stored rendering per language: each reader gets the document in the language they read the portal in. */
export const fileKeyOf = (doc: { id: number; customerId: number }, locale: Locale) => `documents/${doc.customerId}/${doc.id}.${locale}.pdf`;
export const fileNameOf = (doc: { kind: string; reference: string }) => `${doc.kind}-${doc.reference.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf`;

const dateOf = (isoDay: string) => Date.parse(`${isoDay}T12:00:00Z`);

/** The PDF of one document, from its row, in the reader's language: rendered once per language and kept. */
export async function renderDocumentPdf(env: Env, doc: DocumentDetail, locale: Locale): Promise<Uint8Array> {
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
      { text: fill(t.pdf.line, { contract: doc.contractNumber ?? doc.reference }), x: 0 },
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
    pdf.text(fill(t.pdf.payWith, { iban: env.PROVIDER_IBAN, bic: env.PROVIDER_BIC }));
    pdf.text(fill(t.pdf.structured, { communication: formatStructured(doc.structuredCommunication) }), { bold: true });
  }
  return pdf.bytes();
}

/**
 * The stored PDF of a document in one language, rendering and storing it on first use: a download,
 * a re-download and a ZIP entry in that language are then the very same bytes.
 */
export async function storedPdf(env: Env, doc: DocumentDetail, locale: Locale): Promise<R2ObjectBody> {
  const bucket = env.FILES;
  if (!bucket) throw new Error("R2 binding FILES is missing");
  const key = fileKeyOf(doc, locale);
  const existing = await bucket.get(key);
  if (existing) return existing;
  const bytes = await renderDocumentPdf(env, doc, locale);
  await bucket.put(key, bytes, { httpMetadata: { contentType: "application/pdf" } });
  const stored = await bucket.get(key);
  if (!stored) throw new Error(`R2 lost ${key}`);
  return stored;
}

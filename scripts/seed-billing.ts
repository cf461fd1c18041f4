// Balance and payments demo data (003 "Aperçu des factures et paiements", 000 p.12): billing
// accounts and invoices with open amounts. Metadata only; the Documents module renders the PDFs.
// Every insert is OR IGNORE on a unique key: the Documents seed may write the same rows.
import type { Client, InStatement } from "@libsql/client";
import { structuredCommunication } from "../src/lib/structured-communication.ts";

const DAY = 24 * 3600 * 1000;

type Invoice = { reference: string; date: string; amountCents: number; openCents: number; kind?: "invoice" | "credit_note" | "reminder" };

function billingAccount(customerNumber: string, number: string, name: string, street: string, postcode: string, city: string): InStatement {
  return {
    sql: "INSERT OR IGNORE INTO billing_accounts (customer_id, number, name, street, postcode, city) SELECT id, ?, ?, ?, ?, ? FROM customers WHERE customer_number = ?",
    args: [number, name, street, postcode, city, customerNumber],
  };
}

function invoice(customerNumber: string, accountNumber: string, contractNumber: string | null, doc: Invoice): InStatement {
  const vat = Math.round((doc.amountCents * 21) / 121);
  const due = new Date(Date.parse(`${doc.date}T12:00:00Z`) + 30 * DAY).toISOString().slice(0, 10);
  return {
    sql: `INSERT OR IGNORE INTO documents (customer_id, billing_account_id, contract_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents, due_date, structured_communication)
          SELECT c.id, b.id, (SELECT id FROM contracts WHERE contract_number = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?
          FROM customers c JOIN billing_accounts b ON b.number = ? AND b.customer_id = c.id WHERE c.customer_number = ?`,
    args: [contractNumber, doc.kind ?? "invoice", doc.reference, doc.date, Date.parse(`${doc.date}T08:00:00Z`), doc.amountCents, vat, doc.openCents, due, doc.kind === "credit_note" ? null : structuredCommunication(doc.reference), accountNumber, customerNumber],
  };
}

/** "YYYY-MM-DD", `days` before `now`. */
const daysAgo = (now: number, days: number) => new Date(now - days * DAY).toISOString().slice(0, 10);

export async function seedBilling(client: Pick<Client, "batch">, now = Date.now()): Promise<void> {
  const statements: InStatement[] = [
    // Mobile (003): billing account 100457319 and its open invoice of €91.61.
    billingAccount("100457319", "100457319", "Havenlogistiek Antwerpen BV", "Katwilgweg 2", "2050", "Antwerpen"),
    invoice("100457319", "100457319", "0000025351", { reference: "213800090167", date: "2021-03-22", amountCents: 9161, openCents: 9161 }),
    // Waste: the head office and its two buildings, each with its own billing account.
    billingAccount("439561", "439561001", "Apparthotels NV", "Louizalaan 120", "1050", "Brussel"),
    billingAccount("439562", "439562001", "Apparthotels NV – Residentie Kunst", "Kunstlaan 8", "1000", "Brussel"),
    billingAccount("439563", "439563001", "Apparthotels NV – Residentie Zavel", "Grote Zavel 30", "1000", "Brussel"),
    invoice("439561", "439561001", "5422", { reference: "254220001", date: daysAgo(now, 95), amountCents: 48_400, openCents: 0 }),
    invoice("439561", "439561001", "5422", { reference: "254220002", date: daysAgo(now, 64), amountCents: 48_400, openCents: 0 }),
    invoice("439561", "439561001", "5422", { reference: "254220003", date: daysAgo(now, 33), amountCents: 52_030, openCents: 52_030 }),
    invoice("439561", "439561001", "5422", { reference: "CN254220001", date: daysAgo(now, 20), amountCents: 3_630, openCents: 3_630, kind: "credit_note" }),
    invoice("439562", "439562001", "5423", { reference: "254230001", date: daysAgo(now, 61), amountCents: 18_150, openCents: 0 }),
    invoice("439562", "439562001", "5423", { reference: "254230002", date: daysAgo(now, 30), amountCents: 18_150, openCents: 18_150 }),
    invoice("439563", "439563001", "5424", { reference: "254240001", date: daysAgo(now, 58), amountCents: 24_200, openCents: 24_200 }),
    invoice("439563", "439563001", "5424", { reference: "RM254240001", date: daysAgo(now, 14), amountCents: 24_200, openCents: 0, kind: "reminder" }),
  ];
  await client.batch(statements, "write");
}

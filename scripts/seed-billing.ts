// Balance and payments demo data (003 "Aperçu des factures et paiements", 000 p.12): billing
// accounts and invoices with open amounts. Metadata only; the Documents module renders the PDFs.
// Every insert is OR IGNORE on a unique key: the Documents seed may write the same rows.
import type { Client, InStatement } from "@libsql/client";
import { structuredCommunication } from "../src/lib/structured-communication.ts";
import { scaleOpenShare } from "./seed-documents.ts";

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
    args: [
      contractNumber,
      doc.kind ?? "invoice",
      doc.reference,
      doc.date,
      Date.parse(`${doc.date}T08:00:00Z`),
      doc.amountCents,
      vat,
      doc.openCents,
      due,
      doc.kind === "credit_note" ? null : structuredCommunication(doc.reference),
      accountNumber,
      customerNumber,
    ],
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
    // The Documents seed runs first, before these billing accounts exist: its invoices, credit
    // notes and reminders (W…, K…, Z…) go to their customer's billing account now.
    {
      sql: `UPDATE documents SET billing_account_id = (SELECT b.id FROM billing_accounts b WHERE b.customer_id = documents.customer_id ORDER BY b.id LIMIT 1)
            WHERE billing_account_id IS NULL AND kind IN ('invoice', 'credit_note', 'reminder')`,
      args: [],
    },
  ];
  await client.batch(statements, "write");
}

/**
 * The scale customers (numbers 2,000,000 + i, made by seedScale) each get a billing account (a
 * third pay by direct debit) and a year of monthly invoices, a credit note for one in five and a
 * reminder where an invoice is long overdue. Most is paid; what is open is mostly the latest
 * invoice, not yet due (see scaleOpenShare).
 */
export async function seedBillingScale(client: Pick<Client, "batch">, accounts = 5000, now = Date.now(), months = 12): Promise<void> {
  const chunk = 250;
  for (let start = 0; start < accounts; start += chunk) {
    const statements: InStatement[] = [];
    const docs: (string | number | null)[][] = [];
    for (let i = start; i < Math.min(accounts, start + chunk); i++) {
      const customerNumber = String(2_000_000 + i);
      const accountNumber = `${customerNumber}01`;
      statements.push({
        sql: `INSERT OR IGNORE INTO billing_accounts (customer_id, number, name, street, postcode, city, payment_method)
              SELECT id, ?, name, billing_street, billing_postcode, billing_city, ? FROM customers WHERE customer_number = ?`,
        args: [accountNumber, i % 3 === 0 ? "direct_debit" : "transfer", customerNumber],
      });
      const monthly = 8_000 + ((i * 37) % 40_000);
      for (let m = 0; m < months; m++) {
        const ageDays = m * 30 + (i % 28);
        const reference = String(5_000_000_000 + i * 100 + m);
        const open = scaleOpenShare(i * 100 + m, "invoice", ageDays);
        docs.push([customerNumber, accountNumber, "invoice", reference, daysAgo(now, ageDays), monthly, open ? monthly : 0, 30]);
        if (open && ageDays >= 60) docs.push([customerNumber, accountNumber, "reminder", `RM${reference}`, daysAgo(now, ageDays - 45), 1_500, 1_500, 15]);
      }
      if (i % 5 === 0) {
        const ageDays = 20 + (i % 70);
        docs.push([customerNumber, accountNumber, "credit_note", `CN${5_000_000_000 + i * 100}`, daysAgo(now, ageDays), 2_500, scaleOpenShare(i, "credit_note", ageDays) ? 2_500 : 0, null]);
      }
    }
    // One multi-row INSERT per 400 documents keeps each statement under SQLite's bound-parameter limit.
    for (let r = 0; r < docs.length; r += 400) {
      const slice = docs.slice(r, r + 400);
      statements.push({
        sql: `INSERT OR IGNORE INTO documents (customer_id, billing_account_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents, due_date, structured_communication)
              SELECT c.id, b.id, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9, v.column10, v.column11
              FROM (VALUES ${slice.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}) v
              JOIN customers c ON c.customer_number = v.column1 JOIN billing_accounts b ON b.number = v.column2`,
        args: slice.flatMap(([customerNumber, accountNumber, kind, reference, date, amount, open, dueDays]) => {
          const day = Date.parse(`${date}T08:00:00Z`);
          return [
            customerNumber!,
            accountNumber!,
            kind!,
            reference!,
            date!,
            day,
            amount!,
            Math.round((Number(amount) * 21) / 121),
            open!,
            dueDays === null ? null : new Date(day + Number(dueDays) * DAY).toISOString().slice(0, 10),
            kind === "credit_note" ? null : structuredCommunication(String(reference)),
          ];
        }),
      });
    }
    await client.batch(statements, "write");
  }
}

import { createClient } from "@libsql/client/web";
import { inject } from "vitest";
import { seedBilling } from "../../scripts/seed-billing.ts";
import { latestCode, TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

/** Runs the demo billing seed against the test database (it is idempotent). */
export async function runBillingSeed() {
  const client = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
  try {
    await seedBilling(client);
  } finally {
    client.close();
  }
}

/** A fresh customer of this file's own (91xxxx), with a contract, a contact e-mail (or none) and a billing account. */
export async function billingCustomer(n: number, options: { email?: string | null; parent?: string } = {}) {
  const customerNumber = String(930000 + n);
  const contractNumber = String(830000 + n);
  const email = options.email === undefined ? `billing${n}@test.example` : options.email;
  const accountNumber = `T${customerNumber}`;
  await sql(
    "INSERT OR IGNORE INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, parent_id, language, created_at) VALUES (?, ?, 'Betaalstraat 1', '1000', 'Brussel', (SELECT id FROM customers WHERE customer_number = ?), 'en', ?)",
    [customerNumber, `Betaalklant ${n}`, options.parent ?? null, Date.now()],
  );
  // A code login needs an address for the code even when the profile has no e-mail: the phone then.
  await sql("INSERT OR IGNORE INTO contact_details (customer_id, email, phone, updated_at) SELECT id, ?, ?, ? FROM customers WHERE customer_number = ?", [
    email,
    `+3247193${String(n).padStart(4, "0")}`,
    Date.now(),
    customerNumber,
  ]);
  await sql("INSERT OR IGNORE INTO contracts (contract_number, customer_id, service) SELECT ?, id, 'Restafval 240 L' FROM customers WHERE customer_number = ?", [contractNumber, customerNumber]);
  await sql(
    "INSERT OR IGNORE INTO billing_accounts (customer_id, number, name, street, postcode, city) SELECT id, ?, name, 'Betaalstraat 1', '1000', 'Brussel' FROM customers WHERE customer_number = ?",
    [accountNumber, customerNumber],
  );
  const [account] = await sql<{ id: number; customerId: number }>("SELECT id, customer_id AS customerId FROM billing_accounts WHERE number = ?", [accountNumber]);
  return { customerNumber, contractNumber, email, accountNumber, accountId: account!.id, customerId: account!.customerId };
}

/** One billing document for a test customer; returns its id. */
export async function addDocument(
  customer: { customerId: number; accountId: number },
  doc: { reference: string; date: string; amountCents: number; openCents: number; kind?: string; communication?: string | null },
) {
  await sql(
    "INSERT INTO documents (customer_id, billing_account_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents, structured_communication) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
    [customer.customerId, customer.accountId, doc.kind ?? "invoice", doc.reference, doc.date, Date.now(), doc.amountCents, doc.openCents, doc.communication ?? null],
  );
  const [row] = await sql<{ id: number }>("SELECT id FROM documents WHERE customer_id = ? AND reference = ?", [customer.customerId, doc.reference]);
  return row!.id;
}

/** Code login (by SMS, so a customer without e-mail can log in too). */
export async function codeLogin(customer: { customerNumber: string; contractNumber: string }, n: number, language = "en") {
  const browser = new TestBrowser(undefined, language);
  await browser.get(`/${language}/login`);
  await browser.post(`/${language}/login/code`, { customerNumber: customer.customerNumber, channel: "sms" });
  const code = await latestCode(`+3247193${String(n).padStart(4, "0")}`);
  const result = await browser.post(`/${language}/login`, { contractNumber: customer.contractNumber, customerNumber: customer.customerNumber, code: code ?? "", acceptTerms: "on" });
  if (result.status !== 303) throw new Error(`code login of ${customer.customerNumber} failed: ${result.status}`);
  return browser;
}

/** Text as a reader sees it: HTML entities decoded, non-breaking spaces as spaces. */
export function visible(html: string): string {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/[\u00a0\u202f]/g, " ");
}

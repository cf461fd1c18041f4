import { latestCode, TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

/** A calendar day n days from today in Brussels, as stored ("YYYY-MM-DD"). */
export function dayFromToday(n: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" }).format(Date.now());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** A customer of this file's own (9xxxxx), with a site and a contract; returns their ids. */
export async function addCustomer(number: string, contract: string, site: { street: string; postcode: string; city: string }, email: string, parentNumber?: string) {
  await sql(
    "INSERT INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, parent_id, language, created_at) VALUES (?, ?, ?, ?, ?, (SELECT id FROM customers WHERE customer_number = ?), 'nl', ?)",
    [number, `Kalenderklant ${number}`, site.street, site.postcode, site.city, parentNumber ?? null, Date.now()],
  );
  const [customer] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [number]);
  await sql("INSERT INTO contact_details (customer_id, email, updated_at) VALUES (?, ?, ?)", [customer!.id, email, Date.now()]);
  // A waste customer: the collection calendar is waste collection's.
  await sql("INSERT INTO account_applications (customer_id, application_id) SELECT ?, id FROM applications WHERE code = 'waste'", [customer!.id]);
  await sql("INSERT INTO sites (customer_id, name, street, postcode, city) VALUES (?, 'Gebouw', ?, ?, ?)", [customer!.id, site.street, site.postcode, site.city]);
  await sql("INSERT INTO contracts (contract_number, customer_id, site_id, service) VALUES (?, ?, last_insert_rowid(), 'Restafval 240 L')", [contract, customer!.id]);
  const [row] = await sql<{ id: number }>("SELECT id FROM contracts WHERE contract_number = ?", [contract]);
  return { customerId: customer!.id, contractId: row!.id };
}

export async function addDays(contractId: number, days: { date: string; fraction: string }[]) {
  for (const day of days) await sql("INSERT INTO collection_days (contract_id, date, fraction) VALUES (?, ?, ?)", [contractId, day.date, day.fraction]);
}

/** Code login (by e-mail) as one of this file's customers, as loggedIn() does for the shared test accounts. */
export async function loggedInCustomer(customerNumber: string, contractNumber: string, email: string, language = "en") {
  const browser = new TestBrowser(undefined, language);
  await browser.get(`/${language}/login`);
  await browser.post(`/${language}/login/code`, { customerNumber, channel: "email" });
  const code = await latestCode(email);
  const result = await browser.post(`/${language}/login`, { contractNumber, customerNumber, code: code ?? "", acceptTerms: "on" });
  if (result.status !== 303) throw new Error(`login of ${customerNumber} failed: ${result.status}`);
  return browser;
}

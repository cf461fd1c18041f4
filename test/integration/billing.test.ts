import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { retentionCutoff } from "../../src/features/billing/service.ts";
import type { Env } from "../../src/lib/env.ts";
import { isValidStructured } from "../../src/lib/structured-communication.ts";
import { loggedInAs } from "./browser.ts";
import { addDocument, billingCustomer, codeLogin, runBillingSeed, visible } from "./billing-fixtures.ts";
import { sql } from "./sql.ts";

const E = env as unknown as Env;

async function idOf(customerNumber: string, reference: string) {
  const [row] = await sql<{ id: number }>("SELECT d.id FROM documents d JOIN customers c ON c.id = d.customer_id WHERE c.customer_number = ? AND d.reference = ?", [customerNumber, reference]);
  return row!.id;
}
async function accountId(number: string) {
  const [row] = await sql<{ id: number }>("SELECT id FROM billing_accounts WHERE number = ?", [number]);
  return row!.id;
}
/** The EPC payload carried by the QR code, as the page states it. */
function epcOf(html: string): string[] {
  const raw = html.match(/data-epc="([^"]*)"/)?.[1];
  expect(raw).toBeDefined();
  return visible(raw!).split("\n");
}
function svgOf(html: string): string {
  const svg = html.match(/<svg[\s\S]*?<\/svg>/)?.[0];
  expect(svg).toBeDefined();
  return svg!;
}

beforeAll(async () => {
  await runBillingSeed();
  await runBillingSeed(); // idempotent: a second run adds nothing
}, 30_000);

describe("balance: the mobile demo story (003, 000 p.12)", () => {
  it("the seed is idempotent: one billing account, one invoice 213800090167", async () => {
    expect(await sql("SELECT id FROM billing_accounts WHERE number = '100457319'")).toHaveLength(1);
    expect(await sql<{ open_cents: number; document_date: string }>("SELECT open_cents, document_date FROM documents WHERE reference = '213800090167'")).toEqual([
      { open_cents: 9161, document_date: "2021-03-22" },
    ]);
  });

  it.each([
    ["nl", "€ 91,61", "22/03/2021"],
    ["fr", "91,61 €", "22/03/2021"],
    ["en", "€91.61", "22/03/2021"],
  ])("%s: shows the open amount %s and the invoice with date, number, file and Pay", async (language, money, date) => {
    const browser = await loggedInAs("margaux", undefined, language);
    const page = await browser.get(`/${language}/balance`);
    expect(page.status).toBe(200);
    const text = visible(page.text);
    const invoiceId = await idOf("100457319", "213800090167");
    // The account total is what is open in the database for it (other modules' tests may add rows).
    const [total] = await sql<{ open: number }>(
      "SELECT COALESCE(SUM(CASE WHEN kind = 'credit_note' THEN -open_cents ELSE open_cents END), 0) AS open FROM documents WHERE billing_account_id = ? AND kind IN ('invoice','credit_note','reminder') AND open_cents > 0",
      [await accountId("100457319")],
    );
    expect(total!.open).toBeGreaterThanOrEqual(9161);
    const shown = text.match(/data-open-amount="100457319">([^<]+)</)?.[1];
    if (total!.open === 9161) expect(shown).toBe(money);
    expect(text).toContain("100457319");
    expect(text).toContain("213800090167");
    expect(text).toContain(date);
    expect(text).toContain(`>${money}<`);
    expect(page.text).toContain(`href="/${language}/documents/${invoiceId}/pdf"`);
    expect(page.text).toContain(`href="/${language}/pay/${invoiceId}"`);
    expect(page.text).not.toMatch(/billing\.[a-zA-Z]+/);
  });

  it("Pay: transfer details, structured communication and an EPC QR code as inline SVG", async () => {
    const browser = await loggedInAs("margaux", undefined, "nl");
    const invoiceId = await idOf("100457319", "213800090167");
    const page = await browser.get(`/nl/pay/${invoiceId}`);
    expect(page.status).toBe(200);
    const text = visible(page.text);
    expect(text).toContain(E.PROVIDER_NAME);
    expect(text).toContain("BE68 5390 0754 7034");
    expect(text).toContain("GKCCBEBB");
    expect(text).toContain("€ 91,61");
    // 3800090167 mod 97 = 28: the last ten digits of the invoice number and their check.
    expect(text).toContain("+++380/0090/16728+++");
    expect(text).toContain("Scan met uw bankapp");
    const epc = epcOf(page.text);
    expect(epc).toEqual(["BCD", "002", "1", "SCT", "GKCCBEBB", E.PROVIDER_NAME, "BE68539007547034", "EUR91.61", "", "380009016728"]);
    expect(isValidStructured(epc[9]!)).toBe(true);
    const svg = svgOf(page.text);
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/aria-label="[^"]*91,61[^"]*"/);
    expect(svg).toMatch(/<path d="(M\d+ \d+h1v1h-1z)+"/);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it("Pay the whole balance: a communication from the billing account number", async () => {
    const browser = await loggedInAs("margaux", undefined, "en");
    const page = await browser.get(`/en/balance/${await accountId("100457319")}/pay`);
    expect(page.status).toBe(200);
    // 0100457319 mod 97 = 45.
    expect(visible(page.text)).toContain("+++010/0457/31945+++");
    expect(epcOf(page.text)[9]).toBe("010045731945");
    expect(svgOf(page.text)).toContain('role="img"');
  });

  it("a head office sees its buildings' billing accounts; open credit notes lower the balance", async () => {
    const browser = await loggedInAs("apparthotels", undefined, "en");
    const page = await browser.get("/en/balance");
    expect(page.status).toBe(200);
    const text = visible(page.text);
    for (const number of ["439561001", "439562001", "439563001"]) expect(text).toContain(`Billing account ${number}`);
    // 520.30 open − 36.30 credit note + 188.28 of invoice W240101 (a Documents seed invoice, now on its billing account).
    expect(text).toContain('data-open-amount="439561001">€672.28<');
    expect(text).not.toContain("100457319");
  });
});

describe("balance: tenancy", () => {
  it("another account's invoice, billing account or a tampered id → 404", async () => {
    const browser = await loggedInAs("margaux", undefined, "en");
    const foreignInvoice = await idOf("439561", "254220003");
    const foreignAccount = await accountId("439561001");
    for (const path of [`/en/pay/${foreignInvoice}`, `/en/balance/${foreignAccount}/pay`, `/en/balance/${foreignAccount}/method`, "/en/pay/abc", "/en/pay/1e3", "/en/balance/-1/pay"]) {
      const r = await browser.get(path);
      expect(r.status, path).toBe(404);
      expect(r.text).not.toContain("254220003");
      expect(r.text).not.toContain("Apparthotels");
    }
    await browser.get("/en/balance");
    const post = await browser.post(`/en/balance/${foreignAccount}/method`, { method: "direct_debit", iban: "BE68 5390 0754 7034", holder: "Intruder" });
    expect(post.status).toBe(404);
    expect(await sql("SELECT id FROM direct_debit_requests WHERE billing_account_id = ?", [foreignAccount])).toEqual([]);
  });

  it("a building does not see its head office's billing account", async () => {
    const headOffice = await billingCustomer(7);
    const building = await billingCustomer(5, { parent: headOffice.customerNumber });
    const browser = await codeLogin(building, 5);
    expect((await browser.get(`/en/balance/${headOffice.accountId}/pay`)).status).toBe(404);
    const page = await browser.get("/en/balance");
    expect(page.text).toContain(building.accountNumber);
    expect(page.text).not.toContain(headOffice.accountNumber);
    const office = await codeLogin(headOffice, 7);
    const officePage = await office.get("/en/balance");
    expect(officePage.text).toContain(building.accountNumber);
    expect(officePage.text).toContain(headOffice.accountNumber);
  });
});

describe("payment method", () => {
  it("direct debit with an invalid IBAN → 422 inline, localized; nothing stored", async () => {
    const customer = await billingCustomer(1);
    const browser = await codeLogin(customer, 1, "fr");
    await browser.get(`/fr/balance/${customer.accountId}/method`);
    const r = await browser.post(`/fr/balance/${customer.accountId}/method`, { method: "direct_debit", iban: "BE68 5390 0754 7035", holder: "" });
    expect(r.status).toBe(422);
    expect(visible(r.text)).toContain("IBAN");
    expect(r.text).toContain('aria-invalid="true"');
    expect(visible(r.text)).toContain("Ce champ est obligatoire");
    const fragment = await browser.post(
      `/fr/balance/${customer.accountId}/method`,
      { method: "direct_debit", iban: "nope", holder: "X" },
      { "HX-Request": "true", "HX-Target": "section#billing-method" },
    );
    expect(fragment.status).toBe(422);
    expect(fragment.text.startsWith('<section class="card" id="billing-method"')).toBe(true);
    expect(await sql("SELECT id FROM direct_debit_requests WHERE billing_account_id = ?", [customer.accountId])).toEqual([]);
    expect(await sql("SELECT id FROM audit_events WHERE customer_id = ? AND action LIKE 'billing.%'", [customer.customerId])).toEqual([]);
  });

  it("a valid request is recorded with its audit event, once; the account still pays by transfer", async () => {
    const customer = await billingCustomer(2);
    const browser = await codeLogin(customer, 2);
    await browser.get(`/en/balance/${customer.accountId}/method`);
    const r = await browser.post(`/en/balance/${customer.accountId}/method`, { method: "direct_debit", iban: "be68 5390 0754 7034", holder: "Betaalklant 2 BV" });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/en/balance/${customer.accountId}/method?notice=mandateSent`);
    const rows = await sql<{ iban: string; holder: string; actor: string }>("SELECT iban, holder, actor FROM direct_debit_requests WHERE billing_account_id = ?", [customer.accountId]);
    expect(rows).toEqual([{ iban: "BE68539007547034", holder: "Betaalklant 2 BV", actor: `code:${customer.customerNumber}` }]);
    const audit = await sql<{ after: string }>("SELECT after FROM audit_events WHERE customer_id = ? AND action = 'billing.direct_debit_requested'", [customer.customerId]);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ account: customer.accountNumber, iban: "BE68539007547034" });
    expect(await sql("SELECT payment_method FROM billing_accounts WHERE id = ?", [customer.accountId])).toEqual([{ payment_method: "transfer" }]);
    const page = await browser.get(r.location!);
    expect(page.text).toContain("Your request has been recorded.");
    expect(page.text).toMatch(/Direct debit requested on \d\d\/\d\d\/\d{4}/);
    expect((await browser.get("/en/balance")).text).toMatch(/Direct debit requested on \d\d\/\d\d\/\d{4}/);
    // The same form twice (a double click) records nothing more.
    const again = await browser.post(`/en/balance/${customer.accountId}/method`, { method: "direct_debit", iban: "BE68539007547034", holder: "Betaalklant 2 BV" });
    expect(again.location).toBe(`/en/balance/${customer.accountId}/method?notice=unchanged`);
    expect(await sql("SELECT id FROM direct_debit_requests WHERE billing_account_id = ?", [customer.accountId])).toHaveLength(1);
  });
});

describe("account statement by e-mail (000 p.12)", () => {
  it("renders a PDF into R2 and puts an e-mail with it in the outbox, audited, once", async () => {
    const customer = await billingCustomer(3);
    await addDocument(customer, { reference: "ST-1", date: "2026-01-10", amountCents: 12_100, openCents: 12_100 });
    const browser = await codeLogin(customer, 3);
    await browser.get("/en/balance");
    const r = await browser.post("/en/balance/statement", {});
    expect(r.status).toBe(303);
    expect(r.location).toBe("/en/balance?statement=sent#billing-statement");
    expect((await browser.get("/en/balance?statement=sent")).text).toContain("sent to the e-mail address in your profile");
    const mails = await sql<{ recipient: string; attachment_key: string; attachment_name: string; body: string }>(
      "SELECT recipient, attachment_key, attachment_name, body FROM outbox_messages WHERE recipient = ? AND attachment_key IS NOT NULL",
      [customer.email!],
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachment_key).toMatch(new RegExp(`^statements/${customer.customerNumber}/\\d+\\.en\\.pdf$`));
    expect(mails[0]!.attachment_name).toMatch(/\.pdf$/);
    expect(mails[0]!.body).toContain("€121.00");
    const object = await (env as unknown as Env).FILES!.get(mails[0]!.attachment_key);
    expect(object).not.toBeNull();
    expect(object!.httpMetadata?.contentType).toBe("application/pdf");
    const bytes = new Uint8Array(await object!.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(await sql("SELECT id FROM audit_events WHERE customer_id = ? AND action = 'billing.statement_sent'", [customer.customerId])).toHaveLength(1);
    // A double click sends nothing more.
    await browser.post("/en/balance/statement", {});
    expect(await sql("SELECT id FROM outbox_messages WHERE recipient = ? AND attachment_key IS NOT NULL", [customer.email!])).toHaveLength(1);
  });

  it("a double click across the turn of a minute sends nothing more", async () => {
    const customer = await billingCustomer(47);
    await addDocument(customer, { reference: "ST-47", date: "2026-01-10", amountCents: 5_000, openCents: 5_000 });
    const browser = await codeLogin(customer, 47);
    await browser.get("/en/balance");
    // The first click's message, sent in the minute before this one.
    const previousMinute = Math.floor(Date.now() / 60_000) - 1;
    await sql(
      "INSERT INTO outbox_messages (created_at, channel, recipient, subject, body, status, attempts, attachment_key, attachment_name, dedupe_key) VALUES (?, 'email', ?, 'first click', 'x', 'sent', 1, 'statements/first.pdf', 'first.pdf', ?)",
      [Date.now() - 30_000, customer.email!, `statement:${customer.customerId}:code:${customer.customerNumber}:${previousMinute}`],
    );
    const r = await browser.post("/en/balance/statement", {});
    expect(r.status).toBe(303);
    expect(r.location).toBe("/en/balance?statement=sent#billing-statement");
    expect(await sql("SELECT subject FROM outbox_messages WHERE recipient = ? AND attachment_key IS NOT NULL", [customer.email!])).toEqual([{ subject: "first click" }]);
  });

  it("without an e-mail address in the profile: a clear message with a link to the profile, nothing sent", async () => {
    const customer = await billingCustomer(4, { email: null });
    const browser = await codeLogin(customer, 4, "nl");
    await browser.get("/nl/balance");
    const r = await browser.post("/nl/balance/statement", {}, { "HX-Request": "true", "HX-Target": "section#billing-statement" });
    expect(r.status).toBe(200);
    expect(r.text.startsWith('<section class="card" id="billing-statement"')).toBe(true);
    expect(r.text).toContain("Er staat geen e-mailadres in uw profiel");
    expect(r.text).toContain('href="/nl/profile"');
    expect(await sql("SELECT id FROM audit_events WHERE customer_id = ? AND action = 'billing.statement_sent'", [customer.customerId])).toEqual([]);
  });
});

describe("retention of billing data (002 'Mijn factuur online')", () => {
  it("computes the first kept day per calendar month, clamped to the month's end", () => {
    expect(retentionCutoff(Date.UTC(2026, 2, 31, 10), 12)).toBe("2025-03-31");
    expect(retentionCutoff(Date.UTC(2026, 2, 31, 10), 1)).toBe("2026-02-28");
    expect(retentionCutoff(Date.UTC(2026, 0, 15, 10), 1)).toBe("2025-12-15");
    // 23:30 UTC on 31 Dec is already 1 Jan in Brussels.
    expect(retentionCutoff(Date.UTC(2025, 11, 31, 23, 30), 12)).toBe("2025-01-01");
  });

  it("a paid document on the boundary day is listed, one a day older is not; an old open one stays", async () => {
    const customer = await billingCustomer(6);
    const cutoff = retentionCutoff(Date.now(), Number((env as unknown as Env).RETENTION_BILLING_MONTHS));
    const dayBefore = new Date(Date.parse(`${cutoff}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await addDocument(customer, { reference: "RET-EDGE", date: cutoff, amountCents: 1000, openCents: 0 });
    const oldPaid = await addDocument(customer, { reference: "RET-OLD", date: dayBefore, amountCents: 1000, openCents: 0 });
    await addDocument(customer, { reference: "RET-OPEN", date: "2019-05-02", amountCents: 2500, openCents: 2500 });
    const browser = await codeLogin(customer, 6);
    const page = await browser.get("/en/balance");
    expect(page.text).toContain("RET-EDGE");
    expect(page.text).not.toContain("RET-OLD");
    expect(page.text).toContain("RET-OPEN");
    expect(visible(page.text)).toContain(`data-open-amount="${customer.accountNumber}">€25.00<`);
    expect((await browser.get(`/en/pay/${oldPaid}`)).status).toBe(404);
  });
});

import { describe, expect, it } from "vitest";
import { loggedInAs } from "./browser.ts";
import { addDocument, billingCustomer, codeLogin, visible } from "./billing-fixtures.ts";
import { sql } from "./sql.ts";

/** Issue #8, Deliver 2 and the direct debit defect: every open invoice counts, the mandate is sent. */
describe("money is consistent (issue #8)", () => {
  it("the demo's Z240301, K240201 and W240101 have a billing account and count in Balance", async () => {
    const rows = await sql<{ reference: string; open_cents: number; number: string | null }>(
      "SELECT d.reference, d.open_cents, b.number FROM documents d LEFT JOIN billing_accounts b ON b.id = d.billing_account_id WHERE d.reference IN ('Z240301', 'K240201', 'W240101') ORDER BY d.reference",
    );
    expect(rows.map((r) => [r.reference, r.number])).toEqual([
      ["K240201", "439562001"],
      ["W240101", "439561001"],
      ["Z240301", "439563001"],
    ]);
    expect(rows.every((r) => r.open_cents > 0)).toBe(true);
    // No open billing document of the demo is left without a billing account.
    expect(
      await sql(
        "SELECT reference FROM documents WHERE billing_account_id IS NULL AND kind IN ('invoice','credit_note','reminder') AND open_cents > 0 AND customer_id IN (SELECT id FROM customers WHERE customer_number IN ('439561','439562','439563','100457319'))",
      ),
    ).toEqual([]);
    const browser = await loggedInAs("apparthotels", undefined, "en");
    const text = visible((await browser.get("/en/balance")).text);
    for (const reference of ["Z240301", "K240201", "W240101"]) expect(text).toContain(reference);
  });

  it("an open invoice without a billing account still counts: Balance shows it and its total, the statement adds it", async () => {
    const customer = await billingCustomer(41);
    await addDocument(customer, { reference: "ORPHAN-ACC", date: "2026-10-01", amountCents: 10_000, openCents: 10_000 });
    await sql(
      "INSERT INTO documents (customer_id, billing_account_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents) VALUES (?, NULL, 'invoice', 'ORPHAN-1', '2026-10-04', ?, 5000, 0, 5000)",
      [customer.customerId, Date.now()],
    );
    const browser = await codeLogin(customer, 41);
    const page = await browser.get("/en/balance");
    const text = visible(page.text);
    expect(text).toContain(`data-open-amount="${customer.accountNumber}">€100.00<`);
    expect(text).toContain("Open documents without a billing account");
    expect(text).toContain('data-open-amount="unassigned">€50.00<');
    expect(text).toContain("ORPHAN-1");
    // The statement's total is the same money: 100 + 50.
    const sent = await browser.post("/en/balance/statement", {});
    expect(sent.status).toBe(303);
    const [mail] = await sql<{ body: string }>("SELECT body FROM outbox_messages WHERE recipient = ? AND attachment_key IS NOT NULL", [customer.email!]);
    expect(visible(mail!.body)).toContain("€150.00");
    // It can be paid on its own.
    const [orphan] = await sql<{ id: number }>("SELECT id FROM documents WHERE reference = 'ORPHAN-1'");
    const pay = await browser.get(`/en/pay/${orphan!.id}`);
    expect(pay.status).toBe(200);
    expect(visible(pay.text)).toContain("€50.00");
  });

  it("another account's open invoice without a billing account is not counted, listed or payable (404)", async () => {
    const mine = await billingCustomer(42);
    const other = await billingCustomer(43);
    await sql(
      "INSERT INTO documents (customer_id, billing_account_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents) VALUES (?, NULL, 'invoice', 'FOREIGN-ORPHAN', '2026-10-04', ?, 7000, 0, 7000)",
      [other.customerId, Date.now()],
    );
    const browser = await codeLogin(mine, 42);
    const text = visible((await browser.get("/en/balance")).text);
    expect(text).not.toContain("FOREIGN-ORPHAN");
    expect(text).not.toContain("without a billing account");
    const [foreign] = await sql<{ id: number }>("SELECT id FROM documents WHERE reference = 'FOREIGN-ORPHAN'");
    expect((await browser.get(`/en/pay/${foreign!.id}`)).status).toBe(404);
  });

  it("Documents shows the amount and the open/paid state of invoices", async () => {
    const browser = await loggedInAs("apparthotels", undefined, "en");
    const text = visible((await browser.get("/en/documents?tab=invoice")).text);
    expect(text).toContain("Amount incl. VAT");
    expect(text).toMatch(/data-payment="W240101">Open: €188\.28</);
    expect(text).toMatch(/data-payment="W240102">Paid</);
    const fr = visible((await (await loggedInAs("apparthotels", undefined, "fr")).get("/fr/documents?tab=invoice")).text);
    expect(fr).toMatch(/data-payment="W240101">Impayé : 188,28 €</);
  });
});

describe("direct debit (issue #8 defect)", () => {
  it("after the request: the confirmation and the state instead of the empty form; the SEPA mandate is in the outbox", async () => {
    const customer = await billingCustomer(44);
    const browser = await codeLogin(customer, 44);
    await browser.get(`/en/balance/${customer.accountId}/method`);
    const r = await browser.post(`/en/balance/${customer.accountId}/method`, { method: "direct_debit", iban: "BE68 5390 0754 7034", holder: "Betaalklant 44 BV" });
    expect(r.status).toBe(303);
    const page = visible((await browser.get(r.location!)).text);
    expect(page).toContain("Your request has been recorded.");
    expect(page).toMatch(/Direct debit requested on \d\d\/\d\d\/\d{4}/);
    expect(page).toContain("BE68 5390 0754 7034");
    expect(page).toContain("Betaalklant 44 BV");
    expect(page).toContain(`We have sent the SEPA mandate to ${customer.email}`);
    // Not the empty form again.
    expect(page).not.toContain('name="iban"');
    const mails = await sql<{ recipient: string; subject: string; body: string; channel: string }>("SELECT recipient, subject, body, channel FROM outbox_messages WHERE dedupe_key LIKE ?", [
      `mandate:${customer.accountId}:%`,
    ]);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe(customer.email);
    expect(mails[0]!.subject).toBe(`SEPA direct debit mandate for billing account ${customer.accountNumber}`);
    expect(mails[0]!.body).toContain("IBAN to debit: BE68 5390 0754 7034");
    expect(mails[0]!.body).toContain("Debtor (account holder): Betaalklant 44 BV");
    expect(mails[0]!.body).toMatch(new RegExp(`Mandate reference: LOKET-${customer.accountNumber}-\\d{8}`));
    // A double submit sends no second mandate.
    await browser.post(`/en/balance/${customer.accountId}/method`, { method: "direct_debit", iban: "BE68539007547034", holder: "Betaalklant 44 BV" });
    expect(await sql("SELECT id FROM outbox_messages WHERE dedupe_key LIKE ?", [`mandate:${customer.accountId}:%`])).toHaveLength(1);
  });

  it("with htmx the swapped block is the confirmation, in the user's language (fr)", async () => {
    const customer = await billingCustomer(45);
    const browser = await codeLogin(customer, 45, "fr");
    await browser.get(`/fr/balance/${customer.accountId}/method`);
    const r = await browser.post(
      `/fr/balance/${customer.accountId}/method`,
      { method: "direct_debit", iban: "BE68539007547034", holder: "Client 45" },
      { "HX-Request": "true", "HX-Target": "section#billing-method" },
    );
    expect(r.status).toBe(200);
    expect(r.text.startsWith('<section class="card" id="billing-method"')).toBe(true);
    expect(visible(r.text)).toContain(`Nous avons envoyé le mandat SEPA à ${customer.email}`);
    expect(r.text).not.toContain('name="iban"');
    const [mail] = await sql<{ subject: string; body: string }>("SELECT subject, body FROM outbox_messages WHERE dedupe_key LIKE ?", [`mandate:${customer.accountId}:%`]);
    expect(mail!.subject).toBe(`Mandat de domiciliation SEPA pour le compte de facturation ${customer.accountNumber}`);
    expect(mail!.body).toContain("IBAN à débiter\u00a0: BE68 5390 0754 7034");
  });

  it("without an e-mail in the profile the request is recorded and the page says the mandate could not be sent", async () => {
    const customer = await billingCustomer(46, { email: null });
    const browser = await codeLogin(customer, 46);
    await browser.get(`/en/balance/${customer.accountId}/method`);
    const r = await browser.post(`/en/balance/${customer.accountId}/method`, { method: "direct_debit", iban: "BE68539007547034", holder: "Client 46" });
    expect(r.location).toBe(`/en/balance/${customer.accountId}/method?notice=mandateNoEmail`);
    expect(visible((await browser.get(r.location!)).text)).toContain("We could not send the SEPA mandate");
    expect(await sql("SELECT id FROM direct_debit_requests WHERE billing_account_id = ?", [customer.accountId])).toHaveLength(1);
    expect(await sql("SELECT id FROM outbox_messages WHERE dedupe_key LIKE ?", [`mandate:${customer.accountId}:%`])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { outbox } from "./browser.ts";
import { billingCustomer, codeLogin, visible } from "./billing-fixtures.ts";
import { sql } from "./sql.ts";

/** Peppol in the profile's e-invoicing block (#12, deliverable 5): the identifier checked, a test message, the choice audited. */
type Stored = { einvoice_channel: string; peppol_id: string | null };
const stored = async (customerId: number) => (await sql<Stored>("SELECT einvoice_channel, peppol_id FROM contact_details WHERE customer_id = ?", [customerId]))[0]!;
const audits = async (customerId: number) =>
  sql<{ actor: string; before: string; after: string }>("SELECT actor, before, after FROM audit_events WHERE customer_id = ? AND action = 'profile.peppol' ORDER BY id", [customerId]);
const lastOutboxId = async () => (await outbox())[0]?.id ?? 0;
const peppolMessagesSince = async (mark: number, recipient: string) => (await outbox()).filter((m) => m.id > mark && m.channel === "peppol" && m.recipient === recipient);

function choose(browser: Awaited<ReturnType<typeof codeLogin>>, language: string, peppolId: string, headers: Record<string, string> = {}) {
  return browser.post(`/${language}/profile/zoomit`, { einvoiceChannel: "peppol", peppolId, einvoiceEmail: "", iban: "" }, headers);
}

let invalidBrowser: Awaited<ReturnType<typeof codeLogin>> | undefined;

describe("Peppol in the profile: choose it with a checked identifier", () => {
  it("offers Peppol next to paper, e-mail and Zoomit, the identifier prefilled from the account's VAT number", async () => {
    const customer = await billingCustomer(113);
    await sql("UPDATE customers SET vat_number = 'BE0403170701' WHERE id = ?", [customer.customerId]);
    const browser = await codeLogin(customer, 113);
    const page = await browser.get("/en/profile");
    expect(page.status).toBe(200);
    for (const channel of ["paper", "email", "zoomit", "peppol"]) expect(page.text).toContain(`name="einvoiceChannel" value="${channel}"`);
    expect(page.text).toContain("Peppol (straight into your accounting software)");
    expect(page.text).toMatch(/id="peppolId" name="peppolId" type="text" value="0208:0403170701"/);
  });

  it.each([
    ["en", "9925:BE0403170701", "Only Belgian enterprise numbers (scheme 0208) can be used"],
    ["en", "0208:0403170702", "This enterprise number does not exist: check its digits"],
    ["en", "0208:04031707011", "An enterprise number has 10 digits"],
    ["nl", "0088:5412345000013", "Alleen Belgische ondernemingsnummers (schema 0208) kunnen"],
    ["nl", "BE0403.170.710", "Dit ondernemingsnummer bestaat niet: controleer de cijfers"],
    ["nl", "0208:123", "Een ondernemingsnummer heeft 10 cijfers"],
    ["fr", "NL0403170701", "Seuls les numéros d'entreprise belges (schéma 0208) sont acceptés"],
    ["fr", "0403 170 799", "Ce numéro d'entreprise n'existe pas : vérifiez ses chiffres"],
    ["fr", "BE 12345", "Un numéro d'entreprise compte 10 chiffres"],
  ])("%s: %s is refused with 422 next to the field, typed value kept, nothing stored or sent", async (language, typed, message) => {
    const customer = await billingCustomer(114);
    // One login for every case: the language is the address's (rate limits count per customer).
    invalidBrowser ??= await codeLogin(customer, 114);
    const browser = invalidBrowser;
    await browser.get(`/${language}/profile`);
    const mark = await lastOutboxId();
    const r = await choose(browser, language, typed);
    expect(r.status).toBe(422);
    const text = visible(r.text);
    expect(text).toContain(message);
    expect(r.text).toMatch(/id="peppolId-error"/);
    expect(r.text).toContain(`value="${typed.replace(/'/g, "&#39;")}"`);
    expect(r.text).toMatch(/name="einvoiceChannel" value="peppol" checked/);
    expect(await stored(customer.customerId)).toEqual({ einvoice_channel: "paper", peppol_id: null });
    expect(await audits(customer.customerId)).toHaveLength(0);
    expect((await outbox()).filter((m) => m.id > mark && m.channel === "peppol")).toHaveLength(0);
  });

  it("an identifier unknown on the Peppol network (dev: 0208:0000000097) is refused: 422, nothing stored", async () => {
    const customer = await billingCustomer(115);
    const browser = await codeLogin(customer, 115);
    await browser.get("/en/profile");
    const r = await choose(browser, "en", "0000000097");
    expect(r.status).toBe(422);
    expect(visible(r.text)).toContain("0208:0000000097 is not registered on the Peppol network, so nothing was changed.");
    expect(await stored(customer.customerId)).toEqual({ einvoice_channel: "paper", peppol_id: null });
    expect(await audits(customer.customerId)).toHaveLength(0);
  });

  it("choosing Peppol sends a test message, stores channel and identifier with an audit event, and confirms (no JavaScript)", async () => {
    const customer = await billingCustomer(116);
    const browser = await codeLogin(customer, 116);
    await browser.get("/en/profile");
    const mark = await lastOutboxId();
    const r = await choose(browser, "en", "BE0403.170.701");
    expect(r.status).toBe(303);
    expect(r.location).toBe("/en/profile?peppolSaved=zoomit");
    const page = await browser.get(r.location!);
    expect(visible(page.text)).toContain("From now on your invoices are sent over Peppol to 0208:0403170701.");
    expect(page.text).toMatch(/name="einvoiceChannel" value="peppol" checked/);
    expect(await stored(customer.customerId)).toEqual({ einvoice_channel: "peppol", peppol_id: "0208:0403170701" });
    const events = await audits(customer.customerId);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.before)).toEqual({ einvoiceChannel: "paper", peppolId: null });
    expect(JSON.parse(events[0]!.after)).toEqual({ einvoiceChannel: "peppol", peppolId: "0208:0403170701" });
    const tests = await peppolMessagesSince(mark, "0208:0403170701");
    expect(tests).toHaveLength(1);
    expect(tests[0]!.body).toContain("<Recipient>0208:0403170701</Recipient>");
    // The same choice again (a double click) sends and records nothing more.
    await browser.get("/en/profile");
    const again = await choose(browser, "en", "0208:0403170701");
    expect(again.location).toBe("/en/profile?unchanged=zoomit");
    expect(await audits(customer.customerId)).toHaveLength(1);
    expect(await peppolMessagesSince(mark, "0208:0403170701")).toHaveLength(1);
    // The account's History names the event and its values in words.
    const history = visible((await browser.get("/en/history")).text);
    const row = history.match(/<tbody>[\s\S]*?<\/tr>/)?.[0] ?? "";
    expect(row).toContain("Peppol chosen for invoices");
    expect(row).toContain("invoices: Paper invoice by post → Peppol (straight into your accounting software)");
    expect(row).toContain("Peppol identifier: — → 0208:0403170701");
  });

  it("with htmx the block is swapped in place with the confirmation (fr)", async () => {
    const customer = await billingCustomer(117);
    const browser = await codeLogin(customer, 117, "fr");
    await browser.get("/fr/profile");
    const r = await choose(browser, "fr", "0208:0123456749", { "HX-Request": "true", "HX-Target": "section#profile-zoomit" });
    expect(r.status).toBe(200);
    expect(r.text).not.toContain("<html");
    expect(visible(r.text)).toContain("Désormais, vos factures vous sont envoyées par Peppol à 0208:0123456749.");
    expect(await stored(customer.customerId)).toEqual({ einvoice_channel: "peppol", peppol_id: "0208:0123456749" });
  });
});

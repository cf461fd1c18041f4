import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sellerFromEnv } from "../../src/features/documents/ubl.ts";
import { deliverNewDocuments } from "../../src/features/einvoice/deliveries.ts";
import { devPeppolSender, PeppolFailure, type PeppolSender } from "../../src/features/einvoice/peppol-sender.ts";
import type { Env } from "../../src/lib/env.ts";
import { outbox } from "./browser.ts";
import { addDocument, billingCustomer, codeLogin, visible } from "./billing-fixtures.ts";
import { testDb } from "./fleet-actions-fixtures.ts";
import { sql } from "./sql.ts";

/** #12 deliverables 5–6: new invoices go out over the customer's channel, once, and the documents list and page say how. */
const seller = () => sellerFromEnv(env as unknown as Env);
const DAY = 86_400_000;
type Row = { channel: string; status: string; reason: string | null; recipient: string | null; transmission_id: string | null };
const deliveries = (documentId: number) => sql<Row>("SELECT channel, status, reason, recipient, transmission_id FROM document_deliveries WHERE document_id = ? ORDER BY id", [documentId]);
const peppolMessages = async (documentId: number) => (await outbox()).filter((m) => m.channel === "peppol" && m.subject.endsWith(` ${documentId}`));
/** The documents list's delivery cell of one reference, as a reader sees it. */
const deliveryCell = (html: string, reference: string) => visible(html.match(new RegExp(`data-delivery="${reference}">([\\s\\S]*?)</td>`))?.[1]?.replace(/<[^>]+>/g, "") ?? "");

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function run(customerIds: number[], sender?: PeppolSender, now = Date.now()) {
  const db = testDb();
  return deliverNewDocuments(db, sender ?? devPeppolSender(db), seller(), now, { customerIds, mail: { origin: "https://loket.test", provider: "Loket Demo" } });
}

/** A customer who chose Peppol at `at` (as the profile records it), without going through the form. */
async function onPeppol(customerId: number, peppolId: string, at: number) {
  await sql("UPDATE contact_details SET einvoice_channel = 'peppol', peppol_id = ? WHERE customer_id = ?", [peppolId, customerId]);
  await sql("INSERT INTO audit_events (at, actor, customer_id, action, before, after) VALUES (?, 'test', ?, 'profile.peppol', ?, ?)", [
    at,
    customerId,
    JSON.stringify({ einvoiceChannel: "paper", peppolId: null }),
    JSON.stringify({ einvoiceChannel: "peppol", peppolId }),
  ]);
}

describe("Peppol deliveries: each new invoice is sent once, followed up, and shown", () => {
  let customer: Awaited<ReturnType<typeof billingCustomer>>;
  let browser: Awaited<ReturnType<typeof codeLogin>>;
  let before: number;
  let invoice: number;

  beforeAll(async () => {
    customer = await billingCustomer(118);
    browser = await codeLogin(customer, 118);
    // An invoice from before the choice stays on its old channel.
    before = await addDocument(customer, { reference: "PEP118-OLD", date: "2026-10-01", amountCents: 12100, openCents: 0 });
    await sql("UPDATE documents SET available_at = ?, vat_cents = 2100 WHERE id = ?", [Date.now() - 30 * DAY, before]);
    await browser.get("/en/profile");
    const chosen = await browser.post("/en/profile/zoomit", { einvoiceChannel: "peppol", peppolId: "0208:0403170701", einvoiceEmail: "", iban: "" });
    expect(chosen.status).toBe(303);
    invoice = await addDocument(customer, { reference: "PEP118-NEW", date: "2026-11-30", amountCents: 12100, openCents: 12100 });
    await sql("UPDATE documents SET vat_cents = 2100, due_date = '2026-12-30' WHERE id = ?", [invoice]);
  }, 30_000);

  it("8 parallel runs: one delivery row, one message over Peppol with the UBL; the older invoice is not sent", async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => run([customer.customerId])));
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    const rows = await deliveries(invoice);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "peppol", status: "sent", recipient: "0208:0403170701", reason: null });
    expect(rows[0]!.transmission_id).toMatch(/^dev-/);
    const messages = await peppolMessages(invoice);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.recipient).toBe("0208:0403170701");
    expect(messages[0]!.body).toContain("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2");
    expect(messages[0]!.body).toContain("PEP118-NEW");
    expect((await deliveries(before)).filter((r) => r.channel === "peppol")).toHaveLength(0);
    expect(await peppolMessages(before)).toHaveLength(0);
  });

  it("the list shows it sent, the next run confirms it delivered (the development access point confirms on the next run)", async () => {
    const sent = await browser.get("/en/documents?tab=invoice");
    expect(sent.status).toBe(200);
    expect(deliveryCell(sent.text, "PEP118-NEW")).toMatch(/^Peppol · sent \d{2}\/\d{2}\/\d{4}$/);
    const second = await run([customer.customerId]);
    expect(second).toMatchObject({ sent: 0, confirmed: 1 });
    expect((await deliveries(invoice))[0]).toMatchObject({ status: "delivered" });
    expect(await peppolMessages(invoice)).toHaveLength(1);
    const delivered = await browser.get("/en/documents?tab=invoice");
    expect(deliveryCell(delivered.text, "PEP118-NEW")).toMatch(/^Peppol · delivered \d{2}\/\d{2}\/\d{4}$/);
    expect(delivered.text).toContain(`href="/en/documents/${invoice}"`);
    const nl = await browser.get("/nl/documents?tab=invoice");
    expect(deliveryCell(nl.text, "PEP118-NEW")).toMatch(/^Peppol · afgeleverd op \d{2}\/\d{2}\/\d{4}$/);
  });

  it("the document's page shows its deliveries with recipient and transmission", async () => {
    const page = await browser.get(`/en/documents/${invoice}`);
    expect(page.status).toBe(200);
    const text = visible(page.text);
    expect(text).toContain("Invoice PEP118-NEW");
    expect(text).toContain("How it was delivered");
    expect(page.text).toContain(`href="/en/documents/${invoice}/ubl"`);
    expect((await browser.get(`/en/documents/${invoice}/ubl`)).status).toBe(200);
    const row = page.text.match(/<tr data-delivery="peppol">([\s\S]*?)<\/tr>/)?.[1] ?? "";
    expect(row).toContain("0208:0403170701");
    expect(row).toContain("delivered");
    expect(row).toContain((await deliveries(invoice))[0]!.transmission_id!);
    const fr = visible((await browser.get(`/fr/documents/${invoice}`)).text);
    expect(fr).toContain("Facture PEP118-NEW");
    expect(fr).toContain("remis");
  });

  it("another customer's document, or an id that is none, is 404 on the detail page", async () => {
    const other = await billingCustomer(119);
    const otherBrowser = await codeLogin(other, 119);
    const page = await otherBrowser.get(`/en/documents/${invoice}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain("PEP118-NEW");
    expect((await otherBrowser.get("/en/documents/abc")).status).toBe(404);
    expect((await otherBrowser.get("/en/documents/0")).status).toBe(404);
  });
});

describe("a failed send says why, and other channels are recorded too", () => {
  it("an identifier the network does not know: failed, 'recipient unknown' in the list (en, nl, fr)", async () => {
    const customer = await billingCustomer(120);
    await onPeppol(customer.customerId, "0208:0000000097", Date.now() - 1000);
    const invoice = await addDocument(customer, { reference: "PEP120-1", date: "2026-11-29", amountCents: 6050, openCents: 6050 });
    const result = await run([customer.customerId]);
    expect(result).toMatchObject({ sent: 0, failed: 1 });
    expect(await deliveries(invoice)).toEqual([{ channel: "peppol", status: "failed", reason: "recipient_unknown", recipient: "0208:0000000097", transmission_id: null }]);
    expect(await peppolMessages(invoice)).toHaveLength(0);
    // A failure for good is not tried again.
    expect(await run([customer.customerId])).toMatchObject({ sent: 0, failed: 0 });
    const browser = await codeLogin(customer, 120);
    expect(deliveryCell((await browser.get("/en/documents?tab=invoice")).text, "PEP120-1")).toBe("Peppol · failed: recipient unknown");
    expect(deliveryCell((await browser.get("/nl/documents?tab=invoice")).text, "PEP120-1")).toBe("Peppol · mislukt: ontvanger onbekend");
    expect(deliveryCell((await browser.get("/fr/documents?tab=invoice")).text, "PEP120-1")).toBe("Peppol · échec : destinataire inconnu");
  });

  it("an access point that cannot be reached: failed 'unavailable', tried again after a while, then sent", async () => {
    const customer = await billingCustomer(121);
    await onPeppol(customer.customerId, "0208:0123456749", Date.now() - 1000);
    const invoice = await addDocument(customer, { reference: "PEP121-1", date: "2026-11-29", amountCents: 1000, openCents: 1000 });
    const down: PeppolSender = {
      lookup: async () => true,
      send: async () => {
        throw new PeppolFailure("unavailable", "connection refused");
      },
      status: async () => ({ status: "sent" }),
    };
    expect(await run([customer.customerId], down)).toMatchObject({ failed: 1 });
    expect((await deliveries(invoice))[0]).toMatchObject({ status: "failed", reason: "unavailable" });
    // Within the retry delay nothing happens; after it the same row is sent.
    expect(await run([customer.customerId])).toMatchObject({ sent: 0 });
    expect(await run([customer.customerId], undefined, Date.now() + 16 * 60_000)).toMatchObject({ sent: 1 });
    const rows = await deliveries(invoice);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "peppol", status: "sent", reason: null });
    expect(await peppolMessages(invoice)).toHaveLength(1);
  });

  it("paper: recorded as sent on the document date; e-mail: queued with a link, once", async () => {
    const paper = await billingCustomer(122);
    const onPaper = await addDocument(paper, { reference: "PAP122-1", date: "2026-11-15", amountCents: 2000, openCents: 0 });
    const mail = await billingCustomer(123);
    await sql("UPDATE contact_details SET einvoice_channel = 'email', einvoice_email = 'facturen123@test.example' WHERE customer_id = ?", [mail.customerId]);
    await sql("INSERT INTO audit_events (at, actor, customer_id, action, before, after) VALUES (?, 'test', ?, 'profile.einvoice.confirm', NULL, NULL)", [Date.now() - 1000, mail.customerId]);
    const byMail = await addDocument(mail, { reference: "MAIL123-1", date: "2026-11-20", amountCents: 3000, openCents: 3000 });
    await Promise.all([run([paper.customerId, mail.customerId]), run([paper.customerId, mail.customerId])]);
    expect(await deliveries(onPaper)).toEqual([{ channel: "paper", status: "sent", reason: null, recipient: null, transmission_id: null }]);
    const [createdAt] = await sql<{ created_at: number }>("SELECT created_at FROM document_deliveries WHERE document_id = ?", [onPaper]);
    expect(new Date(createdAt!.created_at).toISOString().slice(0, 10)).toBe("2026-11-15");
    expect(await deliveries(byMail)).toEqual([{ channel: "email", status: "sent", reason: null, recipient: "facturen123@test.example", transmission_id: null }]);
    const mails = (await outbox()).filter((m) => m.recipient === "facturen123@test.example");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Your invoice MAIL123-1 is available");
    expect(mails[0]!.body).toContain(`https://loket.test/en/documents/${byMail}`);
    const browser = await codeLogin(paper, 122);
    expect(deliveryCell((await browser.get("/en/documents?tab=invoice")).text, "PAP122-1")).toBe("Paper · sent 15/11/2026");
  });
});

describe("budgets", () => {
  it("a full page of invoices, each with its delivery, and a document's page stay under 14 KB gzip", async () => {
    const customer = await billingCustomer(124);
    const ids: number[] = [];
    for (let i = 1; i <= 30; i++)
      ids.push(await addDocument(customer, { reference: `BUD124-${String(i).padStart(2, "0")}`, date: `2026-10-${String(i).padStart(2, "0")}`, amountCents: 1000 + i, openCents: 0 }));
    await onPeppol(customer.customerId, "0208:0403170701", Date.now() - 1000);
    expect(await run([customer.customerId])).toMatchObject({ sent: 30 });
    await run([customer.customerId]);
    // A few more deliveries of one document: its page lists them all.
    await sql(
      "INSERT INTO document_deliveries (document_id, customer_id, channel, recipient, status, created_at, updated_at) VALUES (?, ?, 'email', 'boekhouding@test.example', 'sent', ?, ?), (?, ?, 'paper', NULL, 'sent', ?, ?)",
      [ids[0]!, customer.customerId, Date.now() - 5000, Date.now() - 5000, ids[0]!, customer.customerId, Date.now() - 9000, Date.now() - 9000],
    );
    const browser = await codeLogin(customer, 124, "fr");
    const list = await browser.get("/fr/documents?tab=invoice");
    expect(list.text.match(/data-delivery="BUD124-/g)).toHaveLength(25);
    expect(deliveryCell(list.text, "BUD124-30")).toMatch(/^Peppol · remis le \d{2}\/\d{2}\/\d{4}$/);
    expect(await gzipSize(list.text)).toBeLessThanOrEqual(14 * 1024);
    const page = await browser.get(`/fr/documents/${ids[0]}`);
    expect(page.text.match(/<tr data-delivery=/g)).toHaveLength(3);
    expect(await gzipSize(page.text)).toBeLessThanOrEqual(14 * 1024);
  });
});

// The e-invoice download (issue #12): /{lang}/documents/:id/ubl and the ZIP with PDF, UBL or both.
// Own customers: billingCustomer 101–106.
import { SELF } from "cloudflare:test";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { addDocument, billingCustomer, codeLogin } from "./billing-fixtures.ts";
import { loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

async function fetchBytes(browser: TestBrowser, path: string) {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await SELF.fetch(`https://loket.test${path}`, { headers: { Cookie: cookie, "CF-Connecting-IP": browser.ip }, redirect: "manual" });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const base64 = (bytes: Uint8Array) => {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
};
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

describe("the e-invoice (UBL) of one document", () => {
  it("downloads the € 91.61 invoice of the mobile customer as Peppol BIS 3.0 UBL, its PDF inside", async () => {
    const margaux = await loggedInAs("margaux");
    const [invoice] = await sql<{ id: number }>("SELECT d.id FROM documents d JOIN customers c ON c.id = d.customer_id WHERE c.customer_number = '100457319' AND d.reference = '213800090167'");
    const list = await margaux.get("/en/documents?tab=invoice");
    // Retention hides this old demo invoice from the list unless it is still open (it is): its UBL link is there.
    expect(list.text).toContain(`href="/en/documents/${invoice!.id}/ubl"`);
    expect(list.text).toContain('aria-label="E-invoice (UBL) of 213800090167"');

    const { response, bytes } = await fetchBytes(margaux, `/en/documents/${invoice!.id}/ubl`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/xml");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="213800090167.xml"');
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const xml = text(bytes);
    expect(xml).toContain("<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>");
    expect(xml).toContain("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>");
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">91.61</cbc:PayableAmount>');
    expect(xml).toContain('<cbc:TaxAmount currencyID="EUR">15.90</cbc:TaxAmount>');
    // Buyer and seller by their enterprise numbers (scheme 0208); the structured communication as payment id.
    expect(xml).toContain('<cbc:EndpointID schemeID="0208">0712345630</cbc:EndpointID>');
    expect(xml).toContain('<cbc:EndpointID schemeID="0208">0123456749</cbc:EndpointID>');
    expect(xml).toContain("<cbc:PaymentID>380009016728</cbc:PaymentID>");
    // The embedded PDF is the very PDF the portal hands out.
    const pdf = await fetchBytes(margaux, `/en/documents/${invoice!.id}/pdf`);
    expect(xml).toContain(`<cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="invoice-213800090167.pdf">${base64(pdf.bytes)}</cbc:EmbeddedDocumentBinaryObject>`);
  });

  it("answers 404 for another customer's document, one past retention and a document that is no invoice", async () => {
    const mine = await billingCustomer(101);
    const theirs = await billingCustomer(102);
    const own = await addDocument(mine, { reference: "UBL101-1", date: isoDay(Date.now() - 10 * DAY), amountCents: 12100, openCents: 0 });
    const old = await addDocument(mine, { reference: "UBL101-OLD", date: isoDay(Date.now() - 900 * DAY), amountCents: 12100, openCents: 0 });
    const reminder = await addDocument(mine, { reference: "UBL101-RM", date: isoDay(Date.now() - 5 * DAY), amountCents: 1500, openCents: 1500, kind: "reminder" });
    const foreign = await addDocument(theirs, { reference: "UBL102-1", date: isoDay(Date.now() - 10 * DAY), amountCents: 24200, openCents: 0 });
    const browser = await codeLogin(mine, 101);

    const ok = await fetchBytes(browser, `/en/documents/${own}/ubl`);
    expect(ok.response.status).toBe(200);
    // A document without lines: one line from its totals, the stored amount to pay.
    expect(text(ok.bytes)).toContain('<cbc:PayableAmount currencyID="EUR">121.00</cbc:PayableAmount>');
    expect(text(ok.bytes)).toMatch(/<cac:InvoiceLine><cbc:ID>1<\/cbc:ID>/);

    for (const id of [foreign, old, reminder]) {
      const denied = await browser.get(`/en/documents/${id}/ubl`);
      expect(denied.status, String(id)).toBe(404);
      expect(denied.text).not.toContain("<Invoice");
    }
    // The PDF says the same for the same reasons (one scope and retention rule).
    expect((await browser.get(`/en/documents/${foreign}/pdf`)).status).toBe(404);
    expect((await browser.get(`/en/documents/${old}/pdf`)).status).toBe(404);
    expect((await browser.get("/en/documents/99999999/ubl")).status).toBe(404);
    expect((await browser.get("/en/documents/abc/ubl")).status).toBe(404);
  });
});

describe("the ZIP of a selection: PDF, UBL or both", () => {
  it("puts each document's PDF and UBL side by side, each UBL the one of its document", async () => {
    const customer = await billingCustomer(103);
    const day = isoDay(Date.now() - 20 * DAY);
    const invoice = await addDocument(customer, { reference: "Z103-INV", date: day, amountCents: 24200, openCents: 24200, communication: "000000103097" });
    const note = await addDocument(customer, { reference: "Z103-CN", date: day, amountCents: 3630, openCents: 0, kind: "credit_note" });
    await sql("UPDATE documents SET corrects_document_id = ? WHERE id = ?", [invoice, note]);
    const reminder = await addDocument(customer, { reference: "Z103-RM", date: day, amountCents: 1500, openCents: 1500, kind: "reminder" });
    const browser = await codeLogin(customer, 103);
    for (const [tab, id] of [
      ["invoice", invoice],
      ["credit_note", note],
      ["reminder", reminder],
    ] as const) {
      await browser.get(`/en/documents?tab=${tab}`);
      const r = await browser.post("/en/documents/selection", { shown: String(id), selected: String(id), back: `/en/documents?tab=${tab}` });
      expect(r.status).toBe(303);
    }
    const page = await browser.get("/en/documents?tab=invoice");
    expect(page.text).toContain("3 documents selected");
    // The choice is a radio group of the kit, PDF by default, in a plain GET form.
    expect(page.text).toContain('action="/en/documents/selection.zip"');
    expect(page.text).toMatch(/<input type="radio" id="zip-format-pdf" name="format" value="pdf" checked/);
    expect(page.text).toContain('<label for="zip-format-both">PDF and e-invoice (UBL)</label>');

    const ublOf = async (id: number) => text((await fetchBytes(browser, `/en/documents/${id}/ubl`)).bytes);
    const pdfOf = async (id: number) => (await fetchBytes(browser, `/en/documents/${id}/pdf`)).bytes;

    const both = await fetchBytes(browser, "/en/documents/selection.zip?format=both");
    expect(both.response.status).toBe(200);
    expect(both.response.headers.get("Content-Type")).toBe("application/zip");
    const entries = unzipSync(both.bytes);
    expect(Object.keys(entries).sort()).toEqual(["credit_note-Z103-CN.pdf", "credit_note-Z103-CN.xml", "invoice-Z103-INV.pdf", "invoice-Z103-INV.xml", "reminder-Z103-RM.pdf"]);
    expect(text(entries["invoice-Z103-INV.xml"]!)).toBe(await ublOf(invoice));
    expect(text(entries["credit_note-Z103-CN.xml"]!)).toBe(await ublOf(note));
    expect(entries["invoice-Z103-INV.pdf"]).toEqual(await pdfOf(invoice));
    expect(entries["reminder-Z103-RM.pdf"]).toEqual(await pdfOf(reminder));
    // The credit note names the invoice it corrects.
    expect(text(entries["credit_note-Z103-CN.xml"]!)).toContain("<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>Z103-INV</cbc:ID>");
    expect(text(entries["invoice-Z103-INV.xml"]!)).toContain('<cbc:PayableAmount currencyID="EUR">242.00</cbc:PayableAmount>');

    // UBL only: the e-invoices, and the reminder (it has none) as PDF.
    const ubl = unzipSync((await fetchBytes(browser, "/en/documents/selection.zip?format=ubl")).bytes);
    expect(Object.keys(ubl).sort()).toEqual(["credit_note-Z103-CN.xml", "invoice-Z103-INV.xml", "reminder-Z103-RM.pdf"]);
    // PDF (the default, and anything unknown): as before.
    for (const query of ["", "?format=pdf", "?format=exe"]) {
      const pdfs = unzipSync((await fetchBytes(browser, `/en/documents/selection.zip${query}`)).bytes);
      expect(Object.keys(pdfs).sort(), query).toEqual(["credit_note-Z103-CN.pdf", "invoice-Z103-INV.pdf", "reminder-Z103-RM.pdf"]);
    }
  });

  it("offers the choice in Dutch and French too", async () => {
    const customer = await billingCustomer(104);
    const id = await addDocument(customer, { reference: "Z104-INV", date: isoDay(Date.now() - 3 * DAY), amountCents: 12100, openCents: 0 });
    const browser = await codeLogin(customer, 104, "nl");
    await browser.get("/nl/documents?tab=invoice");
    await browser.post("/nl/documents/selection", { shown: String(id), selected: String(id), back: "/nl/documents?tab=invoice" });
    const nl = await browser.get("/nl/documents?tab=invoice");
    expect(nl.text).toContain("<legend>Bestanden in de ZIP</legend>");
    expect(nl.text).toContain(">e-factuur (UBL)</a>");
    const fr = await browser.get("/fr/documents?tab=invoice");
    expect(fr.text).toContain("<legend>Fichiers dans le ZIP</legend>");
    expect(fr.text).toContain(">facture électronique (UBL)</a>");
  });
});

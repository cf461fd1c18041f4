// Issue #12 in the browser, with JavaScript on (axe-core clean) and off: the mobile customer
// downloads invoice 213800090167 as "e-invoice (UBL)"; the head office filters a year, ticks
// invoices and a credit note, chooses "PDF and e-invoice (UBL)" and gets one ZIP with both.
import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs, fill, plural } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

const t = catalogs.en;
const d = t.documents;
const PASSWORD = "Loket-Demo-2026";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function loggedIn(javaScript: boolean, username: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await newContext(browser, { javaScript })).newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await logInWithPassword(page, username, PASSWORD);
  return { page, errors };
}

async function openDocuments(page: Page) {
  await page.locator("nav").getByRole("link", { name: t.app.documents, exact: true }).click();
  await page.waitForURL("**/en/documents");
}

async function ublStory(javaScript: boolean) {
  const reference = "213800090167";
  const { page, errors } = await loggedIn(javaScript, "margaux");
  await openDocuments(page);
  if (javaScript) await expectAccessible(page);
  const row = page.locator("#documents-list tbody tr", { hasText: reference });
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: fill(d.ublOf, { reference }), exact: true }).click()]);
  expect(download.suggestedFilename()).toBe(`${reference}.xml`);
  const xml = await readFile((await download.path())!, "utf8");
  expect(xml).toContain("<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>");
  expect(xml).toContain(`<cbc:ID>${reference}</cbc:ID>`);
  expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">91.61</cbc:PayableAmount>');
  expect(xml).toContain('mimeCode="application/pdf"');
  // Still on the list: a download is no navigation.
  expect(page.url()).toMatch(/\/en\/documents$/);
  expect(errors).toEqual([]);
  await page.context().close();
}

/** Ticks the first `count` rows shown; returns their references (the first cell). */
async function tick(page: Page, javaScript: boolean, count: number, total: number): Promise<string[]> {
  const rows = page.locator("#documents-list tbody tr");
  const references: string[] = [];
  for (let i = 0; i < count; i++) {
    const reference = ((await rows.nth(i).locator("td").first().textContent()) ?? "").trim();
    references.push(reference);
    await rows
      .nth(i)
      .getByRole("checkbox", { name: fill(d.selectOne, { reference }), exact: true })
      .check();
    if (javaScript) await expect.poll(() => page.locator("#documents-selection").textContent()).toContain(plural("en", d.selected, total - count + i + 1));
  }
  if (!javaScript) {
    await page.getByRole("button", { name: d.updateSelection, exact: true }).click();
    await page.waitForLoadState("load");
  }
  await expect.poll(() => page.locator("#documents-selection").textContent()).toContain(plural("en", d.selected, total));
  return references;
}

async function zipStory(javaScript: boolean) {
  const year = new Date().getUTCFullYear() - 1;
  const { page, errors } = await loggedIn(javaScript, "apparthotels");
  await openDocuments(page);
  await page.getByLabel(d.dateFrom, { exact: true }).fill(`${year}-01-01`);
  await page.getByLabel(d.dateTo, { exact: true }).fill(`${year}-12-31`);
  await page.getByRole("button", { name: d.apply, exact: true }).click();
  await page.waitForURL(/\/en\/documents\?.*from=\d{4}-01-01/);
  const invoices = await tick(page, javaScript, 3, 3);
  await page.getByRole("link", { name: d.kinds.credit_note, exact: true }).click();
  await page.waitForURL(/\/en\/documents\?.*tab=credit_note/);
  expect(page.url()).toContain(`from=${year}-01-01`);
  const notes = await tick(page, javaScript, 1, 4);
  if (javaScript) await expectAccessible(page);

  // PDF is chosen unless the user picks another; the radios are one labelled group.
  const group = page.getByRole("group", { name: d.zipFormat, exact: true });
  expect(await group.getByLabel(d.zipFormats.pdf, { exact: true }).isChecked()).toBe(true);
  await group.getByLabel(d.zipFormats.both, { exact: true }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: d.downloadSelection, exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/^documents-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const names = [...invoices.map((r) => `invoice-${r}`), ...notes.map((r) => `credit_note-${r}`)];
  expect(Object.keys(entries).sort()).toEqual(names.flatMap((n) => [`${n}.pdf`, `${n}.xml`]).sort());
  for (const name of names) {
    const reference = name.replace(/^(invoice|credit_note)-/, "");
    expect(new TextDecoder().decode(entries[`${name}.pdf`]!.subarray(0, 5))).toBe("%PDF-");
    const xml = new TextDecoder().decode(entries[`${name}.xml`]);
    expect(xml).toContain(`<cbc:ID>${reference}</cbc:ID>`);
    expect(xml).toContain(name.startsWith("credit_note") ? "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>" : "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>");
    expect(xml).toMatch(new RegExp(`<cbc:IssueDate>${year}-`));
  }
  expect(errors).toEqual([]);
  await page.context().close();
}

describe("e-invoices (UBL) in the browser", () => {
  for (const javaScript of [true, false]) {
    const mode = javaScript ? "JavaScript on" : "JavaScript off";
    it(`the mobile customer downloads invoice 213800090167 as e-invoice (UBL) (${mode})`, () => ublStory(javaScript), 90_000);
    it(`the head office downloads a year's invoices and a credit note as PDF and UBL in one ZIP (${mode})`, () => zipStory(javaScript), 90_000);
  }
});

import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs, fill, formatMoney, plural } from "../../src/lib/i18n.ts";
import { formatStructured, isValidStructured, structuredCommunication } from "../../src/lib/structured-communication.ts";
import { baseUrl, expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

const t = catalogs.en;
const d = t.documents;
const b = t.billing;
const PASSWORD = "Loket-Demo-2026";
// Code requests are limited per customer and the newcomer test already asks for 439561: the head
// office logs in with its Access Owner's password instead.
const HEAD_OFFICE = "apparthotels";
const MOBILE = "margaux";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const consoleErrors = new WeakMap<Page, string[]>();

async function loggedIn(javaScript: boolean, username: string): Promise<Page> {
  const page = await (await newContext(browser, { javaScript })).newPage();
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await logInWithPassword(page, username, PASSWORD);
  return page;
}

/** With htmx at work nothing may have gone wrong in the console (a refused swap, a CSP block). */
async function done(page: Page) {
  expect(consoleErrors.get(page)).toEqual([]);
  await page.context().close();
}

async function openFromNav(page: Page, label: string, path: string) {
  await page.locator("nav").getByRole("link", { name: label, exact: true }).click();
  await page.waitForURL(`**/en/${path}`);
}

type ZipEntry = { name: string; method: number; data: Buffer };

/** The entries of a ZIP read through its central directory, each with its stored bytes. */
function zipEntries(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("no end of central directory: not a ZIP");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory header ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({ name, method, data: zip.subarray(start, start + size) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Ticks the first `count` rows of the list shown; returns their references. */
async function tick(page: Page, javaScript: boolean, count: number, total: number): Promise<string[]> {
  const rows = page.locator("#documents-list tbody tr");
  const references: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const reference = ((await row.locator("td").first().textContent()) ?? "").trim();
    references.push(reference);
    await row.getByRole("checkbox", { name: fill(d.selectOne, { reference }), exact: true }).check();
    // With htmx each tick is kept at once and the counter swapped; wait for it before the next.
    if (javaScript) await expect.poll(() => page.locator("#documents-selection").textContent()).toContain(plural("en", d.selected, total - count + i + 1));
  }
  if (!javaScript) {
    await page.getByRole("button", { name: d.updateSelection, exact: true }).click();
    await page.waitForLoadState("load");
  }
  await expect.poll(() => page.locator("#documents-selection").textContent()).toContain(plural("en", d.selected, total));
  return references;
}

/** Story 1: the head office filters on one building, ticks three invoices and a credit note over two tabs, gets one ZIP of four PDFs. */
async function zipStory(javaScript: boolean) {
  const page = await loggedIn(javaScript, HEAD_OFFICE);
  await openFromNav(page, t.app.documents, "documents");
  if (javaScript) await expectAccessible(page);

  await page.getByLabel(d.building, { exact: true }).selectOption({ label: "Residentie Kunst" });
  await page.getByRole("button", { name: d.apply, exact: true }).click();
  await page.waitForURL(/\/en\/documents\?.*site=\d+/);
  // Only that building's invoices: its references start with K in the demo data.
  const shown = await page.locator("#documents-list tbody tr td:first-child").allTextContents();
  expect(shown.length).toBeGreaterThan(3);
  for (const reference of shown) expect(reference.trim()).toMatch(/^K/);
  if (javaScript) await expectAccessible(page);
  const invoices = await tick(page, javaScript, 3, 3);

  await page.getByRole("link", { name: d.kinds.credit_note, exact: true }).click();
  await page.waitForURL(/\/en\/documents\?.*tab=credit_note/);
  expect(page.url()).toMatch(/site=\d+/);
  // The selection is kept server-side: the new tab already counts the three invoices.
  expect(await page.locator("#documents-selection").textContent()).toContain(plural("en", d.selected, 3));
  for (const reference of await page.locator("#documents-list tbody tr td:first-child").allTextContents()) expect(reference.trim()).toMatch(/^KCN/);
  if (javaScript) await expectAccessible(page);
  const creditNotes = await tick(page, javaScript, 1, 4);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: d.downloadSelection, exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/^documents-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = zipEntries(await readFile((await download.path())!));
  expect(entries.map((e) => e.name).sort()).toEqual([...invoices.map((r) => `invoice-${r}.pdf`), ...creditNotes.map((r) => `credit_note-${r}.pdf`)].sort());
  for (const entry of entries) {
    // client-zip stores entries as they are: the PDF bytes follow the local header directly.
    expect(entry.method, entry.name).toBe(0);
    expect(entry.data.subarray(0, 5).toString("latin1"), entry.name).toBe("%PDF-");
    expect(entry.data.subarray(-6).toString("latin1"), entry.name).toContain("%%EOF");
  }
  await done(page);
}

/** Story 2: the mobile customer sees €91.61 open, opens the invoice as a PDF, chooses Pay and gets the QR code. */
async function payStory(javaScript: boolean) {
  const reference = "213800090167";
  const amount = formatMoney("en", 9161);
  const page = await loggedIn(javaScript, MOBILE);
  await openFromNav(page, t.app.balance, "balance");
  expect(await page.locator("[data-open-amount='100457319']").textContent()).toBe(amount);
  const row = page.locator("tr", { hasText: reference });
  expect(await row.textContent()).toContain(amount);
  if (javaScript) await expectAccessible(page);

  const href = await row.getByRole("link", { name: fill(b.pdfOf, { reference }), exact: true }).getAttribute("href");
  const pdf = await page.context().request.get(new URL(href!, baseUrl()).href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  await row.getByRole("link", { name: fill(b.payReference, { reference }), exact: true }).click();
  await page.waitForURL(/\/en\/pay\/\d+$/);
  expect(await page.locator("h1").textContent()).toBe(fill(b.payInvoiceTitle, { reference }));
  const qr = page.locator("main svg[role='img']");
  await qr.waitFor();
  const communication = ((await page.locator("[data-communication]").textContent()) ?? "").trim();
  expect(communication).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
  expect(isValidStructured(communication)).toBe(true);
  expect(communication).toBe(formatStructured(structuredCommunication(reference)));
  expect(await page.locator("[data-amount]").textContent()).toBe(amount);
  expect(await qr.getAttribute("aria-label")).toContain(communication);
  // What the banking app reads: EPC069-12, amount and structured reference of this invoice.
  const epc = ((await qr.getAttribute("data-epc")) ?? "").split("\n");
  expect(epc.slice(0, 4)).toEqual(["BCD", "002", "1", "SCT"]);
  expect(epc[7]).toBe("EUR91.61");
  expect(epc[9]).toBe(structuredCommunication(reference));
  if (javaScript) await expectAccessible(page);
  await done(page);
}

type OutboxMessage = { id: number; recipient: string; subject: string; createdAt: string; attachmentName: string | null };

async function outbox(page: Page): Promise<OutboxMessage[]> {
  const response = await page.context().request.get(`${baseUrl()}/dev/outbox`, { headers: { Accept: "application/json" } });
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/** Story 3: the account statement and a collection calendar asked by e-mail arrive at the profile address with their PDFs. */
async function mailStory(javaScript: boolean) {
  const page = await loggedIn(javaScript, HEAD_OFFICE);
  // The newcomer test changes this address and puts it back: read it where the user sees it.
  await openFromNav(page, t.app.profile, "profile");
  const email = await page.locator("#profile-contact").getByLabel(t.profile.email, { exact: true }).inputValue();
  expect(email).toContain("@");
  const lastBefore = Math.max(0, ...(await outbox(page)).map((m) => m.id));

  await openFromNav(page, t.app.balance, "balance");
  const statementAsked = Date.now();
  await page.getByRole("button", { name: b.sendStatement, exact: true }).click();
  await expect.poll(() => page.locator("#billing-statement").textContent()).toContain(b.statementSent);
  if (javaScript) await expectAccessible(page);

  await openFromNav(page, t.app.calendar, "calendar");
  const card = page.locator("section", { hasText: "5423 ·" });
  await card.getByRole("button", { name: t.calendar.sendByEmail, exact: true }).click();
  await expect.poll(() => page.locator("section", { hasText: "5423 ·" }).textContent()).toContain(fill(t.calendar.sent, { email }));
  if (javaScript) await expectAccessible(page);

  const messages = (await outbox(page)).filter((m) => m.recipient === email && m.attachmentName);
  // Asked twice within a minute's turn (JavaScript on, then off), the statement is sent once: that one counts.
  const statement = messages.find((m) => m.subject === fill(b.statementSubject, { customer: "439561" }) && Date.parse(m.createdAt) >= (Math.floor(statementAsked / 60_000) - 1) * 60_000);
  expect(statement?.attachmentName).toMatch(/\.pdf$/);
  const calendar = messages.find((m) => m.id > lastBefore && m.subject === fill(t.calendar.mailSubject, { contract: "5423" }));
  expect(calendar?.attachmentName).toMatch(/5423.*\.pdf$/);
  await done(page);
}

describe.each([
  ["on", true],
  ["off", false],
] as const)("Documents, balance and payment with JavaScript %s", (_, javaScript) => {
  it("the head office downloads three invoices and a credit note of one building as one ZIP", async () => {
    await zipStory(javaScript);
  });
  it("the mobile customer sees €91.61 open, opens the invoice PDF and pays with the QR code", async () => {
    await payStory(javaScript);
  });
  it("the account statement and a collection calendar arrive by e-mail", async () => {
    await mailStory(javaScript);
  });
});

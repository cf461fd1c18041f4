import { createClient } from "@libsql/client/node";
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { brusselsLocalToUtc, utcToBrusselsLocal } from "../../src/features/maintenance/service.ts";
import { catalogs, fill } from "../../src/lib/i18n.ts";
import { hashPassword } from "../../src/lib/password.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

/**
 * #13, planned maintenance: a supervisor publishes a 3-hour window for tonight at the desk; the
 * banner shows on the portal in nl, fr and en; then a read-only window from now: a profile change
 * is refused with the message, the documents list still works. JavaScript on (axe-core) and off.
 * One stack for every e2e file: both windows are cancelled at the desk (which also empties the
 * Worker's cache of notices) before the test ends, whatever happens.
 */
const t = catalogs.en;
const m = t.maintenance;
const PASSWORD = "Loket-Demo-2026";
const HOUR = 3600 * 1000;

async function sql(statement: string, args: (string | number | null)[] = []) {
  const client = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
  try {
    return (await client.execute({ sql: statement, args })).rows;
  } finally {
    client.close();
  }
}

/** A supervisor of this test only (a TOTP code logs in once; the demo staff are other files'). */
async function createSupervisor() {
  const secret = encodeBase32NoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const username = `e2e.maintenance.${Date.now().toString(36)}`;
  await sql("INSERT INTO staff (username, username_key, name, email, role, language, password_hash, totp_secret, created_at) VALUES (?, ?, ?, ?, 'supervisor', 'en', ?, ?, ?)", [
    username,
    username,
    "Mia Maintenance",
    `${username}@provider.example`,
    await hashPassword(PASSWORD),
    secret,
    Date.now(),
  ]);
  return { username, secret };
}

async function deskLogin(page: Page, staff: { username: string; secret: string }) {
  const d = t.desk;
  page.setDefaultTimeout(10_000);
  await page.goto("/en/desk/login");
  await page.getByLabel(d.login.username, { exact: true }).fill(staff.username);
  await page.getByLabel(d.login.password, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: d.login.submit, exact: true }).click();
  await page.waitForURL("**/en/desk/login/code");
  await page.getByLabel(d.login.code, { exact: true }).fill(generateHOTP(decodeBase32IgnorePadding(staff.secret), BigInt(Math.floor(Date.now() / 30_000)), 6));
  await page.getByRole("button", { name: d.login.codeSubmit, exact: true }).click();
  await page.waitForURL("**/en/desk/complaints");
}

async function publish(desk: Page, form: { startsAt: number; endsAt: number; readOnly: boolean; tag: string }, axe: boolean) {
  const d = m.desk;
  await desk.locator("nav").getByRole("link", { name: d.title, exact: true }).click();
  await desk.waitForURL("**/en/desk/maintenance");
  if (axe) await expectAccessible(desk);
  await desk.getByLabel(d.startsAt, { exact: true }).fill(utcToBrusselsLocal(form.startsAt));
  await desk.getByLabel(d.endsAt, { exact: true }).fill(utcToBrusselsLocal(form.endsAt));
  await desk.getByLabel(m.severities.outage, { exact: true }).check();
  if (form.readOnly) await desk.getByLabel(d.readOnly, { exact: true }).check();
  await desk.getByLabel(d.textNl, { exact: true }).fill(`Facturatie wordt bijgewerkt ${form.tag}`);
  await desk.getByLabel(d.textFr, { exact: true }).fill(`La facturation est mise à jour ${form.tag}`);
  await desk.getByLabel(d.textEn, { exact: true }).fill(`Billing is being updated ${form.tag}`);
  await desk.getByRole("button", { name: d.publish, exact: true }).click();
  await desk.getByText(d.published).waitFor();
  if (axe) await expectAccessible(desk);
}

/** Cancels every notice of this run still planned, at the desk (the Worker then forgets its cache). */
async function cancelAll(desk: Page, tag: string) {
  for (let guard = 0; guard < 5; guard++) {
    await desk.goto("/en/desk/maintenance");
    const row = desk.locator("tr", { hasText: tag }).filter({ has: desk.getByRole("button", { name: m.desk.cancel }) });
    if ((await row.count()) === 0) return;
    await row.first().getByRole("button", { name: m.desk.cancel }).click();
    await desk.getByText(m.desk.cancelledOk).waitFor();
  }
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const brusselsDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" });

/** Tonight 23:00 in Brussels (the next night once past it): within the banner's 24 hours. */
function tonight(now: number): number {
  const today = brusselsLocalToUtc(`${brusselsDay.format(now)} 23:00`)!;
  return today > now ? today : brusselsLocalToUtc(`${brusselsDay.format(now + 12 * HOUR)} 23:00`)!;
}

describe("planned maintenance", () => {
  for (const javaScript of [true, false]) {
    it(`the desk publishes, the portal shows the banner and refuses changes while read-only (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const tag = `E2E-${javaScript ? "ON" : "OFF"}-${Date.now().toString(36)}`;
      const desk = await (await newContext(browser, { javaScript })).newPage();
      const customer = await (await newContext(browser, { javaScript })).newPage();
      const errors: string[] = [];
      customer.on("console", (msg) => {
        // The refused change is a 503 answer, on purpose.
        if (msg.type() === "error" && !msg.text().includes("status of 503")) errors.push(msg.text());
      });
      await deskLogin(desk, await createSupervisor());
      try {
        // 1. Tonight, 23:00 to 02:00: the banner on every page, in each language.
        const start = tonight(Date.now());
        await publish(desk, { startsAt: start, endsAt: start + 3 * HOUR, readOnly: false, tag: `${tag}-night` }, javaScript);
        const stored = await sql("SELECT starts_at, ends_at, read_only FROM maintenance_notices WHERE text_en LIKE ?", [`%${tag}-night%`]);
        expect(Number(stored[0]!.starts_at)).toBe(start);
        expect(Number(stored[0]!.ends_at)).toBe(start + 3 * HOUR);
        for (const language of ["nl", "fr", "en"] as const) {
          const words = catalogs[language].maintenance;
          await customer.goto(`/${language}/login`);
          const banner = customer.getByRole("status").filter({ hasText: `${tag}-night` });
          await banner.waitFor();
          const text = (await banner.textContent()) ?? "";
          expect(text).toContain(words.banner.planned.split(":")[0]!.replace(/\u00a0$/, ""));
          expect(text).toContain("23:00");
          expect(text).toContain("02:00");
          if (javaScript) await expectAccessible(customer);
          await banner.getByRole("link", { name: words.banner.more }).click();
          await customer.waitForURL(`**/${language}/maintenance`);
          expect(await customer.locator("main").textContent()).toContain(`${tag}-night`);
          if (javaScript) await expectAccessible(customer);
        }

        // 2. Read-only from now for 20 minutes.
        const now = Date.now();
        await publish(desk, { startsAt: now - 60_000, endsAt: now + 20 * 60_000, readOnly: true, tag: `${tag}-now` }, javaScript);
        // Logging in still works (the password, and the terms if asked).
        await logInWithPassword(customer, "apparthotels", PASSWORD);
        const running = customer.getByRole("status").filter({ hasText: `${tag}-now` });
        await running.waitFor();
        expect(await running.textContent()).toContain(m.banner.readOnly);
        // Reading works.
        await customer.goto("/en/documents");
        await customer.locator("main h1").filter({ hasText: t.documents.title }).waitFor();
        if (javaScript) await expectAccessible(customer);
        // A change is refused, with the message; nothing stored.
        const [before] = await sql("SELECT cd.email FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = '439561'");
        await customer.goto("/en/profile");
        const block = customer.locator("#profile-contact");
        await block.getByLabel(t.profile.email, { exact: true }).fill("read.only@apparthotels.example");
        await block.getByRole("button", { name: t.profile.update, exact: true }).click();
        await customer.getByRole("heading", { name: m.readOnly.title }).waitFor();
        const message = (await customer.getByRole("alert").textContent()) ?? "";
        expect(message).toContain(fill(m.readOnly.message, { to: "" }).split("(")[0]!.trim());
        expect(message).toContain("Your change was not saved.");
        if (javaScript) await expectAccessible(customer);
        const [after] = await sql("SELECT cd.email FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = '439561'");
        expect(after!.email).toBe(before!.email);
        expect(errors).toEqual([]);
      } finally {
        // Both windows withdrawn at the desk: no banner, no read-only for the files after this one.
        await cancelAll(desk, tag);
        await sql("UPDATE maintenance_notices SET cancelled_at = ? WHERE text_en LIKE ? AND cancelled_at IS NULL", [Date.now(), `%${tag}%`]);
      }
      // After: the banner is gone and changes work again.
      await customer.goto("/en/documents");
      expect(await customer.getByRole("status").filter({ hasText: tag }).count()).toBe(0);
      await desk.context().close();
      await customer.context().close();
    });
  }
});

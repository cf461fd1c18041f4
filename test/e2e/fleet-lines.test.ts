import { createClient } from "@libsql/client/node";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { catalogs } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

const t = catalogs.en;
const l = t.fleetLines;
const PASSWORD = "Loket-Demo-2026";

let browser: Browser;
// The demo has two numbers with 0488: 60 own lines (0461…, ICCID 8932046…) whose description has it, for a second page.
beforeAll(async () => {
  browser = await launch();
  const db = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
  try {
    for (let i = 1; i <= 60; i++) {
      const msisdn = `04612${String(i).padStart(5, "0")}`;
      await db.execute({
        sql: `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, activation_date, search_text, created_at, updated_at)
              SELECT c.id, k.id, ?, ?, p.id, 'ACTIVE', b.id, ?, '2026-03-30', ?, ?, ? FROM customers c, contracts k, billing_accounts b, tariff_plans p
              WHERE c.customer_number = '100457319' AND k.contract_number = '0000025351' AND b.number = '100457319' AND p.code = ?`,
        args: [msisdn, `Depot 0488-${i}`, withCheckDigit(`8932046200${String(i).padStart(9, "0")}`), `${msisdn} depot 0488-${i}`, Date.now(), Date.now(), i % 2 ? "mobile_contact" : "mobile_europe"],
      });
    }
  } finally {
    db.close();
  }
});
afterAll(async () => {
  await browser?.close();
});

async function asMargaux(javaScript: boolean): Promise<{ page: Page; errors: string[] }> {
  const page = await (await newContext(browser, { javaScript })).newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await logInWithPassword(page, "margaux", PASSWORD);
  return { page, errors };
}

const rowNumbers = (page: Page) => page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-line") ?? ""));

describe("fleet overview (003 « Vue d'ensemble des cartes SIM »)", () => {
  for (const javaScript of [true, false]) {
    it(`margaux searches 0488, sorts by plan, selects two lines across pages and exports, JavaScript ${javaScript ? "on" : "off"}`, async () => {
      const { page, errors } = await asMargaux(javaScript);
      await page.goto("/en/fleet");
      await page.getByRole("link", { name: l.home.manageSims }).click();
      await page.waitForURL("**/en/fleet/lines");
      await page
        .getByRole("button", { name: l.clearSelection })
        .click({ timeout: 1000 })
        .catch(() => undefined);
      await page.getByRole("searchbox", { name: l.search }).fill("0488");
      await page.getByRole("button", { name: l.apply, exact: true }).click();
      await page.waitForURL(/\/en\/fleet\/lines\?q=0488/);
      const found = await rowNumbers(page);
      expect(found.length).toBeGreaterThan(2);
      expect(found.length).toBe(50);
      expect(Number((await page.locator("#fleet-matching").innerText()).replace(/\D/g, ""))).toBeGreaterThanOrEqual(62);
      if (javaScript) await expectAccessible(page);
      // Sort by plan: the header says so.
      await page.getByRole("button", { name: `Sort by ${t.fleet.column.plan}` }).click();
      await page.waitForURL(/sort=plan/);
      await expect.poll(() => page.locator('th[aria-sort="ascending"]').innerText()).toContain(t.fleet.column.plan);
      // Tick the first line, then go to the next page and tick one there.
      const boxes = page.locator('tbody input[type="checkbox"][name="selected"]');
      await boxes.first().check();
      if (javaScript) await expect.poll(() => page.locator("#fleet-selection").innerText()).toContain("1 SIM card selected");
      else {
        await page.getByRole("button", { name: l.updateSelection }).click();
        await page.waitForURL(/sort=plan/);
      }
      await expect.poll(() => page.locator("#fleet-selection").innerText()).toContain("1 SIM card selected");
      if (await page.getByRole("button", { name: l.next }).count()) {
        await page.getByRole("button", { name: l.next }).click();
        await page.waitForURL(/after=/);
        await boxes.nth(1).check();
        if (!javaScript) {
          await page.getByRole("button", { name: l.updateSelection }).click();
          await page.waitForURL(/after=/);
        }
        await expect.poll(() => page.locator("#fleet-selection").innerText()).toContain("2 SIM cards selected");
      }
      if (javaScript) expect(await page.locator("#fleet-selection").getAttribute("class")).toContain("sticky");
      if (javaScript) await expectAccessible(page);
      // Export the filtered list: a real workbook with every matching row.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: l.exportExcel }).click()]);
      const path = await download.path();
      const { readFileSync } = await import("node:fs");
      const files = unzipSync(new Uint8Array(readFileSync(path!)));
      const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
      const total = Number((await page.locator("#fleet-matching").innerText()).replace(/\D/g, ""));
      expect([...sheet.matchAll(/<row r=/g)].length).toBe(total + 1);
      await page.getByRole("button", { name: l.clearSelection }).click();
      await expect.poll(() => page.locator("#fleet-selection").innerText()).toContain(l.noneSelected);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

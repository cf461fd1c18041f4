import { createClient } from "@libsql/client/node";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { catalogs, fill, plural } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

const t = catalogs.en;
const b = t.fleetBulk;
const PASSWORD = "Loket-Demo-2026";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const db = () => createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });

/**
 * Lines of the mobile demo customer for this run (numbers 04649…, ICCID bodies 8932049…): the
 * overview selects by ticking; here the bulk page is opened with the ids, as the selection bar does.
 */
async function lines(run: number, plans: string[], offset = 0): Promise<number[]> {
  const client = db();
  try {
    const ids: number[] = [];
    for (const [i, plan] of plans.entries()) {
      const n = run * 100 + offset + i;
      const msisdn = `04649${String(n).padStart(5, "0")}`;
      const result = await client.execute({
        sql: `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, search_text, created_at, updated_at)
              SELECT c.id, k.id, ?, 'E2E bulk', p.id, 'ACTIVE', ba.id, ?, ?, ?, ? FROM customers c, contracts k, tariff_plans p, billing_accounts ba
              WHERE c.customer_number = '100457319' AND k.contract_number = '0000025351' AND p.code = ? AND ba.number = '100457319' RETURNING id`,
        args: [msisdn, withCheckDigit(`89320499${String(n).padStart(11, "0")}`), `${msisdn} e2e bulk`, Date.now(), Date.now(), plan],
      });
      ids.push(Number(result.rows[0]!.id));
    }
    return ids;
  } finally {
    client.close();
  }
}

async function plansOf(ids: number[]): Promise<string[]> {
  const client = db();
  try {
    const rows = await client.execute({
      sql: "SELECT p.name FROM mobile_lines l JOIN tariff_plans p ON p.id = l.plan_id WHERE l.id IN (SELECT value FROM json_each(?)) ORDER BY l.id",
      args: [JSON.stringify(ids)],
    });
    return rows.rows.map((r) => String(r.name));
  } finally {
    client.close();
  }
}

const bulkPage = (kind: string, ids: number[]) => `/en/fleet/bulk/new?kind=${kind}&${ids.map((id) => `line=${id}`).join("&")}`;

async function story(javaScript: boolean, run: number) {
  const page: Page = await (await newContext(browser, { javaScript })).newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await logInWithPassword(page, "margaux", PASSWORD);

  // Twelve lines from Mobile Contact to Mobile Europe, after the review table.
  const twelve = await lines(run, Array(12).fill("mobile_contact"));
  await page.goto(bulkPage("plan", twelve));
  await expect.poll(() => page.locator("main").textContent()).toContain(plural("en", b.selected, 12));
  if (javaScript) await expectAccessible(page);
  await page.getByRole("radio", { name: fill(b.planPrice, { plan: "Mobile Europe", price: "€45.00" }) }).check();
  await page.getByRole("button", { name: b.review, exact: true }).click();
  await page.waitForURL(/\/en\/fleet\/bulk\/\d+$/);
  await expect.poll(() => page.locator("main").textContent()).toContain(plural("en", b.willChange, 12));
  const rows = page.locator("tbody tr");
  expect(await rows.count()).toBe(12);
  expect(((await rows.first().textContent()) ?? "").replace(/\s+/g, " ")).toMatch(/^0464 9\d \d{2} \d{2}Mobile ContactMobile Europe/);
  if (javaScript) await expectAccessible(page);
  expect(await plansOf(twelve)).toEqual(Array(12).fill("Mobile Contact"));
  await page.getByRole("button", { name: b.apply, exact: true }).click();
  await expect.poll(() => page.locator("main").textContent(), { timeout: 20_000 }).toContain(plural("en", b.doneNotice, 12));
  if (javaScript) await expectAccessible(page);
  expect(await plansOf(twelve)).toEqual(Array(12).fill("Mobile Europe"));

  // Data National 10 GB on three lines: Mobile Limitless does not allow it.
  const three = await lines(run, ["mobile_contact", "mobile_limitless", "mobile_start"], 50);
  await page.goto(bulkPage("options_add", three));
  await page.getByRole("checkbox", { name: "Data National 10 GB", exact: true }).check();
  await page.getByRole("button", { name: b.review, exact: true }).click();
  await page.waitForURL(/\/en\/fleet\/bulk\/\d+$/);
  await expect.poll(() => page.locator("main").textContent()).toContain(fill(b.notApplicableFor, { plan: "Mobile Limitless" }));
  if (javaScript) await expectAccessible(page);
  await page.getByRole("button", { name: b.apply, exact: true }).click();
  await expect.poll(() => page.locator("main").textContent(), { timeout: 20_000 }).toContain(plural("en", b.doneNotice, 2));
  expect(await page.locator("main").textContent()).toContain(fill(b.notApplicableFor, { plan: "Mobile Limitless" }));
  if (javaScript) await expectAccessible(page);
  expect(errors).toEqual([]);
  await page.context().close();
}

describe("fleet bulk changes (003): margaux moves twelve lines to Mobile Europe and adds Data National 10 GB", () => {
  it("with JavaScript", () => story(true, 1));
  it("without JavaScript", () => story(false, 2));
});

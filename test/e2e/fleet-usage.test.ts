import { readFileSync } from "node:fs";
import { createClient } from "@libsql/client/web";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { currentPeriod, shiftPeriod } from "../../src/features/fleet/periods.ts";
import { catalogs } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

// Issue #11, consumption and call details: margaux opens the fleet's consumption, a line's
// consumption, sets its notification at € 25, opens last month's call details and downloads the CSV.
const u = catalogs.en.fleetUsage;
const PASSWORD = "Loket-Demo-2026";

async function sql<T = Record<string, unknown>>(statement: string, args: (string | number | null)[] = []): Promise<T[]> {
  const client = createClient({ url: inject("dbUrl" as never) as string, authToken: inject("dbToken" as never) as string });
  try {
    return (await client.execute({ sql: statement, args })).rows as unknown as T[];
  } finally {
    client.close();
  }
}

let seq = 0;
/** A line of this test's own (msisdn 0467…, ICCID 8932047…) with usage this period and last month's calls. */
async function createLine(): Promise<{ id: number; msisdn: string }> {
  seq++;
  const stamp = `${Date.now() % 100000}`.padStart(5, "0");
  const msisdn = `046788${stamp.slice(-3)}${seq}`;
  const now = Date.now();
  const [row] = await sql<{ id: number }>(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, iccid, user_first_name, user_last_name, search_text, created_at, updated_at)
     SELECT c.id, k.id, ?, 'E2E usage', p.id, 'ACTIVE', ?, 'Ula', 'Tester', ?, ?, ? FROM customers c JOIN contracts k ON k.contract_number = '0000025351'
       JOIN tariff_plans p ON p.code = 'mobile_contact' WHERE c.customer_number = '100457319' RETURNING id`,
    [msisdn, withCheckDigit(`89320476${stamp}${String(seq).padStart(5, "0")}`), `${msisdn} e2e usage`, now, now],
  );
  const id = Number(row!.id);
  const period = currentPeriod();
  await sql(
    `INSERT INTO usage_periods (line_id, period, customer_id, data_mb, voice_seconds, sms_count, out_of_bundle_cents, through_day, billed)
     SELECT ?, ?, customer_id, 4096, 1800, 12, 1999, ?, 0 FROM mobile_lines WHERE id = ?`,
    [id, period, `${period}-01`, id],
  );
  const lastMonth = shiftPeriod(period, 1);
  const at = Date.parse(`${lastMonth}-10T10:00:00Z`);
  for (const [i, number] of ["0475112233", "112", "080012345", "+32470998877"].entries()) {
    await sql(
      "INSERT INTO call_records (line_id, customer_id, period, started_at, kind, number, duration_seconds, cents, roaming_country) SELECT ?, customer_id, ?, ?, 'voice', ?, 90, 25, NULL FROM mobile_lines WHERE id = ?",
      [id, lastMonth, at + i * 60_000, number, id],
    );
  }
  return { id, msisdn };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function story(javaScript: boolean) {
  const line = await createLine();
  const page: Page = await (await newContext(browser, { javaScript })).newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 422/.test(m.text())) errors.push(m.text());
  });
  await logInWithPassword(page, "margaux", PASSWORD);
  await page.goto("/en/fleet");
  await page.getByRole("link", { name: u.tile, exact: true }).click();
  await page.waitForURL(/\/en\/fleet\/usage$/);
  expect((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").toBe(u.title);
  expect((await page.locator('[data-total="data"]').textContent()) ?? "").toContain("GB");
  if (javaScript) await expectAccessible(page);

  // The line's consumption, from its page.
  await page.goto(`/en/fleet/lines/${line.id}`);
  await page.getByRole("link", { name: u.lineConsumption, exact: true }).click();
  await page.waitForURL(new RegExp(`/fleet/lines/${line.id}/usage`));
  expect((await page.locator('[data-total="data"]').textContent()) ?? "").toContain("4 GB");
  if (javaScript) await expectAccessible(page);

  // Notification at € 25: a wrong amount first (422, kept), then 25.
  const alert = page.locator("#line-alert");
  await alert.getByLabel(u.alertEnabled).check();
  await alert.getByLabel(u.alertAmount).fill("25 euro");
  await alert.getByRole("button", { name: u.alertSave }).click();
  await page.locator("#line-alert .field-error").waitFor();
  expect((await page.locator("#line-alert .field-error").textContent()) ?? "").toBe(u.alertAmountInvalid);
  await page.locator("#line-alert").getByLabel(u.alertAmount).fill("25");
  await page.locator("#line-alert").getByRole("button", { name: u.alertSave }).click();
  await page.locator("#line-alert .notice.ok").waitFor();
  expect(await sql("SELECT enabled, threshold_cents FROM usage_alerts WHERE line_id = ?", [line.id])).toEqual([{ enabled: 1, threshold_cents: 2500 }]);
  if (javaScript) await expectAccessible(page);

  // Call details of last month (the newest billed period), without 112 and 0800; the CSV holds the same.
  await page.getByRole("link", { name: u.lineCalls, exact: true }).click();
  await page.waitForURL(new RegExp(`/fleet/lines/${line.id}/calls`));
  const table = (await page.locator("table").textContent()) ?? "";
  expect(table).toContain("0475112233");
  expect(table).toContain("+32470998877");
  expect(table).not.toContain("080012345");
  expect(table).not.toMatch(/\b112\b/);
  if (javaScript) await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: u.exportCsv }).click()]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = bytes.subarray(3).toString("utf8").split("\r\n").filter(Boolean);
  expect(rows.map((r) => r.split(";")[2])).toEqual([u.callColumn.number, "0475112233", "+32470998877"]);
  expect(errors).toEqual([]);
  await page.context().close();
}

describe("fleet consumption and call details", () => {
  it("with JavaScript", () => story(true), 120_000);
  it("without JavaScript", () => story(false), 120_000);
});

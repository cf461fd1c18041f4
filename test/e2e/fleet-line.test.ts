import { createClient } from "@libsql/client/web";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { catalogs } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

// Issue #10, part "line": Margaux (fleet MANAGER of 100457319) blocks roaming data on a line and sets its PayByMobile limit.
const l = catalogs.en.fleetLine;
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
/** A line of this test's own (msisdn 0462…, ICCID 8932047…) on the mobile demo customer, so the demo lines stay as they are. */
async function createLine(): Promise<number> {
  seq++;
  const stamp = `${Date.now() % 100000}`.padStart(5, "0");
  const msisdn = `046299${stamp.slice(-3)}${seq}`;
  const now = Date.now();
  const [row] = await sql<{ id: number }>(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, user_first_name, user_last_name, search_text, created_at, updated_at)
     SELECT c.id, k.id, ?, 'E2E line', p.id, 'ACTIVE', b.id, ?, 'Eva', 'Tester', ?, ?, ? FROM customers c JOIN contracts k ON k.contract_number = '0000025351'
       JOIN tariff_plans p ON p.code = 'mobile_contact' JOIN billing_accounts b ON b.number = '100457319' WHERE c.customer_number = '100457319' RETURNING id`,
    [msisdn, withCheckDigit(`89320479${stamp}${String(seq).padStart(5, "0")}`), `${msisdn} e2e line eva tester`, now, now],
  );
  return Number(row!.id);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function blockRoamingAndSetLimit(javaScript: boolean) {
  const id = await createLine();
  const page: Page = await (await newContext(browser, { javaScript })).newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await logInWithPassword(page, "margaux", PASSWORD);
  await page.goto(`/en/fleet/lines/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeDefined();
  if (javaScript) await expectAccessible(page);

  const blocks = page.locator("#line-blocks");
  await blocks.getByLabel(catalogs.en.fleet.blocks.roaming_data, { exact: true }).check();
  await blocks.getByRole("button", { name: l.update, exact: true }).click();
  await page.locator("#line-blocks .notice.ok").waitFor();
  expect(await page.locator("#line-blocks .notice.ok").textContent()).toContain(l.saved.blocks);
  expect(await page.locator("#line-blocks").getByLabel(catalogs.en.fleet.blocks.roaming_data, { exact: true }).isChecked()).toBe(true);
  expect(await sql("SELECT block FROM line_blocks WHERE line_id = ?", [id])).toEqual([{ block: "roaming_data" }]);

  const limit = page.locator("#line-pay-by-mobile");
  await limit.getByLabel(l.payByMobileLimit, { exact: true }).selectOption("5000");
  await limit.getByRole("button", { name: l.update, exact: true }).click();
  await page.locator("#line-pay-by-mobile .notice.ok").waitFor();
  expect(await page.locator("#line-pay-by-mobile [data-pay-by-mobile]").textContent()).toContain("50.00");
  expect(await sql("SELECT pay_by_mobile_limit_cents AS cents FROM mobile_lines WHERE id = ?", [id])).toEqual([{ cents: 5000 }]);
  // Both changes are in the line's history.
  const history = (await page.locator("#line-history").textContent()) ?? "";
  expect(history).toContain(catalogs.en.rights.history.actions.lineBlocks);
  expect(history).toContain(catalogs.en.rights.history.actions.linePayByMobile);
  if (javaScript) await expectAccessible(page);
  expect(errors).toEqual([]);
  await page.context().close();
}

describe("fleet line: blocks and PayByMobile limit", () => {
  it("with JavaScript", () => blockRoamingAndSetLimit(true));
  it("without JavaScript", () => blockRoamingAndSetLimit(false));
});

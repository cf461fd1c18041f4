import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { catalogs, fill } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

// Issue #11, part "managers" (003 "Gérer les profils utilisateur"): Margaux creates Thomas as a
// MEMBER with a line delegated, resends Malina's invitation and makes Thomas a MANAGER.
const en = catalogs.en;
const m = en.fleetManagers;
const PASSWORD = "Loket-Demo-2026";
const db = () => createDb(inject("dbUrl" as never) as string, inject("dbToken" as never) as string);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A line of our own on the mobile demo customer: number 0468 9x xx xx. */
async function createLine(): Promise<{ id: number; msisdn: string }> {
  const msisdn = `04689${String(Date.now()).slice(-5)}`;
  const iccid = withCheckDigit(`8932048${String(Date.now()).slice(-12)}`);
  const now = Date.now();
  const result = await db().run(
    sql`INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, iccid, search_text, created_at, updated_at)
        SELECT c.id, (SELECT id FROM contracts WHERE contract_number = '0000025351'), ${msisdn}, 'Thomas phone', p.id, 'ACTIVE', ${iccid}, ${`${msisdn} thomas phone`}, ${now}, ${now}
        FROM customers c, tariff_plans p WHERE c.customer_number = '100457319' AND p.code = 'mobile_contact' RETURNING id`,
  );
  return { id: Number(result.rows[0]![0]), msisdn };
}

const spaced = (msisdn: string) => `${msisdn.slice(0, 4)} ${msisdn.slice(4, 6)} ${msisdn.slice(6, 8)} ${msisdn.slice(8)}`;
const main = (page: Page) => page.locator("main").innerText();

for (const javaScript of [true, false]) {
  describe(`fleet managers, JavaScript ${javaScript ? "on" : "off"}`, () => {
    it("margaux creates Thomas as MEMBER with a line delegated, resends Malina's invitation, makes Thomas a MANAGER", async () => {
      const page = await (await newContext(browser, { javaScript })).newPage();
      const errors: string[] = [];
      page.on("console", (message) => {
        // The answers the story asks for on purpose (a 409 or 422) are no errors of the page.
        if (message.type() === "error" && !/status of (409|422)/.test(message.text())) errors.push(message.text());
      });
      const checkAccessible = async () => {
        if (javaScript) await expectAccessible(page);
      };
      await logInWithPassword(page, "margaux", PASSWORD);
      const line = await createLine();
      const username = `t11me2e${javaScript ? "js" : "nojs"}${String(Date.now()).slice(-6)}`;

      // The dashboard's tile, then the list with Margaux and Malina.
      await page.goto("/en/fleet");
      await page.getByRole("link", { name: en.fleetLines.home.manageUsers }).click();
      await page.waitForURL("**/en/fleet/managers");
      await expect.poll(() => main(page), { timeout: 5000 }).toContain("Malina Janssens");
      expect(await main(page)).toContain("0489 74 43 65");
      await checkAccessible();

      // Create Thomas as a MEMBER with one line ticked from a search.
      await page.getByRole("link", { name: m.createUser }).click();
      await page.waitForURL("**/en/fleet/managers/new");
      await page.getByLabel(`${m.username} *`).fill(username);
      await page.getByLabel(`${m.firstName} *`).fill("Thomas");
      await page.getByLabel(`${m.lastName} *`).fill("Peeters");
      await page.getByLabel(`${m.email} *`).fill(`${username}@havenlogistiek.be`);
      await page.locator("#language").selectOption("nl");
      await page.getByLabel(m.roleHints.MEMBER).check();
      await page.getByLabel(m.searchLines).fill(line.msisdn);
      if (!javaScript) await page.getByRole("button", { name: m.searchLinesButton }).click();
      const box = page.getByLabel(fill(m.lineLabel, { number: spaced(line.msisdn), description: "Thomas phone" }));
      await box.waitFor();
      await box.check();
      // What was typed survives the search (without JavaScript the form went to the server and back).
      expect(await page.getByLabel(`${m.firstName} *`).inputValue()).toBe("Thomas");
      await checkAccessible();
      await page.getByRole("button", { name: m.create }).click();
      await page.waitForURL(/\/en\/fleet\/managers\/\d+\?notice=created/);
      await expect.poll(() => main(page)).toContain(fill(m.created, { name: "Thomas Peeters", email: `${username}@havenlogistiek.be` }));
      expect(await main(page)).toContain(spaced(line.msisdn));
      expect(await page.locator("#manager-status").innerText()).toBe(en.users.statuses.INVITED);
      const thomasUrl = page.url().replace(/\?.*$/, "");
      await checkAccessible();

      // Resend Malina's invitation (the second run within a minute is a double click: nothing sent twice).
      await page.goto("/en/fleet/managers?q=malina");
      await page.getByRole("link", { name: "Malina Janssens" }).click();
      await page.waitForURL(/\/en\/fleet\/managers\/\d+$/);
      await page.getByRole("button", { name: m.resend }).click();
      await page.waitForURL(/notice=resent/);
      await expect.poll(() => main(page)).toMatch(/A new invitation was sent to|less than a minute ago/);
      await checkAccessible();

      // Thomas becomes a MANAGER: the delegation form gives way to "sees every line".
      await page.goto(thomasUrl);
      await page.getByLabel(m.roleHints.MANAGER).check();
      await page.getByRole("button", { name: m.changeRole }).click();
      await page.waitForURL(/notice=role/);
      await expect.poll(() => main(page)).toContain(fill(m.roleChanged, { name: "Thomas Peeters", role: en.fleet.roles.MANAGER }));
      expect(await page.locator("#manager-role").innerText()).toBe(en.fleet.roles.MANAGER);
      expect(await main(page)).toContain(m.managerSeesAll);
      await checkAccessible();

      // Margaux's own role cannot be changed from her page.
      await page.goto("/en/fleet/managers?q=margaux");
      await page.getByRole("link", { name: "Margaux Dubois" }).click();
      await expect.poll(() => main(page)).toContain(m.ownRole);
      expect(errors).toEqual([]);
    }, 150_000);
  });
}

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { applyDueChanges } from "../../src/features/fleet/changes.ts";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { catalogs } from "../../src/lib/i18n.ts";
import { brusselsDate, isWorkingDay } from "../../src/lib/workdays.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

// Issue #10, part "wizard": Margaux adds a SIM card for a new employee and activates it on a chosen
// date, replaces its SIM, suspends and reactivates it, and stops the number; the operator's side
// (the cron) is applyDueChanges on the stack's database.
const w = catalogs.en.fleetWizard;
const PASSWORD = "Loket-Demo-2026";
const db = () => createDb(inject("dbUrl" as never) as string, inject("dbToken" as never) as string);
const dayPlus = (n: number) => new Date(Date.parse(`${brusselsDate(Date.now())}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const workingDay = () => {
  for (let n = 2; ; n++) if (isWorkingDay(dayPlus(n))) return dayPlus(n);
};
let seq = 0;
const iccid = () => withCheckDigit(`8932048${String(Date.now()).slice(-7)}${String(++seq).padStart(4, "0")}`);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
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

async function next(page: Page, step: string) {
  await page.getByRole("button", { name: w.continue }).click();
  await page.waitForURL(`**/en/fleet/lines/new/${step}`);
  await expect.poll(() => page.locator("h2#wizard-step-title").innerText()).toBe(w.steps[step as keyof typeof w.steps]);
}

async function confirm(page: Page, text: string) {
  await page.getByRole("button", { name: w.confirm }).click();
  await expect.poll(() => page.locator("main").innerText()).toContain(text);
}

for (const javaScript of [true, false]) {
  describe(`fleet wizard and line actions, JavaScript ${javaScript ? "on" : "off"}`, () => {
    it("adds a SIM for a new employee, activates it on a chosen date, replaces the SIM, suspends, reactivates and stops the number", async () => {
      const { page, errors } = await asMargaux(javaScript);
      // axe-core runs script in the page: only with JavaScript on (as the other browser tests).
      const checkAccessible = async () => {
        if (javaScript) await expectAccessible(page);
      };
      const sim = iccid();
      await page.goto("/en/fleet/lines/new");
      await page.waitForURL("**/en/fleet/lines/new/sim");
      await checkAccessible();
      // A wrong check digit first: the same step comes back with the message.
      await page.getByLabel(w.iccid).fill(sim.slice(0, -1) + String((Number(sim.at(-1)) + 1) % 10));
      await page.getByRole("button", { name: w.continue }).click();
      await expect.poll(() => page.locator("main").innerText()).toContain(w.errors.iccidCheckDigit);
      await checkAccessible();
      await page.getByLabel(w.iccid).fill(sim);
      await next(page, "split");
      await page.getByLabel(w.no, { exact: true }).check();
      await next(page, "user");
      await page.getByLabel(w.description).fill("Dispatch 7");
      await page.getByLabel(w.userTitle).selectOption("mr");
      await page.getByLabel(w.firstName).fill("Jonas");
      await page.getByLabel(w.lastName).fill("Nieuwkomer");
      await page.getByLabel(w.email).fill("jonas.nieuwkomer@havenlogistiek.be");
      await page.locator("#wizard-language").selectOption("nl");
      await checkAccessible();
      await next(page, "plan");
      await page.getByLabel(/^Mobile Contact –/).check();
      await next(page, "options");
      await expect.poll(() => page.locator("main").innerText()).toContain("Voice National 100 min – Not applicable");
      await page.getByLabel(/^Data Asia business 600 MB/).check();
      await checkAccessible();
      await next(page, "billing");
      await next(page, "number");
      await page.getByLabel(w.newNumber, { exact: true }).check();
      await next(page, "review");
      const review = await page.locator("main").innerText();
      expect(review).toContain(sim);
      expect(review).toContain("Jonas Nieuwkomer");
      expect(review).toContain("Data Asia business 600 MB");
      await checkAccessible();
      await page.getByRole("button", { name: w.create }).click();
      await page.waitForURL(/\/en\/fleet\/lines\/\d+\/activate\?added=1$/);
      const lineId = Number(page.url().match(/lines\/(\d+)\//)![1]);
      await expect.poll(() => page.locator("main").innerText()).toContain("The SIM card was added with number 0463 0");
      await checkAccessible();

      // Activate on a chosen working day; the operator (cron) does it on that day.
      const day = workingDay();
      await page.getByLabel(w.activationDate).fill(day);
      await confirm(page, "Activation requested");
      await checkAccessible();
      await applyDueChanges(db(), day);

      // SIM swap.
      const newSim = iccid();
      await page.goto(`/en/fleet/lines/${lineId}/replace-sim`);
      await page.getByLabel(w.newIccid).fill(newSim);
      await confirm(page, `moves the number to SIM card ${newSim}`);
      await applyDueChanges(db(), dayPlus(0));

      // Suspend, then reactivate.
      await page.goto(`/en/fleet/lines/${lineId}/suspend`);
      await expect.poll(() => page.locator("main").innerText()).toContain(newSim);
      await confirm(page, "Suspension requested");
      await page.goto(`/en/fleet/lines/${lineId}/suspend`);
      await expect.poll(() => page.locator("main").innerText()).toContain("A change is already pending for this line: Suspension on");
      await applyDueChanges(db(), dayPlus(0));
      await page.goto(`/en/fleet/lines/${lineId}/reactivate`);
      await confirm(page, "Reactivation requested");
      await applyDueChanges(db(), dayPlus(0));

      // Report the employee's departure: the number stops on a date, then the line is read-only.
      const stopDay = dayPlus(3);
      await page.goto(`/en/fleet/lines/${lineId}/stop`);
      await page.getByLabel(w.stopDate).fill(stopDay);
      await confirm(page, "Stop requested");
      await applyDueChanges(db(), stopDay);
      await page.goto(`/en/fleet/lines/${lineId}/suspend`);
      await expect.poll(() => page.locator("main").innerText()).toContain(w.refused.stopped);
      await checkAccessible();
      expect(errors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
      await page.context().close();
    }, 90_000);
  });
}

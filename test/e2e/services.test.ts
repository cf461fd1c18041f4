import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs, fill } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

const t = catalogs.en;
const s = t.services;
// The head office 439561's Access Owner (a password login: code requests are limited per customer).
const HEAD_OFFICE = "apparthotels";
const PASSWORD = "Loket-Demo-2026";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Manual p.13 "Order PRO bags": from the home tile to the confirmation, and the order back on the home page. */
async function orderFiveRolls(javaScript: boolean) {
  const page: Page = await (await newContext(browser, { javaScript })).newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await logInWithPassword(page, HEAD_OFFICE, PASSWORD);
  await page.locator('li[data-app="services"] a').click();
  await page.waitForURL("**/en/services");
  if (javaScript) await expectAccessible(page);

  await page.getByRole("link", { name: s.tab.order, exact: true }).click();
  await page.waitForURL("**/en/services/order");
  if (javaScript) await expectAccessible(page);
  await page.getByRole("radio", { name: /PRO bags residual waste/ }).check();
  await page.getByLabel(s.quantity, { exact: true }).fill("5");
  await page.getByLabel(s.deliveryAddress, { exact: true }).selectOption({ label: "Maatschappelijke zetel – Louizalaan 120, 1050 Brussel" });
  await page.getByRole("button", { name: s.place, exact: true }).click();
  await page.waitForURL(/\/en\/services\/orders\/\d+\?placed=1$/);

  const number = ((await page.locator("[data-order-number]").textContent()) ?? "").trim();
  expect(number).toMatch(/^B-\d{6}$/);
  expect(await page.getByRole("status").or(page.locator(".notice.ok")).first().textContent()).toContain(fill(s.placed, { number }));
  expect(((await page.locator("[data-delivery]").textContent()) ?? "").trim()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  if (javaScript) await expectAccessible(page);

  await page.getByRole("link", { name: s.toPurchases, exact: true }).click();
  await page.waitForURL("**/en/services/purchases");
  expect(await page.locator("[data-order]").first().getAttribute("data-order")).toBe(number);

  await page.goto("/en/home");
  const row = page.locator(`#orders-title ~ * tr[data-order="${number}"], tr[data-order="${number}"]`).first();
  expect(await row.textContent()).toContain("PRO bags residual waste");
  expect(await row.textContent()).toContain(s.orderStatuses.ordered);
  expect(errors).toEqual([]);
  await page.context().close();
}

describe("services: ordering PRO bags as the head office", () => {
  it("orders 5 rolls with JavaScript", () => orderFiveRolls(true));
  it("orders 5 rolls without JavaScript", () => orderFiveRolls(false));
});

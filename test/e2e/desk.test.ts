import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoStaff } from "../../scripts/seed-desk.ts";
import { catalogs } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, newContext } from "./chromium.ts";

const d = catalogs.en.desk;
const PASSWORD = "Loket-Demo-2026";

/** What the staff member's authenticator app shows now (RFC 6238), from the README's secret. */
const totp = (secret: string) => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000)), 6);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** axe-core runs in the page, so only with JavaScript on; the pages are the same without it. */
async function deskLogin(page: Page, who: (typeof demoStaff)[number], axe = true) {
  page.setDefaultTimeout(10_000);
  await page.goto("/en/desk/login");
  if (axe) await expectAccessible(page);
  await page.getByLabel(d.login.username, { exact: true }).fill(who.username);
  await page.getByLabel(d.login.password, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: d.login.submit, exact: true }).click();
  await page.waitForURL("**/en/desk/login/code");
  if (axe) await expectAccessible(page);
  await page.getByLabel(d.login.code, { exact: true }).fill(totp(who.totpSecret));
  await page.getByRole("button", { name: d.login.codeSubmit, exact: true }).click();
  // Into the desk in the staff member's own language.
  await page.waitForURL(`**/${who.language}/desk/complaints`);
}

describe("provider desk", () => {
  it("a supervisor logs in with password and TOTP, answers a complaint and delivers an order (JavaScript on)", async () => {
    const supervisor = demoStaff.find((s) => s.role === "supervisor")!;
    const page = await (await newContext(browser, { javaScript: true })).newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await deskLogin(page, supervisor);
    await page.goto("/en/desk/complaints?status=new");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Container niet geledigd" }).click();
    await page.waitForURL(/\/en\/desk\/complaints\/\d+$/);
    await expectAccessible(page);
    await page.getByLabel(d.thread.answerLabel, { exact: true }).fill("We komen de container morgen ledigen.");
    await page.getByRole("button", { name: d.thread.send, exact: true }).click();
    await page.getByText(d.thread.done.answered).waitFor();
    await page.getByText("We komen de container morgen ledigen.").waitFor();
    await expectAccessible(page);

    await page.locator("nav").getByRole("link", { name: d.nav.orders, exact: true }).click();
    await page.waitForURL("**/en/desk/orders");
    await page.getByRole("link", { name: "3 × PRO-zakken rest 100 st." }).click();
    await page.waitForURL(/\/en\/desk\/orders\/\d+$/);
    await expectAccessible(page);
    await page.getByRole("button", { name: d.order.deliver, exact: true }).click();
    await page.getByText(d.order.done.delivered).waitFor();
    expect(await page.getByText(d.orderStatuses.delivered, { exact: true }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("an agent takes a complaint and closes it with JavaScript off", async () => {
    const agent = demoStaff.find((s) => s.role === "agent")!;
    const page = await (await newContext(browser, { javaScript: false })).newPage();
    await deskLogin(page, agent, false);
    await page.goto("/en/desk/complaints?status=answered");
    await page.getByRole("link", { name: "Container niet geledigd" }).click();
    await page.waitForURL(/\/en\/desk\/complaints\/\d+$/);
    await page.getByRole("button", { name: d.thread.take, exact: true }).click();
    await page.waitForURL(/done=assigned/);
    await page.getByLabel(d.thread.newStatus, { exact: true }).selectOption("closed");
    await page.getByRole("button", { name: d.thread.setStatus, exact: true }).click();
    await page.waitForURL(/done=status/);
    expect(await page.getByText(d.thread.done.status).count()).toBe(1);
    expect(await page.getByText(d.threadStatuses.closed, { exact: true }).count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

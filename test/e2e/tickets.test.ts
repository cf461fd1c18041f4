import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

const t = catalogs.en;
const k = t.tickets;
const c = t.complaints;
const PASSWORD = "Loket-Demo-2026";
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

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

describe("tickets and complaints (003, 000 p.10)", () => {
  it("margaux opens a ticket « SIM options → reactivate paused SIM cards » with two attachments, JavaScript on", async () => {
    const { page, errors } = await asMargaux(true);
    await page.goto("/en/tickets");
    await expectAccessible(page);
    await page.getByRole("link", { name: k.create }).click();
    await page.waitForURL("**/en/tickets/new");
    await page.getByLabel(k.subject).selectOption("sim_options");
    // htmx brings the details in place.
    await page.getByLabel(k.detail).selectOption("reactivate_paused");
    await page.getByLabel(k.phoneNumber).fill("0470 12 34 56");
    await expect.poll(() => page.url()).toContain("/en/tickets/new");
    await page.getByLabel(k.actionDate).fill(inDays(2));
    await page.getByLabel(k.message).fill("Please reactivate the SIM card of our driver.");
    await expect.poll(() => page.getByLabel(k.email).inputValue()).toBe("margaux.dubois@havenlogistiek.be");
    await page.getByLabel(k.attach).setInputFiles([
      { name: "lines.csv", mimeType: "text/csv", buffer: Buffer.from("mobile;name\n0470123456;Driver\n") },
      { name: "request.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") },
    ]);
    await expectAccessible(page);
    await page.getByRole("button", { name: k.send, exact: true }).click();
    await page.waitForURL(/\/en\/tickets\/\d+\?sent=1$/);
    await expect.poll(() => page.locator("main").innerText()).toContain("Please reactivate the SIM card of our driver.");
    const main = await page.locator("main").innerText();
    expect(main).toMatch(/Your ticket \d+ was sent\./);
    expect(main).toContain("lines.csv");
    expect(main).toContain("request.pdf");
    expect(main).toContain("Reactivate paused SIM cards");
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("margaux files a complaint with JavaScript off", async () => {
    const { page } = await asMargaux(false);
    await page.goto("/en/complaints");
    await page.getByLabel(c.contract, { exact: true }).selectOption("0000025351");
    await page.getByLabel(c.service, { exact: true }).selectOption("Business Mobile");
    await page.getByLabel(c.nature, { exact: true }).selectOption("invoice");
    await page.getByLabel(c.comment).fill("The March invoice counts the Data Asia option twice.");
    await page.getByLabel(c.serviceDate).fill(inDays(-5));
    await page.getByRole("button", { name: c.send }).click();
    await page.waitForURL(/\/en\/complaints\/\d+\?sent=1$/);
    const main = await page.locator("main").innerText();
    expect(main).toMatch(/Your complaint \d+ was sent to our commercial team\./);
    expect(main).toContain("The March invoice counts the Data Asia option twice.");
    const complaint = page.url();
    await page.context().close();
    // axe-core runs in the page: the same pages, read with JavaScript on.
    const { page: checked } = await asMargaux(true);
    await checked.goto("/en/complaints");
    await expectAccessible(checked);
    await checked.goto(complaint);
    await expectAccessible(checked);
    await checked.context().close();
  });
});

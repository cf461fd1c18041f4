import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs, fill, type Locale } from "../../src/lib/i18n.ts";
import { codeFromOutbox, expectAccessible, launch, newContext, newestMessageId } from "./chromium.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Account = { contract: string; customer: string; email: string; name: string; headOffice: boolean };
const headOffice: Account = { contract: "5422", customer: "439561", email: "info@apparthotels.com", name: "Apparthotels NV", headOffice: true };
const building: Account = { contract: "5423", customer: "439562", email: "kunst@apparthotels.com", name: "Apparthotels NV – Residentie Kunst", headOffice: false };
const mobile: Account = { contract: "0000025351", customer: "100457319", email: "fleet@havenlogistiek.be", name: "Havenlogistiek Antwerpen BV", headOffice: false };
// Codes are limited to 3 an account per 15 minutes: each language logs in to its own account.
const accountFor: Record<Locale, Account> = { en: headOffice, nl: building, fr: mobile };

/**
 * The newcomer path of the foundation issue: the login page in the browser's language, a code
 * by e-mail read in the development outbox, login, home, a profile update, logout — with
 * JavaScript on (htmx swaps in place) or off (plain links and forms).
 */
async function newcomerPath(page: Page, locale: Locale, javaScript: boolean) {
  const t = catalogs[locale];
  const account = accountFor[locale];
  page.setDefaultTimeout(10_000);
  await page.goto("/");
  expect(new URL(page.url()).pathname).toBe(`/${locale}/login`);
  expect(await page.locator("html").getAttribute("lang")).toBe(locale);
  if (javaScript) await expectAccessible(page);

  await page.getByRole("link", { name: t.login.getCode }).click();
  if (javaScript) {
    await page.locator("#code-dialog form").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/${locale}/login`);
  } else {
    await page.waitForURL(`**/${locale}/login/code**`);
  }
  const dialog = page.locator(javaScript ? "#code-dialog" : "main");
  await dialog.getByLabel(t.code.customerNumber, { exact: true }).fill(account.customer);
  await dialog.getByLabel(t.code.byEmail, { exact: true }).check();
  const before = await newestMessageId(page);
  await dialog.getByRole("button", { name: t.code.submit, exact: true }).click();
  const sent = fill(t.code.sentEmail, { customer: account.customer });
  await expect.poll(() => dialog.textContent()).toContain(sent);
  expect(await dialog.textContent()).not.toContain(account.email);

  const code = await codeFromOutbox(page, account.email, before);
  if (!javaScript) await page.getByRole("link", { name: t.code.continue }).click();
  // The login page also holds the itsme / eID registration, with the same two numbers: the code login's form.
  const login = page.locator(`form[action="/${locale}/login"]`);
  await login.getByLabel(t.login.contractNumber, { exact: true }).fill(account.contract);
  await login.getByLabel(t.login.customerNumber, { exact: true }).fill(account.customer);
  await login.getByLabel(t.login.code, { exact: true }).fill(code);
  await login.getByLabel(t.login.acceptTerms, { exact: true }).check();
  await login.getByRole("button", { name: t.login.submit, exact: true }).click();

  await page.waitForURL(`**/${locale}/home`);
  await expect.poll(() => page.locator("main").textContent()).toContain(fill(t.home.greeting, { name: account.name }));
  const home = (await page.locator("main").textContent()) ?? "";
  expect(home).toContain(account.customer);
  if (account.headOffice) {
    expect(home).toContain(t.home.headOffice);
    expect(await page.locator("main table tbody tr").count()).toBe(4);
  }
  if (javaScript) await expectAccessible(page);

  await page.getByRole("link", { name: t.app.profile, exact: true }).click();
  await page.waitForURL(`**/${locale}/profile`);
  const contact = page.locator("#profile-contact");
  await contact.waitFor();
  if (javaScript) await expectAccessible(page);
  const newEmail = `${javaScript ? "js-on" : "js-off"}.${locale}@example.be`;
  await contact.getByLabel(t.profile.email, { exact: true }).fill(newEmail);
  await contact.getByRole("button", { name: t.profile.update }).click();
  await expect.poll(() => page.locator("#profile-contact").textContent()).toContain(t.profile.saved);
  // With htmx the block was swapped in place; without it the browser followed the redirect.
  if (javaScript) expect(new URL(page.url()).search).toBe("");
  else expect(new URL(page.url()).search).toBe("?saved=contact");
  await page.reload();
  expect(await page.locator("#profile-contact").getByLabel(t.profile.email, { exact: true }).inputValue()).toBe(newEmail);
  // The code for the next run goes to the address on file: put it back.
  await page.locator("#profile-contact").getByLabel(t.profile.email, { exact: true }).fill(account.email);
  await page.locator("#profile-contact").getByRole("button", { name: t.profile.update }).click();
  await expect.poll(() => page.locator("#profile-contact").textContent()).toContain(t.profile.saved);

  await page.getByRole("button", { name: t.app.logout, exact: true }).click();
  await page.waitForURL(`**/${locale}/login?loggedout=1`);
  expect(await page.locator("main").textContent()).toContain(t.login.loggedOut);
}

describe.each(["en", "nl", "fr"] as const)("the newcomer path in %s", (locale) => {
  it("works with JavaScript on (htmx swaps in place, no console error)", async () => {
    const context = await newContext(browser, { javaScript: true, locale: `${locale}-BE` });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await newcomerPath(page, locale, true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("works with JavaScript off (plain links and forms)", async () => {
    const context = await newContext(browser, { javaScript: false, locale: `${locale}-BE` });
    await newcomerPath(await context.newPage(), locale, false);
    await context.close();
  });
});

describe("languages", () => {
  it("lands in the browser's language and the switch keeps the page", async () => {
    const context = await newContext(browser, { javaScript: true, locale: "fr-BE" });
    const page = await context.newPage();
    await page.goto("/fr/login?customerNumber=439561");
    await page.getByRole("link", { name: "Nederlands" }).click();
    await page.waitForURL("**/nl/login?customerNumber=439561");
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    expect(await page.locator('form[action="/nl/login"]').getByLabel(catalogs.nl.login.contractNumber, { exact: true }).count()).toBe(1);
    // The choice is remembered: "/" now goes to Dutch whatever the browser says.
    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/nl/login");
    await expectAccessible(page);
    await context.close();
  });
});

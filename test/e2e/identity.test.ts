// Registration and login with itsme or the eID card (#13, 001 pp.5–6) in Chromium, against the
// local OpenID providers the stack starts (scripts/oidc-provider/): a newcomer registers the head
// office with a test person, sees the masked national number on the profile, logs out, and logs
// in again with "I have already registered" — with JavaScript on (itsme) and off (eID card).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNrn, TEST_PERSONS, type TestPerson } from "../../scripts/oidc-provider/persons.ts";
import { catalogs, fill, type Locale } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, newContext } from "./chromium.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Provider = "itsme" | "eid";
const HEAD_OFFICE = { contract: "5422", customer: "439561", name: "Apparthotels NV" };

function person(index: number): TestPerson {
  const found = TEST_PERSONS[index];
  if (!found) throw new Error(`no test person ${index}`);
  return found;
}

/** The provider's own page: pick the person, Continue (it asks every time, as itsme does). */
async function identifyAtProvider(page: Page, provider: Provider, who: TestPerson) {
  await page.waitForURL(new RegExp(`/${provider}/interaction/`));
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  await page.getByLabel(`${who.firstName} ${who.lastName} (${formatNrn(who.nationalNumber)})`, { exact: true }).check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

async function logOut(page: Page, locale: Locale) {
  const t = catalogs[locale];
  await page.getByRole("button", { name: t.app.logout, exact: true }).click();
  await page.waitForURL(`**/${locale}/login?loggedout=1`);
  expect(await page.locator("main").textContent()).toContain(t.login.loggedOut);
}

async function registerAndLogIn(page: Page, options: { locale: Locale; provider: Provider; who: TestPerson; javaScript: boolean }) {
  const { locale, provider, who, javaScript } = options;
  const t = catalogs[locale];
  page.setDefaultTimeout(15_000);

  // First registration: contract, customer, the terms, then the provider's button.
  await page.goto(`/${locale}/login`);
  const register = page.locator(`form[action="/${locale}/identity/register"]`);
  await expect.poll(() => register.count()).toBe(1);
  if (javaScript) await expectAccessible(page);
  await register.getByLabel(t.login.contractNumber, { exact: true }).fill(HEAD_OFFICE.contract);
  await register.getByLabel(t.login.customerNumber, { exact: true }).fill(HEAD_OFFICE.customer);
  await register.getByRole("checkbox").check();
  await register.getByRole("button", { name: t.identity.registerWith[provider], exact: true }).click();
  await identifyAtProvider(page, provider, who);

  await page.waitForURL(`**/${locale}/home`);
  await expect.poll(() => page.locator("main").textContent()).toContain(fill(t.home.greeting, { name: HEAD_OFFICE.name }));
  expect(await page.locator("main").textContent()).toContain(HEAD_OFFICE.customer);
  if (javaScript) await expectAccessible(page);

  // The profile shows the national number masked: only its last two digits.
  await page.getByRole("link", { name: t.app.profile, exact: true }).click();
  await page.waitForURL(`**/${locale}/profile`);
  const contact = page.locator("#profile-contact");
  await contact.waitFor();
  const shown = (await contact.textContent()) ?? "";
  expect(shown).toContain(`••.••.••-•••.${who.nationalNumber.slice(-2)}`);
  expect(shown).toContain(fill(t.identity.nationalNumberEnding, { digits: who.nationalNumber.slice(-2) }));
  expect(shown).not.toContain(who.nationalNumber);
  expect(shown).not.toContain(formatNrn(who.nationalNumber));
  if (javaScript) await expectAccessible(page);
  await logOut(page, locale);

  // Later: "I have already registered" → the provider → the same person → home, nothing to fill in.
  const login = page.locator(`form[action="/${locale}/identity/login"]`);
  await login.getByRole("button", { name: t.identity.loginWith[provider], exact: true }).click();
  await identifyAtProvider(page, provider, who);
  await page.waitForURL(`**/${locale}/home`);
  await expect.poll(() => page.locator("main").textContent()).toContain(fill(t.home.greeting, { name: HEAD_OFFICE.name }));
  await logOut(page, locale);
}

describe("registration and login with itsme or the eID card", () => {
  it("with JavaScript on: itsme, in English, no console error", async () => {
    const context = await newContext(browser, { javaScript: true, locale: "en-BE" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${m.text()} ${m.location().url}`);
    });
    await registerAndLogIn(page, { locale: "en", provider: "itsme", who: person(0), javaScript: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("with JavaScript off: the eID card, in Dutch", async () => {
    const context = await newContext(browser, { javaScript: false, locale: "nl-BE" });
    await registerAndLogIn(await context.newPage(), { locale: "nl", provider: "eid", who: person(1), javaScript: false });
    await context.close();
  });

  it("a person who never registered is sent to the registration form with a clear message", async () => {
    const context = await newContext(browser, { javaScript: true, locale: "en-BE" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const t = catalogs.en;
    await page.goto("/en/login");
    await page.locator('form[action="/en/identity/login"]').getByRole("button", { name: t.identity.loginWith.itsme, exact: true }).click();
    await identifyAtProvider(page, "itsme", person(2));
    await page.waitForURL("**/en/identity/register**");
    await expect.poll(() => page.locator("main").textContent()).toContain(t.identity.unknown.itsme);
    expect(await page.locator(`form[action="/en/identity/register"]`).count()).toBe(1);
    await expectAccessible(page);
    await context.close();
  });

  it("Cancel at the provider comes back to Loket without a session", async () => {
    const context = await newContext(browser, { javaScript: false, locale: "en-BE" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const t = catalogs.en;
    await page.goto("/en/login");
    await page.locator('form[action="/en/identity/login"]').getByRole("button", { name: t.identity.loginWith.eid, exact: true }).click();
    await page.waitForURL(/\/eid\/interaction\//);
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    // Back at Loket (localhost; the provider is 127.0.0.1): the callback says the login did not complete.
    await page.waitForURL((url) => url.hostname === "localhost");
    await expect.poll(() => page.locator("main").textContent()).toContain(t.identity.callbackTitle);
    await page.goto("/en/home");
    expect(new URL(page.url()).pathname).toMatch(/^\/en\/login/);
    await context.close();
  });
});

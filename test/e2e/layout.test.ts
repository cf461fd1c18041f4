import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, logInWithPassword } from "./chromium.ts";
import { baseUrl } from "./chromium.ts";

/**
 * The header and the pages at a desktop width and on 375 and 320 px phones (issue #8's defects):
 * the header takes two rows at 1280 px with "Log out" on the first, no page scrolls sideways at
 * 375 or 320 px, and a table's actions stay in view.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function pageAt(width: number, user: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-BE", baseURL: baseUrl() });
  const page = await context.newPage();
  await logInWithPassword(page, user, "Loket-Demo-2026");
  return page;
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe("layout", () => {
  it("at 1280 px the header is two rows: brand, account, Log out and languages, then the menu", async () => {
    const page = await pageAt(1280, "apparthotels");
    const brand = await box(page, "header.top .brand");
    const logout = await box(page, "header.top .tools button");
    const langs = await box(page, "header.top .langs");
    const nav = await box(page, "header.top nav");
    const header = await box(page, "header.top");
    expect(Math.abs(logout.y + logout.height / 2 - (brand.y + brand.height / 2))).toBeLessThan(8);
    expect(Math.abs(langs.y + langs.height / 2 - (brand.y + brand.height / 2))).toBeLessThan(8);
    expect(nav.y).toBeGreaterThan(brand.y + brand.height - 4);
    expect(header.height).toBeLessThan(100);
    // No list bullets over the language names.
    expect(await page.locator("header.top .langs").evaluate((el) => getComputedStyle(el).listStyleType)).toBe("none");
    await page.context().close();
  });

  // 320 px is the narrowest phone in use (and WCAG 1.4.10's reflow width): nothing may need a sideways scroll there either.
  for (const width of [375, 320]) {
    it(`at ${width} px no page scrolls sideways, the header stays small, and the table actions are in view`, async () => {
      const page = await pageAt(width, "margaux");
      // Dutch and French words are longer than English ones: at 320 px every page in every language.
      const languages = width === 320 ? ["en", "nl", "fr"] : ["en"];
      for (const path of languages.flatMap((lang) =>
        [
          "home",
          "balance",
          "users",
          "users/new",
          "documents",
          "profile",
          "accounts",
          "history",
          "routers",
          "identification",
          "services",
          "services/order",
          "complaints",
          "tickets",
          "tickets/new",
          "fleet",
          "fleet/lines",
          "fleet/lines/new",
          "fleet/lines/1",
          "fleet/bulk/new?kind=plan",
          "fleet/contract",
          "fleet/contract?tab=packs",
          "fleet/usage",
          "fleet/usage/top",
          "fleet/managers",
          "identity/register",
          "maintenance",
        ].map((p) => `/${lang}/${p}`),
      )) {
        await page.goto(path);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scroll, path).toBeLessThanOrEqual(width);
        expect((await box(page, "header.top")).height, path).toBeLessThan(130);
      }
      await page.goto("/en/balance");
      const pay = page.locator('td a[href*="/pay/"]').first();
      const payBox = (await pay.boundingBox())!;
      expect(payBox.x + payBox.width).toBeLessThanOrEqual(width);
      await pay.click();
      await page.waitForURL("**/en/pay/**");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const communication = await box(page, "[data-communication]");
      expect(communication.x + communication.width).toBeLessThanOrEqual(width);
      await page.goto("/en/users");
      const rights = (await page.locator('td a[href$="/rights"]').first().boundingBox())!;
      expect(rights.x + rights.width).toBeLessThanOrEqual(width);
      await page.context().close();
    });
  }

  it("at 320 px the public pages (login, password login, terms, itsme / eID registration, maintenance) do not scroll sideways in any language", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: "en-BE", baseURL: baseUrl() });
    const page = await context.newPage();
    for (const lang of ["en", "nl", "fr"]) {
      for (const path of [`/${lang}/login`, `/${lang}/login/password`, `/${lang}/password/forgot`, `/${lang}/terms`, `/${lang}/identity/register`, `/${lang}/maintenance`]) {
        await page.goto(path);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
      }
    }
    await context.close();
  });

  it("at 320 px the head office's pages (building filter, calendar, accounts) do not scroll sideways either", async () => {
    const page = await pageAt(320, "apparthotels");
    for (const path of ["en", "nl", "fr"].flatMap((lang) => [`/${lang}/documents`, `/${lang}/calendar`, `/${lang}/balance`, `/${lang}/accounts`])) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await page.context().close();
  });

  it("a confirmation after an htmx swap takes the focus and is in view, not far above the button", async () => {
    const page = await pageAt(1280, "apparthotels");
    await page.setViewportSize({ width: 1280, height: 500 });
    await page.goto("/en/calendar");
    const send = page.getByRole("button", { name: "Send by e-mail" }).last();
    await send.scrollIntoViewIfNeeded();
    await send.click();
    await page.locator(".notice.ok, .notice[autofocus]").first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("notice") ?? false)).toBe(true);
    const inView = await page.evaluate(() => {
      const rect = document.activeElement!.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await page.context().close();
  });
});

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeFromOutbox, expectAccessible, launch, newContext } from "./chromium.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const labels = {
  en: { getCode: "Get a code", contract: "Contract number", customer: "Customer number", code: "Login code", accept: "I accept the terms and conditions", login: "Log in", home: "Home", profile: "My profile", email: "E-mail", update: "Update", saved: "Your changes have been saved.", logout: "Log out", byEmail: "By e-mail", ok: "Ok" },
} as const;

/**
 * The newcomer path of the foundation issue: login page in the browser's language, a code by
 * e-mail read in the outbox, login, home, a profile update — with JavaScript on or off.
 */
async function newcomerPath(page: Page, javaScript: boolean) {
  const t = labels.en;
  await page.goto("/");
  expect(new URL(page.url()).pathname).toBe("/en/login");
  await expectAccessible(page);

  await page.getByRole("link", { name: t.getCode }).click();
  if (javaScript) {
    // Swapped in place: still the login page.
    await page.locator("#code-dialog form").waitFor();
    expect(new URL(page.url()).pathname).toBe("/en/login");
  } else {
    await page.waitForURL("**/en/login/code**");
  }
  const dialog = page.locator(javaScript ? "#code-dialog" : "main");
  await dialog.getByLabel(t.customer).fill("439561");
  await dialog.getByLabel(t.byEmail).check();
  await dialog.getByRole("button", { name: t.ok }).click();
  await expect.poll(() => dialog.textContent()).toContain("valid for 1 hour");
  const confirmation = (await dialog.textContent()) ?? "";
  expect(confirmation).toContain("the e-mail address on file");
  expect(confirmation).not.toContain("info@apparthotels.com");

  const code = await codeFromOutbox(page, "info@apparthotels.com");
  if (!javaScript) await page.getByRole("link", { name: "Enter the code to log in" }).click();
  await page.getByLabel(t.contract).fill("5422");
  await page.getByLabel(t.customer, { exact: true }).first().fill("439561");
  await page.getByLabel(t.code).fill(code);
  await page.getByLabel(t.accept).check();
  await page.getByRole("button", { name: t.login, exact: true }).click();

  await page.waitForURL("**/en/home");
  await expect.poll(() => page.locator("main").textContent()).toContain("Dear Apparthotels NV");
  const home = (await page.locator("main").textContent()) ?? "";
  expect(home).toContain("439561");
  expect(home).toContain("As head office, you have access to the documents of all your buildings.");
  expect(await page.locator("main table tbody tr").count()).toBe(4);
  await expectAccessible(page);

  await page.getByRole("link", { name: t.profile }).click();
  await page.waitForURL("**/en/profile");
  await page.locator("#profile-contact").waitFor();
  await expectAccessible(page);
  const contact = page.locator("#profile-contact");
  const newEmail = javaScript ? "js.on@apparthotels.com" : "js.off@apparthotels.com";
  await contact.getByLabel(t.email).fill(newEmail);
  await contact.getByRole("button", { name: t.update }).click();
  await expect.poll(() => contact.textContent()).toContain(t.saved);
  await page.reload();
  expect(await page.locator("#profile-contact").getByLabel(t.email).inputValue()).toBe(newEmail);
  // Put the address back for the other run of this path.
  await page.locator("#profile-contact").getByLabel(t.email).fill("info@apparthotels.com");
  await page.locator("#profile-contact").getByRole("button", { name: t.update }).click();
  await expect.poll(() => page.locator("#profile-contact").textContent()).toContain(t.saved);

  await page.getByRole("button", { name: t.logout }).click();
  await page.waitForURL("**/en/login?loggedout=1");
}

describe("the newcomer path", () => {
  it("works with JavaScript on (htmx swaps in place)", async () => {
    const context = await newContext(browser, { javaScript: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await newcomerPath(page, true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("works with JavaScript off (plain links and forms)", async () => {
    const context = await newContext(browser, { javaScript: false });
    await newcomerPath(await context.newPage(), false);
    await context.close();
  });
});

describe("languages", () => {
  it("lands in the browser's language and the switch keeps the page", async () => {
    const context = await newContext(browser, { javaScript: true, locale: "fr-BE" });
    const page = await context.newPage();
    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/fr/login");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.getByRole("link", { name: "Nederlands" }).click();
    await page.waitForURL("**/nl/login");
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    expect(await page.locator("main").textContent()).toContain("Contractnummer");
    // The choice is remembered: "/" now goes to Dutch whatever the browser says.
    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/nl/login");
    await expectAccessible(page);
    await context.close();
  });
});

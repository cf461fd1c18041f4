import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs, fill } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

const t = catalogs.en;
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const logInAsOwner = (page: Page) => logInWithPassword(page, "DATATEAM", "Loket-Demo-2026");

/**
 * 004 §2.2: My users → search → create a user by invitation → find them → deactivate them,
 * with JavaScript on (active search, in-place navigation, a confirm dialog) and off (plain GET
 * form, the confirmation page).
 */
async function myUsersFlow(page: Page, javaScript: boolean) {
  await logInAsOwner(page);
  await page.getByRole("link", { name: t.app.myUsers, exact: true }).click();
  await page.waitForURL("**/en/users");
  await expect.poll(() => page.locator("main h1").textContent()).toBe(t.users.title);
  if (javaScript) await expectAccessible(page);

  const search = page.getByLabel(t.users.searchLabel, { exact: true });
  if (javaScript) {
    // Active search: only the results change, and the address follows.
    await search.pressSequentially("dankel");
    await expect.poll(() => page.locator("#users-results tbody tr").count()).toBe(1);
    await expect.poll(() => new URL(page.url()).search).toContain("q=dankel");
  } else {
    await search.fill("dankel");
    await page.getByRole("button", { name: t.users.search, exact: true }).click();
    await page.waitForURL("**/en/users?q=dankel**");
  }
  expect(await page.locator("#users-results tbody").textContent()).toContain("B2B");

  await page.getByRole("link", { name: t.users.createUser, exact: true }).click();
  await page.waitForURL("**/en/users/new");
  if (javaScript) await expectAccessible(page);
  const username = `e2e.${javaScript ? "on" : "off"}.${Date.now() % 100000}`;
  await page.getByLabel(`${t.users.username} *`, { exact: true }).fill(username);
  await page.getByLabel(t.users.genders.f, { exact: true }).check();
  await page.getByLabel(`${t.users.firstName} *`, { exact: true }).fill("Eva");
  await page.getByLabel(`${t.users.lastName} *`, { exact: true }).fill("Tester");
  await page.getByLabel(`${t.users.email} *`, { exact: true }).fill(`${username}@example.be`);
  await page.getByLabel(t.users.manageUsers, { exact: true }).check();
  await page.getByRole("button", { name: t.users.finish, exact: true }).click();
  await page.waitForURL(/\/en\/users\?notice=created/);
  await expect.poll(() => page.locator("main .notice").textContent()).toBe(fill(t.users.created, { username, email: `${username}@example.be` }));

  await page.getByLabel(t.users.searchLabel, { exact: true }).fill(username);
  if (javaScript) await expect.poll(() => page.locator("#users-results tbody tr").count()).toBe(1);
  else {
    await page.getByRole("button", { name: t.users.search, exact: true }).click();
    await page.waitForURL(`**/en/users?q=${username}**`);
  }
  const row = page.locator("#users-results tbody tr", { hasText: username });
  expect(await row.textContent()).toContain(t.users.statuses.INVITED);

  if (javaScript) {
    await row.getByRole("link", { name: t.users.edit, exact: true }).click();
    await page.waitForURL("**/edit");
    await expect.poll(() => page.locator("main h1").textContent()).toBe(fill(t.users.editTitle, { username }));
    await expectAccessible(page);
    await page.goBack();
    await page.waitForURL(`**/en/users?q=${username}**`);
    // htmx asks through the browser's confirm dialog and posts the confirmation with it.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.locator("#users-results tbody tr", { hasText: username }).getByRole("button", { name: t.users.deactivate, exact: true }).click();
  } else {
    // Without JavaScript the same button leads to the confirmation page.
    await row.getByRole("button", { name: t.users.deactivate, exact: true }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain(fill(t.users.deactivateQuestion, { name: "Eva Tester", username }));
    await page.getByRole("button", { name: t.users.deactivateConfirm, exact: true }).click();
  }
  await page.waitForURL(/\/en\/users\?notice=deactivated/);
  await expect.poll(() => page.locator("main .notice").textContent()).toBe(fill(t.users.deactivated, { username }));
}

describe("My users in Chromium", () => {
  it("works with JavaScript on", async () => {
    const context = await newContext(browser, { javaScript: true });
    await myUsersFlow(await context.newPage(), true);
    await context.close();
  });

  it("works with JavaScript off", async () => {
    const context = await newContext(browser, { javaScript: false });
    await myUsersFlow(await context.newPage(), false);
    await context.close();
  });
});

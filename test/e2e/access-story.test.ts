import { createClient } from "@libsql/client/node";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { catalogs, fill } from "../../src/lib/i18n.ts";
import { baseUrl, expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

const t = catalogs.en;
const PASSWORD = "Loket-Demo-2026";
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const logIn = (page: Page, identifier: string, password: string) => logInWithPassword(page, identifier, password);

async function invitationLink(page: Page, email: string): Promise<string> {
  const response = await page.request.get(`${baseUrl()}/dev/outbox`, { headers: { Accept: "application/json" } });
  const { messages } = (await response.json()) as { messages: { recipient: string; body: string }[] };
  const link = messages.find((m) => m.recipient === email)?.body.match(/https?:\/\/\S+\/invitation\/[\w-]+/)?.[0];
  if (!link) throw new Error(`no invitation for ${email}`);
  return link;
}

/**
 * The Access issue's story: the postal Access Owner creates a user by invitation, gives them
 * e-MassPost rights on two products and one billing address; the new user sets a password
 * through the invitation and sees exactly that and nothing more.
 */
async function story(javaScript: boolean) {
  const owner = await (await newContext(browser, { javaScript })).newPage();
  owner.setDefaultTimeout(10_000);
  await logIn(owner, "DATATEAM", PASSWORD);
  await owner.getByRole("link", { name: t.app.myUsers, exact: true }).click();
  await owner.waitForURL("**/en/users");
  await owner.getByRole("link", { name: t.users.createUser, exact: true }).click();
  await owner.waitForURL("**/en/users/new");
  const username = `story.${javaScript ? "on" : "off"}`;
  const email = `${username}@post.example.be`;
  await owner.getByLabel(`${t.users.username} *`, { exact: true }).fill(username);
  await owner.getByLabel(t.users.genders.m, { exact: true }).check();
  await owner.getByLabel(`${t.users.firstName} *`, { exact: true }).fill("Pieter");
  await owner.getByLabel(`${t.users.lastName} *`, { exact: true }).fill("Story");
  await owner.getByLabel(`${t.users.email} *`, { exact: true }).fill(email);
  await owner.getByRole("button", { name: t.users.finish, exact: true }).click();
  await owner.waitForURL(/\/en\/users\?notice=created/);

  // Rights → e-MassPost → two products, one billing address, one function → Save.
  await owner.getByLabel(t.users.searchLabel, { exact: true }).fill(username);
  if (!javaScript) await owner.getByRole("button", { name: t.users.search, exact: true }).click();
  const row = owner.locator("#users-results tbody tr", { hasText: username });
  await row.waitFor();
  await row.getByRole("link", { name: t.users.rights, exact: true }).click();
  await owner.waitForURL(/\/en\/users\/\d+\/rights$/);
  if (javaScript) await expectAccessible(owner);
  await owner.locator("tr", { hasText: "e-MassPost" }).getByRole("link", { name: t.rights.select, exact: true }).click();
  await owner.waitForURL(/\/rights\/emasspost$/);
  await owner.getByLabel("Price view", { exact: true }).check();
  await owner.getByLabel("Brief", { exact: true }).check();
  await owner.getByLabel("Aangetekend prior", { exact: true }).check();
  await owner.getByLabel("DE POST - SALES & MARKETING - MUNTCENTRUM 1e verd, 1000 BRUSSEL", { exact: true }).check();
  await owner.getByRole("button", { name: t.rights.save, exact: true }).click();
  await expect.poll(() => owner.locator("main").textContent()).toContain(t.rights.saved);
  if (javaScript) await expectAccessible(owner);

  // What is stored is exactly that.
  const db = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
  const stored = await db.execute({
    sql: `SELECT COALESCE(f.code, s.label) AS item FROM grants g JOIN memberships m ON m.id = g.membership_id JOIN users u ON u.id = m.user_id
          LEFT JOIN application_functions f ON g.item_kind = 'function' AND f.id = g.item_id LEFT JOIN scopes s ON g.item_kind = 'scope' AND s.id = g.item_id
          WHERE u.username = ? ORDER BY item`,
    args: [username],
  });
  db.close();
  expect(stored.rows.map((r) => r.item)).toEqual(["Aangetekend prior", "Brief", "DE POST - SALES & MARKETING - MUNTCENTRUM 1e verd, 1000 BRUSSEL", "price_view"]);

  // The new user accepts the invitation with a password of their own, then logs in.
  const user = await (await newContext(browser, { javaScript })).newPage();
  user.setDefaultTimeout(10_000);
  await user.goto(await invitationLink(owner, email));
  await user.getByLabel(t.password.change.newPassword, { exact: true }).fill("Nieuw-Wachtwoord-7");
  await user.getByLabel(t.password.change.confirm, { exact: true }).fill("Nieuw-Wachtwoord-7");
  await user.getByRole("button", { name: t.password.invitation.submit, exact: true }).click();
  await user.waitForURL("**/en/login/password**");
  await logIn(user, username, "Nieuw-Wachtwoord-7");
  expect(await user.locator("main").textContent()).toContain(fill(t.home.greeting, { name: "DE POST - SALES & MARKETING - MUNTCENTRUM 1e verd" }));
  // Nothing more: no user management, no routers, no history.
  const nav = (await user.locator("nav").textContent()) ?? "";
  for (const label of [t.app.myUsers, t.app.routers, t.app.history]) expect(nav).not.toContain(label);
  for (const path of ["/en/users", "/en/routers", "/en/history"]) {
    const response = await user.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  if (javaScript) await expectAccessible(user);
}

describe("Access: the owner delegates, the new user gets exactly that", () => {
  it("works with JavaScript on", async () => {
    await story(true);
  });
  it("works with JavaScript off", async () => {
    await story(false);
  });

  it("a Portal User cannot open My users", async () => {
    const page = await (await newContext(browser, { javaScript: true })).newPage();
    await logIn(page, "B2B", PASSWORD);
    const response = await page.goto("/en/users");
    expect(response?.status()).toBe(403);
    expect(await page.locator("main").textContent()).toContain(t.errors.forbidden);
    await expectAccessible(page);
  });
});

describe("Access: acting for several accounts", () => {
  for (const javaScript of [true, false]) {
    it(`a syndic switches between the customers they manage (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const page = await (await newContext(browser, { javaScript })).newPage();
      page.setDefaultTimeout(10_000);
      await logIn(page, "syndic.zavel", PASSWORD);
      expect(await page.locator("main").textContent()).toContain("439563");
      await page.getByRole("link", { name: t.app.myAccounts, exact: true }).click();
      await page.waitForURL("**/en/accounts");
      if (javaScript) await expectAccessible(page);
      // The switch rotates the session cookie: wait for its answer before the next request.
      await Promise.all([page.waitForResponse((r) => r.url().includes("/accounts/switch")), page.locator("tr", { hasText: "439562" }).getByRole("button", { name: t.rights.accounts.switch }).click()]);
      await page.waitForLoadState("networkidle");
      // This account has not accepted the current terms yet: the gate asks first.
      await page.goto("/en/home");
      if (page.url().includes("/terms/accept")) {
        await page.getByLabel(t.terms.accept, { exact: true }).check();
        await page.getByRole("button", { name: t.terms.submit, exact: true }).click();
        await page.waitForURL("**/en/home");
      }
      const home = (await page.locator("main").textContent()) ?? "";
      expect(home).toContain("439562");
      expect(home).toContain("Residentie Kunst");
    });
  }

  it("a router's administrator acts for the customer within the rights it received", async () => {
    const page = await (await newContext(browser, { javaScript: true })).newPage();
    await logIn(page, "ROUTER1", PASSWORD);
    expect(await page.locator("main").textContent()).toContain("DE POST - SALES &");
    // It manages its own staff, not the customer's users, and sees no routers or history.
    await page.goto("/en/users");
    const list = (await page.locator("#users-results").textContent()) ?? "";
    expect(list).not.toContain("DATATEAM");
    expect((await page.goto("/en/history"))?.status()).toBe(403);
  });
});

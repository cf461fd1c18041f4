import { createClient } from "@libsql/client/web";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { applyDuePackRequests } from "../../src/features/fleet/packs-service.ts";
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { catalogs } from "../../src/lib/i18n.ts";
import { hashPassword } from "../../src/lib/password.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

// Issue #11, part "contract and group packs": Margaux opens the contract 0000025351, reads the
// matrix, orders a 50 GB group pack, changes it to 100 GB once the provider has confirmed and
// applied the order, and switches on the pack's out-of-bundle notification at € 25.
const k = catalogs.en.fleetContract;
const PASSWORD = "Loket-Demo-2026";
const dbUrl = () => inject("dbUrl" as never) as string;
const dbToken = () => inject("dbToken" as never) as string;

async function sql<T = Record<string, unknown>>(statement: string, args: (string | number | null)[] = []): Promise<T[]> {
  const client = createClient({ url: dbUrl(), authToken: dbToken() });
  try {
    return (await client.execute({ sql: statement, args })).rows as unknown as T[];
  } finally {
    client.close();
  }
}

const CONTRACT = "(SELECT id FROM contracts WHERE contract_number = '0000025351')";
const openPack = () =>
  sql<{ id: number; status: string; gb: number }>(
    `SELECT p.id, p.status, o.data_gb AS gb FROM group_packs p JOIN pack_offers o ON o.id = p.offer_id WHERE p.contract_id = ${CONTRACT} AND p.status IN ('requested', 'active')`,
  );

/** The story starts without a pack: one left by the other run (JavaScript on/off) is closed first. */
async function withoutPack() {
  await sql(`UPDATE pack_requests SET status = 'cancelled' WHERE status IN ('pending', 'confirmed') AND pack_id IN (SELECT id FROM group_packs WHERE contract_id = ${CONTRACT})`);
  await sql(`UPDATE group_packs SET status = 'stopped' WHERE contract_id = ${CONTRACT} AND status IN ('requested', 'active')`);
}

/** What the provider does: the desk confirms the open request, the cron applies it on its effective date. */
async function providerConfirmsAndApplies(packId: number) {
  const [request] = await sql<{ id: number; effective_date: string }>("SELECT id, effective_date FROM pack_requests WHERE pack_id = ? AND status = 'pending'", [packId]);
  await sql("UPDATE pack_requests SET status = 'confirmed', decided_at = ?, decided_by = 'desk:e2e' WHERE id = ?", [Date.now(), request!.id]);
  await applyDuePackRequests(createDb(dbUrl(), dbToken()), request!.effective_date);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function story(javaScript: boolean) {
  await withoutPack();
  const page: Page = await (await newContext(browser, { javaScript })).newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await logInWithPassword(page, "margaux", PASSWORD);
  await page.goto("/en/fleet");
  await page.getByRole("link", { name: k.tile, exact: true }).click();
  await page.waitForURL("**/en/fleet/contract");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Contract 0000025351");
  const matrix = page.getByRole("table", { name: k.plans.caption });
  expect(await matrix.getByRole("row", { name: /Voice National 100 min/ }).textContent()).toContain(catalogs.en.fleet.notAllowed);
  expect(await matrix.getByRole("row", { name: /Data Asia tech 3 GB/ }).textContent()).toContain("€35.00");
  if (javaScript) await expectAccessible(page);
  // On a phone the page does not scroll sideways: the matrix scrolls inside its own box.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // (the kit's narrow-screen rule makes the table itself the scrolling box)
  expect(
    await page
      .locator("table")
      .first()
      .evaluate((box) => box.scrollWidth > box.clientWidth),
  ).toBe(true);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Order 50 GB.
  await page.getByRole("link", { name: k.tabs.packs, exact: true }).click();
  await page.getByRole("heading", { name: k.packs.orderTitle }).waitFor();
  const [fifty] = await sql<{ id: number }>("SELECT id FROM pack_offers WHERE data_gb = 50");
  await page.getByLabel(k.packs.offer, { exact: true }).selectOption(String(fifty!.id));
  await page.getByRole("button", { name: k.packs.order, exact: true }).click();
  await page.locator(".notice.ok").waitFor();
  expect(await page.locator(".notice.ok").textContent()).toMatch(/^Your order has been sent\. It takes effect on 1 \w+ \d{4} once Loket Demo confirms it\.$/);
  expect(await page.locator("[data-pack-status]").textContent()).toBe(k.packs.statuses.requested);
  if (javaScript) await expectAccessible(page);
  const [pack] = await openPack();
  expect(pack).toMatchObject({ status: "requested", gb: 50 });

  // The provider confirms; on the effective date the pack runs. Margaux changes it to 100 GB.
  await providerConfirmsAndApplies(pack!.id);
  await page.reload();
  expect(await page.locator("[data-pack-status]").textContent()).toBe(k.packs.statuses.active);
  const [hundred] = await sql<{ id: number }>("SELECT id FROM pack_offers WHERE data_gb = 100");
  await page.getByLabel(k.packs.newOffer, { exact: true }).selectOption(String(hundred!.id));
  await page.getByRole("button", { name: k.packs.modify, exact: true }).click();
  await page.locator(".notice.ok").waitFor();
  expect(await page.locator(".notice.ok").textContent()).toContain("Your change has been sent.");
  expect(await page.locator("[data-pack-request]").textContent()).toContain("Change to Group Data 100 GB");
  await providerConfirmsAndApplies(pack!.id);
  expect(await openPack()).toEqual([expect.objectContaining({ id: pack!.id, status: "active", gb: 100 })]);

  // The pack's notification at € 25.
  await page.reload();
  expect(await page.locator("[data-pack-offer]").textContent()).toBe("Group Data 100 GB");
  await page.getByRole("radio", { name: k.packs.alertOn, exact: true }).check();
  await page.getByLabel(k.packs.amount, { exact: true }).fill("25");
  await page.getByRole("button", { name: k.packs.save, exact: true }).click();
  await page.locator(".notice.ok").waitFor();
  expect(await page.locator(".notice.ok").textContent()).toBe(k.packs.notices.alertSaved);
  expect(await page.getByRole("radio", { name: k.packs.alertOn, exact: true }).isChecked()).toBe(true);
  expect(await sql("SELECT enabled, threshold_cents FROM usage_alerts WHERE pack_id = ?", [pack!.id])).toEqual([{ enabled: 1, threshold_cents: 2500 }]);
  if (javaScript) await expectAccessible(page);
  expect(errors).toEqual([]);
  await page.context().close();
}

describe("fleet contract and group packs: margaux's story", () => {
  it("with JavaScript", () => story(true));
  it("without JavaScript", () => story(false));
});

/** A staff member of this test only (a TOTP code logs in once), in English. */
async function staffMember() {
  const secret = encodeBase32NoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const username = `t11p.${Date.now().toString(36)}`;
  await sql("INSERT INTO staff (username, username_key, name, email, role, language, password_hash, totp_secret, created_at) VALUES (?, ?, 'Paula Packs', ?, 'agent', 'en', ?, ?, ?)", [
    username,
    username,
    `${username}@provider.example`,
    await hashPassword(PASSWORD),
    secret,
    Date.now(),
  ]);
  return { username, secret };
}

/** A pending request to change a pack of a contract of this test's own ("T11P…") on the mobile customer. */
async function pendingChange(gb: number) {
  const number = `T11PE${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`;
  const [contract] = await sql<{ id: number; customer: number }>(
    "INSERT INTO contracts (contract_number, customer_id, service) SELECT ?, id, 'Business Mobile' FROM customers WHERE customer_number = '100457319' RETURNING id, customer_id AS customer",
    [number],
  );
  const now = Date.now();
  const [pack] = await sql<{ id: number }>(
    "INSERT INTO group_packs (customer_id, contract_id, offer_id, status, starts_on, created_at, updated_at) SELECT ?, ?, id, 'active', '2026-01-01', ?, ? FROM pack_offers WHERE data_gb = 25 RETURNING id",
    [contract!.customer, contract!.id, now, now],
  );
  const [request] = await sql<{ id: number }>(
    "INSERT INTO pack_requests (pack_id, customer_id, kind, offer_id, effective_date, status, created_at, created_by) SELECT ?, ?, 'modify', id, '2099-01-01', 'pending', ?, 'e2e' FROM pack_offers WHERE data_gb = ? RETURNING id",
    [pack!.id, contract!.customer, now, gb],
  );
  return { number, requestId: Number(request!.id) };
}

async function deskQueue(javaScript: boolean) {
  const who = await staffMember();
  const refuse = await pendingChange(100);
  const confirm = await pendingChange(250);
  const page: Page = await (await newContext(browser, { javaScript })).newPage();
  page.setDefaultTimeout(10_000);
  const d = catalogs.en.desk;
  await page.goto("/en/desk/login");
  await page.getByLabel(d.login.username, { exact: true }).fill(who.username);
  await page.getByLabel(d.login.password, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: d.login.submit, exact: true }).click();
  await page.waitForURL("**/en/desk/login/code");
  await page.getByLabel(d.login.code, { exact: true }).fill(generateHOTP(decodeBase32IgnorePadding(who.secret), BigInt(Math.floor(Date.now() / 30_000)), 6));
  await page.getByRole("button", { name: d.login.codeSubmit, exact: true }).click();
  await page.waitForURL("**/en/desk/complaints");
  await page.getByRole("link", { name: k.desk.title, exact: true }).click();
  await page.waitForURL("**/en/desk/packs");
  if (javaScript) await expectAccessible(page);

  // Refuse one with a note (the second button of the row's form), confirm the other.
  const row = page.locator(`[data-request="${refuse.requestId}"]`);
  await row.getByLabel(k.desk.note, { exact: true }).fill("Not on this contract");
  await row.getByRole("button", { name: `Refuse: Change for contract ${refuse.number}`, exact: true }).click();
  await page.locator(".notice.ok").waitFor();
  expect(await page.locator(".notice.ok").textContent()).toBe(`Refused: Change for contract ${refuse.number}.`);
  expect(await sql("SELECT status, note FROM pack_requests WHERE id = ?", [refuse.requestId])).toEqual([{ status: "refused", note: "Not on this contract" }]);
  await page.getByRole("button", { name: `Confirm: Change for contract ${confirm.number}`, exact: true }).click();
  await page.locator(".notice.ok").waitFor({ state: "attached" });
  await page.waitForFunction((text) => document.querySelector(".notice.ok")?.textContent === text, `Confirmed: Change for contract ${confirm.number}.`);
  expect(await sql("SELECT status FROM pack_requests WHERE id = ?", [confirm.requestId])).toEqual([{ status: "confirmed" }]);
  expect(await page.locator(`[data-request="${confirm.requestId}"]`).count()).toBe(0);
  if (javaScript) await expectAccessible(page);
  await page.context().close();
}

describe("desk: the group packs queue", () => {
  it("with JavaScript", () => deskQueue(true));
  it("without JavaScript", () => deskQueue(false));
});

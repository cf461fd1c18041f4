import { createClient } from "@libsql/client/web";
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { catalogs } from "../../src/lib/i18n.ts";
import { hashPassword } from "../../src/lib/password.ts";
import { expectAccessible, launch, newContext } from "./chromium.ts";

// Issue #13, item 7: a supervisor publishes terms of use planned for 2099 from the desk, reads
// them, and withdraws them before they apply (so the stack's other tests never meet them).
const p = catalogs.en.termsDesk;
const d = catalogs.en.desk;
const PASSWORD = "Loket-Demo-2026";

async function sql<T = Record<string, unknown>>(statement: string, args: (string | number | null)[] = []): Promise<T[]> {
  const client = createClient({ url: inject("dbUrl" as never) as string, authToken: inject("dbToken" as never) as string });
  try {
    return (await client.execute({ sql: statement, args })).rows as unknown as T[];
  } finally {
    client.close();
  }
}

/** A supervisor of this test only (a TOTP code logs in once). */
async function supervisor() {
  const secret = encodeBase32NoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const username = `t13t.${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  await sql("INSERT INTO staff (username, username_key, name, email, role, language, password_hash, totp_secret, created_at) VALUES (?, ?, 'Tess Terms', ?, 'supervisor', 'en', ?, ?, ?)", [
    username,
    username,
    `${username}@provider.example`,
    await hashPassword(PASSWORD),
    secret,
    Date.now(),
  ]);
  return { username, secret };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function story(javaScript: boolean) {
  const who = await supervisor();
  const version = `2099.e2e-${javaScript ? "js" : "nojs"}-${Date.now().toString(36)}`;
  const page: Page = await (await newContext(browser, { javaScript })).newPage();
  page.setDefaultTimeout(10_000);
  try {
    await page.goto("/en/desk/login");
    await page.getByLabel(d.login.username, { exact: true }).fill(who.username);
    await page.getByLabel(d.login.password, { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: d.login.submit, exact: true }).click();
    await page.waitForURL("**/en/desk/login/code");
    await page.getByLabel(d.login.code, { exact: true }).fill(generateHOTP(decodeBase32IgnorePadding(who.secret), BigInt(Math.floor(Date.now() / 30_000)), 6));
    await page.getByRole("button", { name: d.login.codeSubmit, exact: true }).click();
    await page.waitForURL("**/en/desk/complaints");
    await page.locator("nav").getByRole("link", { name: p.nav, exact: true }).click();
    await page.waitForURL("**/en/desk/terms");
    if (javaScript) await expectAccessible(page);

    // First without the French text: the form comes back with what was typed and the message at the field.
    await page.getByLabel(p.form.version, { exact: true }).fill(version);
    await page.getByLabel(p.form.later, { exact: true }).check();
    await page.getByLabel(p.form.date, { exact: true }).fill("2099-01-01");
    await page.getByLabel(p.form.time, { exact: true }).fill("00:00");
    await page.getByLabel(p.form.bodyNl, { exact: true }).fill("Voorwaarden voor 2099.");
    await page.getByLabel(p.form.bodyEn, { exact: true }).fill("Terms for 2099.");
    await page.getByRole("button", { name: p.form.submit, exact: true }).click();
    await page.locator("#terms-bodyFr-error").waitFor();
    expect(await page.getByLabel(p.form.bodyNl, { exact: true }).inputValue()).toBe("Voorwaarden voor 2099.");
    expect(await sql("SELECT 1 FROM terms_versions WHERE version = ?", [version])).toHaveLength(0);
    if (javaScript) await expectAccessible(page);

    await page.getByLabel(p.form.bodyFr, { exact: true }).fill("Conditions pour 2099.");
    await page.getByRole("button", { name: p.form.submit, exact: true }).click();
    await page.waitForFunction((text) => document.querySelector(".notice.ok")?.textContent === text, `Version ${version} is published. It applies from 01/01/2099, 00:00.`);
    const [row] = await sql<{ id: number; effective_at: number }>("SELECT id, effective_at FROM terms_versions WHERE version = ?", [version]);
    expect(Number(row!.effective_at)).toBe(Date.UTC(2098, 11, 31, 23, 0));
    if (javaScript) await expectAccessible(page);

    await page.getByRole("link", { name: `Read the text of version ${version}`, exact: true }).click();
    await page.waitForURL(`**/en/desk/terms/${row!.id}`);
    await page.getByText("Conditions pour 2099.").waitFor();
    if (javaScript) await expectAccessible(page);
    await page.getByRole("link", { name: p.text.back, exact: true }).click();
    await page.waitForURL("**/en/desk/terms");

    await page.getByRole("button", { name: `Withdraw version ${version}`, exact: true }).click();
    await page.waitForFunction((text) => document.querySelector(".notice.ok")?.textContent === text, p.withdrawn);
    expect(await sql("SELECT 1 FROM terms_versions WHERE version = ?", [version])).toHaveLength(0);
  } finally {
    await sql("DELETE FROM terms_versions WHERE version = ?", [version]);
    await page.context().close();
  }
}

describe("desk: terms of use", () => {
  it("with JavaScript", () => story(true));
  it("without JavaScript", () => story(false));
});

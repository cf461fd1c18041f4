import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { expect, inject } from "vitest";
import { catalogs } from "../../src/lib/i18n.ts";

/** Debian's Chromium: no browser download here, and the closed network needs the quiet flags. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export function baseUrl(): string {
  return inject("baseUrl");
}

export async function newContext(browser: Browser, options: { javaScript: boolean; locale?: string }): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: options.javaScript, locale: options.locale ?? "en-BE", baseURL: baseUrl() });
}

/** The code for a recipient, read where a developer reads it: the development outbox. */
type Message = { id: number; recipient: string; body: string };

async function outboxMessages(page: Page): Promise<Message[]> {
  const response = await page.request.get(`${baseUrl()}/dev/outbox`, { headers: { Accept: "application/json" } });
  return ((await response.json()) as { messages: Message[] }).messages;
}

/** The newest message's id: take it before asking for a code, then codeFromOutbox waits for a newer one. */
export async function newestMessageId(page: Page): Promise<number> {
  return (await outboxMessages(page))[0]?.id ?? 0;
}

/** The code in the first message to the recipient newer than `afterId` (it is queued just after the answer). */
export async function codeFromOutbox(page: Page, recipient: string, afterId = 0): Promise<string> {
  const until = Date.now() + 5000;
  for (;;) {
    const message = (await outboxMessages(page)).find((m) => m.recipient === recipient && m.id > afterId);
    const code = message?.body.match(/ ([A-Za-z0-9]{6})\. /)?.[1];
    if (code) return code;
    if (Date.now() > until) throw new Error(`no code for ${recipient}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** axe-core: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Password login as a named user; accepts the terms when the account has not yet. */
export async function logInWithPassword(page: Page, identifier: string, password: string, t = catalogs.en) {
  page.setDefaultTimeout(10_000);
  await page.goto("/en/login/password");
  await page.getByLabel(t.password.identifier, { exact: true }).fill(identifier);
  await page.getByLabel(t.password.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.password.submit, exact: true }).click();
  await page.waitForURL(/\/en\/(home|terms\/accept)/);
  if (page.url().includes("/terms/accept")) {
    await page.getByLabel(t.terms.accept, { exact: true }).check();
    await page.getByRole("button", { name: t.terms.submit, exact: true }).click();
    await page.waitForURL("**/en/home");
  }
}

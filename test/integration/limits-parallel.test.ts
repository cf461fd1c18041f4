import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { latestCode, loggedInAs, TestBrowser, testAccount, waitForOutbox } from "./browser.ts";
import { createUser } from "./password-fixtures.ts";

/**
 * Limits counted exactly when the tries arrive together (issue #7, item 3). Each test fires its
 * tries at once and then counts the answers: the counts are exact, not "about".
 */
function count(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** One browser per try, each from its own address, so only the limit under test applies. */
async function browsers(n: number, page: string) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const browser = new TestBrowser(`203.0.${Math.floor(Math.random() * 200)}.${i + 1}`);
      await browser.get(page);
      return browser;
    }),
  );
}

describe("limits hold under parallel requests", () => {
  it("8 wrong codes at once, then the right one: the code died after 5 and says so", async () => {
    const account = testAccount(12);
    const asker = new TestBrowser();
    await asker.get("/en/login");
    await asker.post("/en/login/code", { customerNumber: account.customerNumber, channel: "email" });
    const code = (await latestCode(account.email))!;
    const wrong = code === "aaaaaa" ? "bbbbbb" : "aaaaaa";
    const tries = await browsers(8, "/en/login");
    const answers = await Promise.all(tries.map((b) => b.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code: wrong, acceptTerms: "on" })));
    expect(count(answers.map((a) => a.status))).toEqual({ 422: 8 });

    const right = await asker.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code, acceptTerms: "on" });
    expect(right.status).toBe(422);
    expect(asker.cookies.has("__Host-loket_session")).toBe(false);
    expect(right.text).toContain("This code has been tried too many times and no longer works. Ask for a new code.");
  });

  it("the right code sent twice at once logs in once", async () => {
    const account = testAccount(14);
    const asker = new TestBrowser();
    await asker.get("/en/login");
    await asker.post("/en/login/code", { customerNumber: account.customerNumber, channel: "email" });
    const code = (await latestCode(account.email))!;
    const tries = await browsers(6, "/en/login");
    const answers = await Promise.all(tries.map((b) => b.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code, acceptTerms: "on" })));
    expect(count(answers.map((a) => a.status))).toEqual({ 303: 1, 422: 5 });
  });

  it("12 wrong passwords at once, then the right one: exactly 3 were checked, the rest and the right one wait", async () => {
    const user = await createUser({ account: 52 });
    const tries = await browsers(12, "/en/login/password");
    const answers = await Promise.all(tries.map((b, i) => b.post("/en/login/password", { identifier: user.username, password: `Wrong-Password-${i}` })));
    expect(count(answers.map((a) => a.status))).toEqual({ 422: 3, 429: 9 });

    const right = (await browsers(1, "/en/login/password"))[0]!;
    const answer = await right.post("/en/login/password", { identifier: user.username, password: user.password });
    expect(answer.status).toBe(429);
    expect(answer.text).toContain("Too many failed attempts. Wait 30 seconds before you try again.");
    expect(right.cookies.has("__Host-loket_session")).toBe(false);
  });

  it("the lock is the user's: locked by its username, its e-mail address waits too", async () => {
    const user = await createUser({ account: 53 });
    const browser = new TestBrowser();
    await browser.get("/en/login/password");
    for (let i = 0; i < 3; i++) expect((await browser.post("/en/login/password", { identifier: user.username, password: `Wrong-${i}-Password` })).status).toBe(422);
    const other = (await browsers(1, "/en/login/password"))[0]!;
    const byEmail = await other.post("/en/login/password", { identifier: user.email, password: user.password });
    expect(byEmail.status).toBe(429);
    expect(other.cookies.has("__Host-loket_session")).toBe(false);
  });

  it("30 code logins at once for one customer: exactly 10 are tried, 20 get 429, none 500", async () => {
    const account = testAccount(13);
    const tries = await browsers(30, "/en/login");
    const answers = await Promise.all(tries.map((b) => b.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code: "aaaaaa", acceptTerms: "on" })));
    expect(count(answers.map((a) => a.status))).toEqual({ 422: 10, 429: 20 });
  });

  it("20 code requests at once for one customer: exactly 3 codes are sent", async () => {
    const account = testAccount(15);
    const before = (await waitForOutbox(() => true))[0]?.id ?? 0;
    const tries = await browsers(20, "/en/login");
    const answers = await Promise.all(tries.map((b) => b.post("/en/login/code", { customerNumber: account.customerNumber, channel: "sms" })));
    expect(count(answers.map((a) => a.status))).toEqual({ 200: 3, 429: 17 });
    const sent = (await waitForOutbox((all) => all.filter((m) => m.id > before && m.recipient === account.phone).length >= 3)).filter((m) => m.id > before && m.recipient === account.phone);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent).toHaveLength(3);
  });

  it("20 login attempts at once from one address: exactly 20 pass the client limit, the 21st gets 429", async () => {
    const browser = new TestBrowser("192.0.2.77");
    await browser.get("/en/login");
    const answers = await Promise.all(Array.from({ length: 21 }, (_, i) => browser.post("/en/login", { contractNumber: "1", customerNumber: String(980000 + i), code: "aaaaaa", acceptTerms: "on" })));
    expect(count(answers.map((a) => a.status))).toEqual({ 422: 20, 429: 1 });
  });
});

describe("a named user still logs in after all this", () => {
  it("DATATEAM", async () => {
    const browser = await loggedInAs("DATATEAM");
    expect((await browser.get("/en/home")).status).toBe(200);
    expect(SELF).toBeDefined();
  });
});

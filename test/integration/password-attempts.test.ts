import { afterEach, describe, expect, it, vi } from "vitest";
import { lockFor, attemptPolicies } from "../../src/features/password/attempts.ts";
import { TestBrowser } from "./browser.ts";
import { createUser } from "./password-fixtures.ts";

afterEach(() => {
  vi.useRealTimers();
});

const login = (browser: TestBrowser, identifier: string, password: string) => browser.post("/en/login/password", { identifier, password });

async function failTimes(browser: TestBrowser, identifier: string, times: number) {
  for (let i = 0; i < times; i++) {
    const answer = await login(browser, identifier, `Wrong-Password-${i}`);
    expect(answer.status).toBe(422);
    expect(answer.text).toContain("This username or password is not right");
  }
}

describe("failed password logins: growing delays per account and per client", () => {
  it("the delays double from 30 seconds up to 15 minutes", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((failures) => lockFor(attemptPolicies.account, failures) / 1000);
    expect(delays).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it("after 3 failures the account is locked for 30 s, then 60 s after the next failure; the right password waits too", async () => {
    const user = await createUser({ account: 59 });
    const browser = new TestBrowser();
    await browser.get("/en/login/password");
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    await failTimes(browser, user.username, 3);

    const locked = await login(browser, user.username, user.password);
    expect(locked.status).toBe(429);
    expect(locked.text).toContain("Too many failed attempts. Wait 30 seconds before you try again.");
    expect(locked.response.headers.get("Retry-After")).toBe("30");
    expect(browser.cookies.has("__Host-loket_session")).toBe(false);
    // The lock is per account whichever browser or address tries it, however the name is cased.
    const other = new TestBrowser();
    await other.get("/en/login/password");
    expect((await login(other, user.username.toUpperCase(), user.password)).status).toBe(429);

    vi.setSystemTime(start + 31_000);
    await failTimes(browser, user.username, 1);
    const longer = await login(browser, user.username, user.password);
    expect(longer.status).toBe(429);
    expect(longer.text).toContain("Wait 60 seconds");

    vi.setSystemTime(start + 31_000 + 45_000);
    expect((await login(browser, user.username, user.password)).status).toBe(429);

    vi.setSystemTime(start + 31_000 + 61_000);
    const ok = await login(browser, user.username, user.password);
    expect(ok.status).toBe(303);

    // The success cleared the account's counter: two new failures do not lock it.
    const again = new TestBrowser();
    await again.get("/en/login/password");
    await failTimes(again, user.username, 2);
    expect((await login(again, user.username, user.password)).status).toBe(303);
  });

  it("an unknown username is locked exactly like a known one", async () => {
    const known = await createUser({ account: 59 });
    const answers: string[] = [];
    for (const identifier of [known.username, "no-such-user-anywhere"]) {
      const browser = new TestBrowser();
      await browser.get("/en/login/password");
      await failTimes(browser, identifier, 3);
      const locked = await login(browser, identifier, "Any-Password-1");
      expect(locked.status).toBe(429);
      answers.push(locked.text.replace(/name="_csrf" value="[^"]+"/, "").replace(/value="[^"]*"/g, ""));
    }
    expect(answers[1]).toBe(answers[0]);
  });

  it("one client failing on many names is slowed down too", async () => {
    const user = await createUser({ account: 60 });
    const browser = new TestBrowser();
    await browser.get("/en/login/password");
    for (let i = 0; i < 10; i++) await failTimes(browser, `guess-${i}-${crypto.randomUUID().slice(0, 6)}`, 1);
    const locked = await login(browser, user.username, user.password);
    expect(locked.status).toBe(429);
    expect(locked.text).toContain("Wait 30 seconds");
    // Another client logs in to that account as usual.
    const elsewhere = new TestBrowser();
    await elsewhere.get("/en/login/password");
    expect((await login(elsewhere, user.username, user.password)).status).toBe(303);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { latestCode, loggedIn, TestBrowser, testAccount, waitForOutbox } from "./browser.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("code login (manual p.5–7)", () => {
  it("happy path: get a code by e-mail, read it in the outbox, log in, see home", async () => {
    const browser = new TestBrowser();
    const account = testAccount(1);
    const page = await browser.get("/en/login");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Contract number");
    expect(page.text).toContain("Get a code");

    const sent = await browser.post("/en/login/code", { customerNumber: account.customerNumber, channel: "email" });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain("valid for 1 hour");
    expect(sent.text).not.toContain(account.email);

    const code = await latestCode(account.email);
    expect(code).toMatch(/^[A-Za-z2-9]{6}$/);
    expect(code).not.toMatch(/[0O1lIi]/);

    const login = await browser.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code: code!, acceptTerms: "on" });
    expect(login.status).toBe(303);
    expect(login.location).toBe("/en/home");
    const session = browser.cookies.get("__Host-loket_session");
    expect(session).toBeTruthy();
    expect(login.response.headers.getSetCookie().join("\n")).toMatch(/__Host-loket_session=[^;]+; .*HttpOnly; Secure; SameSite=Lax/);

    const home = await browser.get("/en/home");
    expect(home.status).toBe(200);
    expect(home.text).toContain("Dear Testklant 1");
    expect(home.text).toContain(account.customerNumber);
  });

  it("a wrong code is refused with the same message as an unknown customer", async () => {
    const browser = new TestBrowser();
    const account = testAccount(2);
    await browser.get("/en/login");
    await browser.post("/en/login/code", { customerNumber: account.customerNumber, channel: "email" });
    const code = (await latestCode(account.email))!;
    const wrong = code === "aaaaaa" ? "bbbbbb" : "aaaaaa";
    const bad = await browser.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code: wrong, acceptTerms: "on" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("These details do not match a valid login code");
    expect(browser.cookies.has("__Host-loket_session")).toBe(false);
    const unknown = await browser.post("/en/login", { contractNumber: "999999", customerNumber: "999998", code: wrong, acceptTerms: "on" });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain("These details do not match a valid login code");
    // The right code still works after one wrong try.
    const ok = await browser.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code, acceptTerms: "on" });
    expect(ok.status).toBe(303);
  });

  it("a code is single use", async () => {
    const { account } = await loggedIn(3);
    const code = (await latestCode(account.email))!;
    const other = new TestBrowser();
    await other.get("/en/login");
    const reuse = await other.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code, acceptTerms: "on" });
    expect(reuse.status).toBe(422);
  });

  it("a code expires after one hour (simulated clock)", async () => {
    const browser = new TestBrowser();
    const account = testAccount(4);
    await browser.get("/en/login");
    await browser.post("/en/login/code", { customerNumber: account.customerNumber, channel: "email" });
    const code = (await latestCode(account.email))!;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60 * 60 * 1000 + 1000);
    const late = await browser.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code, acceptTerms: "on" });
    expect(late.status).toBe(422);
    expect(late.text).toContain("These details do not match");
  });

  it("five wrong tries invalidate the code", async () => {
    const browser = new TestBrowser();
    const account = testAccount(5);
    await browser.get("/en/login");
    await browser.post("/en/login/code", { customerNumber: account.customerNumber, channel: "email" });
    const code = (await latestCode(account.email))!;
    const wrong = code === "aaaaaa" ? "bbbbbb" : "aaaaaa";
    for (let i = 0; i < 5; i++) {
      const r = await browser.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code: wrong, acceptTerms: "on" });
      expect(r.status).toBe(422);
    }
    const right = await browser.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code, acceptTerms: "on" });
    expect(right.status).toBe(422);
    expect(browser.cookies.has("__Host-loket_session")).toBe(false);
  });

  it("code requests are rate-limited per customer", async () => {
    const account = testAccount(6);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const browser = new TestBrowser();
      await browser.get("/en/login");
      statuses.push((await browser.post("/en/login/code", { customerNumber: account.customerNumber, channel: "email" })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const sentTo = (await waitForOutbox((all) => all.filter((m) => m.recipient === account.email).length >= 3)).filter((m) => m.recipient === account.email);
    expect(sentTo).toHaveLength(3);
  });

  it("login attempts are rate-limited per client", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/login");
    let last = 0;
    for (let i = 0; i < 21; i++) {
      last = (await browser.post("/en/login", { contractNumber: "1", customerNumber: String(990000 + i), code: "aaaaaa", acceptTerms: "on" })).status;
    }
    expect(last).toBe(429);
    const page = browser.lastHtml;
    expect(page).toContain("Too many attempts");
  });

  it("answers the same whether or not the customer exists (no enumeration)", async () => {
    const known = new TestBrowser();
    await known.get("/en/login");
    const a = await known.post("/en/login/code", { customerNumber: testAccount(7).customerNumber, channel: "sms" });
    const unknown = new TestBrowser();
    await unknown.get("/en/login");
    const b = await unknown.post("/en/login/code", { customerNumber: "123456789", channel: "sms" });
    expect(a.status).toBe(b.status);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, "").replace(/\d{6,}/g, "N");
    expect(strip(a.text)).toBe(strip(b.text));
    const sent = await waitForOutbox((all) => all.some((m) => m.recipient === testAccount(7).phone && m.channel === "sms"));
    expect(sent.some((m) => m.recipient === testAccount(7).phone && m.channel === "sms")).toBe(true);
  });

  it("sends the code to the syndic when a syndic manages the account", async () => {
    const browser = new TestBrowser();
    await browser.get("/nl/login");
    const r = await browser.post("/nl/login/code", { customerNumber: "439563", channel: "email" });
    expect(r.status).toBe(200);
    expect(r.text).toContain("syndicus");
    expect(r.text).not.toContain("beheer@syndicus-zavel.be");
    const message = (await waitForOutbox((all) => all[0]?.recipient === "beheer@syndicus-zavel.be"))[0]!;
    expect(message.recipient).toBe("beheer@syndicus-zavel.be");
    expect(message.recipient).not.toBe("zavel@apparthotels.com");
  });

  it("each validation error is shown next to its field, in the user's language, with the input kept", async () => {
    const browser = new TestBrowser(undefined, "fr");
    await browser.get("/fr/login");
    const r = await browser.post("/fr/login", { contractNumber: "abc", customerNumber: "", code: "12", contractExtra: "" });
    expect(r.status).toBe(422);
    expect(r.text).toContain('value="abc"');
    expect((r.text.match(/class="field-error"/g) ?? []).length).toBe(4);
    expect(r.text).toContain('lang="fr"');
    const code = await browser.post("/fr/login/code", { customerNumber: "12x", channel: "fax" });
    expect(code.status).toBe(422);
    expect((code.text.match(/class="field-error"/g) ?? []).length).toBe(2);
  });

  it("rejects a POST without the CSRF token or from another origin", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/login");
    const noToken = await browser.post("/en/login/code", { customerNumber: "439561", channel: "email" }, {}, false);
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain("This form has expired");
    const foreign = await browser.post("/en/login/code", { customerNumber: "439561", channel: "email" }, { Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
  });
});

describe("sessions", () => {
  it("logout ends the session", async () => {
    const { browser } = await loggedIn(8);
    const cookie = browser.cookies.get("__Host-loket_session")!;
    const out = await browser.post("/en/logout", {});
    expect(out.status).toBe(303);
    expect(out.location).toBe("/en/login?loggedout=1");
    expect(browser.cookies.has("__Host-loket_session")).toBe(false);
    // The old cookie, replayed, is worth nothing.
    browser.cookies.set("__Host-loket_session", cookie);
    const home = await browser.get("/en/home");
    expect(home.status).toBe(303);
    expect(home.location).toContain("/en/login");
  });

  it("an idle session ends after 30 minutes (simulated clock)", async () => {
    const { browser } = await loggedIn(9);
    expect((await browser.get("/en/home")).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 29 * 60 * 1000);
    expect((await browser.get("/en/home")).status).toBe(200);
    vi.setSystemTime(Date.now() + 31 * 60 * 1000);
    const idle = await browser.get("/en/home");
    expect(idle.status).toBe(303);
    expect(idle.location).toBe("/en/login?expired=1");
  });

  it("rotates the session id at login", async () => {
    const { browser, account } = await loggedIn(10);
    const first = browser.cookies.get("__Host-loket_session");
    await browser.post("/en/login/code", { customerNumber: account.customerNumber, channel: "email" });
    const code = (await latestCode(account.email))!;
    await browser.post("/en/login", { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code, acceptTerms: "on" });
    const second = browser.cookies.get("__Host-loket_session");
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
  });
});

describe("log out everywhere", () => {
  it("ends every session of the account, not only this one", async () => {
    const first = await loggedIn(11);
    const second = await loggedIn(11);
    expect((await second.browser.get("/en/home")).status).toBe(200);
    await first.browser.get("/en/profile");
    const out = await first.browser.post("/en/logout/everywhere", {});
    expect(out.location).toBe("/en/login?loggedout=everywhere");
    const other = await second.browser.get("/en/home");
    expect(other.status).toBe(303);
    expect(other.location).toBe("/en/login?expired=1");
  });
});

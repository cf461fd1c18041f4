import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, inject } from "vitest";
import { createApp } from "../../src/app.tsx";
import type { Env } from "../../src/lib/env.ts";
import { latestCode, loggedIn, loggedInAs, outbox, TestBrowser, testAccount, waitForOutbox } from "./browser.ts";
import { createUser, linkIn, newestOutboxId, waitForMail } from "./password-fixtures.ts";
import { sql } from "./sql.ts";

const workerEnv = env as unknown as Env;
const context = () => ({ waitUntil() {}, passThroughOnException() {}, props: {} }) as unknown as ExecutionContext;

/** Sends a request to a fresh app with some of the environment replaced (a frozen or dead database). */
async function requestWith(overrides: Partial<Env>, path: string, init: RequestInit = {}) {
  return createApp().request(`https://loket.test${path}`, init, { ...workerEnv, ...overrides }, context());
}

describe("a frozen database (issue #7, item 2)", () => {
  it("a write that never returns: the 503 page in the user's language within seconds, and nothing half-written", async () => {
    const { browser, account } = await loggedIn(16, "fr");
    await browser.get("/fr/profile");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const body = new URLSearchParams({ _csrf: browser.csrfToken(), email: "gel@example.be", phone: "0470 99 99 99" });
    const started = Date.now();
    const response = await requestWith({ TURSO_DATABASE_URL: inject("frozenDbUrl"), DB_TIMEOUT_MS: "1500" }, "/fr/profile/contact", {
      method: "POST",
      body,
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test" },
    });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("temporairement indisponible");
    expect(elapsed).toBeLessThan(6000);
    // Neither the change nor its audit event: the batch holding both never reached the database.
    const [stored] = await sql<{ email: string }>("SELECT email FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = ?", [account.customerNumber]);
    expect(stored!.email).toBe(account.email);
    expect(await sql("SELECT a.id FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND a.action = 'profile.contact'", [account.customerNumber])).toEqual([]);
  }, 15_000);

  it("without a setting, the deadline is wrangler.toml's few seconds, not workerd's own", async () => {
    const { browser } = await loggedIn(16, "nl");
    await browser.get("/nl/profile");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const body = new URLSearchParams({ _csrf: browser.csrfToken(), email: "gel2@example.be", phone: "0470 99 99 98" });
    const started = Date.now();
    const response = await requestWith({ TURSO_DATABASE_URL: inject("frozenDbUrl") }, "/nl/profile/contact", {
      method: "POST",
      body,
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test" },
    });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("tijdelijk niet beschikbaar");
    expect(Date.now() - started).toBeLessThan(7000);
  }, 15_000);
});

describe("Get a code answers before any lookup (issue #7, item 5)", () => {
  it("answers the same 'sent' page even when the database is down: the lookup and the message come after the answer", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/login");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const body = new URLSearchParams({ _csrf: browser.csrfToken(), customerNumber: testAccount(17).customerNumber, channel: "email" });
    const response = await requestWith({ TURSO_DATABASE_URL: "http://127.0.0.1:9" }, "/en/login/code", {
      method: "POST",
      body,
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test", "CF-Connecting-IP": "192.0.2.17" },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("valid for 1 hour");
  });

  it("the message still arrives, once, with its audit event", async () => {
    const account = testAccount(18);
    const before = await newestOutboxId();
    const browser = new TestBrowser();
    await browser.get("/en/login");
    expect((await browser.post("/en/login/code", { customerNumber: account.customerNumber, channel: "email" })).status).toBe(200);
    const sent = (await waitForOutbox((all) => all.some((m) => m.id > before && m.recipient === account.email))).filter((m) => m.id > before && m.recipient === account.email);
    expect(sent).toHaveLength(1);
    const audit = await sql("SELECT a.id FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND a.action = 'login.code_requested'", [account.customerNumber]);
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});

describe("links in e-mails use the configured origin (issue #7, item 6)", () => {
  it("a password reset asked through Host evil.example still links to the portal's own address", async () => {
    const user = await createUser({ account: 54 });
    const before = await newestOutboxId();
    const page = await SELF.fetch("https://evil.example/en/password/forgot", { headers: { "CF-Connecting-IP": "192.0.2.66" } });
    const html = await page.text();
    const token = html.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const csrfCookie = page.headers
      .getSetCookie()
      .find((line) => line.startsWith("__Host-loket_csrf="))!
      .split(";")[0]!;
    const answer = await SELF.fetch("https://evil.example/en/password/forgot", {
      method: "POST",
      body: new URLSearchParams({ _csrf: token, identifier: user.username }),
      headers: { Cookie: csrfCookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", Host: "evil.example", "CF-Connecting-IP": "192.0.2.66" },
      redirect: "manual",
    });
    expect(answer.status).toBeLessThan(400);
    const mail = await waitForMail(user.email, before);
    const link = linkIn(mail.body)!;
    expect(link.startsWith("https://loket.test/en/password/reset/")).toBe(true);
    expect(mail.body).not.toContain("evil.example");
  });
});

describe("bodies (issue #7, item 7)", () => {
  async function formPost(path: string, body: BodyInit, contentType: string | undefined, extra: Record<string, string> = {}) {
    const browser = new TestBrowser();
    await browser.get("/fr/login");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return SELF.fetch(`https://loket.test${path}`, {
      method: "POST",
      body,
      headers: { Cookie: cookie, Origin: "https://loket.test", ...(contentType ? { "Content-Type": contentType } : {}), ...extra },
      redirect: "manual",
    });
  }

  it("a multipart body without a boundary is a 400 in the user's language, not the 503 page", async () => {
    const response = await formPost("/fr/login", "whatever", "multipart/form-data", { "X-CSRF-Token": "x" });
    // The header token is wrong: refused before the body is even looked at.
    expect(response.status).toBe(403);
    const browser = new TestBrowser();
    await browser.get("/fr/login");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const malformed = await SELF.fetch("https://loket.test/fr/login", {
      method: "POST",
      body: "garbage without parts",
      headers: { Cookie: cookie, Origin: "https://loket.test", "Content-Type": "multipart/form-data", "X-CSRF-Token": browser.csrfToken() },
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("Le formulaire n’a pas pu être lu");
  });

  it("a form with broken encoding, without the header token, is a 400 too", async () => {
    const response = await formPost("/fr/login", "_csrf=%E0%A4%A&contractNumber=%FF", "multipart/form-data; boundary=");
    expect(response.status).toBe(400);
  });

  it("a body above the route's limit is refused with 413 from its Content-Length, before it is read", async () => {
    const big = "x".repeat(200 * 1024);
    const response = await formPost("/fr/login", `contractNumber=${big}`, "application/x-www-form-urlencoded");
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("trop volumineux");
  });

  it("a streamed body without Content-Length is cut off at the limit as well", async () => {
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 40) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await formPost("/en/login", stream, "application/x-www-form-urlencoded", { "Transfer-Encoding": "chunked" });
    expect(response.status).toBe(413);
    // It stopped reading: far fewer than the 40 chunks were pulled.
    expect(sent).toBeLessThan(40);
  });

  it("an upload without the header token must come from this site, and its token is read only after authorization", async () => {
    const form = new FormData();
    form.set("_csrf", "anything");
    form.set("email", "x@example.be");
    // No session: the route's authorization refuses it (to login) before the body is read.
    const anonymous = await formPost("/en/profile/contact", form, undefined);
    expect(anonymous.status).toBe(303);
    const foreign = await formPost("/en/profile/contact", form, undefined, { Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    // Logged in, with a wrong token in the multipart body: refused after authorization.
    const { browser } = await loggedIn(19);
    await browser.get("/en/profile");
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const wrong = await SELF.fetch("https://loket.test/en/profile/contact", { method: "POST", body: form, headers: { Cookie: cookie, Origin: "https://loket.test" }, redirect: "manual" });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain("This form has expired");
    // The right token in the body: accepted.
    const right = new FormData();
    right.set("_csrf", browser.csrfToken());
    right.set("email", "upload.path@example.be");
    right.set("phone", "0470 11 22 33");
    const ok = await SELF.fetch("https://loket.test/en/profile/contact", { method: "POST", body: right, headers: { Cookie: cookie, Origin: "https://loket.test" }, redirect: "manual" });
    expect(ok.status).toBe(303);
  });
});

describe("a code login is temporary single access, not an administrator (issue #7, item 8)", () => {
  it("the postal account's code login consults and acts on its data, but creates no user, grants no right, edits no named user", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/login");
    // The account's contact: the newest login code sent to that address after this request is ours.
    const [contact] = await sql<{ email: string }>("SELECT cd.email FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = '0001023456'");
    await browser.post("/en/login/code", { customerNumber: "0001023456", channel: "email" });
    const code = (await latestCode(contact!.email))!;
    const login = await browser.post("/en/login", { contractNumber: "3100012345", customerNumber: "0001023456", code, acceptTerms: "on" });
    expect(login.status).toBe(303);
    expect((await browser.get("/en/profile")).status).toBe(200);
    const home = await browser.get("/en/home");
    expect(home.text).not.toContain('href="/en/users"');
    expect(home.text).not.toContain('href="/en/routers"');

    const [datateam] = await sql<{ id: number }>("SELECT id FROM users WHERE username = 'DATATEAM'");
    const before = await sql("SELECT count(*) AS n FROM users");
    expect((await browser.get("/en/users/new")).status).toBe(403);
    expect((await browser.post("/en/users/new", { firstName: "Eve", lastName: "Owner", email: "eve@example.be", username: "EVEOWNER", profile: "owner" })).status).toBe(403);
    expect((await browser.get(`/en/users/${datateam!.id}/edit`)).status).toBe(403);
    expect((await browser.post(`/en/users/${datateam!.id}/edit`, { firstName: "Hacked" })).status).toBe(403);
    expect((await browser.post(`/en/users/${datateam!.id}/rights/emasspost`, { functions: "price_view" })).status).toBe(403);
    expect((await browser.get("/en/routers")).status).toBe(403);
    expect(await sql("SELECT count(*) AS n FROM users")).toEqual(before);
    const [name] = await sql<{ first_name: string }>("SELECT first_name FROM users WHERE id = ?", [datateam!.id]);
    expect(name!.first_name).not.toBe("Hacked");

    // The named Access Owner still does all of it.
    const owner = await loggedInAs("DATATEAM");
    expect((await owner.get("/en/users/new")).status).toBe(200);
    expect((await owner.get("/en/routers")).status).toBe(200);
    expect(outbox).toBeDefined();
  });
});

// Registration and login with itsme or the eID card (issue #13) against the local OpenID providers
// (scripts/oidc-provider): the Worker's relying party, the person, the link, the terms, the audit,
// the session; My accounts for a person; the profile's masked number; refusals and the rate limit.
import { env as workerEnv } from "cloudflare:workers";
import type { Env } from "../../src/lib/env.ts";
import { markRightsChanged } from "../../src/lib/session.ts";
import { describe, expect, it } from "vitest";
import { TestBrowser, testAccount } from "./browser.ts";
import { callback, person, SESSION_COOKIE, startLogin, startRegistration, stored, TX_COOKIE, walkBack } from "./identity-helpers.ts";
import { sql } from "./sql.ts";

const env = workerEnv as unknown as Env;

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

describe("the login page's itsme / eID blocks", () => {
  it("offers registration (contract, customer, terms, a button per provider) and direct login, in a page under 14 KB gzip", async () => {
    const browser = new TestBrowser();
    const page = await browser.get("/en/login");
    expect(page.status).toBe(200);
    expect(page.text).toContain("First registration or adding a new account to your area");
    expect(page.text).toContain("I have already registered");
    expect(page.text).toContain('action="/en/identity/register"');
    expect(page.text).toContain('action="/en/identity/login"');
    expect(page.text).toContain("Register with itsme");
    expect(page.text).toContain("Register with your eID card");
    expect(page.text).toContain("Log in with itsme");
    expect(page.text).toContain('id="reg-contractNumber"');
    // The code login keeps its own fields.
    expect(page.text).toContain('id="contractNumber"');
    expect(await gzipSize(page.text)).toBeLessThanOrEqual(14 * 1024);
    // The buttons' form is redirected to the provider: the CSP lets it go there.
    const csp = page.response.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain(`form-action 'self' ${new URL(env.OIDC_ITSME_ISSUER as string).origin}`);
    const fr = await new TestBrowser(undefined, "fr").get("/fr/login");
    expect(fr.text).toContain("Se connecter avec votre carte eID");
    const nl = await new TestBrowser(undefined, "nl").get("/nl/login");
    expect(nl.text).toContain("Inloggen met uw eID-kaart");
  });
});

describe("first registration", () => {
  it("with itsme (private_key_jwt): person, link, terms and audit stored; a session for the account; no ID token kept; the masked number on the profile; later a login", async () => {
    const p = person(0);
    const browser = new TestBrowser();
    const authorization = await startRegistration(browser, 131, "itsme");
    const url = new URL(authorization);
    expect(url.href.startsWith(env.OIDC_ITSME_ISSUER as string)).toBe(true);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("redirect_uri")).toBe("https://loket.test/oidc/callback");
    expect(url.searchParams.get("scope")).toBe(env.OIDC_ITSME_SCOPE);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();

    const { answer } = await walkBack(browser, authorization, p.nationalNumber);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe("/en/home");
    expect(browser.cookies.has(TX_COOKIE)).toBe(false);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(true);

    const after = await stored(p.nationalNumber, 131);
    expect(after.persons).toHaveLength(1);
    expect(after.persons[0]).toMatchObject({ first_name: p.firstName, last_name: p.lastName });
    const personId = after.persons[0]?.id;
    expect(after.links).toEqual([{ person_id: personId, provider: "itsme" }]);
    expect(after.audit.map((row) => [row.actor, row.action])).toEqual([[`person:${personId}`, "identity.registered"]]);
    expect(JSON.parse(after.audit[0]?.after ?? "{}")).toEqual({ provider: "itsme", contract: testAccount(131).contractNumber });
    const terms = await sql("SELECT 1 FROM terms_acceptances WHERE customer_id = ? AND terms_version_id = (SELECT MAX(id) FROM terms_versions)", [after.customerId]);
    expect(terms).toHaveLength(1);

    const home = await browser.get("/en/home");
    expect(home.status).toBe(200);
    expect(home.text).toContain(testAccount(131).customerNumber);
    // A person has My accounts, not a named user's identification and password pages.
    expect(home.text).toContain('href="/en/accounts"');
    expect(home.text).not.toContain('href="/en/password/change"');

    // The KV session knows the person, not the tokens.
    const keys = await env.KV.list({ prefix: "session:" });
    const sessions = await Promise.all(keys.keys.map((key) => env.KV.get(key.name)));
    const mine = sessions.filter((raw) => raw?.includes(`"subject":"person:${personId}"`));
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0] ?? "{}")).toMatchObject({ via: "itsme", personId, userId: null, customerNumber: testAccount(131).customerNumber });
    expect(mine[0]).not.toMatch(/id_token|eyJ/);

    const profile = await browser.get("/en/profile");
    expect(profile.status).toBe(200);
    expect(profile.text).toContain(`••.••.••-•••.${p.nationalNumber.slice(-2)}`);
    expect(profile.text).toContain(`ending in ${p.nationalNumber.slice(-2)}`);
    expect(profile.text).not.toContain(p.nationalNumber);

    // Later, on another device: "I have already registered".
    const other = new TestBrowser();
    const login = await walkBack(other, await startLogin(other, "itsme"), p.nationalNumber);
    expect(login.answer.location).toBe("/en/home");
    expect((await other.get("/en/home")).status).toBe(200);
    const audit = (await stored(p.nationalNumber, 131)).audit.map((row) => row.action);
    expect(audit).toEqual(["identity.registered", "login.identity"]);
    // The account's History names the person, not "person:<id>".
    const history = await other.get("/en/history");
    expect(history.status).toBe(200);
    expect(history.text).toContain(`${p.firstName} ${p.lastName} (itsme or eID card)`);
    expect(history.text).not.toContain(`person:${personId}`);
  });

  it("with the eID card (client_secret_basic), in French: the session goes to the French home page", async () => {
    const p = person(1);
    const browser = new TestBrowser(undefined, "fr");
    const authorization = await startRegistration(browser, 132, "eid", "fr");
    expect(authorization.startsWith(env.OIDC_EID_ISSUER as string)).toBe(true);
    const { answer } = await walkBack(browser, authorization, p.nationalNumber);
    expect(answer.location).toBe("/fr/home");
    const after = await stored(p.nationalNumber, 132);
    expect(after.links).toEqual([{ person_id: after.persons[0]?.id, provider: "eid" }]);
    expect(after.audit.map((row) => row.action)).toEqual(["identity.registered"]);
    expect((await browser.get("/fr/home")).status).toBe(200);
  });

  it("an unknown person at login is sent to registration with a clear message; nothing stored", async () => {
    const p = person(3);
    const browser = new TestBrowser();
    const { answer } = await walkBack(browser, await startLogin(browser, "eid"), p.nationalNumber);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe("/en/identity/register?unknown=eid");
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    const page = await browser.get(answer.location ?? "");
    expect(page.status).toBe(200);
    expect(page.text).toContain("This eID card is not linked to a customer account yet. Register once with your contract number and customer number.");
    expect(page.text).toContain('action="/en/identity/register"');
    expect(await sql("SELECT 1 FROM persons WHERE national_number = ?", [p.nationalNumber])).toHaveLength(0);
  });
});

describe("a person's accounts", () => {
  it("adds a second account, sees both in My accounts and switches between them", async () => {
    const p = person(2);
    const browser = new TestBrowser();
    await walkBack(browser, await startRegistration(browser, 133, "itsme"), p.nationalNumber);
    const accounts = await browser.get("/en/accounts");
    expect(accounts.text).toContain('href="/en/identity/register"');
    expect(accounts.text).toContain("Add a new account");

    const add = await browser.get("/en/identity/register");
    expect(add.text).toContain("Back to my accounts");
    const { answer } = await walkBack(browser, await startRegistration(browser, 134, "eid", "en", "register"), p.nationalNumber);
    expect(answer.location).toBe("/en/home");
    const added = await stored(p.nationalNumber, 134);
    expect(added.persons).toHaveLength(1);
    expect(added.audit.map((row) => row.action)).toEqual(["identity.account_added"]);

    const both = await browser.get("/en/accounts");
    expect(both.text).toContain(testAccount(133).customerNumber);
    expect(both.text).toContain(testAccount(134).customerNumber);
    // Acting for 134 now; switch back to 133.
    const first = await stored(p.nationalNumber, 133);
    const switched = await browser.post("/en/accounts/switch", { customerId: String(first.customerId) });
    expect(switched.status).toBe(303);
    const home = await browser.get("/en/home");
    expect(home.status).toBe(200);
    expect(home.text).toContain(testAccount(133).customerNumber);
    // Another customer's account is out of reach.
    const [foreign] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [testAccount(135).customerNumber]);
    expect((await browser.post("/en/accounts/switch", { customerId: String(foreign?.id) })).status).toBe(404);
    // A change of rights reloads the person's principal under a new session id.
    const before = browser.cookies.get(SESSION_COOKIE);
    await markRightsChanged(env.KV, `person:${first.persons[0]?.id}`);
    expect((await browser.get("/en/home")).status).toBe(200);
    expect(browser.cookies.get(SESSION_COOKIE)).not.toBe(before);
    const reloaded = await Promise.all((await env.KV.list({ prefix: "session:" })).keys.map((key) => env.KV.get(key.name)));
    const principal = reloaded.map((raw) => JSON.parse(raw ?? "{}")).find((one) => one.subject === `person:${first.persons[0]?.id}` && one.rightsVersion === 1)?.principal;
    expect(principal).toMatchObject({ actor: `person:${first.persons[0]?.id}`, userId: null, customerId: first.customerId, profile: "owner" });
    expect(principal.flags.manageUsers).toBe(false);
    expect((await browser.get("/en/accounts")).text).toContain(testAccount(134).customerNumber);
    const switchAudit = await sql("SELECT 1 FROM audit_events WHERE action = 'account.switched' AND actor = ?", [`person:${first.persons[0]?.id}`]);
    expect(switchAudit).toHaveLength(1);
  });

  it("log out everywhere ends every session of the person", async () => {
    const p = person(4);
    const first = new TestBrowser();
    await walkBack(first, await startRegistration(first, 138, "itsme"), p.nationalNumber);
    const second = new TestBrowser();
    await walkBack(second, await startLogin(second, "eid"), p.nationalNumber);
    expect((await second.get("/en/home")).status).toBe(200);
    await first.get("/en/profile");
    const out = await first.post("/en/logout/everywhere", {});
    expect(out.location).toBe("/en/login?loggedout=everywhere");
    const other = await second.get("/en/home");
    expect(other.status).toBe(303);
    expect(other.location).toBe("/en/login?expired=1");
  });
});

describe("registration refused before the provider", () => {
  it("validation errors: 422 next to the fields, values kept, nothing stored, no transaction", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/identity/register");
    const answer = await browser.post("/en/identity/register", { contractNumber: "abc", customerNumber: "", provider: "itsme" });
    expect(answer.status).toBe(422);
    expect(answer.text).toContain('value="abc"');
    expect(answer.text).toMatch(/id="reg-customerNumber-error"/);
    expect(answer.text).toMatch(/id="reg-acceptTerms-error"/);
    expect(browser.cookies.has(TX_COOKIE)).toBe(false);
    const unknownProvider = await browser.post("/en/identity/register", { ...testAccount(136), acceptTerms: "on", provider: "google" });
    expect(unknownProvider.status).toBe(422);
  });

  it("a contract and customer number that do not belong together: 422 with a generic message, the form kept, nothing stored", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/login");
    const account = testAccount(136);
    expect(browser.lastHtml).toContain('name="from" value="login"');
    const answer = await browser.post("/en/identity/register", {
      contractNumber: testAccount(137).contractNumber,
      customerNumber: account.customerNumber,
      acceptTerms: "on",
      provider: "itsme",
      from: "login",
    });
    expect(answer.status).toBe(422);
    expect(answer.text).toContain("The details do not match. Check your contract number and customer number.");
    expect(answer.text).toContain(`value="${account.customerNumber}"`);
    // Back on the login page it was sent from, the code login next to it.
    expect(answer.text).toContain('action="/en/login"');
    // Sent from the registration page, it comes back there.
    await browser.get("/en/identity/register");
    const there = await browser.post("/en/identity/register", { contractNumber: testAccount(137).contractNumber, customerNumber: account.customerNumber, acceptTerms: "on", provider: "itsme" });
    expect(there.status).toBe(422);
    expect(there.text).toContain("Back to the login page");
    expect(there.text).not.toContain('action="/en/login"');
    expect(browser.cookies.has(TX_COOKIE)).toBe(false);
    expect((await stored("", 136)).audit).toHaveLength(0);
  });

  it("is rate limited per customer like a login by code: parallel tries over the limit get 429", async () => {
    const account = testAccount(139);
    const tries = 14;
    const answers = await Promise.all(
      Array.from({ length: tries }, async (_, i) => {
        const browser = new TestBrowser(`10.139.${i}.1`);
        await browser.get("/en/login");
        return browser.post("/en/identity/register", { contractNumber: "999999", customerNumber: account.customerNumber, acceptTerms: "on", provider: "eid" });
      }),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(tries - 10);
    expect(answers.find((a) => a.status === 429)?.text).toContain("Too many attempts");
  });
});

describe("the callback", () => {
  it("without a transaction (no cookie): 400 in the negotiated language, nothing stored", async () => {
    const browser = new TestBrowser(undefined, "nl");
    const answer = await callback(browser, "https://loket.test/oidc/callback?code=abc&state=def");
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("Het inloggen kon niet worden voltooid. Er werd niets opgeslagen.");
    expect(answer.text).toContain('href="/nl/login"');
  });
});

// The callback refuses whatever it cannot trust (issue #13): a wrong or replayed state, a
// cancellation at the provider, and ID tokens tampered by the local provider's fault injection
// (nonce, signing key, expiry, audience, issuer). Each answers 400 in the transaction's language
// and stores nothing: no person, no link, no audit event, no session.
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./browser.ts";
import { callback, person, SESSION_COOKIE, startLogin, startRegistration, stored, TX_COOKIE, walkBack } from "./identity-helpers.ts";
import { validNationalNumber } from "../../src/features/identity/national-number.ts";
import { cancelAtProvider, type FaultKind, injectFault, walkProvider } from "./oidc-walk.ts";

const FAILED_ITSME = "The login with itsme could not be completed. Nothing was saved.";
const FAILED_EID = "The login with the eID card could not be completed. Nothing was saved.";

/** Nothing about this person or this account was stored by the identity flow. */
async function expectNothingStored(nationalNumber: string, n: number) {
  const after = await stored(nationalNumber, n);
  expect(after.persons).toHaveLength(0);
  expect(after.links).toHaveLength(0);
  expect(after.audit).toHaveLength(0);
}

describe("a tampered ID token is refused", () => {
  const cases: [FaultKind, "itsme" | "eid"][] = [
    ["wrong-nonce", "itsme"],
    ["other-key", "itsme"],
    ["expired", "eid"],
    ["wrong-audience", "eid"],
    ["wrong-issuer", "itsme"],
  ];
  for (const [kind, provider] of cases) {
    it(`${kind} (${provider}): 400, nothing stored, no session`, async () => {
      const p = person(5);
      const browser = new TestBrowser();
      const authorization = await startRegistration(browser, 135, provider);
      await injectFault(provider, kind);
      const { answer } = await walkBack(browser, authorization, p.nationalNumber);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain(provider === "itsme" ? FAILED_ITSME : FAILED_EID);
      expect(answer.text).toContain('href="/en/login"');
      expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
      expect(browser.cookies.has(TX_COOKIE)).toBe(false);
      await expectNothingStored(p.nationalNumber, 135);
    });
  }

  it("at login too, in the transaction's language (French)", async () => {
    const p = person(5);
    const browser = new TestBrowser(undefined, "fr");
    const authorization = await startLogin(browser, "itsme", "fr");
    await injectFault("itsme", "other-key");
    const { answer } = await walkBack(browser, authorization, p.nationalNumber);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("La connexion avec itsme n&#39;a pas pu aboutir. Rien n&#39;a été enregistré.");
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe("the transaction", () => {
  it("a wrong state is refused, and the transaction is gone afterwards", async () => {
    const p = person(5);
    const browser = new TestBrowser();
    const authorization = await startRegistration(browser, 140, "eid");
    const url = new URL(await walkProvider(authorization, p.nationalNumber));
    const right = url.searchParams.get("state") ?? "";
    url.searchParams.set("state", `${right}x`);
    const wrong = await callback(browser, url.href);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(FAILED_EID);
    // The right state afterwards finds no transaction: it was used by the first callback.
    url.searchParams.set("state", right);
    const late = await callback(browser, url.href);
    expect(late.status).toBe(400);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    await expectNothingStored(p.nationalNumber, 140);
  });

  it("a callback URL works once: replaying it stores nothing more and opens no session", async () => {
    const p = person(6);
    const browser = new TestBrowser();
    const { url, answer } = await walkBack(browser, await startRegistration(browser, 141, "itsme"), p.nationalNumber);
    expect(answer.location).toBe("/en/home");
    const session = browser.cookies.get(SESSION_COOKIE);
    const again = await callback(browser, url);
    expect(again.status).toBe(400);
    expect(again.response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`) && !line.includes("Max-Age=0"))).toBe(false);
    expect(browser.cookies.get(SESSION_COOKIE)).toBe(session);
    // Another browser with the same URL (a leaked link) has no transaction at all.
    const thief = new TestBrowser();
    const stolen = await callback(thief, url);
    expect(stolen.status).toBe(400);
    expect(thief.cookies.has(SESSION_COOKIE)).toBe(false);
    const after = await stored(p.nationalNumber, 141);
    expect(after.audit.map((row) => row.action)).toEqual(["identity.registered"]);
  });

  it("cancelling at the provider (access_denied): 400, nothing stored", async () => {
    const browser = new TestBrowser();
    const authorization = await startRegistration(browser, 142, "itsme");
    const back = await cancelAtProvider(authorization);
    expect(new URL(back).searchParams.get("error")).toBe("access_denied");
    const answer = await callback(browser, back);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(FAILED_ITSME);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await stored("", 142)).audit).toHaveLength(0);
  });

  it("the transaction cookie is Secure, HttpOnly, SameSite=Lax, for 10 minutes", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/login");
    const answer = await browser.post("/en/identity/login", { provider: "eid" });
    const line = answer.response.headers.getSetCookie().find((l) => l.startsWith(`${TX_COOKIE}=`)) ?? "";
    expect(line).toMatch(/Max-Age=600/);
    expect(line).toMatch(/Path=\//);
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/Secure/);
    expect(line).toMatch(/SameSite=Lax/);
    // htmx cannot follow a redirect to another origin: it gets HX-Redirect.
    await browser.get("/en/login");
    const hx = await browser.post("/en/identity/login", { provider: "itsme" }, { "HX-Request": "true" });
    expect(hx.status).toBe(200);
    expect(hx.response.headers.get("HX-Redirect")).toMatch(/\/itsme\//);
  });
});

describe("the national register number from the provider", () => {
  it("must pass the mod 97 check (with the 2 prefix for those born from 2000), else the identity is refused", () => {
    expect(validNationalNumber("85073003328")).toBe(true);
    expect(validNationalNumber("85073003329")).toBe(false);
    expect(validNationalNumber("01031204554")).toBe(true);
    expect(validNationalNumber("0103120455")).toBe(false);
    expect(validNationalNumber("8507300332a")).toBe(false);
  });
});

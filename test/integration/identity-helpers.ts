import { expect } from "vitest";
import { TEST_PERSONS } from "../../scripts/oidc-provider/persons.ts";
import { type TestBrowser, testAccount } from "./browser.ts";
import { walkProvider } from "./oidc-walk.ts";
import { sql } from "./sql.ts";

export const TX_COOKIE = "__Host-loket_oidc";
export const SESSION_COOKIE = "__Host-loket_session";

/** A test person of the local providers by index (each test that links uses its own). */
export const person = (index: number) => {
  const found = TEST_PERSONS[index];
  if (!found) throw new Error(`no test person ${index}`);
  return found;
};

/** Fills the login page's registration block and presses a provider's button: the 303 to the provider. */
export async function startRegistration(browser: TestBrowser, n: number, provider: "itsme" | "eid", language = "en", page = "login") {
  const account = testAccount(n);
  await browser.get(page === "login" ? `/${language}/login` : `/${language}/identity/register`);
  const answer = await browser.post(`/${language}/identity/register`, { contractNumber: account.contractNumber, customerNumber: account.customerNumber, acceptTerms: "on", provider });
  expect(answer.status).toBe(303);
  expect(browser.cookies.has(TX_COOKIE)).toBe(true);
  return answer.location ?? "";
}

export async function startLogin(browser: TestBrowser, provider: "itsme" | "eid", language = "en") {
  await browser.get(`/${language}/login`);
  const answer = await browser.post(`/${language}/identity/login`, { provider });
  expect(answer.status).toBe(303);
  return answer.location ?? "";
}

/** The provider's way back, as the browser follows it. */
export function callback(browser: TestBrowser, url: string) {
  const parsed = new URL(url);
  expect(parsed.origin).toBe("https://loket.test");
  return browser.get(parsed.pathname + parsed.search);
}

/** Walks the provider as the person and comes back. */
export async function walkBack(browser: TestBrowser, authorizationUrl: string, nationalNumber: string) {
  const url = await walkProvider(authorizationUrl, nationalNumber);
  return { url, answer: await callback(browser, url) };
}

/** What is stored about a person and an account: person, links, identity audit events, terms accepted. */
export async function stored(nationalNumber: string, n: number) {
  const account = testAccount(n);
  const [customer] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [account.customerNumber]);
  const persons = await sql<{ id: number; first_name: string; last_name: string }>("SELECT id, first_name, last_name FROM persons WHERE national_number = ?", [nationalNumber]);
  const links = await sql<{ person_id: number; provider: string }>("SELECT person_id, provider FROM person_accounts WHERE customer_id = ?", [customer?.id ?? 0]);
  const audit = await sql<{ actor: string; action: string; after: string }>(
    "SELECT actor, action, after FROM audit_events WHERE customer_id = ? AND (action LIKE 'identity.%' OR action = 'login.identity') ORDER BY id",
    [customer?.id ?? 0],
  );
  return { customerId: customer?.id ?? 0, persons, links, audit };
}

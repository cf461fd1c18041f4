import { SELF } from "cloudflare:test";
import { hashPassword } from "../../src/lib/password.ts";
import { loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

/** Accounts of the demo data (scripts/seed.ts). */
export const POSTAL = "0001023456";
export const MOBILE = "100457319";
export const PASSWORD = "Rights-Test-2026";

export const unique = (prefix: string) => `${prefix}${crypto.randomUUID().slice(0, 8)}`;

export async function customerIdOf(number: string): Promise<number> {
  const [row] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [number]);
  if (!row) throw new Error(`no customer ${number}`);
  return Number(row.id);
}

export async function userIdOf(username: string): Promise<number> {
  const [row] = await sql<{ id: number }>("SELECT id FROM users WHERE username_key = ?", [username.toLowerCase()]);
  if (!row) throw new Error(`no user ${username}`);
  return Number(row.id);
}

export async function functionId(app: string, code: string): Promise<number> {
  const [row] = await sql<{ id: number }>("SELECT f.id FROM application_functions f JOIN applications a ON a.id = f.application_id WHERE a.code = ? AND f.code = ?", [app, code]);
  if (!row) throw new Error(`no function ${app}.${code}`);
  return Number(row.id);
}

export async function scopeId(customer: string, ref: string): Promise<number> {
  const [row] = await sql<{ id: number }>("SELECT s.id FROM scopes s JOIN customers c ON c.id = s.customer_id WHERE c.customer_number = ? AND s.ref = ?", [customer, ref]);
  if (!row) throw new Error(`no scope ${ref} on ${customer}`);
  return Number(row.id);
}

export const fn = async (app: string, code: string) => `function:${await functionId(app, code)}`;
export const scope = async (ref: string, customer = POSTAL) => `scope:${await scopeId(customer, ref)}`;

export type TestUser = { id: number; username: string; membershipId: number };

/**
 * A user of this test module's own, so the demo users keep the rights other test files expect:
 * one membership on the given account, a password, optionally a third party and some grants.
 */
export async function addUser(
  options: {
    account?: string;
    profile?: "owner" | "manager" | "portal" | "service";
    manageUsers?: boolean;
    manageAdmins?: boolean;
    thirdParty?: string;
    grants?: { app: string; item: string }[];
    first?: string;
    last?: string;
  } = {},
): Promise<TestUser> {
  const username = unique("rt.");
  const now = Date.now();
  const party = options.thirdParty ? ((await sql<{ id: number }>("SELECT id FROM third_parties WHERE name = ?", [options.thirdParty]))[0]?.id ?? null) : null;
  const [user] = await sql<{ id: number }>(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, third_party_id, created_by_label, created_at) VALUES (?, ?, ?, ?, ?, 'x', 'en', ?, 'VALIDATED', ?, 'DATATEAM', ?) RETURNING id",
    [username, username.toLowerCase(), `${username}@rights.example`, options.first ?? "Rita", options.last ?? "Tester", await hashPassword(PASSWORD), party, now],
  );
  const [membership] = await sql<{ id: number }>(
    "INSERT INTO memberships (user_id, customer_id, profile, manage_users, manage_admins, third_party_id, created_at) SELECT ?, id, ?, ?, ?, ?, ? FROM customers WHERE customer_number = ? RETURNING id",
    [user!.id, options.profile ?? "portal", options.manageUsers ? 1 : 0, options.manageAdmins ? 1 : 0, party, now, options.account ?? POSTAL],
  );
  for (const grant of options.grants ?? []) {
    const [kind, id] = grant.item.split(":");
    await sql("INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at) SELECT ?, id, ?, ?, ? FROM applications WHERE code = ?", [
      membership!.id,
      kind!,
      Number(id),
      now,
      grant.app,
    ]);
  }
  return { id: Number(user!.id), username, membershipId: Number(membership!.id) };
}

export const logIn = (user: TestUser) => loggedInAs(user.username, PASSWORD);

/** A membership's grants as "app kind:id", sorted: what is stored, to compare before and after. */
export async function grantsOf(membershipId: number): Promise<string[]> {
  const rows = await sql<{ code: string; item_kind: string; item_id: number }>(
    "SELECT a.code, g.item_kind, g.item_id FROM grants g JOIN applications a ON a.id = g.application_id WHERE g.membership_id = ? ORDER BY 1, 2, 3",
    [membershipId],
  );
  return rows.map((r) => `${r.code} ${r.item_kind}:${r.item_id}`);
}

export async function auditRows(action: string, customer = POSTAL) {
  const rows = await sql<{ id: number; actor: string; before: string; after: string }>(
    "SELECT a.id, a.actor, a.before, a.after FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND a.action = ? ORDER BY a.id",
    [customer, action],
  );
  return rows.map((r) => ({ id: Number(r.id), actor: r.actor, before: JSON.parse(r.before) as Record<string, unknown>, after: JSON.parse(r.after) as Record<string, unknown> }));
}

/** Whether a checkbox in the page is there, checked and/or disabled, as a person sees it. */
export function checkbox(html: string, value: string): { present: boolean; checked: boolean; disabled: boolean } {
  const match = html.match(new RegExp(`<input type="checkbox"[^>]*value="${value}"[^>]*>`));
  const tag = match?.[0] ?? "";
  return { present: Boolean(match), checked: /\schecked(=|\s|>|\/)/.test(tag), disabled: /\sdisabled(=|\s|>|\/)/.test(tag) };
}

/** Database round trips (Hrana pipeline requests) made while `run` runs. */
export async function roundTrips(dbUrl: string, run: () => Promise<unknown>): Promise<number> {
  await fetch(`${dbUrl}/_stats/reset`, { method: "POST" });
  await run();
  const stats = (await (await fetch(`${dbUrl}/_stats`)).json()) as { pipelineRequests: number };
  return stats.pipelineRequests;
}

/**
 * Posts a rights form with several boxes checked (TestBrowser.post takes one value per name),
 * as the browser would: its cookies, the page's CSRF token, and the cookies it gets back.
 */
export async function postItems(browser: TestBrowser, path: string, items: string[], headers: Record<string, string> = {}) {
  const body = new URLSearchParams([["_csrf", browser.csrfToken()], ...items.map((item): [string, string] => ["item", item])]);
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await SELF.fetch(`https://loket.test${path}`, {
    method: "POST",
    body,
    headers: { "CF-Connecting-IP": browser.ip, "Accept-Language": browser.language, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test", ...headers },
    redirect: "manual",
  });
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const index = pair.indexOf("=");
    const value = pair.slice(index + 1).trim();
    if (value) browser.cookies.set(pair.slice(0, index).trim(), value);
    else browser.cookies.delete(pair.slice(0, index).trim());
  }
  const text = await response.text();
  if ((response.headers.get("Content-Type") ?? "").includes("html")) browser.lastHtml = text;
  return { response, status: response.status, text, location: response.headers.get("Location") };
}

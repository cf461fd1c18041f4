import { encodeBase32NoPadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { hashPassword } from "../../src/lib/password.ts";
import { DEMO_PASSWORD, TestBrowser, testAccount } from "./browser.ts";
import { sql } from "./sql.ts";

/** A code as an authenticator app computes it (RFC 6238: SHA-1, 30 s, 6 digits), from the library itself. */
export function totpAt(secret: string, at = Date.now()): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(at / 30_000)), 6);
}

let hashed: Promise<string> | null = null;
let serial = 0;

/** A staff member of this test only (each TOTP code logs in once, and limits are per username). */
export async function createStaff(role: "agent" | "supervisor", name = role === "agent" ? "Alex Agent" : "Sue Supervisor", language: "nl" | "fr" | "en" = "en") {
  hashed ??= hashPassword(DEMO_PASSWORD);
  const secret = encodeBase32NoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const username = `t.${role}.${Date.now().toString(36)}.${++serial}`;
  const [row] = await sql<{ id: number }>(
    "INSERT INTO staff (username, username_key, name, email, role, language, password_hash, totp_secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    [username, username, name, `${username}@provider.example`, role, language, await hashed, secret, Date.now()],
  );
  return { id: row!.id, username, secret, name, role };
}

/** Password, then the current code; returns the browser holding the desk session. */
export async function deskLogin(member: { username: string; secret: string }, language = "en", browser = new TestBrowser(undefined, language)) {
  await browser.get(`/${language}/desk/login`);
  const first = await browser.post(`/${language}/desk/login`, { username: member.username, password: DEMO_PASSWORD });
  if (first.status !== 303) throw new Error(`desk password step failed: ${first.status}`);
  await browser.get(`/${language}/desk/login/code`);
  const second = await browser.post(`/${language}/desk/login/code`, { code: totpAt(member.secret), _desk: deskToken(browser) });
  if (second.status !== 303) throw new Error(`desk code step failed: ${second.status}`);
  return browser;
}

/** The desk session's token from the last page, as the form would send it. */
export function deskToken(browser: TestBrowser): string {
  return browser.lastHtml.match(/name="_desk" value="([^"]+)"/)?.[1] ?? "";
}

/** Posts a desk form as the page would: both tokens (the portal's and the desk session's). */
export async function deskPost(browser: TestBrowser, page: string, path: string, form: Record<string, string>) {
  await browser.get(page);
  return browser.post(path, { _desk: deskToken(browser), ...form });
}

/** The ids of a test account (customer, contract). */
export async function accountIds(n: number) {
  const account = testAccount(n);
  const [row] = await sql<{ customer: number; contract: number }>(
    "SELECT c.id AS customer, k.id AS contract FROM customers c JOIN contracts k ON k.customer_id = c.id WHERE c.customer_number = ? LIMIT 1",
    [account.customerNumber],
  );
  return { ...account, customerId: row!.customer, contractId: row!.contract };
}

/** A complaint of a test account with the customer's first message, `ageDays` old. */
export async function createComplaint(n: number, title: string, ageDays = 0, status = "new") {
  const { customerId, contractId, customerNumber } = await accountIds(n);
  const at = Date.now() - ageDays * 24 * 3600 * 1000;
  const [thread] = await sql<{ id: number }>("INSERT INTO threads (customer_id, kind, status, title, created_at, updated_at, created_by) VALUES (?, 'complaint', ?, ?, ?, ?, ?) RETURNING id", [
    customerId,
    status,
    title,
    at,
    at,
    `code:${customerNumber}`,
  ]);
  await sql("INSERT INTO complaints (thread_id, contract_id, service, nature, service_date) VALUES (?, ?, 'Restafval 240 L', ?, '2026-10-30')", [thread!.id, contractId, title]);
  await sql("INSERT INTO thread_messages (thread_id, at, author, author_label, body) VALUES (?, ?, 'customer', ?, ?)", [thread!.id, at, customerNumber, `Customer text of ${title}`]);
  return thread!.id;
}

export async function createTicket(n: number, title: string, requesterEmail: string) {
  const { customerId, customerNumber } = await accountIds(n);
  const at = Date.now();
  const [thread] = await sql<{ id: number }>("INSERT INTO threads (customer_id, kind, status, title, created_at, updated_at, created_by) VALUES (?, 'ticket', 'new', ?, ?, ?, ?) RETURNING id", [
    customerId,
    title,
    at,
    at,
    `code:${customerNumber}`,
  ]);
  await sql("INSERT INTO tickets (thread_id, subject, detail, requester_email) VALUES (?, 'sim', 'blocked', ?)", [thread!.id, requesterEmail]);
  return thread!.id;
}

export async function createOrder(n: number, article: string, ageDays = 0, status = "ordered") {
  const { customerId, contractId } = await accountIds(n);
  const [row] = await sql<{ id: number }>(
    "INSERT INTO orders (customer_id, contract_id, article, quantity, address, created_at, status) VALUES (?, ?, ?, 2, 'Teststraat 1, 1000 Brussel', ?, ?) RETURNING id",
    [customerId, contractId, article, Date.now() - ageDays * 24 * 3600 * 1000, status],
  );
  return row!.id;
}

export async function createChange(n: number, newValue: string) {
  const { customerId, contractId } = await accountIds(n);
  const [row] = await sql<{ id: number }>(
    "INSERT INTO change_requests (customer_id, contract_id, kind, new_value, effective_date, status, created_at, created_by) VALUES (?, ?, 'container_size', ?, '2026-12-01', 'requested', ?, 'code:test') RETURNING id",
    [customerId, contractId, newValue, Date.now()],
  );
  return row!.id;
}

import { inject } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { hashPassword } from "../../src/lib/password.ts";
import { brusselsDate, isWorkingDay } from "../../src/lib/workdays.ts";
import { DEMO_PASSWORD, loggedInAs } from "./browser.ts";
import { sql } from "./sql.ts";

/** This part's own test lines: numbers 0463 1x xx xx, ICCID bodies 8932048…; the wizard's new numbers come from 0463 0x xx xx. */
let serial = Math.floor(Math.random() * 9000);
export const nextIccid = () => withCheckDigit(`8932048${String(Date.now() % 1e6).padStart(6, "0")}${String(++serial).padStart(5, "0")}`);
export const nextMsisdn = () => `04631${String(++serial % 100_000).padStart(5, "0")}`;

export async function mobileIds() {
  const [row] = await sql<{ customer: number; contract: number; billing: number }>(
    `SELECT c.id AS customer, (SELECT id FROM contracts WHERE contract_number = '0000025351') AS contract, (SELECT id FROM billing_accounts WHERE number = '100457319') AS billing
     FROM customers c WHERE c.customer_number = '100457319'`,
  );
  return row!;
}

/** A line of the mobile demo customer (or of `customerNumber`) in the given status; its id, number and ICCID. */
export async function createLine(options: { status?: "PENDING" | "ACTIVE" | "SUSPENDED" | "STOPPED"; porting?: boolean; customerNumber?: string } = {}) {
  const msisdn = nextMsisdn();
  const iccid = nextIccid();
  const now = Date.now();
  const [row] = await sql<{ id: number }>(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, user_first_name, user_last_name, porting_number, porting_operator, porting_customer_number, search_text, created_at, updated_at)
     SELECT c.id, (SELECT id FROM contracts WHERE customer_id = c.id ORDER BY id LIMIT 1), ?, 'Test line', (SELECT id FROM tariff_plans WHERE code = 'mobile_contact'), ?, NULL, ?, 'Test', 'Lijn', ?, ?, ?, ?, ?, ?
     FROM customers c WHERE c.customer_number = ? RETURNING id`,
    [
      msisdn,
      options.status ?? "ACTIVE",
      iccid,
      options.porting ? msisdn : null,
      options.porting ? "Proximus" : null,
      options.porting ? "P-123" : null,
      `${msisdn} test line test lijn`,
      now,
      now,
      options.customerNumber ?? "100457319",
    ],
  );
  return { id: row!.id, msisdn, iccid };
}

let memberHash: Promise<string> | null = null;

/** A fleet MEMBER of the mobile customer with view and manage, one line delegated to them; logged in. */
export async function memberWithLine(lineId: number) {
  memberHash ??= hashPassword(DEMO_PASSWORD);
  const username = `fleetmember${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  const [user] = await sql<{ id: number }>(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at, last_login_at) VALUES (?, ?, ?, 'Fleet', 'Member', 'x', 'en', ?, 'VALIDATED', 'ADMIN', ?, ?) RETURNING id",
    [username, username, `${username}@test.example`, await memberHash, now, now],
  );
  const [membership] = await sql<{ id: number }>(
    "INSERT INTO memberships (user_id, customer_id, profile, created_at, fleet_role) SELECT ?, id, 'portal', ?, 'MEMBER' FROM customers WHERE customer_number = '100457319' RETURNING id",
    [user!.id, now],
  );
  await sql(
    `INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at)
     SELECT ?, a.id, 'function', f.id, ? FROM applications a JOIN application_functions f ON f.application_id = a.id WHERE a.code = 'fleet' AND f.code IN ('view', 'manage')`,
    [membership!.id, now],
  );
  await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [lineId, user!.id]);
  return loggedInAs(username);
}

/** The test database as the Worker sees it, to call the cron's function directly. */
export const testDb = () => createDb(inject("dbUrl"), inject("dbToken"));

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const today = () => brusselsDate(Date.now());
export const inDays = (n: number) => plusDays(today(), n);
/** The first day after today that matches. */
export function nextDay(match: (day: string) => boolean): string {
  for (let n = 1; ; n++) if (match(inDays(n))) return inDays(n);
}
export const nextSaturday = () => nextDay((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 6);
export const nextWorkingDay = () => nextDay(isWorkingDay);
export const nextChristmas = () => nextDay((d) => d.endsWith("-12-25"));
/** "2026-12-25" → "25/12/2026", as a person types it. */
export const typed = (day: string) => day.split("-").reverse().join("/");

import { SELF } from "cloudflare:test";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { hashPassword } from "../../src/lib/password.ts";
import { DEMO_PASSWORD, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

// Part "managers" of the fleet (issue #11): own users (usernames t11m…), own lines (numbers 0468…,
// ICCID bodies 8932048 + 12 digits, 20 digits with the check digit: never one of the 19-digit
// ICCIDs of the actions fixtures), own foreign customers (711M…), on top of the demo customer 100457319.

let serial = Math.floor(Math.random() * 90_000);
const stamp = () => `${Date.now() % 1_000_000}`.padStart(6, "0");

export const uniqueName = (prefix = "t11m") => `${prefix}${crypto.randomUUID().slice(0, 8)}`;

export async function mobileIds(): Promise<{ customer: number; contract: number }> {
  const [row] = await sql<{ customer: number; contract: number }>(
    "SELECT c.id AS customer, (SELECT id FROM contracts WHERE contract_number = '0000025351') AS contract FROM customers c WHERE c.customer_number = '100457319'",
  );
  return { customer: Number(row!.customer), contract: Number(row!.contract) };
}

/** A line of ours: number 0468 + 6 digits, on the customer and contract given (the mobile demo by default). */
export async function createLine(options: { customer?: number; contract?: number; description?: string } = {}) {
  const ids = options.customer ? { customer: options.customer, contract: options.contract! } : await mobileIds();
  serial = (serial + 1) % 1_000_000;
  const msisdn = `0468${String(serial).padStart(6, "0")}`;
  const iccid = withCheckDigit(`8932048${stamp()}${String(serial).padStart(6, "0")}`);
  const description = options.description ?? `t11m line ${serial}`;
  const now = Date.now();
  const [row] = await sql<{ id: number }>(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, iccid, search_text, created_at, updated_at)
     SELECT ?, ?, ?, ?, id, 'ACTIVE', ?, ?, ?, ? FROM tariff_plans WHERE code = 'mobile_contact' RETURNING id`,
    [ids.customer, ids.contract, msisdn, description, iccid, `${msisdn} ${description.toLowerCase()}`, now, now],
  );
  return { id: Number(row!.id), msisdn, description };
}

/** "0468123456" → "0468 12 34 56", as the pages show numbers. */
export const spaced = (msisdn: string) => `${msisdn.slice(0, 4)} ${msisdn.slice(4, 6)} ${msisdn.slice(6, 8)} ${msisdn.slice(8)}`;

/** A customer of our own with the mobile fleet and a contract: another account for the tenancy tests. */
export async function foreignAccount() {
  const number = `711M${String(Date.now() % 1_000_000).padStart(6, "0")}${Math.floor(Math.random() * 100)}`;
  const [customer] = await sql<{ id: number }>(
    "INSERT INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, created_at) VALUES (?, 'Managers Foreign NV', 'Rue 1', '1000', 'Bruxelles', ?) RETURNING id",
    [number, Date.now()],
  );
  const id = Number(customer!.id);
  const [contract] = await sql<{ id: number }>("INSERT INTO contracts (contract_number, customer_id, service) VALUES (?, ?, 'mobile') RETURNING id", [`${number}-1`, id]);
  await sql("INSERT INTO account_applications (customer_id, application_id) SELECT ?, id FROM applications WHERE code = 'fleet'", [id]);
  return { customer: id, contract: Number(contract!.id), number };
}

let demoHash: Promise<string> | null = null;

/**
 * A user of ours with a membership on `customer`: a profile, a fleet role (or none), the fleet
 * functions, VALIDATED with the demo password unless INVITED.
 */
export async function createUser(options: {
  customer: number;
  profile?: "owner" | "portal";
  fleetRole: "MANAGER" | "MEMBER" | null;
  status?: "INVITED" | "VALIDATED";
  first?: string;
  last?: string;
  lines?: number[];
}) {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  const username = uniqueName();
  const status = options.status ?? "VALIDATED";
  const now = Date.now();
  const [user] = await sql<{ id: number }>(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at) VALUES (?, ?, ?, ?, ?, 'x', 'en', ?, ?, 'ADMIN', ?) RETURNING id",
    [username, username, `${username}@t11m.example`, options.first ?? "Test", options.last ?? username, status === "VALIDATED" ? await demoHash : null, status, now],
  );
  const id = Number(user!.id);
  const profile = options.profile ?? "portal";
  const flags = profile === "owner" ? 1 : 0;
  const [membership] = await sql<{ id: number }>(
    "INSERT INTO memberships (user_id, customer_id, profile, fleet_role, manage_users, manage_admins, reset_passwords, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    [id, options.customer, profile, options.fleetRole, flags, flags, flags, now],
  );
  await sql(
    `INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at)
     SELECT ?, a.id, 'function', f.id, ? FROM applications a JOIN application_functions f ON f.application_id = a.id WHERE a.code = 'fleet' AND f.code IN ('view', 'manage')`,
    [Number(membership!.id), now],
  );
  for (const line of options.lines ?? []) await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [line, id]);
  if (status === "INVITED") {
    // An invitation sent two minutes ago: a resend now is no double click.
    await sql("INSERT INTO credential_tokens (user_id, purpose, token_hash, expires_at, created_at) VALUES (?, 'invitation', ?, ?, ?)", [
      id,
      `t11m-${crypto.randomUUID()}`,
      now + 7 * 86_400_000,
      now - 120_000,
    ]);
  }
  return { id, username, email: `${username}@t11m.example` };
}

/** Posts a form with repeated fields (lines=1&lines=2), as a browser sends ticked boxes. */
export async function postPairs(browser: TestBrowser, path: string, pairs: [string, string][], headers: Record<string, string> = {}) {
  const body = new URLSearchParams([["_csrf", browser.csrfToken()], ...pairs]);
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await SELF.fetch(`https://loket.test${path}`, {
    method: "POST",
    body,
    headers: {
      "CF-Connecting-IP": browser.ip,
      "Accept-Language": browser.language,
      Cookie: cookie,
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "https://loket.test",
      ...headers,
    },
    redirect: "manual",
  });
  const text = await response.text();
  if ((response.headers.get("Content-Type") ?? "").includes("html")) browser.lastHtml = text;
  return { response, status: response.status, text, location: response.headers.get("Location") };
}

// The usage engine's own test data: lines 0466…, ICCID bodies 8932046…, on the mobile demo
// customer 100457319 (on a contract of their own, so a group pack does not meet the other parts'
// packs on 0000025351), and a second customer 711U… for foreign ids. Simulated clocks use the
// years 2041–2042 (nobody else's usage) and 2000–2001 for the purge (nobody else's rows that old).
import { inject } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import type { Principal } from "../../src/lib/principal.ts";
import { sql } from "./sql.ts";

export const usageDb = () => createDb(inject("dbUrl"), inject("dbToken"));

export async function one(statement: string, args: (string | number | null)[] = []): Promise<number> {
  const [row] = await sql<Record<string, unknown>>(statement, args);
  return Number(Object.values(row!)[0]);
}

const run = `${Date.now() % 100_000}`.padStart(5, "0");
let serial = Math.floor(Math.random() * 90);

export const mobileCustomer = () => one("SELECT id FROM customers WHERE customer_number = '100457319'");

/** A contract of the mobile customer for this test only (a group pack is one per contract). */
export async function ownContract(customerId: number): Promise<number> {
  return one("INSERT INTO contracts (contract_number, customer_id, service) VALUES (?, ?, 'Business Mobile') RETURNING id", [
    `U${run}${++serial}${Math.random().toString(36).slice(2, 6)}`,
    customerId,
  ]);
}

/** A customer of the usage tests' own (711U…), with a contract; for another customer's ids. */
export async function foreignCustomer(): Promise<{ customer: number; contract: number }> {
  const number = `711U${run}${++serial}`;
  const customer = await one(
    "INSERT INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, language, created_at) VALUES (?, 'Usage Test BV', 'Teststraat 1', '1000', 'Brussel', 'fr', ?) RETURNING id",
    [number, Date.now()],
  );
  await sql("INSERT INTO contact_details (customer_id, email, updated_at) VALUES (?, ?, ?)", [customer, `${number.toLowerCase()}@usage.example`, Date.now()]);
  return { customer, contract: await ownContract(customer) };
}

/** A line 0466… on the plan (mobile_contact by default: 10 GB included); its id and number. */
export async function usageLine(customer: number, contract: number, plan = "mobile_contact"): Promise<{ id: number; msisdn: string }> {
  serial++;
  const msisdn = `0466${String((Number(run) * 100 + serial) % 1_000_000).padStart(6, "0")}`;
  const iccid = withCheckDigit(`8932046${run}${String(serial).padStart(7, "0")}`);
  const id = await one(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, iccid, search_text, created_at, updated_at)
     VALUES (?, ?, ?, 'Usage test', (SELECT id FROM tariff_plans WHERE code = ?), 'ACTIVE', ?, ?, ?, ?) RETURNING id`,
    [customer, contract, msisdn, plan, iccid, `${msisdn} usage test`, Date.now(), Date.now()],
  );
  return { id, msisdn };
}

/** A day of use of a line. */
export async function useDay(line: number, customer: number, day: string, use: { dataMb?: number; voiceSeconds?: number; sms?: number; cents?: number }) {
  await sql("INSERT INTO usage_days (line_id, day, customer_id, data_mb, voice_seconds, sms_count, out_of_bundle_cents) VALUES (?, ?, ?, ?, ?, ?, ?)", [
    line,
    day,
    customer,
    use.dataMb ?? 0,
    use.voiceSeconds ?? 0,
    use.sms ?? 0,
    use.cents ?? 0,
  ]);
}

/** A named user of the customer, for the alerts' recipient (and a MEMBER's delegations). */
export async function usageUser(customer: number, language: "nl" | "fr" | "en" = "en"): Promise<{ id: number; email: string }> {
  const username = `usage${crypto.randomUUID().slice(0, 8)}`;
  const email = `${username}@usage.example`;
  const id = await one(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at) VALUES (?, ?, ?, 'Ursula', 'Usage', 'f', ?, 'x', 'VALIDATED', 'ADMIN', ?) RETURNING id",
    [username, username, email, language, Date.now()],
  );
  await sql("INSERT INTO memberships (user_id, customer_id, profile, created_at, fleet_role) VALUES (?, ?, 'portal', ?, 'MEMBER')", [id, customer, Date.now()]);
  return { id, email };
}

const flags = { manageAdmins: false, manageUsers: false, resetPasswords: false, ftpAccess: false, purchaser: false, incidentManager: false, financialManager: false };

/** A fleet principal as the session would hold it. */
export function principal(customerId: number, role: "MANAGER" | "MEMBER", userId: number | null): Principal {
  return {
    actor: userId === null ? "code:100457319" : `user:${userId}`,
    userId,
    customerId,
    membershipId: null,
    profile: userId === null ? "owner" : "portal",
    thirdPartyId: null,
    flags,
    apps: { fleet: { functions: "*", scopes: "*" } },
    fleetRole: role,
  };
}

/** An instant given as a Brussels wall-clock time (CET, +01:00, outside summer time; CEST +02:00 from April to October). */
export const at = (isoWithOffset: string) => Date.parse(isoWithOffset);

// The mobile fleet of 003: the contract's tariff plans × options with the prices of "Plans
// tarifaires et options retenues" ("Sans objet" = no row), the three demo lines of the manual,
// Margaux (MANAGER) and Malina (MEMBER, INVITED, line 0489 74 43 65); with --scale 10,000 lines on
// the mobile demo customer 100457319.
import type { Client } from "@libsql/client/node";
import { withCheckDigit } from "../src/features/fleet/iccid.ts";

const day = 24 * 3600 * 1000;
const now = Date.UTC(2026, 10, 1, 9, 0, 0);

/**
 * [code, name, kind, € per month, included per month: data MB, voice minutes, SMS (null = unlimited)]
 * in the order of the contract page.
 */
export const PLANS: [code: string, name: string, kind: "mobile" | "data", cents: number, dataMb: number | null, voiceMinutes: number | null, sms: number | null][] = [
  ["mobile_1", "Mobile 1", "mobile", 500, 1024, 60, 60],
  ["mobile_europe", "Mobile Europe", "mobile", 4500, 30720, null, null],
  ["mobile_start", "Mobile Start", "mobile", 1000, 3072, 120, 120],
  ["mobile_contact", "Mobile Contact", "mobile", 2000, 10240, 600, null],
  ["mobile_start_plus", "Mobile Start +", "mobile", 1000, 5120, 120, 120],
  ["mobile_limitless", "Mobile Limitless", "mobile", 3300, null, null, null],
  ["mobile_data_20", "Mobile Data 20", "data", 2000, 20480, 0, 0],
  ["mobile_data_12", "Mobile Data 12", "data", 1200, 12288, 0, 0],
];

/** Group data packs (003 "Packs de groupe"): [code, name, GB, € per month, € per extra GB]. */
export const PACK_OFFERS: [code: string, name: string, gb: number, cents: number, extraGbCents: number][] = [
  ["group_data_25", "Group Data 25 GB", 25, 5000, 500],
  ["group_data_50", "Group Data 50 GB", 50, 9000, 500],
  ["group_data_100", "Group Data 100 GB", 100, 16000, 500],
  ["group_data_250", "Group Data 250 GB", 250, 35000, 500],
];

/** [code, name, price per plan in PLANS order (null = "Sans objet")]. */
export const OPTIONS: [code: string, name: string, prices: (number | null)[]][] = [
  ["data_asia_business_600mb", "Data Asia business 600 MB", [1600, 1600, 1600, 1600, 1600, 1600, 1600, 1600]],
  ["voice_national_100min", "Voice National 100 min", [300, null, 300, null, 300, null, null, null]],
  ["data_asia_tech_3gb", "Data Asia tech 3 GB", [3500, 3500, 3500, 3500, 3500, 3500, 3500, 3500]],
  ["data_national_10gb", "Data National 10 GB", [2500, 2500, 2500, 2500, 2500, null, 2500, 2500]],
];

/** The demo lines of 003's overview. */
export const DEMO_LINES = [
  { msisdn: "0489744365", description: "Mobile Contact", plan: "mobile_contact", status: "ACTIVE", first: "Malina", last: "Janssens", iccid: withCheckDigit("893204100000000001") },
  { msisdn: "0488268365", description: "Mobile Europe", plan: "mobile_europe", status: "PENDING", first: "Pieter", last: "Peeters", iccid: withCheckDigit("893204100000000002") },
  { msisdn: "0488267074", description: "Mobile Contact", plan: "mobile_contact", status: "ACTIVE", first: "Margaux", last: "Dubois", iccid: withCheckDigit("893204100000000003") },
] as const;

async function one(client: Client, sql: string, args: (string | number)[]): Promise<number> {
  const result = await client.execute({ sql, args });
  return Number(result.rows[0]![0]);
}

export async function seedFleet(client: Client): Promise<void> {
  const statements: { sql: string; args: (string | number | null)[] }[] = [];
  for (const [i, [code, name, kind, cents, dataMb, voiceMinutes, sms]] of PLANS.entries()) {
    statements.push({
      sql: "INSERT INTO tariff_plans (code, name, kind, monthly_cents, sort_order, included_data_mb, included_voice_seconds, included_sms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      args: [code, name, kind, cents, i + 1, dataMb, voiceMinutes === null ? null : voiceMinutes * 60, sms],
    });
  }
  for (const [i, [code, name, gb, cents, extra]] of PACK_OFFERS.entries()) {
    statements.push({ sql: "INSERT INTO pack_offers (code, name, data_gb, monthly_cents, extra_gb_cents, sort_order) VALUES (?, ?, ?, ?, ?, ?)", args: [code, name, gb, cents, extra, i + 1] });
  }
  for (const [i, [code, name]] of OPTIONS.entries()) {
    statements.push({ sql: "INSERT INTO fleet_options (code, name, sort_order) VALUES (?, ?, ?)", args: [code, name, i + 1] });
  }
  for (const [code, , prices] of OPTIONS) {
    for (const [i, cents] of prices.entries()) {
      if (cents === null) continue;
      statements.push({
        sql: "INSERT INTO plan_options (plan_id, option_id, monthly_cents) SELECT p.id, o.id, ? FROM tariff_plans p, fleet_options o WHERE p.code = ? AND o.code = ?",
        args: [cents, PLANS[i]![0], code],
      });
    }
  }
  await client.batch(statements, "write");

  const customer = await one(client, "SELECT id FROM customers WHERE customer_number = '100457319'", []);
  const contract = await one(client, "SELECT id FROM contracts WHERE contract_number = '0000025351'", []);
  const billing = await one(client, "SELECT id FROM billing_accounts WHERE number = '100457319'", []);
  for (const [i, line] of DEMO_LINES.entries()) {
    const name = `${line.first} ${line.last}`;
    await client.execute({
      sql: `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, user_first_name, user_last_name,
              user_email, user_language, user_confirmed, street, house_number, postcode, city, country, pay_by_mobile_limit_cents, activation_date, search_text, created_at, updated_at)
            SELECT ?, ?, ?, ?, p.id, ?, ?, ?, ?, ?, ?, ?, ?, 'Katwilgweg', '2', '2050', 'Antwerpen', 'BE', ?, ?, ?, ?, ? FROM tariff_plans p WHERE p.code = ?`,
      args: [
        customer,
        contract,
        line.msisdn,
        line.description,
        line.status,
        billing,
        line.iccid,
        line.first,
        line.last,
        `${line.first.toLowerCase()}.${line.last.toLowerCase()}@havenlogistiek.be`,
        i === 2 ? "fr" : "nl",
        i === 2 ? 1 : 0,
        i === 0 ? 2500 : 0,
        line.status === "ACTIVE" ? new Date(now - (200 - i * 30) * day).toISOString().slice(0, 10) : null,
        `${line.msisdn} ${line.description} ${name}`.toLowerCase(),
        now - (200 - i * 30) * day,
        now - (10 - i) * day,
        line.plan,
      ],
    });
  }
  // Data Asia business on the first line, a roaming-data block on the third, as a fleet in use looks.
  await client.execute(
    "INSERT INTO line_options (line_id, option_id, added_at) SELECT l.id, o.id, ? FROM mobile_lines l, fleet_options o WHERE l.msisdn = '0489744365' AND o.code = 'data_asia_business_600mb'",
    [now - 60 * day],
  );
  await client.execute("INSERT INTO line_blocks (line_id, block, since) SELECT id, 'roaming_data', ? FROM mobile_lines WHERE msisdn = '0488267074'", [now - 20 * day]);
  // 003: Margaux manages the fleet; Malina (invited) is a MEMBER with line 0489 74 43 65 delegated.
  await client.execute("UPDATE memberships SET fleet_role = 'MANAGER' WHERE customer_id = ? AND user_id = (SELECT id FROM users WHERE username_key = 'margaux')", [customer]);
  await client.execute("UPDATE memberships SET fleet_role = 'MEMBER' WHERE customer_id = ? AND user_id = (SELECT id FROM users WHERE username_key = 'malina')", [customer]);
  await client.execute("INSERT INTO line_delegations (line_id, user_id) SELECT l.id, u.id FROM mobile_lines l, users u WHERE l.msisdn = '0489744365' AND u.username_key = 'malina'");
}

/**
 * 10,000 lines on the mobile demo customer (numbers 0470 … 0499, so a search for "0488" finds hundreds), spread over the plans, the
 * statuses and a few options, inserted by INSERT … SELECT over a counter in chunks.
 */
export async function seedFleetScale(client: Client, lines = 10_000): Promise<void> {
  const customer = await one(client, "SELECT id FROM customers WHERE customer_number = '100457319'", []);
  const contract = await one(client, "SELECT id FROM contracts WHERE contract_number = '0000025351'", []);
  const billing = await one(client, "SELECT id FROM billing_accounts WHERE number = '100457319'", []);
  const firstNames = ["'Jan'", "'Sofie'", "'Luc'", "'Emma'", "'Noah'", "'Lotte'", "'Arne'", "'Julie'", "'Tom'", "'Nina'"];
  const lastNames = ["'Peeters'", "'Janssens'", "'Maes'", "'Jacobs'", "'Mertens'", "'Willems'", "'Claes'", "'Goossens'", "'Wouters'", "'De Smet'"];
  const DEPARTMENTS = ["'Sales'", "'Logistiek'", "'Technician'", "'Kantoor'", "'Dispatch'", "'Directie'"];
  const pick = (list: string[], expr: string) => `CASE ${expr} ${list.map((v, i) => `WHEN ${i} THEN ${v}`).join(" ")} END`;
  const chunk = 2_000;
  for (let start = 0; start < lines; start += chunk) {
    const count = Math.min(chunk, lines - start);
    await client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < CAST(? AS INTEGER)),
            v AS (SELECT i, printf('04%02d%06d', 70 + (i % 30), i) AS msisdn, ${pick(firstNames, "i % 10")} AS first, ${pick(lastNames, "(i / 10) % 10")} AS last,
                  p.id AS plan_id, p.name AS plan_name FROM n JOIN tariff_plans p ON p.sort_order = (n.i % 8) + 1)
            INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, user_first_name, user_last_name,
              user_confirmed, pay_by_mobile_limit_cents, activation_date, search_text, created_at, updated_at)
            SELECT ?, ?, msisdn, ${pick(DEPARTMENTS, "i % 6")} || ' ' || (i % 97 + 1), plan_id,
                   CASE WHEN i % 50 = 0 THEN 'PENDING' WHEN i % 37 = 0 THEN 'SUSPENDED' WHEN i % 101 = 0 THEN 'STOPPED' ELSE 'ACTIVE' END,
                   ?, printf('8932042%012d', i), first, last, i % 2, (i % 4) * 2500, date(?, '-' || (i % 700) || ' days'),
                   lower(msisdn || ' ' || ${pick(DEPARTMENTS, "i % 6")} || ' ' || (i % 97 + 1) || ' ' || first || ' ' || last), ? - i * 60000, ? - i * 60000 FROM v`,
      args: [start, start + count - 1, customer, contract, billing, new Date(now).toISOString().slice(0, 10), now, now],
    });
  }
  // The scale ICCIDs above have 19 digits without a real check digit; give them one (SQL cannot Luhn easily, so do it here in chunks).
  const rows = await client.execute({ sql: "SELECT id, iccid FROM mobile_lines WHERE customer_id = ? AND iccid LIKE '8932042%' AND length(iccid) = 19", args: [customer] });
  for (let i = 0; i < rows.rows.length; i += 1000) {
    await client.batch(
      rows.rows.slice(i, i + 1000).map((r) => ({ sql: "UPDATE mobile_lines SET iccid = ? WHERE id = ?", args: [withCheckDigit(String(r.iccid)), Number(r.id)] })),
      "write",
    );
  }
  await client.execute({
    sql: "INSERT INTO line_options (line_id, option_id, added_at) SELECT l.id, (SELECT id FROM fleet_options WHERE code = 'data_asia_business_600mb'), ? FROM mobile_lines l WHERE l.customer_id = ? AND l.id % 5 = 0",
    args: [now, customer],
  });
}

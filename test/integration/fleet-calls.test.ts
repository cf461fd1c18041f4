import { createClient } from "@libsql/client/web";
import { SELF } from "cloudflare:test";
import { drizzle } from "drizzle-orm/libsql/web";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, inject, it } from "vitest";
import * as schema from "../../src/db/schema/index.ts";
import { callPeriods, callsQuery, visibleCalls } from "../../src/features/fleet/calls-service.ts";
import { brusselsDayStart } from "../../src/lib/brussels-time.ts";
import { isHiddenNumber } from "../../src/features/fleet/hidden-numbers.ts";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { callDetailCutoff, currentPeriod, periodOf, shiftPeriod } from "../../src/features/fleet/periods.ts";
import { catalogs, plural } from "../../src/lib/i18n.ts";
import { hashPassword } from "../../src/lib/password.ts";
import { brusselsDate } from "../../src/lib/workdays.ts";
import type { Principal } from "../../src/lib/principal.ts";
import { DEMO_PASSWORD, loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

// Call details (issue #11, deliverable 6). Own test lines: msisdn 0467 9…, ICCID bodies 8932047…,
// on 100457319; a foreign customer 711C… of our own.
const u = catalogs.en.fleetUsage;
const lastMonth = shiftPeriod(currentPeriod(), 1);
const stamp = `${(Date.now() >> 3) % 10000}`.padStart(4, "0");
let seq = 0;
let mobile = 0;
let contract = 0;
let planId = 0;

async function createLine(customer = mobile, contractId = contract): Promise<{ id: number; msisdn: string }> {
  seq++;
  const msisdn = `04679${stamp.slice(1)}${String(seq).padStart(2, "0")}`;
  const iccid = withCheckDigit(`8932047${stamp}79${String(seq).padStart(5, "0")}`);
  const now = Date.now();
  const [row] = await sql<{ id: number }>(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, iccid, search_text, created_at, updated_at)
     VALUES (?, ?, ?, 'Calls test', ?, 'ACTIVE', ?, ?, ?, ?) RETURNING id`,
    [customer, contractId, msisdn, planId, iccid, msisdn, now, now],
  );
  return { id: Number(row!.id), msisdn };
}

type Record = { number: string; at: number; kind?: string; seconds?: number; cents?: number; roaming?: string | null; period?: string };

async function addCalls(lineId: number, records: Record[], customer = mobile) {
  for (const r of records) {
    await sql("INSERT INTO call_records (line_id, customer_id, period, started_at, kind, number, duration_seconds, cents, roaming_country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
      lineId,
      customer,
      r.period ?? periodOf(brusselsDate(r.at)),
      r.at,
      r.kind ?? "voice",
      r.number,
      r.seconds ?? 65,
      r.cents ?? 12,
      r.roaming ?? null,
    ]);
  }
}

/** A moment in the middle of last month, n minutes later. */
const inLastMonth = (n: number) => Date.parse(`${lastMonth}-15T09:00:00Z`) + n * 60_000;
const numbersOf = (html: string) => [...html.matchAll(/<tr><td>[^<]*<\/td><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1]!);

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function member(lineIds: number[]): Promise<TestBrowser> {
  const username = `fleetcalls${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  const [user] = await sql<{ id: number }>(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at, last_login_at) VALUES (?, ?, ?, 'Calls', 'Member', 'x', 'en', ?, 'VALIDATED', 'ADMIN', ?, ?) RETURNING id",
    [username, username, `${username}@test.example`, await hashPassword(DEMO_PASSWORD), now, now],
  );
  const [membership] = await sql<{ id: number }>("INSERT INTO memberships (user_id, customer_id, profile, created_at, fleet_role) VALUES (?, ?, 'portal', ?, 'MEMBER') RETURNING id", [
    user!.id,
    mobile,
    now,
  ]);
  await sql(
    `INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at)
     SELECT ?, a.id, 'function', f.id, ? FROM applications a JOIN application_functions f ON f.application_id = a.id WHERE a.code = 'fleet' AND f.code = 'view'`,
    [membership!.id, now],
  );
  for (const id of lineIds) await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [id, user!.id]);
  return loggedInAs(username);
}

const HIDDEN = ["112", "101", "100", "1733", "116000", "116111", "080012345", "0800 12 345", "+3280012345", "003280099999"];
const SHOWN = ["0475123456", "+33612345678", "1207", "0801234567", "11600"];

let margaux: TestBrowser;

/** The answer's bytes as they come (TestBrowser reads text, which drops a byte order mark). */
function raw(path: string): Promise<Response> {
  const cookie = [...margaux.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return SELF.fetch(`https://loket.test${path}`, { headers: { Cookie: cookie, "CF-Connecting-IP": margaux.ip } });
}
let line: { id: number; msisdn: string };

beforeAll(async () => {
  [{ id: mobile }] = (await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = '100457319'")) as [{ id: number }];
  [{ id: contract }] = (await sql<{ id: number }>("SELECT id FROM contracts WHERE contract_number = '0000025351'")) as [{ id: number }];
  [{ id: planId }] = (await sql<{ id: number }>("SELECT id FROM tariff_plans WHERE code = 'mobile_contact'")) as [{ id: number }];
  line = await createLine();
  await addCalls(line.id, [
    ...SHOWN.map((number, i) => ({ number, at: inLastMonth(i * 2), kind: i === 1 ? "sms" : "voice", roaming: i === 2 ? "FR" : null })),
    ...HIDDEN.map((number, i) => ({ number, at: inLastMonth(i * 2 + 1) })),
  ]);
  margaux = await loggedInAs("margaux");
}, 30_000);

describe("call details of a line", () => {
  it("the rule: free and emergency numbers are hidden, others are not", () => {
    expect(HIDDEN.every(isHiddenNumber)).toBe(true);
    expect(SHOWN.some(isHiddenNumber)).toBe(false);
  });

  it("shows last month's calls without 112, 101, 100, 1733, 116xxx and 0800 numbers, and counts only those shown", async () => {
    const { status, text } = await margaux.get(`/en/fleet/lines/${line.id}/calls?period=${lastMonth}`);
    expect(status).toBe(200);
    expect(numbersOf(text)).toEqual(SHOWN);
    expect(text).toContain(plural("en", u.callsCount, SHOWN.length, { period: "" }).split(" in ")[0]);
    expect(text).toContain(">FR<");
    expect(text).toContain(">SMS<");
    // Without a period: the newest billed period, the chooser lists the 6 months.
    const chooser = await margaux.get(`/en/fleet/lines/${line.id}/calls`);
    expect(chooser.status).toBe(200);
    expect(numbersOf(chooser.text)).toEqual(SHOWN);
    for (const p of callPeriods()) expect(chooser.text).toContain(`value="${p}"`);
    expect(chooser.text).not.toContain(`value="${currentPeriod()}"`);
  });

  it("exports the same records as CSV (UTF-8 with BOM, ';') and as .xlsx, as attachments that are not sniffed", async () => {
    const csv = await margaux.get(`/en/fleet/lines/${line.id}/calls.csv?period=${lastMonth}`);
    expect(csv.status).toBe(200);
    expect(csv.response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.response.headers.get("Content-Disposition")).toBe(`attachment; filename="call-details-${line.msisdn}-${lastMonth}.csv"`);
    expect(csv.response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const lines = csv.text.split("\r\n").filter(Boolean);
    const bytes = new Uint8Array(await (await raw(`/en/fleet/lines/${line.id}/calls.csv?period=${lastMonth}`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]!).toBe(`${u.callColumn.when};${u.callColumn.kind};${u.callColumn.number};${u.durationSeconds};${u.callColumn.roaming};${u.callColumn.amount}`);
    expect(lines.slice(1).map((l) => l.split(";")[2])).toEqual(SHOWN);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};Call;0475123456;65;;0\.12$/);
    // Dutch: a decimal comma, the rest alike.
    const nl = await margaux.get(`/nl/fleet/lines/${line.id}/calls.csv?period=${lastMonth}`);
    expect(nl.text.split("\r\n")[1]).toMatch(/;0,12$/);
    const xlsx = { response: await raw(`/en/fleet/lines/${line.id}/calls.xlsx?period=${lastMonth}`) };
    expect(xlsx.response.status).toBe(200);
    await xlsx.response.arrayBuffer();
    expect(xlsx.response.headers.get("Content-Disposition")).toContain("attachment");
    expect(xlsx.response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("the .xlsx holds the shown numbers and none of the hidden ones", async () => {
    const response = await raw(`/en/fleet/lines/${line.id}/calls.xlsx?period=${lastMonth}`);
    expect(response.status).toBe(200);
    const sheet = strFromU8(unzipSync(new Uint8Array(await response.arrayBuffer()))["xl/worksheets/sheet1.xml"]!);
    const strings = [...sheet.matchAll(/t="str"><v>([^<]*)<\/v>/g)].map((m) => m[1]!);
    for (const number of SHOWN) expect(strings).toContain(number);
    for (const number of HIDDEN) expect(strings).not.toContain(number);
    expect(strings).toContain(u.callColumn.number);
    expect(strings.filter((s) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s))).toHaveLength(SHOWN.length);
  });

  it("pages by 50 through the keyset (the count is of the shown records), a page of 50 under 14 KB gzip", async () => {
    const busy = await createLine();
    const records: Record[] = [];
    for (let i = 0; i < 60; i++) records.push({ number: `04751${String(i).padStart(5, "0")}`, at: inLastMonth(i), roaming: i % 10 === 0 ? "NL" : null });
    for (let i = 0; i < 15; i++) records.push({ number: "112", at: inLastMonth(i) + 1 });
    await addCalls(busy.id, records);
    const first = await margaux.get(`/en/fleet/lines/${busy.id}/calls?period=${lastMonth}`);
    expect(first.text).toContain(plural("en", u.callsCount, 60, { period: "" }).split(" in ")[0]);
    const page1 = numbersOf(first.text);
    expect(page1).toHaveLength(50);
    expect(await gzipSize(first.text)).toBeLessThanOrEqual(14 * 1024);
    const next = first.text.match(/href="([^"]+after=[^"]+)"/)?.[1]?.replace(/&amp;/g, "&");
    const second = await margaux.get(next!);
    const page2 = numbersOf(second.text);
    expect(page2).toHaveLength(10);
    expect([...page1, ...page2]).toEqual(records.slice(0, 60).map((r) => r.number));
    const back = second.text.match(/href="([^"]+before=[^"]+)"/)?.[1]?.replace(/&amp;/g, "&");
    expect(numbersOf((await margaux.get(back!)).text)).toEqual(page1);
  });

  it("keeps 6 months at the day: a record on the cutoff day shows, one the day before does not", async () => {
    const boundary = await createLine();
    const cutoff = callDetailCutoff();
    const start = brusselsDayStart(cutoff);
    await addCalls(boundary.id, [
      { number: "0470000001", at: start + 30_000 },
      { number: "0470000002", at: start - 30_000 },
    ]);
    const onCutoff = await margaux.get(`/en/fleet/lines/${boundary.id}/calls?period=${periodOf(cutoff)}`);
    expect(onCutoff.status).toBe(200);
    expect(numbersOf(onCutoff.text)).toContain("0470000001");
    expect(numbersOf(onCutoff.text)).not.toContain("0470000002");
    const before = periodOf(brusselsDate(start - 30_000));
    if (before !== periodOf(cutoff)) expect((await margaux.get(`/en/fleet/lines/${boundary.id}/calls?period=${before}`)).status).toBe(404);
    const csv = await margaux.get(`/en/fleet/lines/${boundary.id}/calls.csv?period=${periodOf(cutoff)}`);
    expect(csv.text).toContain("0470000001");
    expect(csv.text).not.toContain("0470000002");
  });

  it("answers 404 for a malformed, current or too old period, another customer's line, and a MEMBER's line not delegated", async () => {
    for (const p of ["2026-13", "x", currentPeriod(), shiftPeriod(currentPeriod(), 8)]) {
      expect((await margaux.get(`/en/fleet/lines/${line.id}/calls?period=${p}`)).status, p).toBe(404);
      expect((await margaux.get(`/en/fleet/lines/${line.id}/calls.csv?period=${p}`)).status, p).toBe(404);
    }
    const number = `711C${crypto.randomUUID().slice(0, 6)}`;
    const [{ id: customer }] = (await sql<{ id: number }>(
      "INSERT INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, created_at) VALUES (?, 'Calls Foreign NV', 'Rue 2', '1000', 'Bruxelles', ?) RETURNING id",
      [number, Date.now()],
    )) as [{ id: number }];
    const [{ id: foreignContract }] = (await sql<{ id: number }>("INSERT INTO contracts (contract_number, customer_id, service) VALUES (?, ?, 'mobile') RETURNING id", [`${number}-1`, customer])) as [
      { id: number },
    ];
    const foreign = await createLine(customer, foreignContract);
    await addCalls(foreign.id, [{ number: "0475999999", at: inLastMonth(1) }], customer);
    for (const path of ["calls", "calls.csv", "calls.xlsx"]) expect((await margaux.get(`/en/fleet/lines/${foreign.id}/${path}?period=${lastMonth}`)).status, path).toBe(404);
    const other = await createLine();
    const browser = await member([line.id]);
    expect((await browser.get(`/en/fleet/lines/${line.id}/calls?period=${lastMonth}`)).status).toBe(200);
    expect((await browser.get(`/en/fleet/lines/${line.id}/calls.csv?period=${lastMonth}`)).status).toBe(200);
    expect((await browser.get(`/en/fleet/lines/${other.id}/calls?period=${lastMonth}`)).status).toBe(404);
    expect((await browser.get(`/en/fleet/lines/${other.id}/calls.csv?period=${lastMonth}`)).status).toBe(404);
  });

  it("reads one range of call_records_line_period_idx, without a sort (EXPLAIN QUERY PLAN)", async () => {
    const client = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
    const db = drizzle(client, { schema }) as never;
    try {
      const principal = { customerId: mobile, fleetRole: "MEMBER", userId: 1 } as unknown as Principal;
      for (const cursor of [{}, { after: [Date.now(), 5] as [number, number] }, { before: [Date.now(), 5] as [number, number] }]) {
        const query = callsQuery(db, visibleCalls(principal, line.id, lastMonth), 51, cursor).toSQL();
        const plan = (await client.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.params as never })).rows.map((r) => String(r.detail)).join("\n");
        expect(plan).toContain("call_records_line_period_idx");
        expect(plan).not.toContain("TEMP B-TREE");
      }
    } finally {
      client.close();
    }
  });
});

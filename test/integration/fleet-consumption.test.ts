import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import { beforeAll, describe, expect, inject, it } from "vitest";
import * as schema from "../../src/db/schema/index.ts";
import { allowancesQuery, topQuery, usageTotalsQuery } from "../../src/features/fleet/consumption-service.ts";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { billingCutoff, currentPeriod, shiftPeriod } from "../../src/features/fleet/periods.ts";
import { catalogs, fill, formatMoney, plural } from "../../src/lib/i18n.ts";
import type { Principal } from "../../src/lib/principal.ts";
import { DEMO_PASSWORD, loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";
import { hashPassword } from "../../src/lib/password.ts";

// Consumption views (issue #11, deliverable 4). Own test lines: msisdn 0467…, ICCID bodies
// 8932047…, on the mobile demo customer 100457319; a foreign customer 711C… of our own.
const en = catalogs.en;
const u = en.fleetUsage;
const period = currentPeriod();

let seq = 0;
const stamp = `${Date.now() % 10000}`.padStart(4, "0");
let mobile = 0;
let contract = 0;
const plans: Record<string, number> = {};

type Usage = { dataMb: number; voiceSeconds: number; smsCount: number; cents: number };

async function createLine(options: { plan?: string; customer?: number; contract?: number; description?: string } = {}): Promise<{ id: number; msisdn: string }> {
  seq++;
  const msisdn = `0467${stamp}${String(seq).padStart(2, "0")}`;
  const iccid = withCheckDigit(`8932047${stamp}67${String(seq).padStart(5, "0")}`);
  const now = Date.now();
  const [row] = await sql<{ id: number }>(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, iccid, user_first_name, user_last_name, search_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, 'Conso', 'Tester', ?, ?, ?) RETURNING id`,
    [options.customer ?? mobile, options.contract ?? contract, msisdn, options.description ?? `Usage ${seq}`, plans[options.plan ?? "mobile_contact"]!, iccid, msisdn, now, now],
  );
  return { id: Number(row!.id), msisdn };
}

async function setUsage(lineId: number, usage: Usage, p = period, customer = mobile, throughDay = `${p}-01`) {
  await sql(
    `INSERT INTO usage_periods (line_id, period, customer_id, data_mb, voice_seconds, sms_count, out_of_bundle_cents, through_day, billed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (line_id, period) DO UPDATE SET data_mb = excluded.data_mb, voice_seconds = excluded.voice_seconds, sms_count = excluded.sms_count, out_of_bundle_cents = excluded.out_of_bundle_cents, through_day = excluded.through_day`,
    [lineId, p, customer, usage.dataMb, usage.voiceSeconds, usage.smsCount, usage.cents, throughDay, p < period ? 1 : 0],
  );
}

/** A MEMBER of 100457319 (fleet view + manage) with these lines delegated. */
async function member(lineIds: number[], functions: string[] = ["view", "manage"]): Promise<TestBrowser> {
  const username = `fleetconso${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  const [user] = await sql<{ id: number }>(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at, last_login_at) VALUES (?, ?, ?, 'Conso', 'Member', 'x', 'en', ?, 'VALIDATED', 'ADMIN', ?, ?) RETURNING id",
    [username, username, `${username}@test.example`, await hashPassword(DEMO_PASSWORD), now, now],
  );
  const [membership] = await sql<{ id: number }>("INSERT INTO memberships (user_id, customer_id, profile, created_at, fleet_role) VALUES (?, ?, 'portal', ?, 'MEMBER') RETURNING id", [
    user!.id,
    mobile,
    now,
  ]);
  await sql(
    `INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at)
     SELECT ?, a.id, 'function', f.id, ? FROM applications a JOIN application_functions f ON f.application_id = a.id WHERE a.code = 'fleet' AND f.code IN (SELECT value FROM json_each(?))`,
    [membership!.id, now, JSON.stringify(functions)],
  );
  for (const id of lineIds) await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [id, user!.id]);
  return loggedInAs(username);
}

/** The numbers of the top table's rows, in order. */
const rowsOf = (html: string) => [...html.matchAll(/<tr data-line="(\d*)"/g)].map((m) => m[1]!);
const totalOf = (html: string, kind: string) => html.match(new RegExp(`data-total="${kind}"[\\s\\S]*?</dd>`))?.[0] ?? "";

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

let margaux: TestBrowser;
let foreignCustomer = 0;
let foreignContract = 0;

beforeAll(async () => {
  [{ id: mobile }] = (await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = '100457319'")) as [{ id: number }];
  [{ id: contract }] = (await sql<{ id: number }>("SELECT id FROM contracts WHERE contract_number = '0000025351'")) as [{ id: number }];
  for (const row of await sql<{ id: number; code: string }>("SELECT id, code FROM tariff_plans")) plans[row.code] = Number(row.id);
  const number = `711C${crypto.randomUUID().slice(0, 6)}`;
  [{ id: foreignCustomer }] = (await sql<{ id: number }>(
    "INSERT INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, created_at) VALUES (?, 'Conso Foreign NV', 'Rue 1', '1000', 'Bruxelles', ?) RETURNING id",
    [number, Date.now()],
  )) as [{ id: number }];
  [{ id: foreignContract }] = (await sql<{ id: number }>("INSERT INTO contracts (contract_number, customer_id, service) VALUES (?, ?, 'mobile') RETURNING id", [`${number}-1`, foreignCustomer])) as [
    { id: number },
  ];
  margaux = await loggedInAs("margaux");
}, 30_000);

describe("the fleet's consumption this period", () => {
  it("a MEMBER sees the totals and the top lines of the lines delegated to them only, equal to the seeded sums, highest out-of-bundle first", async () => {
    const a = await createLine({ plan: "mobile_contact" }); // 10 GB, 600 min, SMS unlimited
    const b = await createLine({ plan: "mobile_1" }); // 1 GB, 60 min, 60 SMS
    const c = await createLine({ plan: "mobile_limitless" }); // all unlimited
    const hidden = await createLine({ plan: "mobile_1" }); // not delegated
    await setUsage(a.id, { dataMb: 2048, voiceSeconds: 600, smsCount: 10, cents: 1250 }, period, mobile, `${period}-01`);
    await setUsage(b.id, { dataMb: 512, voiceSeconds: 3600, smsCount: 30, cents: 4999 });
    await setUsage(c.id, { dataMb: 10240, voiceSeconds: 60, smsCount: 5, cents: 0 });
    await setUsage(hidden.id, { dataMb: 99999, voiceSeconds: 99999, smsCount: 999, cents: 999999 });
    const browser = await member([a.id, b.id, c.id]);
    const { status, text } = await browser.get("/en/fleet/usage");
    expect(status).toBe(200);
    expect(text).toContain(plural("en", u.linesCounted, 3));
    // Data: 2048 + 512 + 10240 MB = 12.5 GB (en-BE writes a decimal comma) of 10 GB + 1 GB (the limitless line has no allowance).
    expect(totalOf(text, "data")).toContain(fill(u.usedOf, { used: "12,5 GB", included: "11 GB" }));
    expect(totalOf(text, "data")).toContain(plural("en", u.plusUnlimited, 1));
    // Voice: 4260 s = 71 min of 600 + 60 min.
    expect(totalOf(text, "voice")).toContain(fill(u.usedOf, { used: "71 min", included: "660 min" }));
    // SMS: 45 of 60 (only mobile_1 limits SMS), two lines unlimited.
    expect(totalOf(text, "sms")).toContain(fill(u.usedOf, { used: "45 SMS", included: "60 SMS" }));
    expect(totalOf(text, "sms")).toContain(plural("en", u.plusUnlimited, 2));
    expect(totalOf(text, "outOfBundle")).toContain(formatMoney("en", 6249));
    // The bar's text for a screen reader: 12.5 GB of 11 GB = 114 % used.
    expect(totalOf(text, "data")).toContain(`aria-label="${fill(u.usedPercent, { percent: "114%" })}"`);
    expect(rowsOf(text)).toEqual([b.msisdn, a.msisdn, c.msisdn]);
    expect(text).not.toContain(hidden.msisdn);
    // The full list says the same.
    const top = await browser.get("/en/fleet/usage/top");
    expect(top.status).toBe(200);
    expect(rowsOf(top.text)).toEqual([b.msisdn, a.msisdn, c.msisdn]);
    // Another customer's usage never counts: the foreign line's usage is not in margaux's list either.
    const foreign = await createLine({ customer: foreignCustomer, contract: foreignContract });
    await setUsage(foreign.id, { dataMb: 1, voiceSeconds: 1, smsCount: 1, cents: 99_999_999 }, period, foreignCustomer);
    expect(rowsOf((await margaux.get("/en/fleet/usage")).text)).not.toContain(foreign.msisdn);
    // The delegated lines' own pages open; the other line's consumption is a 404 for the member.
    expect((await browser.get(`/en/fleet/lines/${a.id}/usage`)).status).toBe(200);
    expect((await browser.get(`/en/fleet/lines/${hidden.id}/usage`)).status).toBe(404);
  });

  it("margaux's totals equal the sums of every line of the account; the top lines come highest first", async () => {
    const lines: { id: number; msisdn: string }[] = [];
    for (const cents of [7_000_001, 7_000_003, 7_000_002]) {
      const line = await createLine();
      await setUsage(line.id, { dataMb: 100, voiceSeconds: 60, smsCount: 1, cents });
      lines.push(line);
    }
    const [sums] = await sql<{ cents: number; lines: number }>(
      "SELECT sum(out_of_bundle_cents) AS cents, count(*) AS lines FROM usage_periods up JOIN mobile_lines ml ON ml.id = up.line_id WHERE up.customer_id = ? AND up.period = ? AND ml.customer_id = ?",
      [mobile, period, mobile],
    );
    const { text } = await margaux.get("/en/fleet/usage");
    expect(totalOf(text, "outOfBundle")).toContain(formatMoney("en", Number(sums!.cents)));
    expect(text).toContain(plural("en", u.linesCounted, Number(sums!.lines)));
    const shown = rowsOf(text);
    const ours = shown.filter((n) => lines.some((l) => l.msisdn === n));
    expect(ours).toEqual([lines[1]!.msisdn, lines[2]!.msisdn, lines[0]!.msisdn]);
    expect(shown.length).toBeLessThanOrEqual(10);
  });

  it("the full list pages by 50 through the keyset, forward and back, each page under 14 KB gzip", async () => {
    const ids: { id: number; msisdn: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const line = await createLine({ description: `Conso page ${i}` });
      await setUsage(line.id, { dataMb: 1000 + i, voiceSeconds: 0, smsCount: 0, cents: 100 * (i % 7) });
      ids.push(line);
    }
    const browser = await member(ids.map((l) => l.id));
    const first = await browser.get("/en/fleet/usage/top");
    const page1 = rowsOf(first.text);
    expect(page1).toHaveLength(50);
    expect(await gzipSize(first.text)).toBeLessThanOrEqual(14 * 1024);
    const next = first.text.match(/href="(\/en\/fleet\/usage\/top\?after=[^"]+)"/)?.[1];
    expect(next).toBeTruthy();
    const second = await browser.get(next!.replace(/&amp;/g, "&"));
    const page2 = rowsOf(second.text);
    expect(page2).toHaveLength(10);
    expect(new Set([...page1, ...page2]).size).toBe(60);
    // Highest first across the pages.
    const cents = (n: string) => 100 * (ids.findIndex((l) => l.msisdn === n) % 7);
    const all = [...page1, ...page2].map(cents);
    expect(all).toEqual([...all].sort((x, y) => y - x));
    const back = second.text.match(/href="(\/en\/fleet\/usage\/top\?before=[^"]+)"/)?.[1];
    expect(rowsOf((await browser.get(back!.replace(/&amp;/g, "&"))).text)).toEqual(page1);
  });

  it("reads usage_periods through its indexes, never usage_days; a MANAGER's totals and top lines walk usage_periods_top_idx without a sort (EXPLAIN QUERY PLAN)", async () => {
    const client = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
    const db = drizzle(client, { schema }) as never;
    const planOf = async (query: { sql: string; params: unknown[] }) =>
      (await client.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.params as never })).rows.map((r) => String(r.detail)).join("\n");
    try {
      const manager = { customerId: mobile, fleetRole: "MANAGER", userId: 1 } as unknown as Principal;
      const memberOf = { customerId: mobile, fleetRole: "MEMBER", userId: 1 } as unknown as Principal;
      for (const query of [topQuery(db, manager, period, 11).toSQL(), topQuery(db, manager, period, 51, { after: [100, 5] }).toSQL(), usageTotalsQuery(db, manager, period).toSQL()]) {
        const plan = await planOf(query);
        expect(plan).toContain("USING INDEX usage_periods_top_idx");
        expect(plan).not.toContain("TEMP B-TREE");
      }
      // The manager's totals read usage_periods alone (customer_id is the account).
      expect(await planOf(usageTotalsQuery(db, manager, period).toSQL())).not.toContain("mobile_lines");
      for (const principal of [manager, memberOf]) {
        for (const query of [topQuery(db, principal, period, 51).toSQL(), usageTotalsQuery(db, principal, period).toSQL(), allowancesQuery(db, principal).toSQL()]) {
          const plan = await planOf(query);
          expect(plan).not.toContain("usage_days");
          expect(plan).not.toMatch(/SCAN (usage_periods|mobile_lines)\b/);
        }
      }
    } finally {
      client.close();
    }
  });
});

describe("one line's consumption", () => {
  it("shows this period against the plan, the billed periods of the last 12 months only, newest first", async () => {
    const line = await createLine({ plan: "mobile_start" }); // 3 GB, 120 min, 120 SMS
    await setUsage(line.id, { dataMb: 1536, voiceSeconds: 7200, smsCount: 130, cents: 345 });
    for (let back = 1; back <= 14; back++) await setUsage(line.id, { dataMb: back, voiceSeconds: 0, smsCount: 0, cents: back * 100 }, shiftPeriod(period, back));
    const { status, text } = await margaux.get(`/en/fleet/lines/${line.id}/usage`);
    expect(status).toBe(200);
    expect(text).toContain(fill(u.lineTitle, { number: `0467 ${line.msisdn.slice(4, 6)} ${line.msisdn.slice(6, 8)} ${line.msisdn.slice(8)}` }));
    expect(totalOf(text, "data")).toContain(fill(u.usedOf, { used: "1,5 GB", included: "3 GB" }));
    expect(totalOf(text, "voice")).toContain(fill(u.usedOf, { used: "120 min", included: "120 min" }));
    expect(totalOf(text, "sms")).toContain(fill(u.usedOf, { used: "130 SMS", included: "120 SMS" }));
    expect(totalOf(text, "outOfBundle")).toContain(formatMoney("en", 345));
    const oldest = billingCutoff().slice(0, 7);
    const expected = Array.from({ length: 14 }, (_, i) => shiftPeriod(period, i + 1)).filter((p) => p >= oldest);
    const shown = [...text.matchAll(/<tr data-period="(\d{4}-\d{2})"/g)].map((m) => m[1]);
    expect(shown).toEqual(expected.slice(0, 12));
    expect(shown.length).toBeLessThanOrEqual(12);
    expect(shown).not.toContain(shiftPeriod(period, 13));
  });

  it("another customer's line is a 404, for the page and the notification", async () => {
    const foreign = await createLine({ customer: foreignCustomer, contract: foreignContract });
    expect((await margaux.get(`/en/fleet/lines/${foreign.id}/usage`)).status).toBe(404);
    await margaux.get("/en/fleet/usage");
    expect((await margaux.post(`/en/fleet/lines/${foreign.id}/usage/alert`, { enabled: "on", amount: "25" })).status).toBe(404);
    expect((await margaux.get("/en/fleet/lines/abc/usage")).status).toBe(404);
  });

  it("refuses a wrong amount with 422 in the user's language, the value kept, nothing stored", async () => {
    const line = await createLine();
    await margaux.get(`/fr/fleet/lines/${line.id}/usage`);
    for (const [amount, message] of [
      ["abc", catalogs.fr.fleetUsage.alertAmountInvalid],
      ["0", catalogs.fr.fleetUsage.alertAmountInvalid],
      ["100001", catalogs.fr.fleetUsage.alertAmountInvalid],
      ["", catalogs.fr.fleetUsage.alertAmountRequired],
    ]) {
      const result = await margaux.post(`/fr/fleet/lines/${line.id}/usage/alert`, { enabled: "on", amount: amount! });
      expect(result.status).toBe(422);
      expect(result.text).toContain(message!.replace(/'/g, "&#39;"));
      expect(result.text).toContain(`value="${amount}"`);
    }
    // htmx: only the notification block comes back.
    const partial = await margaux.post(`/en/fleet/lines/${line.id}/usage/alert`, { enabled: "on", amount: "x" }, { "HX-Request": "true", "HX-Target": "line-alert" });
    expect(partial.status).toBe(422);
    expect(partial.text).not.toContain("<html");
    expect(partial.text).toContain('id="line-alert"');
    expect(await sql("SELECT 1 FROM usage_alerts WHERE line_id = ?", [line.id])).toHaveLength(0);
  });

  it("saves the notification at € 25,50 (a comma as typed) through the usage alerts service: stored, confirmed, shown again", async () => {
    const line = await createLine();
    await margaux.get(`/en/fleet/lines/${line.id}/usage`);
    const saved = await margaux.post(`/en/fleet/lines/${line.id}/usage/alert`, { enabled: "on", amount: "25,50" });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/en/fleet/lines/${line.id}/usage?saved=alert#line-alert`);
    const [row] = await sql<{ enabled: number; threshold_cents: number }>("SELECT enabled, threshold_cents FROM usage_alerts WHERE line_id = ?", [line.id]);
    expect(row).toEqual({ enabled: 1, threshold_cents: 2550 });
    const page = await margaux.get(saved.location!);
    expect(page.text).toContain(u.alertSaved);
    expect(page.text).toContain('value="25,50"');
    expect(page.text).toMatch(/id="alert-enabled"[^>]*checked/);
    // Switched off with the amount left empty: off, the amount kept.
    const off = await margaux.post(`/en/fleet/lines/${line.id}/usage/alert`, { amount: "" });
    expect(off.status).toBe(303);
    expect(await sql("SELECT enabled, threshold_cents FROM usage_alerts WHERE line_id = ?", [line.id])).toEqual([{ enabled: 0, threshold_cents: 2550 }]);
    expect((await margaux.get(off.location!)).text).not.toMatch(/id="alert-enabled"[^>]*checked/);
  });
});

describe("round trips", () => {
  it("each page reads its data in one batch: at most 2 database round trips with the session's checks", async () => {
    const pipelines = async () => ((await (await fetch(`${inject("dbUrl")}/_stats`)).json()) as { pipelineRequests: number }).pipelineRequests;
    const line = await createLine();
    await setUsage(line.id, { dataMb: 10, voiceSeconds: 10, smsCount: 1, cents: 1 });
    const lastMonth = shiftPeriod(period, 1);
    for (const path of ["/en/fleet/usage", "/en/fleet/usage/top", `/en/fleet/lines/${line.id}/usage`, `/en/fleet/lines/${line.id}/calls?period=${lastMonth}`]) {
      await margaux.get(path);
      const before = await pipelines();
      const page = await margaux.get(path);
      const used = (await pipelines()) - before;
      expect(page.status, path).toBe(200);
      expect(used, path).toBeGreaterThanOrEqual(1);
      expect(used, path).toBeLessThanOrEqual(2);
    }
  });
});

describe("rights", () => {
  it("seeing needs fleet.view (403 without it), the notification fleet.manage: a viewer sees the page without the form and cannot post it", async () => {
    const line = await createLine();
    const nobody = await member([line.id], []);
    for (const path of ["/en/fleet/usage", "/en/fleet/usage/top", `/en/fleet/lines/${line.id}/usage`, `/en/fleet/lines/${line.id}/calls`]) expect((await nobody.get(path)).status, path).toBe(403);
    const viewer = await member([line.id], ["view"]);
    const page = await viewer.get(`/en/fleet/lines/${line.id}/usage`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(`action="/en/fleet/lines/${line.id}/usage/alert"`);
    expect((await viewer.post(`/en/fleet/lines/${line.id}/usage/alert`, { enabled: "on", amount: "25" })).status).toBe(403);
    expect(await sql("SELECT 1 FROM usage_alerts WHERE line_id = ?", [line.id])).toHaveLength(0);
  });
});

describe("in Dutch and French", () => {
  it("the consumption pages and the call details speak the page's language, French with its no-break spaces", async () => {
    const line = await createLine({ plan: "mobile_1" });
    await setUsage(line.id, { dataMb: 2048, voiceSeconds: 120, smsCount: 3, cents: 150 });
    for (const lang of ["nl", "fr"] as const) {
      const t = catalogs[lang].fleetUsage;
      const escaped = (text: string) => text.replace(/'/g, "&#39;");
      const fleet = await margaux.get(`/${lang}/fleet/usage`);
      expect(fleet.status).toBe(200);
      expect(fleet.text).toContain(`<h1>${escaped(t.title)}</h1>`);
      expect(fleet.text).toContain(escaped(t.totals));
      const usage = await margaux.get(`/${lang}/fleet/lines/${line.id}/usage`);
      expect(usage.status).toBe(200);
      expect(usage.text).toContain(escaped(t.alertTitle));
      expect(usage.text).toContain(escaped(fill(t.planLine, { plan: "Mobile 1" })));
      const calls = await margaux.get(`/${lang}/fleet/lines/${line.id}/calls`);
      expect(calls.status).toBe(200);
      expect(calls.text).toContain(escaped(t.choosePeriod));
      for (const page of [fleet.text, usage.text, calls.text]) expect(page).not.toMatch(/fleetUsage\.|\{(period|count|used|included|plan|number)\}/);
    }
    expect((await margaux.get("/fr/fleet/usage")).text).toContain("Période de facturation\u00a0:");
  });
});

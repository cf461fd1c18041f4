import { beforeAll, describe, expect, it } from "vitest";
import { billingCutoff, callDetailCutoff, lastVisibleDay, periodEnd, periodOf, shiftPeriod } from "../../src/features/fleet/periods.ts";
import { packUsage, periodTotals, rollUpUsage } from "../../src/features/fleet/usage.ts";
import { purgeUsage } from "../../src/features/fleet/usage-cron.ts";
import { brusselsDayStart } from "../../src/lib/brussels-time.ts";
import { at, mobileCustomer, one, ownContract, principal, usageDb, usageLine, usageUser, useDay } from "./fleet-usage-fixtures.ts";
import { sql } from "./sql.ts";

const db = usageDb();
let customer = 0;
let contract = 0;

const periodRow = async (line: number, period: string) =>
  (
    await sql<{ data_mb: number; voice_seconds: number; sms_count: number; out_of_bundle_cents: number; through_day: string; billed: number }>(
      "SELECT data_mb, voice_seconds, sms_count, out_of_bundle_cents, through_day, billed FROM usage_periods WHERE line_id = ? AND period = ?",
      [line, period],
    )
  )[0];

beforeAll(async () => {
  customer = await mobileCustomer();
  contract = await ownContract(customer);
});

describe("usage rollup", () => {
  it("counts a day's usage from 08:00 the next day in Brussels, not before", async () => {
    const line = await usageLine(customer, contract);
    await useDay(line.id, customer, "2041-03-09", { dataMb: 100, voiceSeconds: 60, sms: 1, cents: 50 });
    await useDay(line.id, customer, "2041-03-10", { dataMb: 200, voiceSeconds: 120, sms: 2, cents: 70 });

    // 07:59 on the 11th (CET): the 10th is not visible yet.
    await rollUpUsage(db, at("2041-03-11T07:59:00+01:00"));
    expect(await periodRow(line.id, "2041-03")).toMatchObject({ data_mb: 100, voice_seconds: 60, sms_count: 1, out_of_bundle_cents: 50, through_day: "2041-03-09", billed: 0 });

    // 08:00: it is.
    await rollUpUsage(db, at("2041-03-11T08:00:00+01:00"));
    expect(await periodRow(line.id, "2041-03")).toMatchObject({ data_mb: 300, voice_seconds: 180, sms_count: 3, out_of_bundle_cents: 120, through_day: "2041-03-10", billed: 0 });
  });

  it("rolls the period's totals up to the sum of its days, bills it once its last day is visible, and leaves a billed period alone", async () => {
    const lines = [await usageLine(customer, contract), await usageLine(customer, contract), await usageLine(customer, contract)];
    for (const [i, line] of lines.entries()) {
      for (let d = 1; d <= 30; d += 1 + i) {
        await useDay(line.id, customer, `2041-06-${String(d).padStart(2, "0")}`, { dataMb: 10 * d + i, voiceSeconds: 7 * d, sms: d % 3, cents: d * (i + 1) });
      }
    }
    // A day of the next period is not counted in this one.
    await useDay(lines[0]!.id, customer, "2041-07-01", { dataMb: 999, cents: 999 });

    // 1 July 07:00 (CEST): 29 June is the last visible day.
    await rollUpUsage(db, at("2041-07-01T07:00:00+02:00"));
    expect((await periodRow(lines[0]!.id, "2041-06"))?.through_day).toBe("2041-06-29");

    // 1 July 08:00: 30 June is visible, the period is billed.
    await rollUpUsage(db, at("2041-07-01T08:00:00+02:00"));
    for (const line of lines) {
      const [days] = await sql<{ data: number; voice: number; sms: number; cents: number }>(
        "SELECT sum(data_mb) AS data, sum(voice_seconds) AS voice, sum(sms_count) AS sms, sum(out_of_bundle_cents) AS cents FROM usage_days WHERE line_id = ? AND day LIKE '2041-06-%'",
        [line.id],
      );
      expect(await periodRow(line.id, "2041-06")).toMatchObject({
        data_mb: days!.data,
        voice_seconds: days!.voice,
        sms_count: days!.sms,
        out_of_bundle_cents: days!.cents,
        through_day: "2041-06-30",
        billed: 1,
      });
    }

    // Usage reported late for a billed period does not change it; the next period goes on.
    await useDay(lines[1]!.id, customer, "2041-06-30", { dataMb: 5000, cents: 5000 });
    const before = await periodRow(lines[1]!.id, "2041-06");
    await rollUpUsage(db, at("2041-07-02T09:00:00+02:00"));
    expect(await periodRow(lines[1]!.id, "2041-06")).toEqual(before);
    expect(await periodRow(lines[0]!.id, "2041-07")).toMatchObject({ data_mb: 999, out_of_bundle_cents: 999, through_day: "2041-07-01", billed: 0 });
  });
});

describe("rollup across lines", () => {
  it("a billed row of one line (a late import, another test) does not stop another line's rollup of that period", async () => {
    const [billedLine, line] = [await usageLine(customer, contract), await usageLine(customer, contract)];
    await sql("INSERT INTO usage_periods (line_id, period, customer_id, data_mb, through_day, billed) VALUES (?, '2043-02', ?, 1, '2043-02-28', 1)", [billedLine.id, customer]);
    await useDay(line.id, customer, "2043-02-03", { dataMb: 70, cents: 5 });
    await rollUpUsage(db, at("2043-02-05T09:00:00+01:00"));
    expect(await periodRow(line.id, "2043-02")).toMatchObject({ data_mb: 70, out_of_bundle_cents: 5, through_day: "2043-02-04", billed: 0 });
    expect(await periodRow(billedLine.id, "2043-02")).toMatchObject({ data_mb: 1, billed: 1 });
  });
});

describe("period totals and pack usage", () => {
  it("totals the fleet's period over the principal's lines; a MEMBER sees only the delegated lines' usage", async () => {
    const [a, b] = [await usageLine(customer, contract), await usageLine(customer, contract, "mobile_limitless")];
    await useDay(a.id, customer, "2041-09-02", { dataMb: 1500, voiceSeconds: 300, sms: 4, cents: 250 });
    await useDay(b.id, customer, "2041-09-03", { dataMb: 700, voiceSeconds: 60, sms: 1, cents: 1000 });
    await rollUpUsage(db, at("2041-09-10T12:00:00+02:00"));

    const manager = await periodTotals(db, principal(customer, "MANAGER", null), "2041-09");
    // Only these two lines have usage in 2041-09; the other lines of the account add their allowances, not usage.
    expect(manager).toMatchObject({ dataMb: 2200, voiceSeconds: 360, smsCount: 5, outOfBundleCents: 1250, throughDay: "2041-09-09" });
    expect(manager.unlimitedDataLines).toBeGreaterThanOrEqual(1);
    expect(manager.includedDataMb).toBeGreaterThanOrEqual(10240);

    const member = await usageUser(customer);
    await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [a.id, member.id]);
    expect(await periodTotals(db, principal(customer, "MEMBER", member.id), "2041-09")).toEqual({
      lines: 1,
      dataMb: 1500,
      voiceSeconds: 300,
      smsCount: 4,
      outOfBundleCents: 250,
      includedDataMb: 10240,
      unlimitedDataLines: 0,
      throughDay: "2041-09-09",
    });
  });

  it("packUsage: the data of the pack's contract lines against the offer; each started GB beyond it at the offer's price; another customer's pack is zero", async () => {
    const packContract = await ownContract(customer);
    const [a, b] = [await usageLine(customer, packContract), await usageLine(customer, packContract)];
    const offer = await one("SELECT id FROM pack_offers WHERE code = 'group_data_25'");
    const pack = await one("INSERT INTO group_packs (customer_id, contract_id, offer_id, status, starts_on, created_at, updated_at) VALUES (?, ?, ?, 'active', '2041-10-01', ?, ?) RETURNING id", [
      customer,
      packContract,
      offer,
      Date.now(),
      Date.now(),
    ]);
    await useDay(a.id, customer, "2041-10-04", { dataMb: 20 * 1024 });
    await useDay(b.id, customer, "2041-10-05", { dataMb: 5 * 1024 });
    await rollUpUsage(db, at("2041-10-20T12:00:00+02:00"));
    expect(await packUsage(db, customer, pack, "2041-10")).toEqual({ usedMb: 25 * 1024, includedMb: 25 * 1024, extraCents: 0, throughDay: "2041-10-19" });

    // One MB beyond the pack costs a started GB; 1 GB + 1 MB beyond, two.
    await useDay(b.id, customer, "2041-10-20", { dataMb: 1 });
    await rollUpUsage(db, at("2041-10-21T12:00:00+02:00"));
    expect((await packUsage(db, customer, pack, "2041-10")).extraCents).toBe(500);
    await useDay(a.id, customer, "2041-10-21", { dataMb: 1024 });
    await rollUpUsage(db, at("2041-10-22T12:00:00+02:00"));
    expect(await packUsage(db, customer, pack, "2041-10")).toEqual({ usedMb: 26 * 1024 + 1, includedMb: 25 * 1024, extraCents: 1000, throughDay: "2041-10-21" });

    const other = await one("SELECT id FROM customers WHERE customer_number = '439561'");
    expect(await packUsage(db, other, pack, "2041-10")).toEqual({ usedMb: 0, includedMb: 0, extraCents: 0, throughDay: null });
  });
});

describe("retention", () => {
  it("purges billing data (and the notifications sent for its periods) after 12 months and call details after 6, at the day: the cutoff day stays, the day before goes", async () => {
    // A simulated clock in 2001: only this test's rows are that old.
    const now = at("2001-03-15T12:00:00+01:00");
    expect(billingCutoff(now)).toBe("2000-03-15");
    expect(callDetailCutoff(now)).toBe("2000-09-15");
    const line = await usageLine(customer, contract);
    await useDay(line.id, customer, "2000-03-14", { dataMb: 1 });
    await useDay(line.id, customer, "2000-03-15", { dataMb: 2 });
    for (const [period, through] of [
      ["2000-02", "2000-02-29"],
      ["2000-03", "2000-03-31"],
    ]) {
      await sql("INSERT INTO usage_periods (line_id, period, customer_id, through_day, billed) VALUES (?, ?, ?, ?, 1)", [line.id, period!, customer, through!]);
    }
    const call = (startedAt: number, number: string) =>
      sql("INSERT INTO call_records (line_id, customer_id, period, started_at, kind, number, duration_seconds, cents) VALUES (?, ?, '2000-09', ?, 'voice', ?, 60, 10)", [
        line.id,
        customer,
        startedAt,
        number,
      ]);
    // 14 September 23:59:59 and 15 September 00:00 in Brussels (CEST).
    expect(brusselsDayStart("2000-09-15")).toBe(at("2000-09-15T00:00:00+02:00"));
    await call(at("2000-09-14T23:59:59+02:00"), "0470000001");
    await call(at("2000-09-15T00:00:00+02:00"), "0470000002");

    const alert = await one("INSERT INTO usage_alerts (customer_id, line_id, enabled, threshold_cents, updated_at, updated_by) VALUES (?, ?, 1, 2500, ?, 'code:100457319') RETURNING id", [
      customer,
      line.id,
      now,
    ]);
    for (const period of ["2000-02", "2000-03"]) {
      await sql("INSERT INTO usage_alert_sends (alert_id, period, threshold_cents, amount_cents, sent_at) VALUES (?, ?, 2500, 2600, ?)", [alert, period, now]);
    }

    const deleted = await purgeUsage(db, now);
    expect(deleted).toMatchObject({ usageDays: 1, usagePeriods: 1, callRecords: 1, alertSends: 1 });
    expect((await sql<{ period: string }>("SELECT period FROM usage_alert_sends WHERE alert_id = ?", [alert])).map((r) => r.period)).toEqual(["2000-03"]);
    expect((await sql<{ day: string }>("SELECT day FROM usage_days WHERE line_id = ?", [line.id])).map((r) => r.day)).toEqual(["2000-03-15"]);
    expect((await sql<{ period: string }>("SELECT period FROM usage_periods WHERE line_id = ?", [line.id])).map((r) => r.period)).toEqual(["2000-03"]);
    expect((await sql<{ number: string }>("SELECT number FROM call_records WHERE line_id = ?", [line.id])).map((r) => r.number)).toEqual(["0470000002"]);
  });
});

describe("demo usage (scripts/seed-usage.ts, seeded on the real clock)", () => {
  it("0488267074 is above € 25 out of bundle this period; the demo lines have the billed periods before it; call details with calls, SMS, roaming and hidden numbers", async () => {
    const current = periodOf(lastVisibleDay(Date.now()));
    const [over] = await sql<{ cents: number; billed: number }>(
      "SELECT out_of_bundle_cents AS cents, billed FROM usage_periods p JOIN mobile_lines l ON l.id = p.line_id WHERE l.msisdn = '0488267074' AND p.period = ?",
      [current],
    );
    expect(over!.cents).toBeGreaterThan(2500);
    // Open, except on the day the period's last day has become visible (the 1st from 08:00 until the
    // 2nd at 08:00): the period is complete and the rollup closes it, while it is still the one shown.
    expect(over!.billed).toBe(lastVisibleDay(Date.now()) === periodEnd(current) ? 1 : 0);
    // The 11 periods before it (the 12th back may already be purged by a cron run: 12 months).
    const billed = await sql<{ msisdn: string; n: number }>(
      `SELECT l.msisdn, count(*) AS n FROM usage_periods p JOIN mobile_lines l ON l.id = p.line_id
       WHERE l.msisdn IN ('0489744365', '0488268365', '0488267074') AND p.billed = 1 AND p.period BETWEEN ? AND ? GROUP BY l.msisdn ORDER BY l.msisdn`,
      [shiftPeriod(current, 11), shiftPeriod(current, 1)],
    );
    expect(billed).toEqual([
      { msisdn: "0488267074", n: 11 },
      { msisdn: "0488268365", n: 11 },
      { msisdn: "0489744365", n: 11 },
    ]);
    const calls = await sql<{ kind: string; roaming: number; hidden: number }>(
      `SELECT kind, sum(roaming_country IS NOT NULL) AS roaming, sum(number IN ('112', '101', '1733') OR number LIKE '0800%') AS hidden FROM call_records
       WHERE line_id IN (SELECT id FROM mobile_lines WHERE msisdn IN ('0489744365', '0488268365', '0488267074')) GROUP BY kind ORDER BY kind`,
    );
    expect(calls.map((c) => c.kind)).toEqual(["mms", "sms", "voice"]);
    expect(calls.reduce((n, c) => n + Number(c.roaming), 0)).toBeGreaterThan(0);
    expect(calls.reduce((n, c) => n + Number(c.hidden), 0)).toBeGreaterThan(0);
    const hidden = await sql<{ number: string }>(
      "SELECT DISTINCT number FROM call_records WHERE number IN ('112', '101', '1733', '080012345') AND line_id IN (SELECT id FROM mobile_lines WHERE msisdn IN ('0489744365', '0488268365', '0488267074')) ORDER BY number",
    );
    expect(hidden.map((h) => h.number)).toEqual(["080012345", "101", "112", "1733"]);
  });
});

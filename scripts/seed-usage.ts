// Usage of the mobile fleet (issue #11): per line and day, billed periods, call details.
//   Demo: the three lines of 100457319, days up to yesterday (the REAL clock at seed time, so `npm
//   run dev` shows a current period), the 12 previous billed periods, 7 months of call details (a
//   few to free and emergency numbers, which the call detail page hides; the 7th month is what the
//   cron's purge removes), line 0488267074 above € 25 out of bundle this period.
//   Scale: the 10,000 scale lines × 90 days (900,000 rows) by INSERT … SELECT over counters, their
//   periods, call details for 300 lines. Timed for the bench (usageScaleTimings).
import type { Client } from "@libsql/client/node";
import { drizzle } from "drizzle-orm/libsql";
import type { Db } from "../src/db/client.ts";
import * as schema from "../src/db/schema/index.ts";
import { lastVisibleDay, periodEnd, periodOf, periodStart, shiftPeriod } from "../src/features/fleet/periods.ts";
import { rollUpUsage } from "../src/features/fleet/usage.ts";
import { brusselsDate } from "../src/lib/workdays.ts";

const DAY_MS = 24 * 3600 * 1000;
const DEMO_NUMBERS = ["0489744365", "0488268365", "0488267074"] as const;
/** The demo line above € 25 out of bundle in the current period (003's notification example). */
export const DEMO_OVER_LINE = "0488267074";

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** The drizzle database over the seed's node client: rollUpUsage is the app's own code. */
const dbOf = (client: Client) => drizzle(client, { schema }) as unknown as Db;

/** Billed rows of a period from its days (all of them present), per line: the cron's rollup, closed. */
async function billFromDays(client: Client, period: string, lineFilter: string, args: (string | number)[]) {
  await client.execute({
    sql: `INSERT OR REPLACE INTO usage_periods (line_id, period, customer_id, data_mb, voice_seconds, sms_count, out_of_bundle_cents, through_day, billed)
          SELECT d.line_id, ?, max(d.customer_id), sum(d.data_mb), sum(d.voice_seconds), sum(d.sms_count), sum(d.out_of_bundle_cents), ?, 1
          FROM usage_days d WHERE d.day BETWEEN ? AND ? AND d.line_id IN (${lineFilter}) GROUP BY d.line_id`,
    args: [period, periodEnd(period), periodStart(period), periodEnd(period), ...args],
  });
}

/**
 * The periods to seed relative to `now`: days from the first day of the period of (yesterday −
 * 89 days) up to yesterday, so each period with days is whole; the periods before the one of the
 * last visible day are billed here from their days (the cron rolls up only the current one after its
 * first days), older ones down to 12 back are made up.
 */
function plan(now: number) {
  const yesterday = plusDays(brusselsDate(now), -1);
  const firstDay = periodStart(periodOf(plusDays(yesterday, -89)));
  const current = periodOf(lastVisibleDay(now));
  const fromDays: string[] = [];
  for (let p = shiftPeriod(current, 1); p >= periodOf(firstDay); p = shiftPeriod(p, 1)) fromDays.push(p);
  const madeUp: string[] = [];
  for (let back = 2; back <= 12; back++) if (shiftPeriod(current, back) < periodOf(firstDay)) madeUp.push(shiftPeriod(current, back));
  const days = Math.round((Date.parse(`${yesterday}T12:00:00Z`) - Date.parse(`${firstDay}T12:00:00Z`)) / DAY_MS) + 1;
  return { yesterday, firstDay, days, current, fromDays, madeUp };
}

type CallRow = [lineId: number, customerId: number, period: string, startedAt: number, kind: string, number: string, seconds: number, cents: number, roaming: string | null];

/** Numbers the demo lines call: colleagues, customers, abroad, and free/emergency numbers (never shown). */
const CALLED = ["0478123456", "0495765432", "032201234", "022345678", "0472987654", "+31612345678", "+33612345678", "+4917612345678"];
const HIDDEN = ["112", "101", "1733", "080012345"];

export async function seedUsage(client: Client, now = Date.now()): Promise<void> {
  const lines = await client.execute({
    sql: `SELECT l.id, l.msisdn, l.customer_id FROM mobile_lines l JOIN customers c ON c.id = l.customer_id
          WHERE c.customer_number = '100457319' AND l.msisdn IN (${DEMO_NUMBERS.map(() => "?").join(", ")}) ORDER BY l.msisdn`,
    args: [...DEMO_NUMBERS],
  });
  const p = plan(now);
  const currentStart = periodStart(p.current);
  // Visible days of the current period (at least one, so the share below is finite).
  const currentDays = Math.max(1, Math.round((Date.parse(`${lastVisibleDay(now)}T12:00:00Z`) - Date.parse(`${currentStart}T12:00:00Z`)) / DAY_MS) + 1);
  for (const [i, row] of lines.rows.entries()) {
    const id = Number(row.id);
    const over = row.msisdn === DEMO_OVER_LINE;
    // € 31 spread over the current period's visible days for the line above € 25; small amounts elsewhere.
    const overShare = Math.ceil(3100 / currentDays);
    await client.execute({
      sql: `WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < ? - 1)
            INSERT OR REPLACE INTO usage_days (line_id, day, customer_id, data_mb, voice_seconds, sms_count, out_of_bundle_cents)
            SELECT ?, date(?, '+' || n || ' days'), ?, 120 + ((n * 37 + ? * 53) % 420), 300 + ((n * 71 + ? * 29) % 2400), (n * 13 + ? * 7) % 6,
                   CASE WHEN ? = 1 AND date(?, '+' || n || ' days') >= ? THEN ? WHEN (n * 7 + ?) % 5 = 0 THEN 45 + (n % 4) * 30 ELSE 0 END
            FROM d`,
      args: [p.days, id, p.firstDay, Number(row.customer_id), i, i, i, over ? 1 : 0, p.firstDay, currentStart, overShare, i],
    });
  }
  const ids = lines.rows.map((r) => Number(r.id));
  const inIds = ids.map(() => "?").join(", ");
  for (const period of p.fromDays) await billFromDays(client, period, inIds, ids);
  // Older billed periods (their days are past the 90 kept here): plausible totals.
  for (const [k, period] of p.madeUp.entries()) {
    await client.execute({
      sql: `INSERT OR REPLACE INTO usage_periods (line_id, period, customer_id, data_mb, voice_seconds, sms_count, out_of_bundle_cents, through_day, billed)
            SELECT id, ?, customer_id, 7000 + ((id * 31 + ?) % 5000), 18000 + ((id * 17 + ? * 13) % 30000), (id + ?) % 40, ((id * 7 + ?) % 6) * 450, ?, 1
            FROM mobile_lines WHERE id IN (${inIds})`,
      args: [period, k * 977, k, k, k, periodEnd(period), ...ids],
    });
  }

  // Call details: 7 months back from yesterday, 3–5 a day per line, a week abroad each quarter.
  const calls: CallRow[] = [];
  const firstCallDay = plusDays(p.yesterday, -213);
  let seq = 0;
  for (const [i, row] of lines.rows.entries()) {
    for (let day = firstCallDay; day <= p.yesterday; day = plusDays(day, 1)) {
      const n = seq++;
      const abroad = Number(day.slice(5, 7)) % 3 === 0 && Number(day.slice(8, 10)) <= 7 ? "FR" : null;
      const base = Date.parse(`${day}T07:00:00Z`);
      for (let k = 0; k < 3 + ((n + i) % 3); k++) {
        const kind = k % 3 === 2 ? "sms" : n % 11 === 0 && k === 1 ? "mms" : "voice";
        const number = (n + k) % 29 === 0 ? HIDDEN[(n + k) % HIDDEN.length]! : CALLED[(n * 3 + k + i) % CALLED.length]!;
        const seconds = kind === "voice" ? 20 + ((n * 53 + k * 97) % 900) : 0;
        const cents = abroad ? (kind === "voice" ? Math.ceil(seconds / 60) * 35 : 15) : number.startsWith("+") ? (kind === "voice" ? Math.ceil(seconds / 60) * 50 : 20) : 0;
        const startedAt = base + ((k * 3 + n) % 11) * 3600_000 + ((n * 17 + k * 7) % 60) * 60_000;
        calls.push([Number(row.id), Number(row.customer_id), periodOf(brusselsDate(startedAt)), startedAt, kind, number, seconds, cents, abroad]);
      }
    }
  }
  for (let start = 0; start < calls.length; start += 400) {
    const chunk = calls.slice(start, start + 400);
    await client.execute({
      sql: `INSERT INTO call_records (line_id, customer_id, period, started_at, kind, number, duration_seconds, cents, roaming_country) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
      args: chunk.flat(),
    });
  }
  // The current period and the one before, as the cron does it.
  await rollUpUsage(dbOf(client), now);
}

/** What the scale seed took, for the bench's report. */
export const usageScaleTimings = { lines: 0, usageDays: 0, seedMs: 0, billedMs: 0, callRecords: 0, callsMs: 0, rollupMs: 0 };

/**
 * 10,000 lines × 90 days of usage on the scale lines of 100457319 (ICCIDs 8932042…): one INSERT …
 * SELECT per 500 lines over a counter of days; a line's use varies with its id and the day, and
 * its out-of-bundle amount too (most lines nothing, some a little, a few hundred a lot), so "top
 * lines" means something. Then the billed periods, the cron's rollup of the current period (timed:
 * what every cron run costs), and call details for 300 lines.
 */
export async function seedUsageScale(client: Client, now = Date.now()): Promise<void> {
  const lineRows = await client.execute(
    "SELECT min(l.id) AS lo, max(l.id) AS hi, count(*) AS n FROM mobile_lines l JOIN customers c ON c.id = l.customer_id WHERE c.customer_number = '100457319' AND l.iccid LIKE '8932042%'",
  );
  const lo = Number(lineRows.rows[0]!.lo);
  const hi = Number(lineRows.rows[0]!.hi);
  usageScaleTimings.lines = Number(lineRows.rows[0]!.n);
  const yesterday = plusDays(brusselsDate(now), -1);
  const firstDay = plusDays(yesterday, -89);
  const started = performance.now();
  const chunk = 500;
  for (let from = lo; from <= hi; from += chunk) {
    await client.execute({
      sql: `WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 89)
            INSERT OR IGNORE INTO usage_days (line_id, day, customer_id, data_mb, voice_seconds, sms_count, out_of_bundle_cents)
            SELECT l.id, date(?, '+' || d.n || ' days'), l.customer_id,
                   (l.id * 7 + d.n * 13) % 600, (l.id * 11 + d.n * 29) % 3600, (l.id + d.n) % 9,
                   CASE WHEN l.id % 50 = 0 THEN 200 + (l.id * 3 + d.n * 7) % 400
                        WHEN l.id % 7 = 0 THEN (l.id + d.n * 5) % 60
                        WHEN (l.id + d.n) % 23 = 0 THEN 150 ELSE 0 END
            FROM mobile_lines l CROSS JOIN d
            WHERE l.id BETWEEN ? AND ? AND l.iccid LIKE '8932042%' AND l.status <> 'PENDING'`,
      args: [firstDay, from, Math.min(hi, from + chunk - 1)],
    });
  }
  usageScaleTimings.seedMs = Math.round(performance.now() - started);
  usageScaleTimings.usageDays = Number((await client.execute({ sql: "SELECT count(*) AS n FROM usage_days WHERE line_id BETWEEN ? AND ?", args: [lo, hi] })).rows[0]!.n);

  // Every period before the current one, billed from its days (the first one partly seeded). The
  // demo seed's rollup billed the previous period for its lines already, and a billed period is
  // closed for the cron's rollup: so the scale lines' previous period is billed here too.
  const billedStarted = performance.now();
  const current = periodOf(lastVisibleDay(now));
  for (let p = shiftPeriod(current, 1); p >= periodOf(firstDay); p = shiftPeriod(p, 1)) {
    await billFromDays(client, p, "SELECT id FROM mobile_lines WHERE id BETWEEN ? AND ?", [lo, hi]);
  }
  usageScaleTimings.billedMs = Math.round(performance.now() - billedStarted);

  const rollupStarted = performance.now();
  await rollUpUsage(dbOf(client), now);
  usageScaleTimings.rollupMs = Math.round(performance.now() - rollupStarted);

  // Call details for 300 lines: 3 a day over the 90 days (between 06:00 and 20:00 UTC, so the UTC
  // month is the Brussels one), some to hidden numbers, some abroad.
  const callsStarted = performance.now();
  const firstCall = Date.parse(`${firstDay}T06:00:00Z`);
  const startedAt = "(? + (d.n / 3) * 86400000 + (d.n % 3) * 18000000 + (l.id % 240) * 60000)";
  await client.execute({
    sql: `WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 269),
          picked AS (SELECT id, customer_id FROM mobile_lines WHERE id BETWEEN ? AND ? AND iccid LIKE '8932042%' AND status = 'ACTIVE' ORDER BY id LIMIT 300)
          INSERT INTO call_records (line_id, customer_id, period, started_at, kind, number, duration_seconds, cents, roaming_country)
          SELECT l.id, l.customer_id, strftime('%Y-%m', ${startedAt} / 1000, 'unixepoch'), ${startedAt},
                 CASE WHEN d.n % 5 = 4 THEN 'sms' ELSE 'voice' END,
                 CASE WHEN (l.id + d.n) % 41 = 0 THEN '112' WHEN (l.id + d.n) % 43 = 0 THEN '080012345' WHEN d.n % 17 = 0 THEN '+33612345678'
                      ELSE printf('04%08d', (l.id * 7919 + d.n * 104729) % 100000000) END,
                 CASE WHEN d.n % 5 = 4 THEN 0 ELSE 15 + (l.id * 31 + d.n * 17) % 1200 END,
                 CASE WHEN d.n % 17 = 0 THEN 60 ELSE 0 END,
                 CASE WHEN d.n % 61 < 6 THEN 'NL' END
          FROM picked l CROSS JOIN d`,
    args: [lo, hi, firstCall, firstCall],
  });
  usageScaleTimings.callRecords = Number((await client.execute({ sql: "SELECT count(*) AS n FROM call_records WHERE line_id BETWEEN ? AND ?", args: [lo, hi] })).rows[0]!.n);
  usageScaleTimings.callsMs = Math.round(performance.now() - callsStarted);
}

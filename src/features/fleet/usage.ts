// The fleet's usage engine (issue #11, deliverable 3). The network reports a line's use per day
// (usage_days); the cron rolls the VISIBLE days (a day appears 8 hours after it ends, 002) up into
// one row per line and billing period (usage_periods), which is what the pages read: a fleet total
// over 10,000 lines is 10,000 rows, not 300,000. A period is rolled up until its last day is
// visible; it is billed (closed) from then on and never rewritten.
//
// Pages want their data in one db.batch: the *Query functions return builders to put in a batch,
// the plain functions await them.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { groupPacks, mobileLines, packOffers, tariffPlans, usagePeriods } from "../../db/schema/index.ts";
import type { Principal } from "../../lib/principal.ts";
import { lastVisibleDay, type Period, periodEnd, periodOf, periodStart, shiftPeriod } from "./periods.ts";
import { linesInScope } from "./scope.ts";

/** A GB of a group pack, in the MB the network reports. */
export const MB_PER_GB = 1024;

/**
 * A group pack's data use in a billing period. usedMb: the data of every line of the pack's
 * contract in the period (rolled-up, visible days); includedMb: the offer's GB; extraCents: each
 * STARTED GB beyond the pack at the offer's standard price (ceil(over MB / 1024) × extra_gb_cents,
 * as the operator charges a started unit, not pro rata); throughDay: the last day counted (null:
 * no usage rolled up yet).
 */
export type PackUsage = { usedMb: number; includedMb: number; extraCents: number; throughDay: string | null };

/** Fleet totals of a billing period over the lines the principal sees. */
export type PeriodTotals = {
  /** Lines counted: those with use in the period, and the active or suspended ones (their allowance counts). */
  lines: number;
  dataMb: number;
  voiceSeconds: number;
  smsCount: number;
  outOfBundleCents: number;
  /** Sum of the data allowances of the counted lines whose plan has a limited allowance (their plan today). */
  includedDataMb: number;
  /** Counted lines whose plan has unlimited data (left out of includedDataMb). */
  unlimitedDataLines: number;
  /** The last day counted (null: nothing rolled up for the period). */
  throughDay: string | null;
};

/** The extra cost of a pack: each started GB beyond it at the offer's standard price. */
export function packExtraCents(usedMb: number, includedMb: number, extraGbCents: number): number {
  return Math.ceil(Math.max(0, usedMb - includedMb) / MB_PER_GB) * extraGbCents;
}

/** The same rule in SQL, for the cron's set-based check (integer division rounds up via + 1023). */
export const packExtraSql = (used: string, dataGb: string, extraGbCents: string) => `((max(0, ${used} - ${dataGb} * ${MB_PER_GB}) + ${MB_PER_GB - 1}) / ${MB_PER_GB}) * ${extraGbCents}`;

/** The batchable query behind packUsage: zero or one row. */
export function packUsageQuery(db: Db, customerId: number, packId: number, period: Period) {
  return db
    .select({
      usedMb: sql<number>`coalesce(sum(${usagePeriods.dataMb}), 0)`.mapWith(Number),
      dataGb: packOffers.dataGb,
      extraGbCents: packOffers.extraGbCents,
      throughDay: sql<string | null>`max(${usagePeriods.throughDay})`,
    })
    .from(groupPacks)
    .innerJoin(packOffers, eq(packOffers.id, groupPacks.offerId))
    .leftJoin(mobileLines, and(eq(mobileLines.contractId, groupPacks.contractId), eq(mobileLines.customerId, groupPacks.customerId)))
    .leftJoin(usagePeriods, and(eq(usagePeriods.lineId, mobileLines.id), eq(usagePeriods.period, period)))
    .where(and(eq(groupPacks.id, packId), eq(groupPacks.customerId, customerId)))
    .groupBy(groupPacks.id);
}

/** What packUsageQuery's rows mean (a pack that is not the customer's: all zeros). */
export function toPackUsage(rows: { usedMb: number; dataGb: number; extraGbCents: number; throughDay: string | null }[]): PackUsage {
  const row = rows[0];
  if (!row) return { usedMb: 0, includedMb: 0, extraCents: 0, throughDay: null };
  const includedMb = row.dataGb * MB_PER_GB;
  return { usedMb: row.usedMb, includedMb, extraCents: packExtraCents(row.usedMb, includedMb, row.extraGbCents), throughDay: row.throughDay };
}

/**
 * Data use of a pack's contract lines in a period against the pack's offer (see PackUsage). The
 * caller checks that the principal may see the pack; customerId keeps another customer's pack at zero.
 */
export async function packUsage(db: Db, customerId: number, packId: number, period: Period): Promise<PackUsage> {
  return toPackUsage(await packUsageQuery(db, customerId, packId, period));
}

/** The batchable query behind periodTotals: one row. */
export function periodTotalsQuery(db: Db, principal: Principal, period: Period) {
  return db
    .select({
      lines: sql<number>`count(*)`.mapWith(Number),
      dataMb: sql<number>`coalesce(sum(${usagePeriods.dataMb}), 0)`.mapWith(Number),
      voiceSeconds: sql<number>`coalesce(sum(${usagePeriods.voiceSeconds}), 0)`.mapWith(Number),
      smsCount: sql<number>`coalesce(sum(${usagePeriods.smsCount}), 0)`.mapWith(Number),
      outOfBundleCents: sql<number>`coalesce(sum(${usagePeriods.outOfBundleCents}), 0)`.mapWith(Number),
      includedDataMb: sql<number>`coalesce(sum(${tariffPlans.includedDataMb}), 0)`.mapWith(Number),
      unlimitedDataLines: sql<number>`coalesce(sum(${tariffPlans.includedDataMb} IS NULL), 0)`.mapWith(Number),
      throughDay: sql<string | null>`max(${usagePeriods.throughDay})`,
    })
    .from(mobileLines)
    .innerJoin(tariffPlans, eq(tariffPlans.id, mobileLines.planId))
    .leftJoin(usagePeriods, and(eq(usagePeriods.lineId, mobileLines.id), eq(usagePeriods.period, period)))
    .where(and(linesInScope(principal), sql`(${usagePeriods.lineId} IS NOT NULL OR ${mobileLines.status} IN ('ACTIVE', 'SUSPENDED'))`));
}

/**
 * The fleet's totals for a period over the lines in the principal's scope: data / voice / SMS /
 * out-of-bundle, and the data included by the lines' plans (unlimited plans counted apart).
 * Allowances are the lines' plans today (plan history is not kept per period).
 */
export async function periodTotals(db: Db, principal: Principal, period: Period): Promise<PeriodTotals> {
  const [row] = await periodTotalsQuery(db, principal, period);
  return row ?? { lines: 0, dataMb: 0, voiceSeconds: 0, smsCount: 0, outOfBundleCents: 0, includedDataMb: 0, unlimitedDataLines: 0, throughDay: null };
}

/**
 * One period's rollup: the visible days of the period summed per line, written over the line's
 * row unless that row is billed already (late usage of a billed period changes nothing). One INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE.
 */
function rollUpPeriod(period: Period, visible: string) {
  const end = periodEnd(period);
  const through = visible < end ? visible : end;
  const billed = visible >= end ? 1 : 0;
  return sql`INSERT INTO usage_periods (line_id, period, customer_id, data_mb, voice_seconds, sms_count, out_of_bundle_cents, through_day, billed)
    SELECT line_id, ${period}, max(customer_id), sum(data_mb), sum(voice_seconds), sum(sms_count), sum(out_of_bundle_cents), ${through}, ${billed}
    FROM usage_days
    WHERE day BETWEEN ${periodStart(period)} AND ${through}
    GROUP BY line_id
    ON CONFLICT (line_id, period) DO UPDATE SET
      customer_id = excluded.customer_id, data_mb = excluded.data_mb, voice_seconds = excluded.voice_seconds, sms_count = excluded.sms_count,
      out_of_bundle_cents = excluded.out_of_bundle_cents, through_day = excluded.through_day, billed = excluded.billed
    WHERE usage_periods.billed = 0`;
}

/** Days into a period during which the cron still rolls up the period before (its last run may have been missed). */
export const PREVIOUS_PERIOD_GRACE_DAYS = 3;

/**
 * The cron's rollup: the period of the last visible day, and during its first days the one before
 * (complete by then: its rows are written billed = 1 and never rewritten). Skipping the previous
 * period after that is what keeps a 5-minute cron from summing a whole month again and again; it
 * is decided by the date alone, not by rows already billed (a billed row of one line must not stop
 * another line's rollup). Both periods in one batch. Returns the periods rolled up.
 */
export async function rollUpUsage(db: Db, now = Date.now()): Promise<{ periods: Period[]; visibleThrough: string }> {
  const visible = lastVisibleDay(now);
  const current = periodOf(visible);
  const previous = shiftPeriod(current, 1);
  const graceEnd = new Date(`${periodStart(current)}T12:00:00Z`);
  graceEnd.setUTCDate(graceEnd.getUTCDate() + PREVIOUS_PERIOD_GRACE_DAYS - 1);
  if (visible > graceEnd.toISOString().slice(0, 10)) {
    await db.run(rollUpPeriod(current, visible));
    return { periods: [current], visibleThrough: visible };
  }
  await db.batch([db.run(rollUpPeriod(previous, visible)), db.run(rollUpPeriod(current, visible))]);
  return { periods: [previous, current], visibleThrough: visible };
}

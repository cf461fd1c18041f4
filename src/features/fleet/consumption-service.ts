import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { mobileLines, tariffPlans, usageAlerts, usagePeriods } from "../../db/schema/index.ts";
import type { LineStatus } from "../../db/schema/enums.ts";
import type { Principal } from "../../lib/principal.ts";
import { billingCutoff, currentPeriod, lastVisibleDay, periodOf } from "./periods.ts";
import { linesInScope, managesFleet } from "./scope.ts";

/**
 * Consumption views (issue #11, deliverable 4): the fleet's totals of the current billing period,
 * the lines by out-of-bundle amount, and one line's current and billed periods. Everything is read
 * from usage_periods (the cron's roll-up of the visible days: 10,000 rows for 10,000 lines, never
 * the 300,000 rows of usage_days), scoped by linesInScope, each page in one db.batch.
 */

export const TOP_ON_DASHBOARD = 10;
export const TOP_PAGE_SIZE = 50;
export const BILLED_PERIODS = 12;

export type Allowance = { used: number; included: number; unlimited: number };
export type FleetTotals = {
  period: string;
  lines: number;
  data: Allowance;
  voice: Allowance;
  sms: Allowance;
  outOfBundleCents: number;
  /** The last day counted (the roll-up's through_day), or the last visible day when nothing is counted yet. */
  throughDay: string;
  counted: boolean;
};

export type TopLine = {
  id: number;
  msisdn: string | null;
  iccid: string;
  description: string;
  user: string;
  planName: string;
  dataMb: number;
  /** null = unlimited. */
  includedDataMb: number | null;
  outOfBundleCents: number;
};

export type TopPage = { rows: TopLine[]; next: string | null; previous: string | null };

const scopeOf = (principal: Principal, period: string): SQL => and(eq(usagePeriods.customerId, principal.customerId), eq(usagePeriods.period, period), linesInScope(principal))!;

/**
 * What the lines in scope used in a period, from usage_periods alone. A MANAGER sees every line of
 * the account, which is exactly usage_periods.customer_id (denormalised from the line): one range of
 * usage_periods_top_idx (customer, period), no join (10,000 rows, not 30,000 lookups). Anyone else
 * is narrowed to linesInScope's lines (a few: the primary key (line, period) per line).
 */
export function usageTotalsQuery(db: Db, principal: Principal, period: string) {
  const account = and(eq(usagePeriods.customerId, principal.customerId), eq(usagePeriods.period, period));
  const scoped = managesFleet(principal) ? account : and(account, inArray(usagePeriods.lineId, db.select({ id: mobileLines.id }).from(mobileLines).where(linesInScope(principal))));
  return db
    .select({
      lines: sql<number>`count(*)`,
      dataMb: sql<number>`coalesce(sum(${usagePeriods.dataMb}), 0)`,
      voiceSeconds: sql<number>`coalesce(sum(${usagePeriods.voiceSeconds}), 0)`,
      smsCount: sql<number>`coalesce(sum(${usagePeriods.smsCount}), 0)`,
      outOfBundleCents: sql<number>`coalesce(sum(${usagePeriods.outOfBundleCents}), 0)`,
      throughDay: sql<string | null>`max(${usagePeriods.throughDay})`,
    })
    .from(usagePeriods)
    .where(scoped);
}

/**
 * What the plans of the lines in scope include (active and suspended lines: the ones the plan is
 * paid for), counted per plan on mobile_lines_plan_idx and multiplied out; null allowances
 * (unlimited) are counted apart.
 */
export function allowancesQuery(db: Db, principal: Principal) {
  const perPlan = db
    .select({ planId: mobileLines.planId, lines: sql<number>`count(*)`.as("lines") })
    .from(mobileLines)
    .where(and(linesInScope(principal), inArray(mobileLines.status, ["ACTIVE", "SUSPENDED"])))
    .groupBy(mobileLines.planId)
    .as("per_plan");
  return db
    .select({
      includedDataMb: sql<number>`coalesce(sum(${tariffPlans.includedDataMb} * ${perPlan.lines}), 0)`,
      unlimitedData: sql<number>`coalesce(sum(CASE WHEN ${tariffPlans.includedDataMb} IS NULL THEN ${perPlan.lines} END), 0)`,
      includedVoiceSeconds: sql<number>`coalesce(sum(${tariffPlans.includedVoiceSeconds} * ${perPlan.lines}), 0)`,
      unlimitedVoice: sql<number>`coalesce(sum(CASE WHEN ${tariffPlans.includedVoiceSeconds} IS NULL THEN ${perPlan.lines} END), 0)`,
      includedSms: sql<number>`coalesce(sum(${tariffPlans.includedSms} * ${perPlan.lines}), 0)`,
      unlimitedSms: sql<number>`coalesce(sum(CASE WHEN ${tariffPlans.includedSms} IS NULL THEN ${perPlan.lines} END), 0)`,
    })
    .from(perPlan)
    .innerJoin(tariffPlans, eq(tariffPlans.id, perPlan.planId));
}

/** "oob~rowid": where a page of the top lines starts (the index's own order: amount, then rowid). */
export function parseTopCursor(value: string | null | undefined): [number, number] | null {
  const match = value?.match(/^(\d{1,12})~(\d{1,15})$/);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

const rowid = sql<number>`${usagePeriods}.rowid`;

/**
 * The lines of a period by out-of-bundle amount, highest first: a walk down usage_periods_top_idx
 * (customer, period, amount, and the rowid every index entry ends with), no sort.
 */
export function topQuery(db: Db, principal: Principal, period: string, limit: number, cursor: { after?: [number, number] | null; before?: [number, number] | null } = {}) {
  const conditions = [scopeOf(principal, period)];
  if (cursor.after) conditions.push(sql`(${usagePeriods.outOfBundleCents}, ${rowid}) < (${cursor.after[0]}, ${cursor.after[1]})`);
  if (cursor.before) conditions.push(sql`(${usagePeriods.outOfBundleCents}, ${rowid}) > (${cursor.before[0]}, ${cursor.before[1]})`);
  const backwards = Boolean(cursor.before);
  return db
    .select({
      rowid,
      id: mobileLines.id,
      msisdn: mobileLines.msisdn,
      iccid: mobileLines.iccid,
      description: mobileLines.description,
      firstName: mobileLines.userFirstName,
      lastName: mobileLines.userLastName,
      planName: tariffPlans.name,
      dataMb: usagePeriods.dataMb,
      includedDataMb: tariffPlans.includedDataMb,
      outOfBundleCents: usagePeriods.outOfBundleCents,
    })
    .from(usagePeriods)
    .innerJoin(mobileLines, eq(mobileLines.id, usagePeriods.lineId))
    .innerJoin(tariffPlans, eq(tariffPlans.id, mobileLines.planId))
    .where(and(...conditions))
    .orderBy(...(backwards ? [asc(usagePeriods.outOfBundleCents), asc(rowid)] : [desc(usagePeriods.outOfBundleCents), desc(rowid)]))
    .limit(limit);
}

type TopRow = Awaited<ReturnType<ReturnType<typeof topQuery>["all"]>>[number];

function topLine(row: TopRow): TopLine {
  return {
    id: row.id,
    msisdn: row.msisdn,
    iccid: row.iccid,
    description: row.description,
    user: [row.firstName, row.lastName].filter(Boolean).join(" "),
    planName: row.planName,
    dataMb: row.dataMb,
    includedDataMb: row.includedDataMb,
    outOfBundleCents: row.outOfBundleCents,
  };
}

type UsageRow = Awaited<ReturnType<ReturnType<typeof usageTotalsQuery>["all"]>>[number];
type AllowanceRow = Awaited<ReturnType<ReturnType<typeof allowancesQuery>["all"]>>[number];

function totalsOf(used: UsageRow | undefined, plans: AllowanceRow | undefined, period: string, now: number): FleetTotals {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    period,
    lines: n(used?.lines),
    data: { used: n(used?.dataMb), included: n(plans?.includedDataMb), unlimited: n(plans?.unlimitedData) },
    voice: { used: n(used?.voiceSeconds), included: n(plans?.includedVoiceSeconds), unlimited: n(plans?.unlimitedVoice) },
    sms: { used: n(used?.smsCount), included: n(plans?.includedSms), unlimited: n(plans?.unlimitedSms) },
    outOfBundleCents: n(used?.outOfBundleCents),
    throughDay: used?.throughDay ?? lastVisibleDay(now),
    counted: Boolean(used?.throughDay),
  };
}

/** The fleet's consumption page: this period's totals and its first lines by out-of-bundle amount, in one round trip. */
export async function fleetConsumption(db: Db, principal: Principal, now = Date.now()): Promise<{ totals: FleetTotals; top: TopLine[]; more: boolean }> {
  const period = currentPeriod(now);
  const [used, plans, top] = await db.batch([usageTotalsQuery(db, principal, period), allowancesQuery(db, principal), topQuery(db, principal, period, TOP_ON_DASHBOARD + 1)]);
  return { totals: totalsOf(used[0], plans[0], period, now), top: top.slice(0, TOP_ON_DASHBOARD).map(topLine), more: top.length > TOP_ON_DASHBOARD };
}

/** A page of 50 lines by out-of-bundle amount (keyset: after/before = "amount~rowid"), one query. */
export async function topLines(db: Db, principal: Principal, cursor: { after?: string | null; before?: string | null }, now = Date.now()): Promise<{ period: string; page: TopPage }> {
  const period = currentPeriod(now);
  const after = parseTopCursor(cursor.after);
  const before = after ? null : parseTopCursor(cursor.before);
  const rows = await topQuery(db, principal, period, TOP_PAGE_SIZE + 1, { after, before });
  const more = rows.length > TOP_PAGE_SIZE;
  const page = rows.slice(0, TOP_PAGE_SIZE);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const cursorOf = (row: TopRow) => `${row.outOfBundleCents}~${row.rowid}`;
  return {
    period,
    page: {
      rows: page.map(topLine),
      next: last && (before || more) ? cursorOf(last) : null,
      previous: first && (after || (before && more)) ? cursorOf(first) : null,
    },
  };
}

// ——— One line ———

export type UsageFigures = { period: string; dataMb: number; voiceSeconds: number; smsCount: number; outOfBundleCents: number; throughDay: string | null };
export type LineUsage = {
  line: {
    id: number;
    msisdn: string | null;
    iccid: string;
    description: string;
    status: LineStatus;
    planName: string;
    includedDataMb: number | null;
    includedVoiceSeconds: number | null;
    includedSms: number | null;
  };
  current: UsageFigures;
  /** The last billed periods within the 12 months of billing data, newest first. */
  billed: UsageFigures[];
  alert: { enabled: boolean; thresholdCents: number } | null;
  throughDay: string;
};

/** The line's id if the principal may see it, as a subquery every read of the page goes through. */
function scopedLineId(principal: Principal, id: number): SQL {
  return sql`(SELECT ${mobileLines.id} FROM ${mobileLines} WHERE ${mobileLines.id} = ${id} AND ${linesInScope(principal)})`;
}

const figures = {
  period: usagePeriods.period,
  dataMb: usagePeriods.dataMb,
  voiceSeconds: usagePeriods.voiceSeconds,
  smsCount: usagePeriods.smsCount,
  outOfBundleCents: usagePeriods.outOfBundleCents,
  throughDay: usagePeriods.throughDay,
};

/**
 * One line's consumption: this period against its plan's allowance, the billed periods of the
 * last 12 months (billingCutoff: an older row is not shown even before the cron purges it) and its
 * notification setting — one round trip; null when the line is not the principal's to see.
 */
export async function lineUsage(db: Db, principal: Principal, id: number, now = Date.now()): Promise<LineUsage | null> {
  const period = currentPeriod(now);
  const oldest = periodOf(billingCutoff(now));
  const lineId = scopedLineId(principal, id);
  const [lines, current, billed, alerts] = await db.batch([
    db
      .select({
        id: mobileLines.id,
        msisdn: mobileLines.msisdn,
        iccid: mobileLines.iccid,
        description: mobileLines.description,
        status: mobileLines.status,
        planName: tariffPlans.name,
        includedDataMb: tariffPlans.includedDataMb,
        includedVoiceSeconds: tariffPlans.includedVoiceSeconds,
        includedSms: tariffPlans.includedSms,
      })
      .from(mobileLines)
      .innerJoin(tariffPlans, eq(tariffPlans.id, mobileLines.planId))
      .where(and(eq(mobileLines.id, id), linesInScope(principal)))
      .limit(1),
    db
      .select(figures)
      .from(usagePeriods)
      .where(and(sql`${usagePeriods.lineId} = ${lineId}`, eq(usagePeriods.period, period))),
    db
      .select(figures)
      .from(usagePeriods)
      .where(and(sql`${usagePeriods.lineId} = ${lineId}`, sql`${usagePeriods.period} >= ${oldest}`, sql`${usagePeriods.period} < ${period}`))
      .orderBy(desc(usagePeriods.period))
      .limit(BILLED_PERIODS),
    db
      .select({ enabled: usageAlerts.enabled, thresholdCents: usageAlerts.thresholdCents })
      .from(usageAlerts)
      .where(and(sql`${usageAlerts.lineId} = ${lineId}`, eq(usageAlerts.customerId, principal.customerId))),
  ]);
  const line = lines[0];
  if (!line) return null;
  const empty: UsageFigures = { period, dataMb: 0, voiceSeconds: 0, smsCount: 0, outOfBundleCents: 0, throughDay: null };
  return { line, current: current[0] ?? empty, billed, alert: alerts[0] ?? null, throughDay: current[0]?.throughDay ?? lastVisibleDay(now) };
}

// ——— Amounts as people type them (parsed by usage-alerts.ts parseEuroAmount) ———

/** Cents → "25" or "25,50" as a Belgian types it back into the field. */
export function eurosText(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}

// Billing periods of the mobile fleet: calendar months in Brussels, written "YYYY-MM". Usage of a
// day is shown 8 hours after the day ends (002: unbilled usage), so the last visible day is the
// day before the Brussels date of (now − 8 h).
import { brusselsDate, retentionCutoff } from "../../lib/workdays.ts";

/** 002: unbilled usage appears 8 hours after the fact. */
export const USAGE_DELAY_MS = 8 * 3600 * 1000;
/** 002: billing data (periods and days) stay 12 months, call details 6 months. */
export const BILLING_RETENTION_MONTHS = 12;
export const CALL_DETAIL_RETENTION_MONTHS = 6;

export type Period = string;

export function periodOf(day: string): Period {
  return day.slice(0, 7);
}

export function currentPeriod(now = Date.now()): Period {
  return periodOf(brusselsDate(now));
}

/** The period `count` months before (negative: after) the given one. */
export function shiftPeriod(period: Period, count: number): Period {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const total = y * 12 + (m - 1) - count;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

export function periodStart(period: Period): string {
  return `${period}-01`;
}

export function periodEnd(period: Period): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

/** What a pack order, change or stop takes effect on: the first day of the next billing period. */
export function nextPeriodStart(now = Date.now()): string {
  return periodStart(shiftPeriod(currentPeriod(now), -1));
}

/** The last day whose usage is shown at `now`: days end at midnight and appear 8 hours later. */
export function lastVisibleDay(now = Date.now()): string {
  const day = brusselsDate(now - USAGE_DELAY_MS);
  const previous = new Date(`${day}T12:00:00Z`);
  previous.setUTCDate(previous.getUTCDate() - 1);
  return previous.toISOString().slice(0, 10);
}

/** The first day still kept and shown for billing data (12 months) — older rows are purged by the cron. */
export function billingCutoff(now = Date.now()): string {
  return retentionCutoff(BILLING_RETENTION_MONTHS, now);
}

/** The first day still kept and shown for call details (6 months). */
export function callDetailCutoff(now = Date.now()): string {
  return retentionCutoff(CALL_DETAIL_RETENTION_MONTHS, now);
}

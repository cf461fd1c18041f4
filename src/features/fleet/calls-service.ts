import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { callRecords, mobileLines } from "../../db/schema/index.ts";
import type { CallKind } from "../../db/schema/enums.ts";
import type { Principal } from "../../lib/principal.ts";
import { brusselsDayStart } from "../../lib/brussels-time.ts";
import { shownNumber } from "./hidden-numbers.ts";
import { callDetailCutoff, currentPeriod, periodOf, shiftPeriod } from "./periods.ts";
import { linesInScope } from "./scope.ts";

/**
 * Call details of one line for a billed period (issue #11, deliverable 6; 002 "detail van de
 * gesprekken"): the number, never the content; free and emergency numbers left out (hidden-numbers.ts);
 * only the 6 months of call details (callDetailCutoff, at the day). One condition for the page, its
 * count and both exports, so they always agree.
 */

export const CALLS_PAGE_SIZE = 50;
export const EXPORT_CHUNK = 1000;

export type CallRow = { id: number; startedAt: Date; kind: CallKind; number: string; durationSeconds: number; cents: number; roamingCountry: string | null };
export type CallLine = { id: number; msisdn: string | null; iccid: string };

/** The billed periods whose call details are still kept, newest first: last month back to the month of the 6-month cutoff. */
export function callPeriods(now = Date.now()): string[] {
  const oldest = periodOf(callDetailCutoff(now));
  const periods: string[] = [];
  for (let p = shiftPeriod(currentPeriod(now), 1); p >= oldest; p = shiftPeriod(p, 1)) periods.push(p);
  return periods;
}

/** A period from the address: one of callPeriods, else null (malformed, current, or too old). */
export function parseCallPeriod(value: string | undefined, now = Date.now()): string | null {
  if (!value || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return null;
  return callPeriods(now).includes(value) ? value : null;
}

/** "startedAt~id": the keyset cursor of the call details (oldest first). */
export function parseCallCursor(value: string | null | undefined): [number, number] | null {
  const match = value?.match(/^(\d{1,15})~(\d{1,15})$/);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

function scopedLineId(principal: Principal, id: number): SQL {
  return sql`(SELECT ${mobileLines.id} FROM ${mobileLines} WHERE ${mobileLines.id} = ${id} AND ${linesInScope(principal)})`;
}

/** What may be shown of a line's period: in scope, within the 6 months (at the day), no free or emergency number. */
export function visibleCalls(principal: Principal, lineId: number, period: string, now = Date.now()): SQL {
  return and(
    sql`${callRecords.lineId} = ${scopedLineId(principal, lineId)}`,
    eq(callRecords.customerId, principal.customerId),
    eq(callRecords.period, period),
    sql`${callRecords.startedAt} >= ${brusselsDayStart(callDetailCutoff(now))}`,
    shownNumber(),
  )!;
}

const columns = {
  id: callRecords.id,
  startedAt: callRecords.startedAt,
  kind: callRecords.kind,
  number: callRecords.number,
  durationSeconds: callRecords.durationSeconds,
  cents: callRecords.cents,
  roamingCountry: callRecords.roamingCountry,
};

/** Records after/before a cursor, in (started_at, id) order: one range of call_records_line_period_idx. */
export function callsQuery(db: Db, condition: SQL, limit: number, cursor: { after?: [number, number] | null; before?: [number, number] | null } = {}) {
  const conditions = [condition];
  if (cursor.after) conditions.push(sql`(${callRecords.startedAt}, ${callRecords.id}) > (${cursor.after[0]}, ${cursor.after[1]})`);
  if (cursor.before) conditions.push(sql`(${callRecords.startedAt}, ${callRecords.id}) < (${cursor.before[0]}, ${cursor.before[1]})`);
  return db
    .select(columns)
    .from(callRecords)
    .where(and(...conditions))
    .orderBy(...(cursor.before ? [desc(callRecords.startedAt), desc(callRecords.id)] : [asc(callRecords.startedAt), asc(callRecords.id)]))
    .limit(limit);
}

export type CallsPage = {
  line: CallLine;
  period: string | null;
  periods: string[];
  total: number;
  rows: CallRow[];
  next: string | null;
  previous: string | null;
};

const cursorOf = (row: CallRow) => `${row.startedAt.getTime()}~${row.id}`;

/**
 * The page: the line (scoped), a page of 50 records and their count, in one round trip; null when
 * the line is not the principal's to see. `period` null = only the chooser.
 */
export async function callsPage(
  db: Db,
  principal: Principal,
  id: number,
  period: string | null,
  cursor: { after?: string | null; before?: string | null } = {},
  now = Date.now(),
): Promise<CallsPage | null> {
  const periods = callPeriods(now);
  const after = parseCallCursor(cursor.after);
  const before = after ? null : parseCallCursor(cursor.before);
  const condition = period ? visibleCalls(principal, id, period, now) : sql`0`;
  const [lines, rows, counts] = await db.batch([
    db
      .select({ id: mobileLines.id, msisdn: mobileLines.msisdn, iccid: mobileLines.iccid })
      .from(mobileLines)
      .where(and(eq(mobileLines.id, id), linesInScope(principal)))
      .limit(1),
    callsQuery(db, condition, CALLS_PAGE_SIZE + 1, { after, before }),
    db.select({ count: sql<number>`count(*)` }).from(callRecords).where(condition),
  ]);
  const line = lines[0];
  if (!line) return null;
  const more = rows.length > CALLS_PAGE_SIZE;
  const page = rows.slice(0, CALLS_PAGE_SIZE);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    line,
    period,
    periods,
    total: Number(counts[0]?.count ?? 0),
    rows: page,
    next: last && (before || more) ? cursorOf(last) : null,
    previous: first && (after || (before && more)) ? cursorOf(first) : null,
  };
}

/** The line for an export, if in scope. */
export async function callLine(db: Db, principal: Principal, id: number): Promise<CallLine | null> {
  const [line] = await db
    .select({ id: mobileLines.id, msisdn: mobileLines.msisdn, iccid: mobileLines.iccid })
    .from(mobileLines)
    .where(and(eq(mobileLines.id, id), linesInScope(principal)))
    .limit(1);
  return line ?? null;
}

/** Every visible record of the period, 1,000 at a time as the download is read (the same condition as the page). */
export async function* callsInChunks(db: Db, principal: Principal, id: number, period: string, now = Date.now()): AsyncGenerator<CallRow[]> {
  const condition = visibleCalls(principal, id, period, now);
  let after: [number, number] | null = null;
  for (;;) {
    const rows: CallRow[] = await callsQuery(db, condition, EXPORT_CHUNK, { after });
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_CHUNK) return;
    const last = rows[rows.length - 1]!;
    after = [last.startedAt.getTime(), last.id];
  }
}

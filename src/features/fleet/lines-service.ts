import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.ts";
import { LINE_STATUSES, type LineStatus } from "../../db/schema/enums.ts";
import { billingAccounts, mobileLines, tariffPlans } from "../../db/schema/index.ts";
import { idParam } from "../../lib/ids.ts";
import type { Principal } from "../../lib/principal.ts";
import { linesInScope } from "./scope.ts";
import { filterCondition, isEmptySelection, type LinesFilter, type Selection, selectionCondition } from "./selection.ts";

export const PAGE_SIZE = 50;
export const EXPORT_CHUNK = 1000;

/** The overview's sortable columns (003: number, description, plan, status, billing account), each with its index. */
export const SORTS = ["msisdn", "description", "plan", "status", "billing"] as const;
export type SortKey = (typeof SORTS)[number];
export type Direction = "asc" | "desc";

const columns: Record<SortKey, { column: SQLiteColumn; nullable: boolean }> = {
  msisdn: { column: mobileLines.msisdn, nullable: true },
  description: { column: mobileLines.description, nullable: false },
  // The plan's id follows the contract page's order (seeded in that order): the index sorts it.
  plan: { column: mobileLines.planId, nullable: false },
  status: { column: mobileLines.status, nullable: false },
  billing: { column: mobileLines.billingAccountId, nullable: true },
};

export type LinesQuery = {
  filter: LinesFilter;
  sort: SortKey;
  dir: Direction;
  /** Keyset cursors (base64url of [value, id]): after = the next page, before = the previous one. */
  after: string | null;
  before: string | null;
};

/** The query string of the overview (and of the export) as a LinesQuery; anything unknown is the default. */
export function parseLinesQuery(get: (name: string) => string | undefined): LinesQuery {
  const q = get("q")?.trim().slice(0, 100) || null;
  const status = get("status");
  const sort = get("sort");
  return {
    filter: { q, status: (LINE_STATUSES as readonly string[]).includes(status ?? "") ? (status as LineStatus) : null, plan: idParam(get("plan")) },
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : "msisdn",
    dir: get("dir") === "desc" ? "desc" : "asc",
    after: get("after") ?? null,
    before: get("before") ?? null,
  };
}

/** The overview's address with some parameters changed; defaults and empty values are left out. */
export function linesHref(locale: string, query: LinesQuery, change: Partial<Record<"q" | "status" | "plan" | "sort" | "dir" | "after" | "before", string | number | null>> = {}): string {
  const merged: Record<string, string | number | null> = {
    q: query.filter.q,
    status: query.filter.status,
    plan: query.filter.plan,
    sort: query.sort === "msisdn" ? null : query.sort,
    dir: query.dir === "asc" ? null : query.dir,
    after: null,
    before: null,
    ...change,
  };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== null && value !== "") params.set(key, String(value));
  const search = params.toString();
  return `/${locale}/fleet/lines${search ? `?${search}` : ""}`;
}

type CursorValue = string | number | null;

export function encodeCursor(value: CursorValue, id: number): string {
  return btoa(JSON.stringify([value, id]))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function decodeCursor(cursor: string | null): [CursorValue, number] | null {
  if (!cursor || cursor.length > 400) return null;
  try {
    const parsed: unknown = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed as [unknown, unknown];
    if (!Number.isSafeInteger(id)) return null;
    if (value !== null && typeof value !== "string" && typeof value !== "number") return null;
    return [value, id as number];
  } catch {
    return null;
  }
}

/**
 * The rows strictly after (value, id) in the order (column, id) ascending or descending, with
 * SQLite's NULLs first ascending and last descending, as the index is walked. A row value
 * comparison lets SQLite seek in the (customer_id, column, id) index.
 */
function beyond(key: SortKey, value: CursorValue, id: number, ascending: boolean): SQL {
  const { column, nullable } = columns[key];
  if (value === null) {
    return ascending ? sql`((${column} IS NULL AND ${mobileLines.id} > ${id}) OR ${column} IS NOT NULL)` : sql`(${column} IS NULL AND ${mobileLines.id} < ${id})`;
  }
  if (ascending) return sql`(${column}, ${mobileLines.id}) > (${value}, ${id})`;
  return nullable ? sql`((${column}, ${mobileLines.id}) < (${value}, ${id}) OR ${column} IS NULL)` : sql`(${column}, ${mobileLines.id}) < (${value}, ${id})`;
}

function orderBy(key: SortKey, ascending: boolean) {
  const { column } = columns[key];
  return ascending ? [asc(column), asc(mobileLines.id)] : [desc(column), desc(mobileLines.id)];
}

function sortValue(key: SortKey, row: LineRow): CursorValue {
  return key === "msisdn" ? row.msisdn : key === "description" ? row.description : key === "plan" ? row.planId : key === "status" ? row.status : row.billingAccountId;
}

const optionNames = sql<string | null>`(SELECT group_concat(o.name, ', ') FROM line_options lo JOIN fleet_options o ON o.id = lo.option_id WHERE lo.line_id = ${mobileLines.id})`;

const rowFields = {
  id: mobileLines.id,
  msisdn: mobileLines.msisdn,
  description: mobileLines.description,
  planId: mobileLines.planId,
  planName: tariffPlans.name,
  status: mobileLines.status,
  billingAccountId: mobileLines.billingAccountId,
  billingAccount: billingAccounts.number,
  options: optionNames,
  userFirstName: mobileLines.userFirstName,
  userLastName: mobileLines.userLastName,
  iccid: mobileLines.iccid,
  activationDate: mobileLines.activationDate,
  monthlyCents: tariffPlans.monthlyCents,
};

export type LineRow = {
  id: number;
  msisdn: string | null;
  description: string;
  planId: number;
  planName: string;
  status: LineStatus;
  billingAccountId: number | null;
  billingAccount: string | null;
  options: string | null;
  userFirstName: string | null;
  userLastName: string | null;
  iccid: string;
  activationDate: string | null;
  monthlyCents: number;
};

export type OverviewRow = LineRow & { selected: boolean };
export type Plan = { id: number; name: string };
export type Overview = { rows: OverviewRow[]; next: string | null; previous: string | null; total: number; selectedCount: number; plans: Plan[] };

/** One page of lines in an order (exported for the query-plan test). */
export function pageQuery(db: Db, where: SQL | undefined, key: SortKey, ascending: boolean, limit: number, selection: Selection | null) {
  const selected = selection === null || isEmptySelection(selection) ? sql<number>`0` : sql<number>`CASE WHEN ${selectionCondition(selection)} THEN 1 ELSE 0 END`;
  return db
    .select({ ...rowFields, selected })
    .from(mobileLines)
    .innerJoin(tariffPlans, eq(tariffPlans.id, mobileLines.planId))
    .leftJoin(billingAccounts, eq(billingAccounts.id, mobileLines.billingAccountId))
    .where(where)
    .orderBy(...orderBy(key, ascending))
    .limit(limit);
}

/** One page of the overview with the count of matching lines, the count selected and the plans for the filter: one round trip. */
export async function listLines(db: Db, principal: Principal, query: LinesQuery, selection: Selection): Promise<Overview> {
  const scope = linesInScope(principal);
  const matching = and(scope, filterCondition(query.filter));
  const ascending = query.dir === "asc";
  const after = decodeCursor(query.after);
  const before = after ? null : decodeCursor(query.before);
  const keyset = after ? beyond(query.sort, after[0], after[1], ascending) : before ? beyond(query.sort, before[0], before[1], !ascending) : undefined;
  const [found, totals, chosen, plans] = await db.batch([
    pageQuery(db, and(matching, keyset), query.sort, before ? !ascending : ascending, PAGE_SIZE + 1, selection),
    db.select({ n: sql<number>`count(*)` }).from(mobileLines).where(matching),
    isEmptySelection(selection)
      ? db.select({ n: sql<number>`0` }).from(tariffPlans).limit(1)
      : db
          .select({ n: sql<number>`count(*)` })
          .from(mobileLines)
          .where(and(scope, selectionCondition(selection))),
    db.select({ id: tariffPlans.id, name: tariffPlans.name }).from(tariffPlans).orderBy(asc(tariffPlans.sortOrder)),
  ]);
  const more = found.length > PAGE_SIZE;
  const page = found.slice(0, PAGE_SIZE);
  if (before) page.reverse();
  const rows = page.map((r) => ({ ...r, selected: Number(r.selected) === 1 }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  const next = last && (before || more) ? encodeCursor(sortValue(query.sort, last), last.id) : null;
  const previous = first && (after || (before && more)) ? encodeCursor(sortValue(query.sort, first), first.id) : null;
  return { rows, next, previous, total: Number(totals[0]?.n ?? 0), selectedCount: Number(chosen[0]?.n ?? 0), plans };
}

/** Of these ids, those in the principal's scope (a posted form's ids are never trusted). */
export async function idsInScope(db: Db, principal: Principal, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: mobileLines.id })
    .from(mobileLines)
    .where(and(linesInScope(principal), sql`${mobileLines.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`));
  return rows.map((r) => r.id);
}

/**
 * Every line matching `condition` (in scope), in the overview's order, read by keyset in chunks of
 * 1,000: the export writes each chunk before it reads the next, so memory holds one chunk.
 */
export async function* linesInChunks(db: Db, principal: Principal, condition: SQL | undefined, key: SortKey, dir: Direction): AsyncGenerator<LineRow[]> {
  const where = and(linesInScope(principal), condition);
  const ascending = dir === "asc";
  let cursor: [CursorValue, number] | null = null;
  for (;;) {
    const chunk: LineRow[] = await pageQuery(db, and(where, cursor ? beyond(key, cursor[0], cursor[1], ascending) : undefined), key, ascending, EXPORT_CHUNK, null);
    if (chunk.length === 0) return;
    yield chunk;
    if (chunk.length < EXPORT_CHUNK) return;
    const last = chunk[chunk.length - 1]!;
    cursor = [sortValue(key, last), last.id];
  }
}

/** "0489744365" → "0489 74 43 65" (003's overview); other lengths as they are. */

/** How many lines in scope a selection means (the bar's count). */
export async function countSelected(db: Db, principal: Principal, selection: Selection): Promise<number> {
  if (isEmptySelection(selection)) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(mobileLines)
    .where(and(linesInScope(principal), selectionCondition(selection)));
  return Number(row?.n ?? 0);
}

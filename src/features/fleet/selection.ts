import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { LINE_STATUSES, type LineStatus } from "../../db/schema/enums.ts";
import { mobileLines } from "../../db/schema/index.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import type { Principal } from "../../lib/principal.ts";
import type { Session } from "../../lib/session.ts";
import { linesInScope } from "./scope.ts";

/** The overview's filter: what the search, the status and the plan select boxes ask for. */
export type LinesFilter = { q: string | null; status: LineStatus | null; plan: number | null };

/**
 * What the fleet manager ticked: explicit ids, or "every line matching this filter" minus the ones
 * unticked afterwards ("all" stores only the filter, so 10,000 lines cost a few bytes in KV).
 */
export type Selection = { mode: "ids"; ids: number[] } | { mode: "all"; filter: LinesFilter; except: number[] };

/** More than a fleet of this size is not ticked by hand; "all" mode has no such limit. */
export const MAX_SELECTED_IDS = 10_000;
const TTL_SECONDS = 3600;

export const EMPTY_SELECTION: Selection = { mode: "ids", ids: [] };

// Same key recipe as the documents selection (subject, session start, account), another prefix.
async function selectionKey(session: Session): Promise<string> {
  return `fleet-selection:${await sha256Hex(`${session.subject}|${session.createdAt}|${session.customerId}`)}`;
}

function safeIds(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((id): id is number => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_SELECTED_IDS);
}

/** A filter from anything (KV, a query string parsed elsewhere): unknown values become null. */
export function normalizeFilter(value: unknown): LinesFilter {
  const v = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const q = typeof v.q === "string" && v.q.trim() !== "" ? v.q.trim().slice(0, 100) : null;
  const status = typeof v.status === "string" && (LINE_STATUSES as readonly string[]).includes(v.status) ? (v.status as LineStatus) : null;
  const plan = typeof v.plan === "number" && Number.isSafeInteger(v.plan) && v.plan > 0 ? v.plan : null;
  return { q, status, plan };
}

export async function readSelection(kv: KVNamespace, session: Session): Promise<Selection> {
  const raw = await kv.get(await selectionKey(session));
  if (!raw) return { mode: "ids", ids: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { mode: "ids", ids: [] };
  }
  const p = (parsed && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
  if (p.mode === "all") return { mode: "all", filter: normalizeFilter(p.filter), except: safeIds(p.except) };
  return { mode: "ids", ids: safeIds(p.ids) };
}

export async function writeSelection(kv: KVNamespace, session: Session, s: Selection): Promise<void> {
  const key = await selectionKey(session);
  if (s.mode === "ids" && s.ids.length === 0) {
    await kv.delete(key);
    return;
  }
  const stored: Selection = s.mode === "ids" ? { mode: "ids", ids: safeIds(s.ids) } : { mode: "all", filter: normalizeFilter(s.filter), except: safeIds(s.except) };
  await kv.put(key, JSON.stringify(stored), { expirationTtl: TTL_SECONDS });
}

export async function clearSelection(kv: KVNamespace, session: Session): Promise<void> {
  await kv.delete(await selectionKey(session));
}

/** Escapes LIKE's wildcards so a search for "50%" looks for those characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * The filter as a condition on mobile_lines (to AND with linesInScope). q looks in search_text
 * (lowercased msisdn, description and user's name); a q of digits and spaces ("0489 74") is also
 * looked for without its spaces, as numbers are stored without them.
 */
/**
 * search_text contains the text: through the trigram index (mobile_lines_search) from 3
 * characters on, as one literal FTS5 phrase; shorter text has no trigram, so LIKE reads the lines.
 */
function contains(text: string): SQL {
  if ([...text].length < 3) return sql`${mobileLines.searchText} LIKE ${likePattern(text)} ESCAPE '\\'`;
  return sql`${mobileLines.id} IN (SELECT rowid FROM mobile_lines_search WHERE mobile_lines_search MATCH ${`"${text.replace(/"/g, '""')}"`})`;
}

export function filterCondition(f: LinesFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.q) {
    const q = f.q.trim().toLowerCase();
    const compact = q.replace(/[\s./-]/g, "");
    if (/^\+?\d+$/.test(compact)) {
      // +32 489… is 0489… in the national format the lines are stored in.
      const national = compact.startsWith("+32") ? `0${compact.slice(3)}` : compact.startsWith("0032") ? `0${compact.slice(4)}` : compact;
      parts.push(sql`(${contains(national)} OR ${contains(q)})`);
    } else {
      parts.push(contains(q));
    }
  }
  if (f.status) parts.push(eq(mobileLines.status, f.status));
  if (f.plan) parts.push(eq(mobileLines.planId, f.plan));
  return parts.length === 0 ? undefined : and(...parts);
}

/** The lines a selection means, as a condition on mobile_lines (to AND with linesInScope): the ids, or the filter minus the exceptions. */
export function selectionCondition(s: Selection): SQL {
  if (s.mode === "ids") return sql`${mobileLines.id} IN (SELECT value FROM json_each(${JSON.stringify(safeIds(s.ids))}))`;
  const except = sql`${mobileLines.id} NOT IN (SELECT value FROM json_each(${JSON.stringify(safeIds(s.except))}))`;
  return and(filterCondition(normalizeFilter(s.filter)), except) ?? except;
}

/** How many ids or exceptions a selection holds (the bar's count comes from the database). */
export function isEmptySelection(s: Selection): boolean {
  return s.mode === "ids" && s.ids.length === 0;
}

/** The ids the selection means, in linesInScope, in msisdn order; null when an explicit id is outside the principal's scope (the whole selection is refused). */
export async function selectedLineIds(db: Db, principal: Principal, s: Selection): Promise<number[] | null> {
  if (isEmptySelection(s)) return [];
  const rows = await db
    .select({ id: mobileLines.id })
    .from(mobileLines)
    .where(and(linesInScope(principal), selectionCondition(s)))
    .orderBy(asc(mobileLines.msisdn), asc(mobileLines.id));
  if (s.mode === "ids" && rows.length !== safeIds(s.ids).length) return null;
  return rows.map((r) => r.id);
}

import { and, asc, desc, eq, gt, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { MaintenanceSeverity } from "../../db/schema/enums.ts";
import { auditEvents, maintenanceNotices } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { brusselsToUtc, brusselsWallClock } from "../../lib/brussels-time.ts";
import { type Cursor, cursorText } from "../../lib/keyset.ts";
import { fail, ok, type Result } from "../../lib/result.ts";

/**
 * Planned maintenance (002 §5.4): staff publish a window at the desk; every portal page shows a
 * banner from 24 hours before the start until the end; a read-only window refuses changes.
 * The portal asks the database for the notices at most once a minute per isolate (plain data in
 * a module-level cache), so the banner costs no round trip on a warm isolate.
 */

export const BANNER_LEAD_MS = 24 * 3600 * 1000;
const CACHE_MS = 60_000;
export const PAGE_SIZE = 20;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export type MaintenanceNotice = {
  id: number;
  startsAt: number;
  endsAt: number;
  severity: MaintenanceSeverity;
  readOnly: boolean;
  text: { nl: string; fr: string; en: string };
  publishedBy: string;
  publishedAt: number;
  cancelledAt: number | null;
};

type Row = typeof maintenanceNotices.$inferSelect;

function toNotice(row: Row): MaintenanceNotice {
  return {
    id: row.id,
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    severity: row.severity,
    readOnly: row.readOnly,
    text: { nl: row.textNl, fr: row.textFr, en: row.textEn },
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt.getTime(),
    cancelledAt: row.cancelledAt ? row.cancelledAt.getTime() : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Brussels wall-clock time ↔ UTC

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::00)?$/;

/**
 * "2026-12-01T23:00" (what <input type="datetime-local"> sends) or "2026-12-01 23:00" (typed in
 * the text box an old browser shows instead), Brussels time → the UTC instant; null for anything
 * else. Across a DST change the offset is that of the moment itself (two passes); a time that does
 * not exist (02:30 on the last Sunday of March) lands an hour later, an ambiguous one on the second.
 */
export function brusselsLocalToUtc(value: string): number | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(match[i]));
  if (h! > 23 || mi! > 59) return null;
  const check = new Date(Date.UTC(y!, mo! - 1, d!));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d) return null;
  return brusselsToUtc({ y: y!, mo: mo!, d: d!, h: h!, mi: mi! });
}

/** A UTC instant as the value of a datetime-local input in Brussels time ("2026-12-01T23:00"). */
export function utcToBrusselsLocal(ms: number): string {
  const w = brusselsWallClock(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${w.y}-${two(w.mo)}-${two(w.d)}T${two(w.h)}:${two(w.mi)}`;
}

// ---------------------------------------------------------------------------------------------
// The banner's notices: cached plain data, at most one read a minute per isolate

let cached: { at: number; notices: MaintenanceNotice[] } | null = null;
/** Counts the forgets: a read that began before one must not put what it read back. */
let generation = 0;

/** How long a page waits for the notices when they are not cached before it goes on without them. */
const READ_DEADLINE_MS = 1000;

/**
 * The notices that may show a banner or make the portal read-only within the next minute: not
 * cancelled, not ended, starting within 24 hours (plus the cache's lifetime, so one that enters the
 * banner's window while cached is not missed). Filter with `bannerNotices` / `readOnlyNotice`.
 *
 * A slow or failing database never holds a page up for the banner: after a second (or on an error)
 * the last notices known (or none) are used, and the route's own work meets the database's deadline.
 * No read is shared between requests (workerd ties I/O to the request that started it).
 */
export async function currentNotices(db: Db, now = Date.now()): Promise<MaintenanceNotice[]> {
  if (cached && now - cached.at < CACHE_MS && now >= cached.at) return cached.notices;
  const known = cached?.notices ?? [];
  const started = generation;
  const read = db
    .select()
    .from(maintenanceNotices)
    .where(and(isNull(maintenanceNotices.cancelledAt), gt(maintenanceNotices.endsAt, new Date(now)), lte(maintenanceNotices.startsAt, new Date(now + BANNER_LEAD_MS + CACHE_MS))))
    .orderBy(asc(maintenanceNotices.startsAt))
    .limit(20)
    .then((rows) => {
      const notices = rows.map(toNotice);
      if (started === generation) cached = { at: now, notices };
      return notices;
    });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<MaintenanceNotice[]>((resolve) => {
    timer = setTimeout(() => resolve(known), READ_DEADLINE_MS);
  });
  try {
    return await Promise.race([read, late]);
  } catch (error) {
    console.error("maintenance notices", error);
    return known;
  } finally {
    clearTimeout(timer);
  }
}

/** After a publish or a cancel (and in tests): the next request reads the notices again. */
export function forgetMaintenanceCache() {
  cached = null;
  generation++;
}

/** The notices whose banner shows now: from 24 hours before the start until the end. */
export function bannerNotices(notices: MaintenanceNotice[], now = Date.now()): MaintenanceNotice[] {
  return notices.filter((n) => n.cancelledAt === null && n.startsAt - BANNER_LEAD_MS <= now && now < n.endsAt);
}

/** The read-only window running now, if any (the one ending last when two overlap). */
export function readOnlyNotice(notices: MaintenanceNotice[], now = Date.now()): MaintenanceNotice | null {
  let found: MaintenanceNotice | null = null;
  for (const n of notices) if (n.readOnly && n.cancelledAt === null && n.startsAt <= now && now < n.endsAt && (!found || n.endsAt > found.endsAt)) found = n;
  return found;
}

// ---------------------------------------------------------------------------------------------
// Lists

const cursorOf = (n: MaintenanceNotice) => cursorText({ at: n.endsAt, id: n.id });

export type NoticeLists = { planned: MaintenanceNotice[]; past: MaintenanceNotice[]; next: string | null };

/**
 * Planned (or running) windows, soonest first, and past ones of the last 12 months, most recent
 * first, a page at a time (keyset on ends_at, id): one round trip. `withCancelled` false leaves
 * withdrawn planned notices out (the desk shows them; the public page marks them).
 */
export async function listNotices(db: Db, after: Cursor | null, now = Date.now()): Promise<NoticeLists> {
  const nowDate = new Date(now);
  const pastWhere = and(
    lte(maintenanceNotices.endsAt, nowDate),
    gt(maintenanceNotices.endsAt, new Date(now - YEAR_MS)),
    after ? or(lt(maintenanceNotices.endsAt, new Date(after.at)), and(eq(maintenanceNotices.endsAt, new Date(after.at)), lt(maintenanceNotices.id, after.id))) : undefined,
  );
  const [planned, past] = await db.batch([
    db.select().from(maintenanceNotices).where(gt(maintenanceNotices.endsAt, nowDate)).orderBy(asc(maintenanceNotices.startsAt), asc(maintenanceNotices.id)).limit(50),
    db
      .select()
      .from(maintenanceNotices)
      .where(pastWhere)
      .orderBy(desc(maintenanceNotices.endsAt), desc(maintenanceNotices.id))
      .limit(PAGE_SIZE + 1),
  ]);
  const pastNotices = past.slice(0, PAGE_SIZE).map(toNotice);
  return { planned: planned.map(toNotice), past: pastNotices, next: past.length > PAGE_SIZE ? cursorOf(pastNotices[PAGE_SIZE - 1]!) : null };
}

export async function noticeById(db: Db, id: number): Promise<MaintenanceNotice | null> {
  const [row] = await db.select().from(maintenanceNotices).where(eq(maintenanceNotices.id, id)).limit(1);
  return row ? toNotice(row) : null;
}

// ---------------------------------------------------------------------------------------------
// Changes (desk staff; audited without a customer: they concern every account)

export type NoticeInput = { startsAt: number; endsAt: number; severity: MaintenanceSeverity; readOnly: boolean; textNl: string; textFr: string; textEn: string };

export async function publishNotice(db: Db, input: NoticeInput, actor: string, now = Date.now()): Promise<number> {
  const [inserted] = await db.batch([
    db
      .insert(maintenanceNotices)
      .values({ ...input, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), publishedBy: actor, publishedAt: new Date(now) })
      .returning({ id: maintenanceNotices.id }),
    auditInsert(
      db,
      {
        actor,
        customerId: null,
        action: "maintenance.published",
        after: { startsAt: new Date(input.startsAt).toISOString(), endsAt: new Date(input.endsAt).toISOString(), severity: input.severity, readOnly: input.readOnly },
      },
      now,
    ),
  ]);
  forgetMaintenanceCache();
  return inserted[0]!.id;
}

/** Withdraws a notice that has not ended yet: no banner, no read-only; still listed, as cancelled. */
export async function cancelNotice(db: Db, id: number, actor: string, now = Date.now()): Promise<Result<MaintenanceNotice>> {
  const notice = await noticeById(db, id);
  if (!notice) return fail("not_found");
  if (notice.cancelledAt !== null || notice.endsAt <= now) return fail("conflict");
  const before = JSON.stringify({ startsAt: new Date(notice.startsAt).toISOString(), endsAt: new Date(notice.endsAt).toISOString(), cancelled: false });
  const after = JSON.stringify({ cancelled: true });
  // One transaction: the audit line only while the notice is not cancelled yet (two staff cancelling
  // at once write one line, for the one whose update took effect), then the update.
  const [, updated] = await db.batch([
    db.run(
      sql`INSERT INTO ${auditEvents} (at, actor, customer_id, action, before, after, subject) SELECT ${now}, ${actor}, NULL, 'maintenance.cancelled', ${before}, ${after}, ${`maintenance:${id}`} WHERE EXISTS (SELECT 1 FROM ${maintenanceNotices} WHERE id = ${id} AND cancelled_at IS NULL)`,
    ),
    db
      .update(maintenanceNotices)
      .set({ cancelledAt: new Date(now) })
      .where(and(eq(maintenanceNotices.id, id), isNull(maintenanceNotices.cancelledAt)))
      .returning({ id: maintenanceNotices.id }),
  ]);
  forgetMaintenanceCache();
  if (updated.length === 0) return fail("conflict");
  return ok({ ...notice, cancelledAt: now });
}

import { and, count, desc, eq, gt, lt, notExists, or, sql } from "drizzle-orm";
import { type Db, isUniqueViolation } from "../../db/client.ts";
import { auditEvents, staff, termsAcceptances, termsVersions } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { brusselsToUtc } from "../../lib/brussels-time.ts";
import type { Cursor } from "../../lib/keyset.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";
import { currentTermsIdQuery, forgetTermsCache } from "../../lib/terms.ts";
import { parseDay } from "../../lib/workdays.ts";

/**
 * Terms versions published from the desk (issue #13): a supervisor publishes a version with the
 * moment it applies (now, or later in Brussels time); from then on every user accepts it at their
 * next visit (requireSession). A version not yet in force can be withdrawn; one in force cannot.
 * The versions are the platform's, not a customer's: their audit events have no customer.
 */
export const TERMS_PAGE_SIZE = 20;
export const VERSION_MAX = 40;
export const BODY_MAX = 50_000;

export type DeskTermsRow = {
  id: number;
  version: string;
  effectiveAt: Date;
  publishedAt: Date;
  publishedBy: string | null;
  /** The publisher's name when the actor is a staff member of the desk. */
  publisherName: string | null;
  accepted: number;
};

export type PublishInput = { version: string; when: "now" | "later"; date?: string; time?: string; bodyNl: string; bodyFr: string; bodyEn: string };
export type PublishField = "version" | "date" | "time";
export type PublishError = "versionTaken" | "date" | "time" | "past";
export type PublishErrors = Partial<Record<PublishField, PublishError>>;

/** "HH:MM" (or "H.MM", as a person may type it) → minutes of the day; null for anything else. */
export function parseTime(value: string | undefined): { hour: number; minute: number } | null {
  const match = /^(\d{1,2})[:.h](\d{2})$/.exec((value ?? "").trim());
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

/** A day ("2027-01-01") and a time of day in Brussels → the UTC instant. */
export function brusselsInstant(day: string, time: { hour: number; minute: number }): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return brusselsToUtc({ y, mo: m, d, h: time.hour, mi: time.minute });
}

/** The form's checks that need no database: the moment it applies (not in the past). */
export function checkPublish(input: PublishInput, now = Date.now()): { errors: PublishErrors; effectiveAt: number | null } {
  if (input.when === "now") return { errors: {}, effectiveAt: now };
  const errors: PublishErrors = {};
  const day = parseDay(input.date);
  const time = parseTime(input.time);
  if (!day) errors.date = "date";
  if (!time) errors.time = "time";
  if (!day || !time) return { errors, effectiveAt: null };
  const effectiveAt = brusselsInstant(day, time);
  if (effectiveAt <= now) return { errors: { date: "past" }, effectiveAt: null };
  return { errors, effectiveAt };
}

/** Publishes a version and its audit event in one batch; a label already used is "invalid" on the field. */
export async function publishTerms(
  db: Db,
  input: PublishInput,
  actor: string,
  now = Date.now(),
): Promise<Result<{ id: number; version: string; effectiveAt: number }, Fail<"invalid", { errors: PublishErrors }>>> {
  const checked = checkPublish(input, now);
  if (checked.effectiveAt === null) return fail("invalid", { errors: checked.errors });
  const version = input.version.trim();
  try {
    const [inserted] = await db.batch([
      db
        .insert(termsVersions)
        .values({
          version,
          publishedAt: new Date(now),
          effectiveAt: new Date(checked.effectiveAt),
          publishedBy: actor,
          bodyNl: input.bodyNl.trim(),
          bodyFr: input.bodyFr.trim(),
          bodyEn: input.bodyEn.trim(),
        })
        .returning({ id: termsVersions.id }),
      auditInsert(db, { actor, customerId: null, action: "terms.published", after: { version, effectiveAt: new Date(checked.effectiveAt).toISOString() }, subject: `terms:${version}` }, now),
    ]);
    forgetTermsCache();
    return ok({ id: inserted[0]!.id, version, effectiveAt: checked.effectiveAt });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("invalid", { errors: { version: "versionTaken" } });
    throw error;
  }
}

const acceptedCount = count(termsAcceptances.id);

/** The desk's list: newest first (by the moment they apply), each with how many accounts accepted it; one grouped query. */
function versionsPageQuery(db: Db, before: Cursor | null) {
  return db
    .select({
      id: termsVersions.id,
      version: termsVersions.version,
      effectiveAt: termsVersions.effectiveAt,
      publishedAt: termsVersions.publishedAt,
      publishedBy: termsVersions.publishedBy,
      publisherName: staff.name,
      accepted: acceptedCount,
    })
    .from(termsVersions)
    .leftJoin(termsAcceptances, eq(termsAcceptances.termsVersionId, termsVersions.id))
    .leftJoin(staff, sql`'desk:' || ${staff.username} = ${termsVersions.publishedBy}`)
    .where(before ? or(lt(termsVersions.effectiveAt, new Date(before.at)), and(eq(termsVersions.effectiveAt, new Date(before.at)), lt(termsVersions.id, before.id))) : undefined)
    .groupBy(termsVersions.id)
    .orderBy(desc(termsVersions.effectiveAt), desc(termsVersions.id))
    .limit(TERMS_PAGE_SIZE + 1);
}

export type DeskTermsPage = { rows: DeskTermsRow[]; next: Cursor | null; currentId: number | null; notice: { version: string; effectiveAt: Date } | null };

/** One round trip: a page of versions, the id of the one in force, and the version a notice names. */
export async function termsForDesk(db: Db, before: Cursor | null, noticeId: number | null, now = Date.now()): Promise<DeskTermsPage> {
  const [rows, current, named] = await db.batch([
    versionsPageQuery(db, before),
    currentTermsIdQuery(db, now),
    db
      .select({ version: termsVersions.version, effectiveAt: termsVersions.effectiveAt })
      .from(termsVersions)
      .where(eq(termsVersions.id, noticeId ?? 0))
      .limit(1),
  ]);
  const page = rows.slice(0, TERMS_PAGE_SIZE).map((row) => ({ ...row, accepted: Number(row.accepted) }));
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > TERMS_PAGE_SIZE && last ? { at: last.effectiveAt.getTime(), id: last.id } : null,
    currentId: current[0]?.id ?? null,
    notice: named[0] ?? null,
  };
}

/** One version with its three texts, for the desk (versions not yet in force included). */
export async function termsVersionForDesk(db: Db, id: number) {
  const [row] = await db.select().from(termsVersions).where(eq(termsVersions.id, id)).limit(1);
  return row ?? null;
}

export type WithdrawFailure = Fail<"not_found"> | Fail<"conflict", { reason: "effective" | "accepted"; version: string; effectiveAt: Date }>;

/**
 * Withdraws a version that does not apply yet and that nobody accepted: it is deleted, with its
 * audit event, in one batch. The event is written only if the delete's own conditions still hold
 * in that batch, so a double submit records one withdrawal.
 */
export async function withdrawTerms(db: Db, id: number, actor: string, now = Date.now()): Promise<Result<{ version: string }, WithdrawFailure>> {
  const [row] = await db
    .select({ version: termsVersions.version, effectiveAt: termsVersions.effectiveAt, accepted: acceptedCount })
    .from(termsVersions)
    .leftJoin(termsAcceptances, eq(termsAcceptances.termsVersionId, termsVersions.id))
    .where(eq(termsVersions.id, id))
    .groupBy(termsVersions.id);
  if (!row) return fail("not_found");
  if (row.effectiveAt.getTime() <= now) return fail("conflict", { reason: "effective", version: row.version, effectiveAt: row.effectiveAt });
  if (Number(row.accepted) > 0) return fail("conflict", { reason: "accepted", version: row.version, effectiveAt: row.effectiveAt });

  const withdrawable = and(
    eq(termsVersions.id, id),
    gt(termsVersions.effectiveAt, new Date(now)),
    notExists(db.select({ one: sql`1` }).from(termsAcceptances).where(eq(termsAcceptances.termsVersionId, termsVersions.id))),
  );
  const before = JSON.stringify({ version: row.version, effectiveAt: row.effectiveAt.toISOString() });
  const [, deleted] = await db.batch([
    db.run(
      sql`INSERT INTO ${auditEvents} (at, actor, customer_id, action, before, after, subject)
          SELECT ${now}, ${actor}, NULL, 'terms.withdrawn', ${before}, NULL, ${`terms:${row.version}`}
          WHERE EXISTS (SELECT 1 FROM ${termsVersions} WHERE ${withdrawable})`,
    ),
    db.delete(termsVersions).where(withdrawable).returning({ id: termsVersions.id }),
  ]);
  forgetTermsCache();
  if (deleted.length === 0) return fail("not_found");
  return ok({ version: row.version });
}

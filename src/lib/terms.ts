import { desc, gt, lte, min, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { termsVersions } from "../db/schema/index.ts";

export type Current = {
  id: number;
  version: string;
  publishedAt: Date;
  /** From when this version applies (issue #13); the current version is the latest one in force. */
  effectiveAt: Date;
  publishedBy: string | null;
  bodyNl: string;
  bodyFr: string;
  bodyEn: string;
};

/** A row of currentTermsQuery: the version in force and the moment the next one takes over (null: none planned). */
export type CurrentRow = Current & { nextEffectiveAt: number | null };

export type TermsState = { current: Current | null; nextEffectiveAt: number | null };

// Terms change a few times a year; asking the database on every page would double its round trips.
// The cache also holds the moment the next version applies, and is never used past it: a version
// takes over at its moment, not up to a minute later.
const CACHE_MS = 60_000;
let cached: { state: TermsState; at: number; until: number } | null = null;
/** When the cache was last emptied: a read that started before it may have seen the old versions. */
let forgottenAt = 0;

/** Latest first: by the moment it applies, and for one moment the last published. */
const latestFirst = [desc(termsVersions.effectiveAt), desc(termsVersions.id)] as const;

/**
 * The version in force at `now` (effective_at ≤ now; for a tie the highest id), with the moment
 * the next one applies: one row, or none when no version is in force yet. Batchable.
 */
export function currentTermsQuery(db: Db, now = Date.now()) {
  return db
    .select({
      id: termsVersions.id,
      version: termsVersions.version,
      publishedAt: termsVersions.publishedAt,
      effectiveAt: termsVersions.effectiveAt,
      publishedBy: termsVersions.publishedBy,
      bodyNl: termsVersions.bodyNl,
      bodyFr: termsVersions.bodyFr,
      bodyEn: termsVersions.bodyEn,
      nextEffectiveAt: sql<number | null>`(SELECT min(${termsVersions.effectiveAt}) FROM ${termsVersions} WHERE ${termsVersions.effectiveAt} > ${now})`.mapWith((value) =>
        value === null ? null : Number(value),
      ),
    })
    .from(termsVersions)
    .where(lte(termsVersions.effectiveAt, new Date(now)))
    .orderBy(...latestFirst)
    .limit(1);
}

/** The id of the version in force at `now` (for pages that mark it). Batchable. */
export function currentTermsIdQuery(db: Db, now = Date.now()) {
  return db
    .select({ id: termsVersions.id })
    .from(termsVersions)
    .where(lte(termsVersions.effectiveAt, new Date(now)))
    .orderBy(...latestFirst)
    .limit(1);
}

function cachedState(now: number): TermsState | null {
  // A `now` before the cached moment (a caller asking about the past) is not answered from the cache.
  return cached && now >= cached.at && now < cached.until ? cached.state : null;
}

function remember(state: TermsState, now: number) {
  if (now <= forgottenAt) return;
  cached = { state, at: now, until: Math.min(now + CACHE_MS, state.nextEffectiveAt ?? Number.POSITIVE_INFINITY) };
}

function stripNext(row: CurrentRow): Current {
  const { nextEffectiveAt: _, ...current } = row;
  return current;
}

/** The version in force and when the next one applies, from the cache or one query. */
export async function termsState(db: Db, now = Date.now()): Promise<TermsState> {
  const hit = cachedState(now);
  if (hit) return hit;
  const [row] = await currentTermsQuery(db, now);
  let state: TermsState;
  if (row) state = { current: stripNext(row), nextEffectiveAt: row.nextEffectiveAt };
  else {
    // No version in force yet (an empty portal): the first one planned still takes over at its moment.
    const [next] = await db
      .select({ at: min(termsVersions.effectiveAt) })
      .from(termsVersions)
      .where(gt(termsVersions.effectiveAt, new Date(now)));
    state = { current: null, nextEffectiveAt: next?.at ? next.at.getTime() : null };
  }
  remember(state, now);
  return state;
}

/** The version users must have accepted at `now` (null: none published). */
export async function currentTerms(db: Db, now = Date.now()): Promise<Current | null> {
  return (await termsState(db, now)).current;
}

/** Caches what a batched currentTermsQuery returned (the login reads it with its other queries). */
export function rememberTerms(row: CurrentRow | null | undefined, now = Date.now()) {
  if (row) remember({ current: stripNext(row), nextEffectiveAt: row.nextEffectiveAt }, now);
}

/** After a publish or a withdrawal: the next request reads the versions again. */
export function forgetTermsCache() {
  cached = null;
  forgottenAt = Date.now();
}

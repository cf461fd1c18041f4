import { desc } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { termsVersions } from "../db/schema/index.ts";

type Current = { id: number; version: string; publishedAt: Date; bodyNl: string; bodyFr: string; bodyEn: string };

// Terms change a few times a year; asking the database on every page would double its round trips.
const CACHE_MS = 60_000;
let cached: { value: Current | null; at: number } | null = null;

export function currentTermsQuery(db: Db) {
  return db.select().from(termsVersions).orderBy(desc(termsVersions.id)).limit(1);
}

export async function currentTerms(db: Db, now = Date.now()): Promise<Current | null> {
  if (cached && now - cached.at < CACHE_MS) return cached.value;
  const [row] = await currentTermsQuery(db);
  cached = { value: row ?? null, at: now };
  return cached.value;
}

export function rememberTerms(value: Current | null, now = Date.now()) {
  cached = { value, at: now };
}

export function forgetTermsCache() {
  cached = null;
}

import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema/index.ts";

export type Db = ReturnType<typeof createDb>;

export const DEFAULT_DB_TIMEOUT_MS = 4000;

/** A unique index said no (a name or a claim taken in the meantime); drizzle wraps libSQL's error in its cause. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (/UNIQUE constraint failed/i.test(String((e as { message?: unknown }).message ?? e))) return true;
  }
  return false;
}

/** Raised when the database does not answer in time; the app answers it with the 503 page. */
export class DatabaseTimeout extends Error {
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
    this.name = "DatabaseTimeout";
  }
}

/**
 * Every Hrana request carries a deadline: a frozen database costs the user a few seconds and
 * the 503 page, not a request that hangs until workerd gives up on it.
 */
function fetchWithDeadline(ms: number): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    try {
      return await fetch(request, { signal: AbortSignal.timeout(ms) });
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) throw new DatabaseTimeout(ms);
      throw error;
    }
  };
}

/**
 * A client for this request only. Workers cancel I/O that one request resumes on behalf of
 * another, and @libsql/client queues calls above its concurrency limit in a shared queue: a
 * client kept across requests let one request's cancelled call hold a slot forever, and after a
 * burst every later query waited on slots that never came back. A client is cheap: no
 * connection, no version probe (protocol v2 is assumed), only an object.
 */
export function createDb(url: string, authToken?: string, timeoutMs = DEFAULT_DB_TIMEOUT_MS) {
  return drizzle(createClient({ url, authToken, fetch: fetchWithDeadline(timeoutMs) }), { schema });
}

/** The Worker's database from its environment (URL, token, deadline): per request, per cron run. */
export function dbFromEnv(env: { TURSO_DATABASE_URL: string; TURSO_AUTH_TOKEN?: string; DB_TIMEOUT_MS?: string }) {
  return createDb(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN, Number(env.DB_TIMEOUT_MS) || undefined);
}

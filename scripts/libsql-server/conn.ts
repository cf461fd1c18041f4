import Database from "libsql";
import { asSqliteFailure } from "./errors.ts";

export type Db = InstanceType<typeof Database>;
export type Statement = ReturnType<Db["prepare"]>;

export function openDatabase(path: string): Db {
  const db = new Database(path);
  // Keep SQLite's own busy handler tiny: the binding is synchronous, so while it
  // sleeps the whole server sleeps, including the stream holding the lock.
  // Longer waits happen in retryBusy(), which yields to the event loop.
  // synchronous=NORMAL is the usual WAL pairing and this is a dev server.
  db.exec("PRAGMA busy_timeout = 20; PRAGMA synchronous = NORMAL");
  return db;
}

/**
 * Puts the file in WAL mode (a property of the file, so once is enough) and
 * returns the connection. The server keeps it open for its whole life: when
 * the last connection to a WAL database closes, SQLite checkpoints and deletes
 * the WAL, which would otherwise happen after nearly every request.
 */
export function openAnchor(path: string): Db {
  const db = openDatabase(path);
  const mode = db.prepare("PRAGMA journal_mode = WAL").raw(true).get() as unknown[] | undefined;
  if (mode?.[0] !== "wal") throw new Error(`could not enable WAL mode on ${path} (got ${String(mode?.[0])})`);
  return db;
}

const SQLITE_BUSY = 5;
const SQLITE_BUSY_SNAPSHOT = 517;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn`, retrying on SQLITE_BUSY until `timeoutMs` has passed. A failed
 * statement has no effect, so re-running it is safe. BUSY_SNAPSHOT is final:
 * the transaction read an old snapshot and can never upgrade to a writer.
 */
export async function retryBusy<T>(fn: () => T, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (e) {
      const failure = asSqliteFailure(e);
      const busy = failure !== undefined && (failure.rawCode & 0xff) === SQLITE_BUSY && failure.rawCode !== SQLITE_BUSY_SNAPSHOT;
      if (!busy || Date.now() >= deadline) throw e;
    }
    await sleep(Math.min(2 ** attempt, 25, Math.max(1, deadline - Date.now())));
  }
}

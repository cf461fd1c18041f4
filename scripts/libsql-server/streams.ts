// Hrana streams over HTTP: each stream is its own libsql connection, named by a baton that
// changes with every response. A stream that holds a transaction has the database to itself:
// other streams wait for it (the binding is synchronous, so waiting must happen here, between
// requests), and an idle stream is closed and rolled back after a timeout, as sqld does.

import { randomBytes } from "node:crypto";
import { openDatabase, type Db } from "./conn.ts";
import { HttpError } from "./errors.ts";
import type { Session } from "./exec.ts";

export interface Stream extends Session {
  id: number;
  baton: string | null;
  idleTimer: NodeJS.Timeout | undefined;
  closed: boolean;
}

export class StreamTable {
  #path: string;
  #byBaton = new Map<string, Stream>();
  #idle: Db[] = [];
  #nextId = 1;
  #idleMs: number;
  #lockWaitMs: number;
  /** The stream inside a transaction, if any: it alone may run until it commits or rolls back. */
  #holder: Stream | undefined;
  #waiters: (() => void)[] = [];

  constructor(path: string, options: { idleMs?: number; lockWaitMs?: number } = {}) {
    this.#path = path;
    this.#idleMs = options.idleMs ?? 10_000;
    this.#lockWaitMs = options.lockWaitMs ?? 5_000;
  }

  /** A new stream for a null baton; the stream of a known baton; an error otherwise. */
  open(baton: string | null): Stream {
    if (baton === null) {
      const reused = this.#idle.pop();
      // A reused connection starts as a new one would: a stream may have switched foreign keys off.
      reused?.exec("PRAGMA foreign_keys = ON");
      const db = reused ?? openDatabase(this.#path);
      return { id: this.#nextId++, db, sqls: new Map(), baton: null, idleTimer: undefined, closed: false };
    }
    const stream = this.#byBaton.get(baton);
    if (!stream) throw new HttpError(400, "STREAM_EXPIRED", "The baton is unknown or was already used: the stream has expired or was closed");
    this.#byBaton.delete(baton);
    clearTimeout(stream.idleTimer);
    return stream;
  }

  /** Waits while another stream holds a transaction (up to a limit, after which SQLite reports BUSY). */
  async acquire(stream: Stream): Promise<void> {
    const deadline = Date.now() + this.#lockWaitMs;
    while (this.#holder && this.#holder !== stream && !this.#holder.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** After a request: keep the stream under a new baton, or close it. Returns the new baton. */
  release(stream: Stream, keepOpen: boolean): string | null {
    if (keepOpen && !stream.closed) {
      const baton = randomBytes(24).toString("base64url");
      stream.baton = baton;
      this.#byBaton.set(baton, stream);
      stream.idleTimer = setTimeout(() => this.close(stream), this.#idleMs);
      stream.idleTimer.unref();
      this.#updateHolder(stream);
      return baton;
    }
    this.close(stream);
    return null;
  }

  close(stream: Stream): void {
    if (stream.closed) return;
    stream.closed = true;
    clearTimeout(stream.idleTimer);
    if (stream.baton) this.#byBaton.delete(stream.baton);
    let reusable = true;
    if (stream.db.inTransaction) {
      try {
        stream.db.exec("ROLLBACK");
      } catch {
        reusable = false;
      }
    }
    if (reusable && this.#idle.length < 8) this.#idle.push(stream.db);
    else stream.db.close();
    this.#updateHolder(stream);
  }

  /** The holder is whoever is inside a transaction; when it leaves, the waiting streams go on. */
  #updateHolder(stream: Stream): void {
    if (!stream.closed && stream.db.inTransaction) {
      this.#holder = stream;
    } else if (this.#holder === stream) {
      this.#holder = undefined;
      for (const wake of this.#waiters.splice(0)) wake();
    }
  }

  closeAll(): void {
    for (const stream of [...this.#byBaton.values()]) this.close(stream);
    for (const db of this.#idle.splice(0)) db.close();
  }
}

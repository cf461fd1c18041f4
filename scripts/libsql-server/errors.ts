// Two kinds of failure, as in sqld: an HttpError fails the whole HTTP request
// (and the stream with it, because the client treats any non-2xx as fatal for
// the stream), a StmtError becomes a Hrana `Error` inside an otherwise fine
// response and the stream goes on.

export class HttpError extends Error {
  status: number;
  code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The request is not valid Hrana: bad JSON, wrong shape, unknown sql_id, ... */
export const protocolError = (code: string, message: string): HttpError => new HttpError(400, code, message);

export class StmtError extends Error {
  code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

// Hrana clients (and app code written against Turso) see the primary result
// code only, e.g. SQLITE_CONSTRAINT rather than SQLITE_CONSTRAINT_UNIQUE.
const PRIMARY_CODES = [
  "SQLITE_OK",
  "SQLITE_ERROR",
  "SQLITE_INTERNAL",
  "SQLITE_PERM",
  "SQLITE_ABORT",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_NOMEM",
  "SQLITE_READONLY",
  "SQLITE_INTERRUPT",
  "SQLITE_IOERR",
  "SQLITE_CORRUPT",
  "SQLITE_NOTFOUND",
  "SQLITE_FULL",
  "SQLITE_CANTOPEN",
  "SQLITE_PROTOCOL",
  "SQLITE_EMPTY",
  "SQLITE_SCHEMA",
  "SQLITE_TOOBIG",
  "SQLITE_CONSTRAINT",
  "SQLITE_MISMATCH",
  "SQLITE_MISUSE",
  "SQLITE_NOLFS",
  "SQLITE_AUTH",
  "SQLITE_FORMAT",
  "SQLITE_RANGE",
  "SQLITE_NOTADB",
];

export interface SqliteFailure {
  code: string;
  rawCode: number;
  message: string;
}

/** libsql throws SqliteError { code: "SQLITE_...", rawCode: extended code }. */
export function asSqliteFailure(e: unknown): SqliteFailure | undefined {
  if (!(e instanceof Error)) return undefined;
  const { code, rawCode } = e as Error & { code?: unknown; rawCode?: unknown };
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return undefined;
  return { code, rawCode: typeof rawCode === "number" ? rawCode : -1, message: e.message };
}

/** Same wording and codes as sqld, so error handling tested locally behaves the same on Turso. */
export function toStmtError(e: unknown): StmtError {
  if (e instanceof StmtError) return e;
  const failure = asSqliteFailure(e);
  if (failure !== undefined) {
    const primary = failure.rawCode >= 0 ? PRIMARY_CODES[failure.rawCode & 0xff] : undefined;
    return new StmtError(primary ?? failure.code.replace(/^(SQLITE_[A-Z]+)_.*$/, "$1"), `SQLite error: ${failure.message}`);
  }
  return new StmtError("INTERNAL_ERROR", e instanceof Error ? e.message : String(e));
}

// Executes Hrana stream requests on one libsql connection, with sqld's
// semantics (libsql-server/src/hrana): which failures are per-step errors and
// which fail the HTTP request, how arguments bind, when affected_row_count and
// last_insert_rowid are reported.

import { retryBusy } from "./conn.ts";
import type { Db, Statement } from "./conn.ts";
import { HttpError, StmtError, protocolError, toStmtError } from "./errors.ts";
import { encodeValue } from "./proto.ts";
import type {
  Batch, BatchCond, BatchResultJson, ColJson, CursorEntryJson, DescribeResultJson, ErrorJson, Stmt,
  StmtResultJson, StreamRequest, StreamResponseJson, StreamResultJson, Value, Version,
} from "./proto.ts";
import { analyze } from "./sql.ts";
import type { StatementInfo } from "./sql.ts";

/** The stream-side state a request needs; implemented by streams.ts. */
export interface Session {
  /** undefined once the stream got a `close` request. */
  readonly db: Db | undefined;
  readonly sqls: Map<number, string>;
  close(): void;
}

export interface ExecOptions {
  version: Version;
  /** How long a statement may wait for another stream's write lock. */
  busyTimeoutMs: number;
}

// sqld's limits for store_sql; the client's SQL cache is built around them.
const MAX_STORED_SQLS = 50;
const MAX_STORED_SQL_BYTES = 5000;

const errorJson = (e: StmtError): ErrorJson => ({ message: e.message, code: e.code });

function requireDb(session: Session): Db {
  if (session.db === undefined) throw protocolError("STREAM_CLOSED", "The stream for this baton was already closed");
  return session.db;
}

function resolveSql(session: Session, sql: string | undefined, sqlId: number | undefined): string {
  if (sql !== undefined && sqlId !== undefined) throw protocolError("SQL_ID_AND_SQL_GIVEN", "Only one of sql and sql_id may be given");
  if (sql !== undefined) return sql;
  if (sqlId === undefined) throw protocolError("SQL_MISSING", "Either sql or sql_id must be given");
  const stored = session.sqls.get(sqlId);
  if (stored === undefined) throw protocolError("SQL_NOT_FOUND", `SQL text with sql_id ${sqlId} was not stored`);
  return stored;
}

function singleStatement(sql: string): StatementInfo {
  const infos = analyze(sql);
  if (infos.length === 0) throw new StmtError("SQL_NO_STATEMENT", "SQL string does not contain any statement");
  if (infos.length > 1) throw new StmtError("SQL_MANY_STATEMENTS", "SQL string contains more than one statement");
  return infos[0];
}

const argsInvalid = (detail: string): StmtError =>
  new StmtError("ARGS_INVALID", `Arguments do not match SQL parameters: ${detail}`);

/**
 * Builds the value array for SQLite parameters 1..N (the binding binds array
 * element i to parameter i+1, whatever its name), following sqld's rules:
 * positional args fill `?` and `?NNN`, named args fill `:a`/`@a`/`$a` with or
 * without the prefix, and a missing or surplus value is an error.
 */
function bindArgs(info: StatementInfo, stmt: Stmt): Value[] {
  const { args, namedArgs } = stmt;
  if (args.length > 0 && namedArgs.size > 0) {
    throw new StmtError("ARGS_BOTH_POSITIONAL_AND_NAMED", "Specifying both positional and named arguments is not supported");
  }
  const given = args.length + namedArgs.size;
  if (given > info.paramNames.length) throw argsInvalid(`too many parameters, expected ${info.paramNames.length} found ${given}`);
  return info.paramNames.map((name, i) => {
    let key: number | string | undefined;
    if (name === null) key = i;
    else if (name.startsWith("?")) key = Number(name.slice(1)) - 1;
    else if (namedArgs.has(name)) key = name;
    else if (namedArgs.has(name.slice(1))) key = name.slice(1);
    if (typeof key === "number" && key < args.length) return args[key];
    if (typeof key === "string") return namedArgs.get(key) as Value;
    throw argsInvalid(`value for parameter ${name ?? i + 1} not found`);
  });
}

// One prepared `SELECT changes(), last_insert_rowid()` per connection.
const metaStatements = new WeakMap<Db, Statement>();

function changesAndRowid(db: Db): [bigint, bigint] {
  let st = metaStatements.get(db);
  if (st === undefined) {
    st = db.prepare("SELECT changes(), last_insert_rowid()").raw(true).safeIntegers(true);
    metaStatements.set(db, st);
  }
  return st.get() as [bigint, bigint];
}

const colsOf = (st: Statement): ColJson[] => st.columns().map((c) => ({ name: c.name, decltype: c.type }));

function runStmt(db: Db, info: StatementInfo, bind: Value[], wantRows: boolean): StmtResultJson {
  const started = performance.now();
  const st = db.prepare(info.sql);
  let cols: ColJson[] = [];
  let rows: StmtResultJson["rows"] = [];
  if (st.reader) {
    st.raw(true).safeIntegers(true);
    cols = colsOf(st);
    // Iterate to the end even when rows are not wanted: INSERT ... RETURNING
    // and friends only finish their work when stepped to completion.
    const all = st.all(bind) as unknown[][];
    if (wantRows) rows = all.map((row) => row.map(encodeValue));
  } else {
    st.run(bind);
  }
  // sqlite3_changes() is not reset by SELECT/DDL and last_insert_rowid() only
  // means something after an INSERT, so (like sqld) report them only then.
  // run()'s own lastInsertRowid is a lossy JS number, hence the query.
  let affected = 0;
  let lastRowid: string | null = null;
  if (info.isIud) {
    const [changes, rowid] = changesAndRowid(db);
    affected = Number(changes);
    if (info.isInsert) lastRowid = rowid.toString();
  }
  return {
    cols,
    rows,
    affected_row_count: affected,
    last_insert_rowid: lastRowid,
    rows_read: 0,
    rows_written: 0,
    query_duration_ms: performance.now() - started,
  };
}

/** Runs `fn` with BUSY retries and turns SQLite failures into StmtErrors. */
async function sqlite<T>(fn: () => T, opts: ExecOptions): Promise<T> {
  try {
    return await retryBusy(fn, opts.busyTimeoutMs);
  } catch (e) {
    throw toStmtError(e);
  }
}

export async function executeStmt(session: Session, stmt: Stmt, opts: ExecOptions): Promise<StmtResultJson> {
  const db = requireDb(session);
  const info = singleStatement(resolveSql(session, stmt.sql, stmt.sqlId));
  const bind = bindArgs(info, stmt);
  return sqlite(() => runStmt(db, info, bind, stmt.wantRows), opts);
}

function checkCondSteps(cond: BatchCond, stepIndex: number): void {
  if (cond.type === "ok" || cond.type === "error") {
    if (cond.step >= stepIndex) {
      throw new StmtError("BATCH_COND_BAD_STEP", `Step ${stepIndex} has a condition that refers to step ${cond.step}, which does not run before it`);
    }
  } else if (cond.type === "not") {
    checkCondSteps(cond.cond, stepIndex);
  } else if (cond.type === "and" || cond.type === "or") {
    for (const c of cond.conds) checkCondSteps(c, stepIndex);
  }
}

function evalCond(cond: BatchCond, result: BatchResultJson, db: Db): boolean {
  switch (cond.type) {
    case "ok":
      return result.step_results[cond.step] != null;
    case "error":
      return result.step_errors[cond.step] != null;
    case "not":
      return !evalCond(cond.cond, result, db);
    case "and":
      return cond.conds.every((c) => evalCond(c, result, db));
    case "or":
      return cond.conds.some((c) => evalCond(c, result, db));
    case "is_autocommit":
      return !db.inTransaction;
  }
}

/** A failing step is recorded and the batch goes on; its conditions decide what runs next. */
export async function executeBatch(session: Session, batch: Batch, opts: ExecOptions): Promise<BatchResultJson> {
  const db = requireDb(session);
  batch.steps.forEach((step, i) => {
    if (step.condition !== undefined) checkCondSteps(step.condition, i);
  });
  const result: BatchResultJson = { step_results: [], step_errors: [] };
  for (const step of batch.steps) {
    if (step.condition !== undefined && !evalCond(step.condition, result, db)) {
      result.step_results.push(null);
      result.step_errors.push(null);
      continue;
    }
    try {
      result.step_results.push(await executeStmt(session, step.stmt, opts));
      result.step_errors.push(null);
    } catch (e) {
      if (e instanceof HttpError) throw e;
      result.step_results.push(null);
      result.step_errors.push(errorJson(toStmtError(e)));
    }
  }
  return result;
}

/** The same outcome as a BatchResult, in the shape of /v3/cursor's line-delimited entries. */
export function cursorEntries(result: BatchResultJson): CursorEntryJson[] {
  const entries: CursorEntryJson[] = [];
  result.step_results.forEach((res, step) => {
    const error = result.step_errors[step];
    if (error != null) {
      entries.push({ type: "step_error", step, error });
    } else if (res != null) {
      entries.push({ type: "step_begin", step, cols: res.cols });
      for (const row of res.rows) entries.push({ type: "row", row });
      entries.push({ type: "step_end", affected_row_count: res.affected_row_count, last_insert_rowid: res.last_insert_rowid });
    }
  });
  return entries;
}

async function executeSequence(session: Session, sql: string, opts: ExecOptions): Promise<void> {
  const db = requireDb(session);
  // Statement by statement rather than db.exec(), so a BUSY statement can be
  // retried without re-running the ones before it.
  for (const info of analyze(sql)) {
    await sqlite(() => {
      const st = db.prepare(info.sql);
      if (st.reader) st.raw(true).safeIntegers(true).all();
      else st.run();
    }, opts);
  }
}

/** sqlite3_stmt_readonly() is not exposed; a write shows up as a write Transaction opcode in EXPLAIN. */
function isReadonly(db: Db, info: StatementInfo): boolean {
  if (info.isExplain || info.isTxnControl) return true;
  const program = db.prepare(`EXPLAIN ${info.sql}`).raw(true).all() as unknown[][];
  return !program.some(([, opcode, , p2]) => (opcode === "Transaction" && p2 !== 0) || opcode === "OpenWrite");
}

async function describe(session: Session, sql: string, opts: ExecOptions): Promise<DescribeResultJson> {
  const db = requireDb(session);
  const info = singleStatement(sql);
  return sqlite(() => {
    const st = db.prepare(info.sql);
    return {
      params: info.paramNames.map((name) => ({ name })),
      cols: st.reader ? st.columns().map((c) => ({ name: c.name, decltype: c.type })) : [],
      is_explain: info.isExplain,
      is_readonly: isReadonly(db, info),
    };
  }, opts);
}

async function dispatch(session: Session, req: StreamRequest, opts: ExecOptions): Promise<StreamResponseJson> {
  switch (req.type) {
    case "close":
      session.close();
      return { type: "close" };
    case "execute":
      return { type: "execute", result: await executeStmt(session, req.stmt, opts) };
    case "batch":
      return { type: "batch", result: await executeBatch(session, req.batch, opts) };
    case "sequence":
      await executeSequence(session, resolveSql(session, req.sql, req.sqlId), opts);
      return { type: "sequence" };
    case "describe":
      return { type: "describe", result: await describe(session, resolveSql(session, req.sql, req.sqlId), opts) };
    case "store_sql":
      if (session.sqls.has(req.sqlId)) throw protocolError("SQL_EXISTS", `SQL text with sql_id ${req.sqlId} is already stored`);
      if (session.sqls.size >= MAX_STORED_SQLS) {
        throw new StmtError("SQL_STORE_TOO_MANY", `The server already stores ${session.sqls.size} SQL texts, it cannot store more`);
      }
      if (Buffer.byteLength(req.sql) > MAX_STORED_SQL_BYTES) {
        throw new StmtError("SQL_STORE_TOO_LARGE", `The statement is too large to be stored (limit ${MAX_STORED_SQL_BYTES} bytes)`);
      }
      session.sqls.set(req.sqlId, req.sql);
      return { type: "store_sql" };
    case "close_sql":
      session.sqls.delete(req.sqlId);
      return { type: "close_sql" };
    case "get_autocommit":
      return { type: "get_autocommit", is_autocommit: !requireDb(session).inTransaction };
  }
}

/** One pipeline entry. HttpErrors propagate and fail the whole HTTP request, as in sqld. */
export async function handleStreamRequest(session: Session, req: StreamRequest, opts: ExecOptions): Promise<StreamResultJson> {
  try {
    return { type: "ok", response: await dispatch(session, req, opts) };
  } catch (e) {
    if (e instanceof HttpError) throw e;
    return { type: "error", error: errorJson(toStmtError(e)) };
  }
}

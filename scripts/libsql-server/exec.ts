// Executes Hrana stream requests on one libsql connection: statements, batches with their
// conditions, sequences, describe, and the SQL text cache (store_sql/close_sql).

import type { Db } from "./conn.ts";
import { protocolError, StmtError, toStmtError } from "./errors.ts";
import type { Batch, BatchCond, BatchResultJson, DescribeResultJson, Stmt, StmtResultJson, StreamRequest, StreamResponseJson, Value } from "./proto.ts";
import { encodeValue } from "./proto.ts";
import { analyze } from "./sql.ts";

export interface Session {
  db: Db;
  /** SQL texts stored with store_sql, per stream as the spec says. */
  sqls: Map<number, string>;
}

const MAX_STORED_SQL = 150;

function sqlOf(session: Session, sql: string | undefined, sqlId: number | undefined): string {
  if (sql !== undefined && sqlId !== undefined) throw protocolError("INVALID_REQUEST", "give either sql or sql_id, not both");
  if (sql !== undefined) return sql;
  if (sqlId === undefined) throw protocolError("INVALID_REQUEST", "sql or sql_id is required");
  const stored = session.sqls.get(sqlId);
  if (stored === undefined) throw protocolError("SQL_NOT_FOUND", `sql_id ${sqlId} is not stored on this stream`);
  return stored;
}

/** Positional args bind by index; named args by the name SQLite gives the parameter (with or without its prefix). */
function bindings(paramNames: (string | null)[], stmt: Stmt): Value[] | Record<string, Value> {
  // An unbound parameter is NULL in SQLite; the binding would panic on it instead, so fill it in.
  if (stmt.namedArgs.size === 0 && paramNames.every((n) => n === null || n.startsWith("?"))) {
    if (stmt.args.length > paramNames.length) throw new StmtError("ARGS_INVALID", `${stmt.args.length} arguments for ${paramNames.length} parameters`);
    return paramNames.map((_, i) => stmt.args[i] ?? null);
  }
  const named: Record<string, Value> = {};
  paramNames.forEach((name, i) => {
    if (name === null || name.startsWith("?")) throw new StmtError("ARGS_INVALID", "a statement mixing ? and named parameters is not supported");
    const bare = name.slice(1);
    const key = stmt.namedArgs.has(name) ? name : bare;
    named[bare] = stmt.namedArgs.has(key) ? (stmt.namedArgs.get(key) as Value) : (stmt.args[i] ?? null);
  });
  return named;
}

export function executeStmt(session: Session, stmt: Stmt): StmtResultJson {
  const started = performance.now();
  const sql = sqlOf(session, stmt.sql, stmt.sqlId);
  const infos = analyze(sql);
  if (infos.length === 0) throw new StmtError("SQL_NO_STATEMENT", "SQL string does not contain any statement");
  if (infos.length > 1) throw new StmtError("SQL_MANY_STATEMENTS", "SQL string contains more than one statement");
  const info = infos[0]!;
  try {
    const prepared = session.db.prepare(info.sql);
    prepared.safeIntegers(true);
    const args = bindings(info.paramNames, stmt);
    const cols = prepared.reader ? (prepared.columns() as { name: string; type: string | null }[]).map((c) => ({ name: c.name, decltype: c.type ?? null })) : [];
    let rows: unknown[][] = [];
    let changes = 0;
    let lastRowid: bigint | number | null = null;
    if (prepared.reader) {
      rows = prepared.raw(true).all(args) as unknown[][];
      if (info.isIud) {
        // INSERT … RETURNING reads rows and writes: ask SQLite what the statement changed.
        const meta = session.db.prepare("SELECT changes(), last_insert_rowid()").raw(true).safeIntegers(true).get() as [bigint, bigint];
        changes = Number(meta[0]);
        lastRowid = meta[1];
      }
    } else {
      const result = prepared.run(args) as { changes: number; lastInsertRowid: bigint | number };
      changes = info.isIud ? result.changes : 0;
      lastRowid = result.lastInsertRowid;
    }
    return {
      cols,
      rows: stmt.wantRows ? rows.map((row) => row.map(encodeValue)) : [],
      affected_row_count: changes,
      last_insert_rowid: lastRowid === null ? null : String(lastRowid),
      rows_read: 0,
      rows_written: 0,
      query_duration_ms: performance.now() - started,
    };
  } catch (e) {
    throw toStmtError(e);
  }
}

function evalCond(cond: BatchCond, results: BatchResultJson, session: Session): boolean {
  switch (cond.type) {
    case "ok":
      return results.step_results[cond.step] != null;
    case "error":
      return results.step_errors[cond.step] != null;
    case "not":
      return !evalCond(cond.cond, results, session);
    case "and":
      return cond.conds.every((c) => evalCond(c, results, session));
    case "or":
      return cond.conds.some((c) => evalCond(c, results, session));
    case "is_autocommit":
      return !session.db.inTransaction;
  }
}

export function executeBatch(session: Session, batch: Batch): BatchResultJson {
  const results: BatchResultJson = { step_results: [], step_errors: [] };
  batch.steps.forEach((step, i) => {
    for (const ref of referencedSteps(step.condition)) {
      if (ref >= i) throw protocolError("INVALID_REQUEST", `batch step ${i} refers to step ${ref}, which has not run yet`);
    }
    if (step.condition && !evalCond(step.condition, results, session)) {
      results.step_results.push(null);
      results.step_errors.push(null);
      return;
    }
    try {
      results.step_results.push(executeStmt(session, step.stmt));
      results.step_errors.push(null);
    } catch (e) {
      if (!(e instanceof StmtError)) throw e;
      results.step_results.push(null);
      results.step_errors.push({ message: e.message, code: e.code });
    }
  });
  return results;
}

function referencedSteps(cond: BatchCond | undefined): number[] {
  if (!cond) return [];
  switch (cond.type) {
    case "ok":
    case "error":
      return [cond.step];
    case "not":
      return referencedSteps(cond.cond);
    case "and":
    case "or":
      return cond.conds.flatMap(referencedSteps);
    case "is_autocommit":
      return [];
  }
}

function describe(session: Session, sql: string): DescribeResultJson {
  const infos = analyze(sql);
  if (infos.length !== 1) throw new StmtError(infos.length === 0 ? "SQL_NO_STATEMENT" : "SQL_MANY_STATEMENTS", "describe takes exactly one statement");
  const info = infos[0]!;
  try {
    const prepared = session.db.prepare(info.sql);
    const cols = prepared.reader ? (prepared.columns() as { name: string; type: string | null }[]).map((c) => ({ name: c.name, decltype: c.type ?? null })) : [];
    return {
      params: info.paramNames.map((name) => ({ name })),
      cols,
      is_explain: info.isExplain,
      is_readonly: prepared.reader && !info.isIud && !info.isTxnControl,
    };
  } catch (e) {
    throw toStmtError(e);
  }
}

/** One stream request. StmtError → a Hrana error result; HttpError (protocol misuse) propagates. */
export function executeRequest(session: Session, request: StreamRequest): StreamResponseJson {
  switch (request.type) {
    case "close":
      return { type: "close" };
    case "execute":
      return { type: "execute", result: executeStmt(session, request.stmt) };
    case "batch":
      return { type: "batch", result: executeBatch(session, request.batch) };
    case "sequence": {
      const sql = sqlOf(session, request.sql, request.sqlId);
      try {
        session.db.exec(sql);
      } catch (e) {
        throw toStmtError(e);
      }
      return { type: "sequence" };
    }
    case "describe":
      return { type: "describe", result: describe(session, sqlOf(session, request.sql, request.sqlId)) };
    case "store_sql":
      if (session.sqls.has(request.sqlId)) throw protocolError("SQL_STORE_CONFLICT", `sql_id ${request.sqlId} is already stored`);
      if (session.sqls.size >= MAX_STORED_SQL) throw protocolError("SQL_STORE_TOO_MANY", "too many SQL texts stored on this stream");
      session.sqls.set(request.sqlId, request.sql);
      return { type: "store_sql" };
    case "close_sql":
      session.sqls.delete(request.sqlId);
      return { type: "close_sql" };
    case "get_autocommit":
      return { type: "get_autocommit", is_autocommit: !session.db.inTransaction };
  }
}

// Hrana JSON structures (HRANA_3_SPEC.md, "Shared structures" and "Hrana over
// HTTP"): typed views of the requests we accept, the responses we send, and
// the conversions between Hrana values and what the libsql binding takes.
// Everything from the wire is validated here, so execution code can trust it.

import { protocolError } from "./errors.ts";

export type Version = 2 | 3;

/** A value as the libsql binding takes and returns it (with safeIntegers on). */
export type Value = null | bigint | number | string | Uint8Array;

export interface Stmt {
  sql: string | undefined;
  sqlId: number | undefined;
  args: Value[];
  namedArgs: Map<string, Value>;
  wantRows: boolean;
}

export type BatchCond = { type: "ok" | "error"; step: number } | { type: "not"; cond: BatchCond } | { type: "and" | "or"; conds: BatchCond[] } | { type: "is_autocommit" };

export interface BatchStep {
  condition: BatchCond | undefined;
  stmt: Stmt;
}

export interface Batch {
  steps: BatchStep[];
}

export type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: Batch }
  | { type: "sequence" | "describe"; sql: string | undefined; sqlId: number | undefined }
  | { type: "store_sql"; sqlId: number; sql: string }
  | { type: "close_sql"; sqlId: number }
  | { type: "get_autocommit" };

export interface PipelineReqBody {
  baton: string | null;
  requests: StreamRequest[];
}

export interface CursorReqBody {
  baton: string | null;
  batch: Batch;
}

export type ValueJson = { type: "null" } | { type: "integer"; value: string } | { type: "float"; value: number } | { type: "text"; value: string } | { type: "blob"; base64: string };

export interface ErrorJson {
  message: string;
  code: string;
}

export interface ColJson {
  name: string | null;
  decltype: string | null;
}

export interface StmtResultJson {
  cols: ColJson[];
  rows: ValueJson[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
}

export interface BatchResultJson {
  step_results: (StmtResultJson | null)[];
  step_errors: (ErrorJson | null)[];
}

export interface DescribeResultJson {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
}

export type StreamResponseJson =
  | { type: "close" | "sequence" | "store_sql" | "close_sql" }
  | { type: "execute"; result: StmtResultJson }
  | { type: "batch"; result: BatchResultJson }
  | { type: "describe"; result: DescribeResultJson }
  | { type: "get_autocommit"; is_autocommit: boolean };

export type StreamResultJson = { type: "ok"; response: StreamResponseJson } | { type: "error"; error: ErrorJson };

export type CursorEntryJson =
  | { type: "step_begin"; step: number; cols: ColJson[] }
  | { type: "row"; row: ValueJson[] }
  | { type: "step_end"; affected_row_count: number; last_insert_rowid: string | null }
  | { type: "step_error"; step: number; error: ErrorJson }
  | { type: "error"; error: ErrorJson };

// ---- validation helpers: each names the offending field in its message ----

type Obj = Record<string, unknown>;

const bad = (path: string, expected: string): Error => protocolError("INVALID_REQUEST", `${path}: expected ${expected}`);

function obj(v: unknown, path: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad(path, "an object");
  return v as Obj;
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw bad(path, "an array");
  return v;
}

/** Optional fields may be missing or null in JSON (proto3 `optional`). */
const absent = (v: unknown): boolean => v === undefined || v === null;

function str(v: unknown, path: string): string {
  if (typeof v !== "string") throw bad(path, "a string");
  return v;
}

const optStr = (v: unknown, path: string): string | undefined => (absent(v) ? undefined : str(v, path));

function int(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw bad(path, `an integer in [${min}, ${max}]`);
  return v;
}

const int32 = (v: unknown, path: string): number => int(v, path, -(2 ** 31), 2 ** 31 - 1);
const optInt32 = (v: unknown, path: string): number | undefined => (absent(v) ? undefined : int32(v, path));
const uint32 = (v: unknown, path: string): number => int(v, path, 0, 2 ** 32 - 1);

function optBool(v: unknown, path: string): boolean | undefined {
  if (absent(v)) return undefined;
  if (typeof v !== "boolean") throw bad(path, "a boolean");
  return v;
}

// ---- values ----

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parseValue(v: unknown, path: string): Value {
  const o = obj(v, path);
  switch (o.type) {
    case "null":
      return null;
    case "integer": {
      // The spec sends integers as strings so 64-bit values survive JSON.
      const raw = typeof o.value === "number" && Number.isSafeInteger(o.value) ? String(o.value) : o.value;
      if (typeof raw !== "string" || !/^-?\d+$/.test(raw)) throw bad(`${path}.value`, "a decimal integer string");
      const n = BigInt(raw);
      if (n < INT64_MIN || n > INT64_MAX) throw bad(`${path}.value`, "a 64-bit signed integer");
      return n;
    }
    case "float":
      if (typeof o.value !== "number") throw bad(`${path}.value`, "a number");
      return o.value;
    case "text":
      return str(o.value, `${path}.value`);
    case "blob": {
      const b64 = str(o.base64, `${path}.base64`);
      if (!BASE64.test(b64)) throw bad(`${path}.base64`, "base64 data");
      return Buffer.from(b64, "base64");
    }
    default:
      throw bad(`${path}.type`, `one of "null", "integer", "float", "text", "blob"`);
  }
}

export function encodeValue(v: unknown): ValueJson {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  // With safeIntegers on, SQLite INTEGERs arrive as bigint, so a number is always a REAL.
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
  throw new Error(`cannot encode a ${typeof v} as a Hrana value`);
}

// ---- requests ----

export function parseStmt(v: unknown, path: string): Stmt {
  const o = obj(v, path);
  const namedArgs = new Map<string, Value>();
  (absent(o.named_args) ? [] : arr(o.named_args, `${path}.named_args`)).forEach((a, i) => {
    const p = `${path}.named_args[${i}]`;
    const arg = obj(a, p);
    namedArgs.set(str(arg.name, `${p}.name`), parseValue(arg.value, `${p}.value`));
  });
  return {
    sql: optStr(o.sql, `${path}.sql`),
    sqlId: optInt32(o.sql_id, `${path}.sql_id`),
    args: (absent(o.args) ? [] : arr(o.args, `${path}.args`)).map((a, i) => parseValue(a, `${path}.args[${i}]`)),
    namedArgs,
    wantRows: optBool(o.want_rows, `${path}.want_rows`) ?? true,
  };
}

function notSupported(what: string, path: string): Error {
  return protocolError("NOT_SUPPORTED", `${path}: ${what} requires Hrana 3 (use the /v3 endpoints)`);
}

function parseCond(v: unknown, path: string, version: Version): BatchCond {
  const o = obj(v, path);
  switch (o.type) {
    case "ok":
    case "error":
      return { type: o.type, step: uint32(o.step, `${path}.step`) };
    case "not":
      return { type: "not", cond: parseCond(o.cond, `${path}.cond`, version) };
    case "and":
    case "or":
      return { type: o.type, conds: arr(o.conds, `${path}.conds`).map((c, i) => parseCond(c, `${path}.conds[${i}]`, version)) };
    case "is_autocommit":
      if (version < 3) throw notSupported("the is_autocommit condition", path);
      return { type: "is_autocommit" };
    default:
      throw bad(`${path}.type`, `one of "ok", "error", "not", "and", "or", "is_autocommit"`);
  }
}

export function parseBatch(v: unknown, path: string, version: Version): Batch {
  const o = obj(v, path);
  return {
    steps: arr(o.steps, `${path}.steps`).map((s, i) => {
      const p = `${path}.steps[${i}]`;
      const step = obj(s, p);
      return {
        condition: absent(step.condition) ? undefined : parseCond(step.condition, `${p}.condition`, version),
        stmt: parseStmt(step.stmt, `${p}.stmt`),
      };
    }),
  };
}

function parseRequest(v: unknown, path: string, version: Version): StreamRequest {
  const o = obj(v, path);
  switch (o.type) {
    case "close":
      return { type: "close" };
    case "execute":
      return { type: "execute", stmt: parseStmt(o.stmt, `${path}.stmt`) };
    case "batch":
      return { type: "batch", batch: parseBatch(o.batch, `${path}.batch`, version) };
    case "sequence":
    case "describe":
      return { type: o.type, sql: optStr(o.sql, `${path}.sql`), sqlId: optInt32(o.sql_id, `${path}.sql_id`) };
    case "store_sql":
      return { type: "store_sql", sqlId: int32(o.sql_id, `${path}.sql_id`), sql: str(o.sql, `${path}.sql`) };
    case "close_sql":
      return { type: "close_sql", sqlId: int32(o.sql_id, `${path}.sql_id`) };
    case "get_autocommit":
      if (version < 3) throw notSupported("the get_autocommit request", path);
      return { type: "get_autocommit" };
    default:
      throw bad(`${path}.type`, "a known stream request type");
  }
}

const parseBaton = (v: unknown): string | null => (absent(v) ? null : str(v, "baton"));

export function parsePipelineBody(v: unknown, version: Version): PipelineReqBody {
  const o = obj(v, "body");
  return {
    baton: parseBaton(o.baton),
    requests: arr(o.requests, "requests").map((r, i) => parseRequest(r, `requests[${i}]`, version)),
  };
}

export function parseCursorBody(v: unknown, version: Version): CursorReqBody {
  const o = obj(v, "body");
  return { baton: parseBaton(o.baton), batch: parseBatch(o.batch, "batch", version) };
}

// A small SQL scanner. The `libsql` JS binding does not expose
// sqlite3_bind_parameter_name(), sqlite3_stmt_readonly() or the prepare tail,
// yet Hrana needs all three (named-argument binding, describe, and rejecting
// multi-statement strings like sqld does), so we recover them from the text.
// It only has to agree with SQLite on token boundaries, not parse SQL.

export type TokenKind = "word" | "quoted" | "string" | "number" | "param" | "semi" | "lparen" | "rparen" | "other";

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

export interface StatementInfo {
  /** Text of the statement, without surrounding whitespace, comments or the trailing `;`. */
  sql: string;
  /** `paramNames[i]` is the SQLite name of parameter i+1 (`:a`, `?3`), null for a bare `?`. */
  paramNames: (string | null)[];
  isExplain: boolean;
  /** INSERT/REPLACE/UPDATE/DELETE, also behind a WITH clause; sqld reports changes() only for these. */
  isIud: boolean;
  isInsert: boolean;
  /** BEGIN/COMMIT/ROLLBACK/...: sqlite3_stmt_readonly() is true for these although they compile to writes. */
  isTxnControl: boolean;
}

const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";
const isDigit = (c: string): boolean => c >= "0" && c <= "9";
// SQLite treats every byte >= 0x80 as an identifier character.
const isIdStart = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c > "\x7f";
const isIdChar = (c: string): boolean => isIdStart(c) || isDigit(c) || c === "$";

function skipQuoted(sql: string, i: number, close: string, doubled: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql.charAt(j) === close) {
      if (doubled && sql.charAt(j + 1) === close) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return sql.length; // unterminated: SQLite will report the error itself
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: TokenKind, end: number): void => {
    tokens.push({ kind, text: sql.slice(i, end), start: i, end });
    i = end;
  };
  while (i < n) {
    const c = sql.charAt(i);
    const next = sql.charAt(i + 1) ?? "";
    if (isSpace(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === "'") {
      push("string", skipQuoted(sql, i, "'", true));
    } else if (c === '"' || c === "`") {
      push("quoted", skipQuoted(sql, i, c, true));
    } else if (c === "[") {
      push("quoted", skipQuoted(sql, i, "]", false));
    } else if (isDigit(c) || (c === "." && isDigit(next))) {
      let j = i;
      if (c === "0" && (next === "x" || next === "X")) j += 2;
      while (j < n) {
        const d = sql.charAt(j);
        const isExp = (d === "+" || d === "-") && (sql.charAt(j - 1) === "e" || sql.charAt(j - 1) === "E") && !/^0[xX]/.test(sql.slice(i, j));
        if (isIdChar(d) || d === "." || isExp) j++;
        else break;
      }
      push("number", j);
    } else if (c === "?") {
      let j = i + 1;
      while (j < n && isDigit(sql.charAt(j))) j++;
      push("param", j);
    } else if (c === ":" || c === "@" || c === "$") {
      // Same rules as SQLite's tokenizer, including the TCL-style `$a::b(x)` forms.
      let j = i + 1;
      while (j < n) {
        if (isIdChar(sql.charAt(j))) j++;
        else if (sql.charAt(j) === ":" && sql.charAt(j + 1) === ":" && j > i + 1) j += 2;
        else if (sql.charAt(j) === "(" && j > i + 1) {
          const close = sql.indexOf(")", j);
          j = close < 0 ? n : close + 1;
          break;
        } else break;
      }
      push(j > i + 1 ? "param" : "other", Math.max(j, i + 1));
    } else if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdChar(sql.charAt(j))) j++;
      push("word", j);
    } else if (c === ";") {
      push("semi", i + 1);
    } else if (c === "(") {
      push("lparen", i + 1);
    } else if (c === ")") {
      push("rparen", i + 1);
    } else {
      push("other", i + 1);
    }
  }
  return tokens;
}

const kw = (t: Token | undefined, ...words: string[]): boolean => t !== undefined && t.kind === "word" && words.includes(t.text.toUpperCase());

/** Splits on top-level `;`. CREATE TRIGGER bodies contain `;`, so they end only after their END. */
export function splitStatements(sql: string): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let trigger = false;
  let seenBegin = false;
  let caseDepth = 0;
  let triggerEnded = false;
  for (const t of tokenize(sql)) {
    if (t.kind === "semi" && (!trigger || triggerEnded)) {
      if (cur.length > 0) out.push(cur);
      cur = [];
      trigger = seenBegin = triggerEnded = false;
      caseDepth = 0;
      continue;
    }
    cur.push(t);
    if (cur.length <= 3 && kw(cur[0], "CREATE") && kw(t, "TRIGGER")) trigger = true;
    if (!trigger) continue;
    if (kw(t, "CASE")) caseDepth++;
    else if (kw(t, "BEGIN")) seenBegin = true;
    else if (kw(t, "END")) {
      if (caseDepth > 0) caseDepth--;
      else if (seenBegin) triggerEnded = true;
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Mirrors sqlite3ExprAssignVarNumber(): how SQLite numbers `?`, `?NNN` and named parameters. */
function paramNames(tokens: Token[]): (string | null)[] {
  const names: (string | null)[] = [];
  const byName = new Map<string, number>();
  let count = 0;
  for (const t of tokens) {
    if (t.kind !== "param") continue;
    if (t.text === "?") {
      count++;
    } else if (t.text[0] === "?") {
      const index = Number(t.text.slice(1));
      if (!Number.isSafeInteger(index) || index < 1) continue; // SQLite rejects the statement
      count = Math.max(count, index);
      if (names[index - 1] == null) names[index - 1] = t.text;
    } else if (!byName.has(t.text)) {
      count++;
      byName.set(t.text, count);
      names[count - 1] = t.text;
    }
  }
  return Array.from({ length: count }, (_, i) => names[i] ?? null);
}

const DML = ["SELECT", "INSERT", "REPLACE", "UPDATE", "DELETE", "VALUES"];

/** The verb that decides what a statement does; for WITH, the first one outside the CTE parentheses. */
function mainVerb(tokens: Token[]): string {
  let i = 0;
  while (kw(tokens[i], "EXPLAIN", "QUERY", "PLAN")) i++;
  const first = tokens[i];
  if (first === undefined || first.kind !== "word") return "";
  const verb = first.text.toUpperCase();
  if (verb !== "WITH") return verb;
  let depth = 0;
  for (const t of tokens.slice(i + 1)) {
    if (t.kind === "lparen") depth++;
    else if (t.kind === "rparen") depth--;
    else if (depth === 0 && kw(t, ...DML)) return t.text.toUpperCase();
  }
  return verb;
}

function describeTokens(sql: string, tokens: Token[]): StatementInfo {
  const isExplain = kw(tokens[0], "EXPLAIN");
  const verb = mainVerb(tokens);
  const isInsert = !isExplain && (verb === "INSERT" || verb === "REPLACE");
  return {
    sql: sql.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end),
    paramNames: paramNames(tokens),
    isExplain,
    isInsert,
    isIud: isInsert || (!isExplain && (verb === "UPDATE" || verb === "DELETE")),
    isTxnControl: ["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"].includes(verb),
  };
}

// Apps send the same few SQL strings over and over; scanning them once is enough.
const cache = new Map<string, StatementInfo[]>();
const CACHE_LIMIT = 1000;

/** All statements in `sql`, in order. Results are shared: do not mutate them. */
export function analyze(sql: string): StatementInfo[] {
  const hit = cache.get(sql);
  if (hit !== undefined) return hit;
  const infos = splitStatements(sql).map((tokens) => describeTokens(sql, tokens));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(sql, infos);
  return infos;
}

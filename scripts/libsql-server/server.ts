// A local libSQL server speaking Hrana over HTTP (HRANA_3_SPEC.md, HTTP_V2_SPEC.md) on top of
// the `libsql` engine, so the Worker's @libsql/client/web talks to it exactly as it talks to
// Turso. JSON encoding only: the client probes /v3-protobuf, gets 404, and falls back to v2 JSON.

import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { openAnchor } from "./conn.ts";
import { HttpError, StmtError, toStmtError } from "./errors.ts";
import { executeBatch, executeRequest } from "./exec.ts";
import { parseCursorBody, parsePipelineBody, type StreamResultJson, type Version } from "./proto.ts";
import { StreamTable } from "./streams.ts";

export type LibsqlServer = {
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): { pipelineRequests: number };
  resetStats(): void;
};

/** Requests with a longer body are refused with 413 (10 MB unless told otherwise). */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export type LibsqlServerOptions = {
  dbPath: string;
  port?: number;
  host?: string;
  /** When set (or LIBSQL_AUTH_TOKEN), every Hrana request must carry `Authorization: Bearer <token>`. */
  authToken?: string;
  /** Bodies above this many bytes answer 413 (or LIBSQL_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
};

/** The body as text, counted while it arrives: past `limit` it stops keeping bytes and fails with 413. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(new HttpError(413, "BODY_TOO_LARGE", `request body above ${limit} bytes`));
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (!refused) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest();

/** Constant-time comparison of the Authorization header with the expected bearer token. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  return timingSafeEqual(sha256(header ?? ""), expected);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, "INVALID_JSON", `request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export async function startLibsqlServer(opts: LibsqlServerOptions): Promise<LibsqlServer> {
  // Held open for the server's life: it keeps WAL mode and the WAL file in place.
  const anchor = openAnchor(opts.dbPath);
  const streams = new StreamTable(opts.dbPath);
  const authToken = opts.authToken ?? (process.env.LIBSQL_AUTH_TOKEN || undefined);
  const expectedAuthorization = authToken ? sha256(`Bearer ${authToken}`) : undefined;
  const maxBodyBytes = opts.maxBodyBytes ?? (Number(process.env.LIBSQL_MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES);
  let pipelineRequests = 0;

  async function pipeline(req: IncomingMessage, res: ServerResponse, version: Version) {
    const body = parsePipelineBody(parseJson(await readBody(req, maxBodyBytes)), version);
    const stream = streams.open(body.baton);
    await streams.acquire(stream);
    const results: StreamResultJson[] = [];
    let closeRequested = false;
    try {
      for (const request of body.requests) {
        try {
          results.push({ type: "ok", response: executeRequest(stream, request) });
        } catch (e) {
          if (e instanceof HttpError) throw e;
          const error = e instanceof StmtError ? e : toStmtError(e);
          results.push({ type: "error", error: { message: error.message, code: error.code } });
        }
        if (request.type === "close") closeRequested = true;
      }
    } catch (e) {
      streams.close(stream);
      throw e;
    }
    const baton = streams.release(stream, !closeRequested);
    send(res, 200, { baton, base_url: null, results });
  }

  async function cursor(req: IncomingMessage, res: ServerResponse, version: Version) {
    const body = parseCursorBody(parseJson(await readBody(req, maxBodyBytes)), version);
    const stream = streams.open(body.baton);
    await streams.acquire(stream);
    let lines: unknown[];
    try {
      const result = executeBatch(stream, body.batch);
      lines = [];
      result.step_results.forEach((step, i) => {
        const error = result.step_errors[i];
        if (error) lines.push({ type: "step_error", step: i, error });
        else if (step) {
          lines.push({ type: "step_begin", step: i, cols: step.cols });
          for (const row of step.rows) lines.push({ type: "row", row });
          lines.push({ type: "step_end", affected_row_count: step.affected_row_count, last_insert_rowid: step.last_insert_rowid });
        }
      });
    } catch (e) {
      streams.close(stream);
      throw e;
    }
    const baton = streams.release(stream, true);
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end(`${[{ baton, base_url: null }, ...lines].map((line) => JSON.stringify(line)).join("\n")}\n`);
  }

  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      // Development only, on loopback: a web page the developer visits must not reach it. Browsers
      // send Origin on every POST (and Sec-Fetch-Site where they can); Hrana clients send neither.
      if (req.headers.origin !== undefined || req.headers["sec-fetch-site"] !== undefined) throw new HttpError(403, "FORBIDDEN", "requests from a web page are refused");
      if (req.method === "GET" && (path === "/health" || path === "/v2" || path === "/v3")) return send(res, 200, { ok: true });
      // Counters only (the bench's and the tests' round trips): no data, no token.
      if (path === "/_stats") {
        if (req.method === "POST") pipelineRequests = 0;
        return send(res, 200, { pipelineRequests });
      }
      if (path === "/_stats/reset" && req.method === "POST") {
        pipelineRequests = 0;
        return send(res, 200, { pipelineRequests });
      }
      if (expectedAuthorization && !bearerMatches(req.headers.authorization, expectedAuthorization)) throw new HttpError(401, "UNAUTHORIZED", "missing or wrong bearer token");
      const declared = Number(req.headers["content-length"] ?? 0);
      if (declared > maxBodyBytes) throw new HttpError(413, "BODY_TOO_LARGE", `request body above ${maxBodyBytes} bytes`);
      if (req.method === "POST" && (path === "/v2/pipeline" || path === "/v3/pipeline")) {
        pipelineRequests++;
        return await pipeline(req, res, path.startsWith("/v3") ? 3 : 2);
      }
      if (req.method === "POST" && path === "/v3/cursor") {
        pipelineRequests++;
        return await cursor(req, res, 3);
      }
      throw new HttpError(404, "NOT_FOUND", `no such endpoint: ${req.method} ${path}`);
    } catch (e) {
      const error = e instanceof HttpError ? e : new HttpError(500, "INTERNAL_ERROR", e instanceof Error ? e.message : String(e));
      // A refused request whose body was not read: answer, close the connection, and drop what
      // still arrives instead of keeping it (a client that goes on sending is cut off after 5 s).
      const unread = !req.complete;
      if (!res.headersSent) send(res, error.status, { message: error.message, code: error.code }, unread ? { Connection: "close" } : {});
      else res.end();
      if (unread) {
        req.resume();
        setTimeout(() => req.socket.destroy(), 5000).unref();
      }
    }
  });

  // Clients (workerd above all) keep connections alive and reuse them without warning; a server
  // that closes an idle one races with that reuse and the client sees "Network connection lost".
  server.keepAliveTimeout = 0;
  server.headersTimeout = 0;
  server.requestTimeout = 0;

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    stats: () => ({ pipelineRequests }),
    resetStats: () => {
      pipelineRequests = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.closeAllConnections();
        server.close(() => {
          anchor.close();
          resolve();
        });
      }),
  };
}

// A local libSQL server speaking Hrana over HTTP (HRANA_3_SPEC.md, HTTP_V2_SPEC.md) on top of
// the `libsql` engine, so the Worker's @libsql/client/web talks to it exactly as it talks to
// Turso. JSON encoding only: the client probes /v3-protobuf, gets 404, and falls back to v2 JSON.

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

const MAX_BODY = 32 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, "BODY_TOO_LARGE", "request body too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, "INVALID_JSON", `request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export async function startLibsqlServer(opts: { dbPath: string; port?: number; host?: string; authToken?: string }): Promise<LibsqlServer> {
  // Held open for the server's life: it keeps WAL mode and the WAL file in place.
  const anchor = openAnchor(opts.dbPath);
  const streams = new StreamTable(opts.dbPath);
  const authToken = opts.authToken ?? process.env.LIBSQL_AUTH_TOKEN;
  let pipelineRequests = 0;

  async function pipeline(req: IncomingMessage, res: ServerResponse, version: Version) {
    const body = parsePipelineBody(parseJson(await readBody(req)), version);
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
    const body = parseCursorBody(parseJson(await readBody(req)), version);
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
    res.end([{ baton, base_url: null }, ...lines].map((line) => JSON.stringify(line)).join("\n") + "\n");
  }

  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (req.method === "GET" && (path === "/health" || path === "/v2" || path === "/v3")) return send(res, 200, { ok: true });
      if (path === "/_stats") {
        if (req.method === "POST") pipelineRequests = 0;
        return send(res, 200, { pipelineRequests });
      }
      if (path === "/_stats/reset" && req.method === "POST") {
        pipelineRequests = 0;
        return send(res, 200, { pipelineRequests });
      }
      if (authToken && req.headers.authorization !== `Bearer ${authToken}`) throw new HttpError(401, "UNAUTHORIZED", "missing or wrong bearer token");
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
      if (!res.headersSent) send(res, error.status, { message: error.message, code: error.code });
      else res.end();
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

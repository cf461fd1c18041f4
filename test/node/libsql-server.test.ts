import { createClient as createNodeClient } from "@libsql/client";
import { createClient, type Client } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { eq } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLibsqlServer, type LibsqlServer } from "../../scripts/libsql-server/server.ts";

let server: LibsqlServer;
let client: Client;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "libsql-server-test-"));
  server = await startLibsqlServer({ dbPath: join(dir, "test.db"), port: 0 });
  client = createClient({ url: server.url });
  await client.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER, price REAL, data BLOB)");
});

afterAll(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const names = async () => (await client.execute("SELECT name FROM items ORDER BY id")).rows.map((r) => r.name);

describe("local libSQL server (Hrana over HTTP)", () => {
  it("executes with positional and named arguments and round-trips every value type", async () => {
    const insert = await client.execute({ sql: "INSERT INTO items (name, qty, price, data) VALUES (?, ?, ?, ?)", args: ["bolt", 9007199254740991n, 2.5, new Uint8Array([0, 255, 7])] });
    expect(insert.rowsAffected).toBe(1);
    expect(insert.lastInsertRowid).toBe(1n);
    const named = await client.execute({ sql: "INSERT INTO items (name, qty, price) VALUES (:name, @qty, $price)", args: { name: "nut", qty: -3, price: null } });
    expect(named.rowsAffected).toBe(1);
    const bigClient = createClient({ url: server.url, intMode: "bigint" });
    const rows = (await bigClient.execute("SELECT name, qty, price, data FROM items ORDER BY id")).rows;
    bigClient.close();
    expect(rows[0]!.name).toBe("bolt");
    expect(rows[0]!.qty).toBe(9007199254740991n);
    expect(rows[0]!.price).toBe(2.5);
    expect([...new Uint8Array(rows[0]!.data as ArrayBuffer)]).toEqual([0, 255, 7]);
    expect(rows[1]).toMatchObject({ name: "nut", qty: -3n, price: null, data: null });
    const cols = await client.execute("SELECT id, name FROM items LIMIT 1");
    expect(cols.columns).toEqual(["id", "name"]);
    expect(cols.columnTypes).toEqual(["INTEGER", "TEXT"]);
  });

  it("commits a batch, and rolls back a batch with a failing statement", async () => {
    await client.batch(
      [
        { sql: "INSERT INTO items (name) VALUES (?)", args: ["washer"] },
        { sql: "INSERT INTO items (name) VALUES (?)", args: ["screw"] },
      ],
      "write",
    );
    expect(await names()).toEqual(["bolt", "nut", "washer", "screw"]);
    await expect(
      client.batch(
        [
          { sql: "INSERT INTO items (name) VALUES (?)", args: ["rivet"] },
          { sql: "INSERT INTO items (name) VALUES (?)", args: ["bolt"] },
        ],
        "write",
      ),
    ).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT" });
    expect(await names()).not.toContain("rivet");
  });

  it("interactive transactions commit and roll back across requests (batons)", async () => {
    const rolled = await client.transaction("write");
    await rolled.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["ghost"] });
    expect((await rolled.execute("SELECT count(*) AS n FROM items WHERE name = 'ghost'")).rows[0]!.n).toBe(1);
    await rolled.rollback();
    expect(await names()).not.toContain("ghost");

    const committed = await client.transaction("write");
    await committed.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["kept"] });
    await committed.commit();
    expect(await names()).toContain("kept");
  });

  it("serves two concurrent streams: a writer waits for the open transaction, a reader is not blocked", async () => {
    const first = await client.transaction("write");
    await first.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["first"] });
    const second = client.execute({ sql: "INSERT INTO items (name) VALUES (?)", args: ["second"] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.commit();
    await second;
    const all = await names();
    expect(all.indexOf("first")).toBeLessThan(all.indexOf("second"));
  });

  it("refuses an unknown baton with a 4xx and keeps running", async () => {
    const response = await fetch(`${server.url}/v2/pipeline`, { method: "POST", body: JSON.stringify({ baton: "made-up", requests: [{ type: "close" }] }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("STREAM_EXPIRED");
    expect((await client.execute("SELECT 1 AS one")).rows[0]!.one).toBe(1);
  });

  it("answers malformed JSON and a wrong shape with 400, and keeps running", async () => {
    const broken = await fetch(`${server.url}/v3/pipeline`, { method: "POST", body: "{not json" });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { code: string }).code).toBe("INVALID_JSON");
    const shape = await fetch(`${server.url}/v2/pipeline`, { method: "POST", body: JSON.stringify({ baton: null, requests: [{ type: "execute", stmt: { sql: 5 } }] }) });
    expect(shape.status).toBe(400);
    expect((await client.execute("SELECT 2 AS two")).rows[0]!.two).toBe(2);
  });

  it("evaluates batch conditions on the v3 pipeline", async () => {
    const response = await fetch(`${server.url}/v3/pipeline`, {
      method: "POST",
      body: JSON.stringify({
        baton: null,
        requests: [
          {
            type: "batch",
            batch: {
              steps: [
                { stmt: { sql: "SELECT nope FROM nowhere" } },
                { condition: { type: "error", step: 0 }, stmt: { sql: "SELECT 'ran' AS r" } },
                { condition: { type: "ok", step: 0 }, stmt: { sql: "SELECT 'skipped' AS r" } },
                { condition: { type: "and", conds: [{ type: "is_autocommit" }, { type: "not", cond: { type: "ok", step: 2 } }] }, stmt: { sql: "SELECT 1" } },
              ],
            },
          },
          { type: "get_autocommit" },
          { type: "close" },
        ],
      }),
    });
    const body = (await response.json()) as { baton: string | null; results: { type: string; response: { result?: { step_results: unknown[]; step_errors: unknown[] }; is_autocommit?: boolean } }[] };
    expect(body.baton).toBeNull();
    const batch = body.results[0]!.response.result!;
    expect(batch.step_errors[0]).toMatchObject({ code: "SQLITE_ERROR" });
    expect(batch.step_results[1]).not.toBeNull();
    expect(batch.step_results[2]).toBeNull();
    expect(batch.step_results[3]).not.toBeNull();
    expect(body.results[1]!.response.is_autocommit).toBe(true);
  });

  it("counts pipeline requests (the bench's round trips)", async () => {
    server.resetStats();
    await client.execute("SELECT 1");
    await client.batch(["SELECT 1", "SELECT 2"], "read");
    expect(server.stats().pipelineRequests).toBe(2);
    const overHttp = (await (await fetch(`${server.url}/_stats`)).json()) as { pipelineRequests: number };
    expect(overHttp.pipelineRequests).toBe(2);
  });

  it("works for the Node client and for Drizzle on the web client", async () => {
    const node = createNodeClient({ url: server.url });
    expect((await node.execute("SELECT count(*) AS n FROM items")).rows[0]!.n).toBeGreaterThan(3);
    node.close();
    const notes = sqliteTable("notes", { id: integer("id").primaryKey(), body: text("body").notNull() });
    await client.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    const db = drizzle(client);
    await db.batch([db.insert(notes).values({ body: "one" }), db.insert(notes).values({ body: "two" })]);
    expect(await db.select().from(notes).where(eq(notes.body, "two"))).toEqual([{ id: 2, body: "two" }]);
  });
});

describe("local libSQL server: token, browsers, body limit", () => {
  const token = "t0ken-for-this-test";
  const limit = 64 * 1024;
  let guarded: LibsqlServer;
  let guardedDir: string;
  const select = JSON.stringify({ baton: null, requests: [{ type: "execute", stmt: { sql: "SELECT 1 AS one" } }, { type: "close" }] });
  const pipeline = (headers: Record<string, string>, body: BodyInit = select) => fetch(`${guarded.url}/v2/pipeline`, { method: "POST", headers, body });

  beforeAll(async () => {
    guardedDir = mkdtempSync(join(tmpdir(), "libsql-server-guarded-"));
    guarded = await startLibsqlServer({ dbPath: join(guardedDir, "test.db"), port: 0, authToken: token, maxBodyBytes: limit });
  });

  afterAll(async () => {
    await guarded.close();
    rmSync(guardedDir, { recursive: true, force: true });
  });

  it("asks for the bearer token: none or a wrong one is 401, the right one is 200", async () => {
    const none = await pipeline({});
    expect(none.status).toBe(401);
    expect(((await none.json()) as { code: string }).code).toBe("UNAUTHORIZED");
    expect((await pipeline({ Authorization: "Bearer not-the-token" })).status).toBe(401);
    expect((await pipeline({ Authorization: token })).status).toBe(401);
    expect((await pipeline({ Authorization: `Bearer ${token}x` })).status).toBe(401);
    const right = await pipeline({ Authorization: `Bearer ${token}` });
    expect(right.status).toBe(200);
    expect(((await right.json()) as { results: { type: string }[] }).results[0]!.type).toBe("ok");
    // The web client (as in the Worker) with the token works; without it, it fails.
    const withToken = createClient({ url: guarded.url, authToken: token });
    expect((await withToken.execute("SELECT 3 AS three")).rows[0]!.three).toBe(3);
    withToken.close();
    const withoutToken = createClient({ url: guarded.url });
    await expect(withoutToken.execute("SELECT 3")).rejects.toThrow();
    withoutToken.close();
  });

  it("refuses a request from a web page (Origin, Sec-Fetch-Site) with 403, even with the token", async () => {
    const fromPage = await pipeline({ Authorization: `Bearer ${token}`, Origin: "https://evil.example" });
    expect(fromPage.status).toBe(403);
    expect((await pipeline({ Origin: "http://localhost:8787" })).status).toBe(403);
    expect((await pipeline({ "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await fetch(`${guarded.url}/_stats`, { method: "POST", headers: { Origin: "https://evil.example" } })).status).toBe(403);
    expect((await pipeline({ Authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it("answers 413 to a body above the limit, declared or streamed, and keeps serving", async () => {
    const declared = await pipeline({ Authorization: `Bearer ${token}` }, "x".repeat(limit + 1));
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { code: string }).code).toBe("BODY_TOO_LARGE");
    // A chunked body that never ends: the server must stop reading at the limit and answer.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(32));
      },
    });
    const streamed = await fetch(`${guarded.url}/v2/pipeline`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: endless, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    await streamed.arrayBuffer();
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    // A body just under the limit is still read (it is valid JSON with padding).
    const padded = JSON.stringify({ baton: null, requests: [{ type: "execute", stmt: { sql: `SELECT 1 /* ${"p".repeat(limit - 200)} */` } }, { type: "close" }] });
    expect((await pipeline({ Authorization: `Bearer ${token}` }, padded)).status).toBe(200);
    expect((await pipeline({ Authorization: `Bearer ${token}` })).status).toBe(200);
  });
});

describe("the libSQL server of the local stack (scripts/stack.ts)", () => {
  it("runs in its own process and asks for a token made for this run", async () => {
    const { startLibsqlProcess } = await import("../../scripts/stack.ts");
    const stackDir = mkdtempSync(join(tmpdir(), "libsql-server-stack-"));
    const db = await startLibsqlProcess(join(stackDir, "stack.db"), { quiet: true });
    try {
      expect(db.process.pid).not.toBe(process.pid);
      expect(db.token).toMatch(/^[0-9a-f]{64}$/);
      const select = JSON.stringify({ baton: null, requests: [{ type: "execute", stmt: { sql: "SELECT 1" } }, { type: "close" }] });
      expect((await fetch(`${db.url}/v2/pipeline`, { method: "POST", body: select })).status).toBe(401);
      expect((await fetch(`${db.url}/v2/pipeline`, { method: "POST", body: select, headers: { Authorization: `Bearer ${db.token}` } })).status).toBe(200);
      const web = createClient({ url: db.url, authToken: db.token });
      await web.execute("SELECT 1");
      web.close();
      expect((await db.stats()).pipelineRequests).toBe(2);
    } finally {
      await db.close();
      rmSync(stackDir, { recursive: true, force: true });
    }
  });
});

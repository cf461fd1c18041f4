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
    await client.batch([{ sql: "INSERT INTO items (name) VALUES (?)", args: ["washer"] }, { sql: "INSERT INTO items (name) VALUES (?)", args: ["screw"] }], "write");
    expect(await names()).toEqual(["bolt", "nut", "washer", "screw"]);
    await expect(
      client.batch([{ sql: "INSERT INTO items (name) VALUES (?)", args: ["rivet"] }, { sql: "INSERT INTO items (name) VALUES (?)", args: ["bolt"] }], "write"),
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

import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema/index.ts";

export type Db = ReturnType<typeof build>;

function build(url: string, authToken?: string) {
  return drizzle(createClient({ url, authToken }), { schema });
}

// One client per isolate: a new client would first probe the server's protocol version, a
// round trip on every request. The client keeps no connection, only that answer.
const clients = new Map<string, Db>();

/** The Worker reaches libSQL over HTTP (Hrana): Turso in production, scripts/libsql-server locally. */
export function createDb(url: string, authToken?: string): Db {
  const key = `${url}\n${authToken ?? ""}`;
  let db = clients.get(key);
  if (!db) {
    db = build(url, authToken);
    clients.set(key, db);
  }
  return db;
}

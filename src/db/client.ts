import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema/index.ts";

export type Db = ReturnType<typeof createDb>;

/** The Worker reaches libSQL over HTTP (Hrana): Turso in production, scripts/libsql-server locally. */
export function createDb(url: string, authToken?: string) {
  const client = createClient({ url, authToken });
  return drizzle(client, { schema });
}

// Applies the drizzle-kit migrations in migrations/ (forward only). Locally: the .data/ file;
// against Turso: `TURSO_DATABASE_URL=libsql://… TURSO_AUTH_TOKEN=… npm run db:migrate`.
import { createClient } from "@libsql/client/node";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "../migrations");

export async function migrateDatabase(url: string, authToken?: string): Promise<void> {
  const client = createClient({ url, authToken });
  try {
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.TURSO_DATABASE_URL ?? "file:.data/loket.db";
  await migrateDatabase(url, process.env.TURSO_AUTH_TOKEN);
  console.log(`migrated ${url.replace(/\/\/.*@/, "//")}`);
}

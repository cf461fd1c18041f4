// Before the workerd tests: a fresh libSQL file, migrated and seeded, behind a local Hrana server
// on a free port, asking for a bearer token made for this run. The Worker under test reaches it
// through TURSO_DATABASE_URL and TURSO_AUTH_TOKEN, as in production.
import { createClient } from "@libsql/client/node";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startLibsqlServer } from "../../scripts/libsql-server/server.ts";
import { migrateDatabase } from "../../scripts/migrate.ts";
import { seedDemo, seedTestAccounts } from "../../scripts/seed.ts";

export const TEST_ACCOUNTS = 160;

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "loket-test-"));
  const dbPath = join(dir, "loket.db");
  await migrateDatabase(`file:${dbPath}`);
  const client = createClient({ url: `file:${dbPath}` });
  await seedDemo(client);
  await seedTestAccounts(client, TEST_ACCOUNTS);
  client.close();
  const token = randomBytes(32).toString("hex");
  const server = await startLibsqlServer({ dbPath, port: 0, authToken: token });
  project.provide("dbUrl", server.url);
  project.provide("dbToken", token);
  return async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

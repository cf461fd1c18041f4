// The whole local stack: a migrated, seeded libSQL file, the Hrana server in front of it, and
// `wrangler dev` running the Worker against it. Used by `npm run dev`, the browser tests and the bench.
import { createClient } from "@libsql/client/node";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startLibsqlServer } from "./libsql-server/server.ts";
import { migrateDatabase } from "./migrate.ts";
import { seedAccessScale } from "./seed-access.ts";
import { seedDocumentsScale } from "./seed-documents.ts";
import { seedDemo, seedScale } from "./seed.ts";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export type StackOptions = {
  dataDir: string;
  port: number;
  dbPort?: number;
  scale?: boolean;
  /** Extra seeding after the demo data (tests add their own accounts). */
  seed?: (client: ReturnType<typeof createClient>) => Promise<void>;
  quiet?: boolean;
  wranglerArgs?: string[];
};

export async function prepareDatabase(dbPath: string, options: Pick<StackOptions, "scale" | "seed"> = {}) {
  await migrateDatabase(`file:${dbPath}`);
  const client = createClient({ url: `file:${dbPath}` });
  try {
    if (await seedDemo(client)) {
      if (options.scale) {
        await seedScale(client);
        await seedAccessScale(client);
        await seedDocumentsScale(client);
      }
      if (options.seed) await options.seed(client);
      return true;
    }
    return false;
  } finally {
    client.close();
  }
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function startStack(options: StackOptions) {
  mkdirSync(options.dataDir, { recursive: true });
  const dbPath = join(options.dataDir, "loket.db");
  const seeded = await prepareDatabase(dbPath, options);
  const db = await startLibsqlServer({ dbPath, port: options.dbPort ?? 0 });
  const wrangler = spawn(
    join(root, "node_modules/.bin/wrangler"),
    [
      "dev",
      "--port", String(options.port),
      "--ip", "127.0.0.1",
      "--persist-to", join(options.dataDir, "wrangler"),
      "--var", "ENVIRONMENT:development",
      "--var", `TURSO_DATABASE_URL:${db.url}`,
      "--show-interactive-dev-session=false",
      ...(options.wranglerArgs ?? []),
    ],
    { cwd: root, stdio: options.quiet ? "ignore" : "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } },
  );
  const url = `http://localhost:${options.port}`;
  await waitForHttp(`${url}/health`, wrangler);
  let stopped = false;
  return {
    url,
    db,
    seeded,
    wrangler,
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = new Promise((resolve) => wrangler.once("exit", resolve));
      wrangler.kill("SIGINT");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (wrangler.exitCode === null) wrangler.kill("SIGKILL");
      await db.close();
    },
  };
}

// The whole local stack: a migrated, seeded libSQL file, the Hrana server in front of it, and
// `wrangler dev` running the Worker against it. Used by `npm run dev`, the browser tests and the bench.
// The local OpenID providers (itsme and eID, scripts/oidc-provider/) start first; the Worker gets
// their OIDC_* vars, so "itsme" and "eID card" work on the login page.
// The libSQL server runs in its own Node process and asks for a bearer token made fresh for each
// run, which only the Worker (TURSO_AUTH_TOKEN) and this process know.
import { createClient } from "@libsql/client/node";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase } from "./migrate.ts";
import { startOidcProviders } from "./oidc-provider/server.ts";
import { seedAllScale, seedDemo } from "./seed.ts";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export type StackOptions = {
  dataDir: string;
  port: number;
  dbPort?: number;
  /** The local OpenID providers' port (0: a free one). */
  oidcPort?: number;
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
        await seedAllScale(client);
      }
      if (options.seed) await options.seed(client);
      return true;
    }
    return false;
  } finally {
    client.close();
  }
}

export type LibsqlProcess = {
  url: string;
  port: number;
  /** The bearer token the server asks for. */
  token: string;
  process: ChildProcess;
  /** Hrana pipeline requests since the last reset (GET /_stats). */
  stats(): Promise<{ pipelineRequests: number }>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
};

/** Starts scripts/libsql-server/cli.ts in a child process with a fresh random token. */
export async function startLibsqlProcess(dbPath: string, options: { port?: number; quiet?: boolean } = {}): Promise<LibsqlProcess> {
  const token = randomBytes(32).toString("hex");
  const child = spawn(process.execPath, [join(root, "scripts/libsql-server/cli.ts"), "--db", dbPath, "--port", String(options.port ?? 0)], {
    cwd: root,
    stdio: ["ignore", options.quiet ? "ignore" : "inherit", "inherit", "ipc"],
    env: { ...process.env, LIBSQL_AUTH_TOKEN: token },
  });
  const ready = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    child.once("message", (message) => resolve(message as { url: string; port: number }));
    child.once("exit", (code) => reject(new Error(`the libSQL server exited with ${code}`)));
    child.once("error", reject);
  });
  const url = ready.url;
  return {
    url,
    port: ready.port,
    token,
    process: child,
    stats: async () => (await (await fetch(`${url}/_stats`)).json()) as { pipelineRequests: number },
    resetStats: async () => void (await (await fetch(`${url}/_stats/reset`, { method: "POST" })).arrayBuffer()),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
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
  const db = await startLibsqlProcess(dbPath, { port: options.dbPort ?? 0, quiet: options.quiet });
  const oidc = await startOidcProviders({ port: options.oidcPort ?? 0, redirectUris: [`http://localhost:${options.port}/oidc/callback`], quiet: options.quiet }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  // `--var KEY:VALUE` splits at the first colon only: the JSON private key and the URLs arrive whole.
  const oidcVars = Object.entries(oidc.vars()).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
  const wrangler = spawn(
    join(root, "node_modules/.bin/wrangler"),
    [
      "dev",
      "--port",
      String(options.port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      join(options.dataDir, "wrangler"),
      "--var",
      "ENVIRONMENT:development",
      "--var",
      `TURSO_DATABASE_URL:${db.url}`,
      "--var",
      `TURSO_AUTH_TOKEN:${db.token}`,
      "--var",
      `PUBLIC_ORIGIN:http://localhost:${options.port}`,
      ...oidcVars,
      "--show-interactive-dev-session=false",
      ...(options.wranglerArgs ?? []),
    ],
    { cwd: root, stdio: options.quiet ? "ignore" : "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } },
  );
  const url = `http://localhost:${options.port}`;
  try {
    await waitForHttp(`${url}/health`, wrangler);
  } catch (error) {
    wrangler.kill("SIGKILL");
    await db.close();
    await oidc.close();
    throw error;
  }
  let stopped = false;
  return {
    url,
    db,
    oidc,
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
      await oidc.close();
    },
  };
}

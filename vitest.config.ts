import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // The real Worker in workerd, with Miniflare's KV and the local libSQL server.
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: "./src/worker.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                ENVIRONMENT: "development",
                PUBLIC_ORIGIN: "https://loket.test",
                TURSO_DATABASE_URL: inject<string>("dbUrl"),
                TURSO_AUTH_TOKEN: inject<string>("dbToken"),
                ...inject<Record<string, string>>("oidcVars"),
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/integration/**/*.test.{ts,tsx}", "test/unit/**/*.test.{ts,tsx}"],
          globalSetup: ["./test/setup/database.ts", "./test/setup/frozen-database.ts", "./test/setup/oidc-provider.ts"],
          // One database for the run; files that change shared rows (terms) must not overlap.
          fileParallelism: false,
          // Off: a module served from Vitest's file cache arrives in workerd as one WebSocket message,
          // and the xlsx writer's (megabytes) is over workerd's limit (1009 "Message is too large").
          fsModuleCache: false,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "node",
          include: ["test/node/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
    ],
  },
});

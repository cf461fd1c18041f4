import { defineConfig } from "vitest/config";

// Browser tests: Debian's Chromium driven by playwright-core against `wrangler dev` + the local
// libSQL server, started fresh by the global setup.
export default defineConfig({
  test: {
    name: "e2e",
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./test/e2e/stack.setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

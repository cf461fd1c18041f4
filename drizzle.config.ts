import { defineConfig } from "drizzle-kit";

// Migrations are generated here and applied by scripts/migrate.ts (locally) or `npm run db:migrate`
// against Turso (TURSO_DATABASE_URL / TURSO_AUTH_TOKEN from the environment).
export default defineConfig({
  dialect: "turso",
  schema: "./src/db/schema/index.ts",
  out: "./migrations",
  dbCredentials: {
    url: process.env.TURSO_DATABASE_URL ?? "file:.data/loket.db",
    authToken: process.env.TURSO_AUTH_TOKEN,
  },
});

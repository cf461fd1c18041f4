import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { listedDocuments } from "../../src/features/billing/service.ts";
import type { Env } from "../../src/lib/env.ts";
import type { Principal } from "../../src/lib/principal.ts";
import { sql } from "./sql.ts";

/**
 * Balance lists the newest documents per billing account through documents_account_date_idx, so
 * a head office with 70,000 documents reads a few hundred index entries, not every document
 * sorted (issue #7: 12 ms and 13 ms of the database's CPU per request before).
 */
describe("the Balance list's query plan", () => {
  it("walks documents_account_date_idx per billing account instead of sorting the account's documents", async () => {
    const workerEnv = env as unknown as Env;
    const db = createDb(workerEnv.TURSO_DATABASE_URL, workerEnv.TURSO_AUTH_TOKEN);
    const [office] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = '439561'");
    const principal = { customerId: office!.id } as Principal;
    const query = listedDocuments(db, principal, "2024-01-01").toSQL();
    const plan = await sql<{ detail: string }>(`EXPLAIN QUERY PLAN ${query.sql}`, query.params as (string | number)[]);
    const details = plan.map((row) => row.detail);
    expect(
      details.some((d) => d.includes("documents_account_date_idx")),
      details.join("\n"),
    ).toBe(true);
    expect(
      details.some((d) => d.includes("USING INDEX documents_reference")),
      details.join("\n"),
    ).toBe(false);
  });
});

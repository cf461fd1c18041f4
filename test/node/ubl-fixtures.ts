// A seeded database in a temp folder and the UBL of its invoices and credit notes, generated in
// Node by the Worker's own ublForDocument (the libSQL file client speaks the same Drizzle API).
import { createClient } from "@libsql/client/node";
import { drizzle } from "drizzle-orm/libsql/node";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase } from "../../scripts/migrate.ts";
import { seedDemo } from "../../scripts/seed.ts";
import type { Db } from "../../src/db/client.ts";
import * as schema from "../../src/db/schema/index.ts";
import type { Seller } from "../../src/features/documents/ubl.ts";

/** The [vars] of wrangler.toml, as the Worker reads them (sellerFromEnv). */
export const SELLER: Seller = {
  name: "Loket Demo",
  enterpriseNumber: "0123456749",
  vatNumber: "BE0123456749",
  street: "Rue de l'Exemple 1",
  postcode: "1000",
  city: "Brussel",
  country: "BE",
  iban: "BE68539007547034",
  bic: "GKCCBEBB",
  email: "pro@example.be",
};

export async function seededDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "loket-ubl-"));
  const url = `file:${join(dir, "loket.db")}`;
  await migrateDatabase(url);
  const client = createClient({ url });
  await seedDemo(client);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    client,
    db,
    close() {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Demo data from the manuals (PRODUCT.md, "Demo data"), and with --scale thousands more for benchmarks.
// Usage: node scripts/seed.ts [--scale] [--db file:.data/loket.db]
import { createClient, type Client } from "@libsql/client/node";
import { count } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../src/db/schema/index.ts";
import { seedAccess, seedAccessScale } from "./seed-access.ts";
import { seedBilling, seedBillingScale } from "./seed-billing.ts";
import { seedCalendar } from "./seed-calendar.ts";
import { seedDocumentLines } from "./seed-document-lines.ts";
import { seedDocuments, seedDocumentsScale } from "./seed-documents.ts";
import { seedDesk } from "./seed-desk.ts";
import { seedServices } from "./seed-services.ts";
import { seedFleet, seedFleetScale } from "./seed-fleet.ts";
import { seedUsage, seedUsageScale } from "./seed-usage.ts";
import { seedThreads, seedThreadsScale } from "./seed-threads.ts";
import { seedMaintenance } from "./seed-maintenance.ts";

const { syndics, customers, contactDetails, sites, contracts, orders, termsVersions } = schema;
type SeedDb = ReturnType<typeof drizzle<typeof schema>>;

const day = 24 * 3600 * 1000;
const now = Date.UTC(2026, 10, 1, 9, 0, 0);

export const demo = {
  waste: { contract: "5422", customer: "439561", email: "info@apparthotels.com" },
  wasteBuilding: { contract: "5423", customer: "439562" },
  wasteSyndicBuilding: { contract: "5424", customer: "439563", syndicEmail: "beheer@syndicus-zavel.be" },
  mobile: { contract: "0000025351", customer: "100457319" },
  postal: { contract: "3100012345", customer: "0001023456" },
} as const;

const TERMS = {
  version: "2025.1",
  nl: "Gebruiksvoorwaarden van de klantenzone.\n\n1. De klantenzone is gratis en voorbehouden aan klanten met een contract.\n2. U bent verantwoordelijk voor de vertrouwelijkheid van uw inlogcodes. Een inlogcode is 1 uur geldig en kan één keer gebruikt worden.\n3. Uw gegevens worden verwerkt volgens de privacyverklaring van de dienstverlener.\n4. Documenten blijven beschikbaar volgens de bewaartermijnen die in de klantenzone vermeld zijn.",
  fr: "Conditions d'utilisation de l'espace client.\n\n1. L'espace client est gratuit et réservé aux clients sous contrat.\n2. Vous êtes responsable de la confidentialité de vos codes de connexion. Un code est valable 1 heure et ne peut servir qu'une fois.\n3. Vos données sont traitées selon la déclaration de confidentialité du prestataire.\n4. Les documents restent disponibles selon les délais de conservation indiqués dans l'espace client.",
  en: "Terms of use of the customer area.\n\n1. The customer area is free and reserved for customers under contract.\n2. You are responsible for keeping your login codes confidential. A code is valid for 1 hour and can be used once.\n3. Your data is processed under the provider's privacy statement.\n4. Documents remain available for the retention periods stated in the customer area.",
};

async function addCustomer(
  db: SeedDb,
  c: { number: string; name: string; vat?: string; street: string; postcode: string; city: string; parentId?: number; syndicId?: number; language?: "nl" | "fr" | "en" },
  contact: { email?: string; phone?: string },
) {
  const [row] = await db
    .insert(customers)
    .values({
      customerNumber: c.number,
      name: c.name,
      vatNumber: c.vat,
      billingStreet: c.street,
      billingPostcode: c.postcode,
      billingCity: c.city,
      parentId: c.parentId,
      syndicId: c.syndicId,
      language: c.language ?? "nl",
      createdAt: new Date(now - 400 * day),
    })
    .returning({ id: customers.id });
  await db.insert(contactDetails).values({ customerId: row!.id, email: contact.email, phone: contact.phone, updatedAt: new Date(now - 30 * day) });
  return row!.id;
}

async function addSiteAndContract(db: SeedDb, customerId: number, contractNumber: string, service: string, site: { name: string; street: string; postcode: string; city: string }) {
  const [s] = await db
    .insert(sites)
    .values({ customerId, ...site })
    .returning({ id: sites.id });
  const [k] = await db.insert(contracts).values({ contractNumber, customerId, siteId: s!.id, service }).returning({ id: contracts.id });
  return { siteId: s!.id, contractId: k!.id };
}

export async function seedDemo(client: Client): Promise<boolean> {
  const db = drizzle(client, { schema });
  const [existing] = await db.select({ n: count() }).from(customers);
  if ((existing?.n ?? 0) > 0) return false;

  await db
    .insert(termsVersions)
    .values({ version: TERMS.version, publishedAt: new Date(Date.UTC(2025, 0, 1)), effectiveAt: new Date(Date.UTC(2025, 0, 1)), bodyNl: TERMS.nl, bodyFr: TERMS.fr, bodyEn: TERMS.en });

  // Waste collection (manuals 000/001): a head office with two buildings, one managed by a syndic.
  const [syndic] = await db.insert(syndics).values({ name: "Syndicus Zavel BV", email: demo.wasteSyndicBuilding.syndicEmail, phone: "+32470998877" }).returning({ id: syndics.id });
  const headOffice = await addCustomer(
    db,
    { number: demo.waste.customer, name: "Apparthotels NV", vat: "BE0456789133", street: "Louizalaan 120", postcode: "1050", city: "Brussel" },
    { email: demo.waste.email, phone: "+3225123456" },
  );
  const main = await addSiteAndContract(db, headOffice, demo.waste.contract, "Restafval 1100 L", { name: "Maatschappelijke zetel", street: "Louizalaan 120", postcode: "1050", city: "Brussel" });
  const buildingA = await addCustomer(
    db,
    { number: demo.wasteBuilding.customer, name: "Apparthotels NV – Residentie Kunst", street: "Kunstlaan 8", postcode: "1000", city: "Brussel", parentId: headOffice },
    { email: "kunst@apparthotels.com", phone: "+3225123457" },
  );
  await addSiteAndContract(db, buildingA, demo.wasteBuilding.contract, "PMD 770 L", { name: "Residentie Kunst", street: "Kunstlaan 8", postcode: "1000", city: "Brussel" });
  const buildingB = await addCustomer(
    db,
    {
      number: demo.wasteSyndicBuilding.customer,
      name: "Apparthotels NV – Residentie Zavel",
      street: "Grote Zavel 30",
      postcode: "1000",
      city: "Brussel",
      parentId: headOffice,
      syndicId: syndic!.id,
      language: "fr",
    },
    { email: "zavel@apparthotels.com", phone: "+3225123458" },
  );
  await addSiteAndContract(db, buildingB, demo.wasteSyndicBuilding.contract, "Papier-karton 1100 L", { name: "Residentie Zavel", street: "Grote Zavel 30", postcode: "1000", city: "Brussel" });
  const articles = ["PRO-zakken rest 100 st.", "Container 1100 L", "PRO-zakken PMD 100 st.", "Container 770 L", "PRO-zakken papier 50 st."];
  await db.insert(orders).values(
    articles.map((article, i) => ({
      customerId: headOffice,
      contractId: main.contractId,
      article,
      quantity: i % 2 === 0 ? 2 : 1,
      address: "Louizalaan 120, 1050 Brussel",
      createdAt: new Date(now - (i * 17 + 3) * day),
      deliveryDate: new Date(now - i * 17 * day).toISOString().slice(0, 10),
      status: i === 0 ? ("confirmed" as const) : ("delivered" as const),
      confirmedAt: new Date(now - (i * 17 + 2) * day),
      deliveredAt: i === 0 ? null : new Date(now - i * 17 * day),
    })),
  );

  // Mobile telecom (003): billing account 100457319, Katwilgweg 2, 2050 Antwerpen.
  const mobile = await addCustomer(
    db,
    { number: demo.mobile.customer, name: "Havenlogistiek Antwerpen BV", vat: "BE0712345630", street: "Katwilgweg 2", postcode: "2050", city: "Antwerpen" },
    { email: "fleet@havenlogistiek.be", phone: "+32489744365" },
  );
  await addSiteAndContract(db, mobile, demo.mobile.contract, "Business Mobile", { name: "Hoofdkantoor", street: "Katwilgweg 2", postcode: "2050", city: "Antwerpen" });

  // Postal (004): the account of the User Management manual.
  const postal = await addCustomer(
    db,
    { number: demo.postal.customer, name: "DE POST - SALES & MARKETING - MUNTCENTRUM 1e verd", vat: "BE0214567859", street: "Muntcentrum", postcode: "1000", city: "BRUSSEL" },
    { email: "sales.marketing@post.example.be", phone: "+3222012345" },
  );
  await addSiteAndContract(db, postal, demo.postal.contract, "e-MassPost", { name: "Muntcentrum", street: "Muntcentrum", postcode: "1000", city: "BRUSSEL" });
  await seedAccess(client);
  await seedDocuments(client);
  await seedBilling(client);
  // After both: the lines of every invoice and credit note (their totals unchanged).
  await seedDocumentLines(client);
  await seedCalendar(client);
  await seedDesk(client);
  await seedServices(client);
  await seedThreads(client);
  await seedFleet(client);
  await seedUsage(client);
  await seedMaintenance(client);
  return true;
}

/** Test accounts: one per test that needs a fresh customer (rate limits are per customer). */
export async function seedTestAccounts(client: Client, howMany: number): Promise<void> {
  const db = drizzle(client, { schema });
  for (let i = 1; i <= howMany; i++) {
    const id = await addCustomer(
      db,
      { number: String(700000 + i), name: `Testklant ${i}`, street: `Teststraat ${i}`, postcode: "1000", city: "Brussel" },
      { email: `klant${i}@test.example`, phone: `+3247000${String(i).padStart(4, "0")}` },
    );
    await addSiteAndContract(db, id, String(800000 + i), "Restafval 240 L", { name: "Zetel", street: `Teststraat ${i}`, postcode: "1000", city: "Brussel" });
  }
  // They are waste customers: the collection calendar, the waste documents, services and complaints are theirs.
  await client.execute(
    "INSERT INTO account_applications (customer_id, application_id) SELECT c.id, a.id FROM customers c JOIN applications a ON a.code IN ('waste', 'services', 'complaints') WHERE c.customer_number BETWEEN '700001' AND '799999'",
  );
}

/** Thousands of accounts with contracts, orders, a billing account and a year of invoices, inserted in large batches. */
export async function seedScale(client: Client, accounts = 5000): Promise<void> {
  const chunk = 500;
  for (let start = 0; start < accounts; start += chunk) {
    const statements: { sql: string; args: (string | number | null)[] }[] = [];
    for (let i = start; i < Math.min(accounts, start + chunk); i++) {
      const number = String(2_000_000 + i);
      statements.push({
        sql: "INSERT INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        args: [number, `Onderneming ${i}`, `Industrielaan ${i % 300}`, String(1000 + (i % 9000)), "Brussel", ["nl", "fr", "en"][i % 3]!, now - (i % 700) * day],
      });
      statements.push({ sql: "INSERT INTO contact_details (customer_id, email, phone, updated_at) VALUES (last_insert_rowid(), ?, ?, ?)", args: [`contact${i}@scale.example`, null, now] });
      statements.push({
        sql: "INSERT INTO contracts (contract_number, customer_id, service) SELECT ?, id, 'Restafval 1100 L' FROM customers WHERE customer_number = ?",
        args: [String(3_000_000 + i), number],
      });
      statements.push({
        sql: "INSERT INTO orders (customer_id, contract_id, article, quantity, address, created_at) SELECT c.customer_id, c.id, 'PRO-zakken rest 100 st.', 1, 'Industrielaan', ? FROM contracts c WHERE c.contract_number = ?",
        args: [now - (i % 90) * day, String(3_000_000 + i)],
      });
    }
    await client.batch(statements, "write");
  }
  await seedBillingScale(client, accounts);
  // Waste customers (their contracts are waste collection).
  await client.execute(
    "INSERT OR IGNORE INTO account_applications (customer_id, application_id) SELECT c.id, a.id FROM customers c JOIN applications a ON a.code = 'waste' WHERE c.customer_number >= '2000000' AND length(c.customer_number) = 7",
  );
}

/** The whole scale data set (bench, `npm run dev -- --scale`): accounts, users, documents, threads, 10,000 fleet lines. */
export async function seedAllScale(client: Client): Promise<void> {
  await seedScale(client);
  await seedAccessScale(client);
  await seedDocumentsScale(client);
  await seedThreadsScale(client);
  await seedFleetScale(client);
  await seedUsageScale(client);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dbArg = args.indexOf("--db");
  const url = dbArg >= 0 ? args[dbArg + 1]! : (process.env.TURSO_DATABASE_URL ?? "file:.data/loket.db");
  const client = createClient({ url, authToken: process.env.TURSO_AUTH_TOKEN });
  const seeded = await seedDemo(client);
  console.log(seeded ? "demo data seeded" : "demo data already present");
  if (args.includes("--scale")) {
    await seedAllScale(client);
    console.log("scale data seeded");
  }
  client.close();
}

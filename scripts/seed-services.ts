// The order catalog (manual 000/001 p.13 "Order PRO bags"; 003 "Commander des cartes SIM vierges"):
// global rows, one application each. Prices in cents incl. 21 % VAT.
import type { Client } from "@libsql/client/node";

type Product = { code: string; application: string; nl: string; fr: string; en: string; priceCents: number; step: number; max: number; days: number };

export const serviceProducts: Product[] = [
  {
    code: "waste_bags_rest",
    application: "waste",
    nl: "PRO-zakken rest – rol van 25 zakken",
    fr: "Sacs PRO déchets résiduels – rouleau de 25 sacs",
    en: "PRO bags residual waste – roll of 25 bags",
    priceCents: 2500,
    step: 1,
    max: 50,
    days: 5,
  },
  {
    code: "waste_bags_pmd",
    application: "waste",
    nl: "PRO-zakken PMD – rol van 25 zakken",
    fr: "Sacs PRO PMC – rouleau de 25 sacs",
    en: "PRO bags PMD – roll of 25 bags",
    priceCents: 1250,
    step: 1,
    max: 50,
    days: 5,
  },
  {
    code: "waste_bags_paper",
    application: "waste",
    nl: "PRO-zakken papier-karton – rol van 25 zakken",
    fr: "Sacs PRO papier-carton – rouleau de 25 sacs",
    en: "PRO bags paper-cardboard – roll of 25 bags",
    priceCents: 1000,
    step: 1,
    max: 50,
    days: 5,
  },
  { code: "waste_container_240", application: "waste", nl: "Container 240 L", fr: "Conteneur 240 L", en: "Container 240 L", priceCents: 6050, step: 1, max: 20, days: 10 },
  { code: "waste_container_770", application: "waste", nl: "Container 770 L", fr: "Conteneur 770 L", en: "Container 770 L", priceCents: 25410, step: 1, max: 10, days: 10 },
  { code: "waste_container_1100", application: "waste", nl: "Container 1100 L", fr: "Conteneur 1100 L", en: "Container 1100 L", priceCents: 30250, step: 1, max: 10, days: 10 },
  // 003: "Entrez le nombre de cartes SIM souhaitées (par multiple de 10)" … "livrées dans un délai de deux jours ouvrables".
  { code: "fleet_sim_blank", application: "fleet", nl: "Blanco simkaarten", fr: "Cartes SIM vierges", en: "Blank SIM cards", priceCents: 0, step: 10, max: 200, days: 2 },
];

/** The catalog; a product already there (by code) is left as it is. */
export async function seedServices(client: Client): Promise<void> {
  await client.batch(
    serviceProducts.map((p) => ({
      sql: "INSERT OR IGNORE INTO products (code, application, name_nl, name_fr, name_en, unit_price_cents, vat_rate, step, max_quantity, delivery_working_days, active) VALUES (?, ?, ?, ?, ?, ?, 21, ?, ?, ?, 1)",
      args: [p.code, p.application, p.nl, p.fr, p.en, p.priceCents, p.step, p.max, p.days],
    })),
    "write",
  );
}

import type { Messages } from "../../i18n/en.ts";

export type FractionKey = keyof Messages["calendar"]["fractions"];

/** Collection days store the provider's (Dutch) fraction name; each reader sees it in their language. */
const byStoredName: Record<string, FractionKey> = {
  restafval: "residual",
  pmd: "pmd",
  "papier-karton": "paper",
  "papier en karton": "paper",
  glas: "glass",
  gft: "organic",
  tuinafval: "garden",
};

/** The fraction as the reader reads it; a fraction the catalog does not know yet shows as stored. */
export function fractionName(t: Messages, stored: string): string {
  const key = byStoredName[stored.trim().toLowerCase()];
  return key ? t.calendar.fractions[key] : stored;
}

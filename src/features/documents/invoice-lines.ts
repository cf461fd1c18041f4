/**
 * Invoice lines and their totals the EN 16931 way (BR-CO-10…17), in integer cents so nothing
 * drifts: a line's net amount is quantity × price rounded to the cent; a VAT breakdown per
 * category and rate takes the sum of its lines' rounded amounts and rounds its VAT once; the
 * document's totals are sums of those. The same functions build the seed's lines and the UBL.
 */
import type { VatCategory } from "../../db/schema/enums.ts";

export type InvoiceLine = {
  description: string;
  /** Thousandths of the unit. */
  quantityMilli: number;
  /** UN/ECE Recommendation 20. */
  unitCode: string;
  unitPriceCents: number;
  netCents: number;
  vatCategory: VatCategory;
  vatRate: number;
};

export type VatBreakdown = { category: VatCategory; rate: number; taxableCents: number; taxCents: number };

export type Totals = {
  /** BT-106: Σ line net amounts. */
  lineExtensionCents: number;
  /** BT-109 (no document-level allowances or charges here, so = BT-106). */
  taxExclusiveCents: number;
  /** BT-110: Σ of the breakdown's VAT. */
  taxCents: number;
  /** BT-112. */
  taxInclusiveCents: number;
  breakdown: VatBreakdown[];
};

/**
 * Rounding to the cent as the validation rules compute it: XPath round(), which is floor(x + 0.5)
 * (half up, also for negatives), exactly what Math.round does.
 */
export const roundCents = (value: number) => Math.round(value);

/** BT-131 = BT-129 × BT-146, rounded to the cent (PEPPOL-EN16931-R120). */
export function lineNetCents(quantityMilli: number, unitPriceCents: number): number {
  return roundCents((quantityMilli * unitPriceCents) / 1000);
}

/** VAT of a breakdown: taxable × rate / 100, rounded once (BR-CO-17). */
export function vatOf(taxableCents: number, rate: number): number {
  return roundCents((taxableCents * rate) / 100);
}

/** One breakdown per category and rate, in the order they first appear (BR-CO-18, BR-S-08, BR-Z-08…). */
export function vatBreakdown(lines: readonly Pick<InvoiceLine, "netCents" | "vatCategory" | "vatRate">[]): VatBreakdown[] {
  const groups = new Map<string, VatBreakdown>();
  for (const line of lines) {
    const rate = line.vatCategory === "S" ? line.vatRate : 0;
    const key = `${line.vatCategory}:${rate}`;
    const group = groups.get(key) ?? { category: line.vatCategory, rate, taxableCents: 0, taxCents: 0 };
    group.taxableCents += line.netCents;
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ ...g, taxCents: vatOf(g.taxableCents, g.rate) }));
}

export function totals(lines: readonly Pick<InvoiceLine, "netCents" | "vatCategory" | "vatRate">[]): Totals {
  const breakdown = vatBreakdown(lines);
  const lineExtensionCents = lines.reduce((sum, l) => sum + l.netCents, 0);
  const taxCents = breakdown.reduce((sum, b) => sum + b.taxCents, 0);
  return { lineExtensionCents, taxExclusiveCents: lineExtensionCents, taxCents, taxInclusiveCents: lineExtensionCents + taxCents, breakdown };
}

/** Whether lines add up to a document's stored totals (amount incl. VAT and VAT) the EN 16931 way. */
export function matchesTotals(lines: readonly Pick<InvoiceLine, "netCents" | "vatCategory" | "vatRate">[], amountCents: number, vatCents: number): boolean {
  const t = totals(lines);
  return t.taxCents === vatCents && t.taxInclusiveCents === amountCents;
}

/**
 * The largest amount taxed at `rate` whose VAT, rounded once, is exactly `vatCents`, not above
 * `netCents`; null when even the whole net amount gives less VAT (then no split reaches it).
 */
export function taxableFor(netCents: number, vatCents: number, rate: number): number | null {
  if (vatOf(netCents, rate) === vatCents) return netCents;
  // Around vat / rate: the window where the rounding lands on vatCents is a few cents wide.
  const centre = Math.floor((vatCents * 100) / rate);
  for (let taxable = Math.min(netCents, centre + 5); taxable >= centre - 5; taxable--) if (vatOf(taxable, rate) === vatCents) return taxable;
  return null;
}

/**
 * One line for a document that has none (an older or a test document): its net amount at the
 * rate its VAT implies (the Belgian rate nearest to VAT / net), zero-rated when it carries no VAT.
 * Its totals can then differ from the stored VAT by the tolerance BR-CO-17 allows; the UBL states
 * the stored VAT so the amount to pay is the stored one.
 */
export function lineFromTotals(amountCents: number, vatCents: number, description: string): InvoiceLine {
  const net = amountCents - vatCents;
  if (vatCents === 0 || net === 0) return { description, quantityMilli: 1000, unitCode: "C62", unitPriceCents: Math.abs(net), netCents: net, vatCategory: "Z", vatRate: 0 };
  const implied = (vatCents * 100) / net;
  const rate = [21, 12, 6].reduce((best, r) => (Math.abs(r - implied) < Math.abs(best - implied) ? r : best), 21);
  return { description, quantityMilli: net < 0 ? -1000 : 1000, unitCode: "C62", unitPriceCents: Math.abs(net), netCents: net, vatCategory: "S", vatRate: rate };
}

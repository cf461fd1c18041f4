// The rule families the UBL had to get right: EN 16931 rounding (BR-CO-10…17, PEPPOL-EN16931-R120),
// the VAT breakdown per category and rate (BR-CO-18, BR-S-08, BR-Z-08), amounts and quantities as
// UBL writes them, identifiers (0208 mod 97), and escaping of every value.
import { describe, expect, it } from "vitest";
import { linesFor } from "../../scripts/seed-document-lines.ts";
import { lineFromTotals, lineNetCents, matchesTotals, taxableFor, totals, vatBreakdown, vatOf } from "../../src/features/documents/invoice-lines.ts";
import { enterpriseNumberFromVat, money, quantity } from "../../src/features/documents/ubl.ts";
import { isEnterpriseNumber } from "../../src/features/einvoice/peppol-id.ts";
import { el, escapeXml, leaf, xmlDocument } from "../../src/features/documents/ubl-xml.ts";

const S21 = { vatCategory: "S" as const, vatRate: 21 };

describe("EN 16931 rounding", () => {
  it("rounds a line's quantity × price to the cent, half up as XPath round() does", () => {
    expect(lineNetCents(2500, 1450)).toBe(3625);
    expect(lineNetCents(125, 250)).toBe(31); // 0.125 GB × € 2.50 = € 0.3125
    expect(lineNetCents(1500, 1)).toBe(2); // 1.5 cents → 2
    expect(lineNetCents(-1500, 1)).toBe(-1); // XPath round(-1.5) = -1, not -2
    expect(lineNetCents(37_000, 25)).toBe(925); // 37 minutes at € 0.25
  });

  it("computes VAT once per breakdown on the sum of rounded line amounts, not per line", () => {
    // Three of € 0.07: per line 0.0147 → 0.01 each (0.03); on the sum 0.21 × 21 % = 0.0441 → 0.04.
    const lines = [7, 7, 7].map((netCents) => ({ netCents, ...S21 }));
    expect(totals(lines).taxCents).toBe(4);
    expect(vatOf(7571, 21)).toBe(1590); // € 75.71 → € 15.90: the € 91.61 invoice
    expect(vatOf(150, 21)).toBe(32); // 31.5 → 32
  });

  it("makes the document totals the sums of the rounded amounts (BR-CO-10, 13, 14, 15)", () => {
    const t = totals([
      { netCents: 3000, ...S21 },
      { netCents: 1500, ...S21 },
      { netCents: 3071, ...S21 },
      { netCents: -3, vatCategory: "Z", vatRate: 0 },
    ]);
    expect(t.lineExtensionCents).toBe(7568);
    expect(t.taxExclusiveCents).toBe(7568);
    expect(t.taxCents).toBe(1590);
    expect(t.taxInclusiveCents).toBe(9158);
  });

  it("finds the amount taxed at a rate whose rounded VAT is exactly the stored VAT", () => {
    expect(taxableFor(7571, 1590, 21)).toBe(7571);
    // 20 000 cents incl. VAT, VAT rounded from the total: 3471; 21 % of 16 529 is 3471.09 → 3471.
    expect(taxableFor(16_529, 3471, 21)).toBe(16_529);
    const taxable = taxableFor(10_000, 2098, 21);
    expect(taxable).not.toBeNull();
    expect(vatOf(taxable!, 21)).toBe(2098);
    expect(taxable!).toBeLessThanOrEqual(10_000);
    // More VAT than 21 % of the whole amount: no amount at or under it gives it.
    expect(taxableFor(10_000, 2101, 21)).toBeNull();
  });
});

describe("VAT breakdown", () => {
  it("groups lines per category and rate, in order of appearance; zero-rated lines carry no VAT", () => {
    const breakdown = vatBreakdown([
      { netCents: 1000, ...S21 },
      { netCents: 500, vatCategory: "S", vatRate: 6 },
      { netCents: 2000, ...S21 },
      { netCents: 300, vatCategory: "Z", vatRate: 0 },
      { netCents: 200, vatCategory: "E", vatRate: 21 },
    ]);
    expect(breakdown).toEqual([
      { category: "S", rate: 21, taxableCents: 3000, taxCents: 630 },
      { category: "S", rate: 6, taxableCents: 500, taxCents: 30 },
      { category: "Z", rate: 0, taxableCents: 300, taxCents: 0 },
      { category: "E", rate: 0, taxableCents: 200, taxCents: 0 },
    ]);
  });

  it("gives a document without lines one line at the rate its VAT implies", () => {
    expect(lineFromTotals(12_100, 2100, "x")).toMatchObject({ netCents: 10_000, vatCategory: "S", vatRate: 21, quantityMilli: 1000, unitPriceCents: 10_000 });
    expect(lineFromTotals(10_600, 600, "x")).toMatchObject({ vatRate: 6 });
    expect(lineFromTotals(5_000, 0, "x")).toMatchObject({ netCents: 5000, vatCategory: "Z", vatRate: 0 });
  });

  it("seeds lines that keep every stored total exactly, whichever way the stored VAT was rounded", () => {
    for (const business of ["waste", "mobile", "postal"] as const) {
      for (let amount = 2_500; amount < 60_000; amount += 397) {
        const vat = Math.round((amount * 21) / 121);
        for (const credit of [false, true]) {
          const lines = linesFor(business, credit, amount, amount, vat);
          expect(matchesTotals(lines, amount, vat), `${business} ${amount}`).toBe(true);
          for (const l of lines) {
            expect(l.unitPriceCents, l.description).toBeGreaterThanOrEqual(0); // BR-27: no negative price
            expect(l.netCents).toBe(lineNetCents(l.quantityMilli, l.unitPriceCents));
          }
        }
      }
    }
    // The € 91.61 invoice: plans, options, usage; no rounding line needed.
    const mobile = linesFor("mobile", false, 0, 9161, 1590);
    expect(mobile.map((l) => l.description)).toEqual([
      "Business Mobile Pro 20 GB (0489 74 43 65)",
      "Business Mobile Start 5 GB (0470 12 34 56)",
      "Optie Roaming Wereld",
      "Buiten bundel: oproepen naar het buitenland",
      "Buiten bundel: mobiele data",
    ]);
  });
});

describe("amounts, quantities and identifiers as UBL writes them", () => {
  it("writes cents with two decimals and thousandths without trailing zeros", () => {
    expect(money(9161)).toBe("91.61");
    expect(money(5)).toBe("0.05");
    expect(money(-3)).toBe("-0.03");
    expect(money(100_000)).toBe("1000.00");
    expect(quantity(1000)).toBe("1");
    expect(quantity(2500)).toBe("2.5");
    expect(quantity(125)).toBe("0.125");
    expect(quantity(-1000)).toBe("-1");
  });

  it("takes a Belgian enterprise number from a VAT number only when its mod-97 check holds", () => {
    expect(isEnterpriseNumber("0123456749")).toBe(true);
    expect(enterpriseNumberFromVat("BE0712345630")).toBe("0712345630");
    expect(enterpriseNumberFromVat("BE 0456.789.133")).toBe("0456789133");
    expect(enterpriseNumberFromVat("BE0456789123")).toBeNull();
    expect(enterpriseNumberFromVat("NL123456789B01")).toBeNull();
    expect(enterpriseNumberFromVat(null)).toBeNull();
  });
});

describe("the XML builder", () => {
  it("escapes every text and attribute value and drops characters XML cannot hold", () => {
    expect(escapeXml(`<a & "b" 'c'>`)).toBe("&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;");
    const xml = xmlDocument(el("Root", { name: 'x"><evil a="' }, leaf("cbc:Name", "Tom & Jerry </cbc:Name><x>\u0001"), leaf("cbc:Empty", ""), leaf("cbc:Null", null)));
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<Root name="x&quot;&gt;&lt;evil a=&quot;"><cbc:Name>Tom &amp; Jerry &lt;/cbc:Name&gt;&lt;x&gt;</cbc:Name></Root>\n');
  });
});

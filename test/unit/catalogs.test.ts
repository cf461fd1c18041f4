import { describe, expect, it } from "vitest";
import { catalogs, plural } from "../../src/lib/i18n.ts";

/** Every string of a catalog with its dotted key, nested objects included. */
function strings(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

describe("catalogs (LANGUAGE.md)", () => {
  it("French: a no-break space (U+00A0), never a plain space, before : ; ? ! and inside « »", () => {
    const wrong = strings(catalogs.fr).filter(([, text]) => / [:;?!»]|« /.test(text));
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
    // The walk reaches nested entries: a sample of them is in the list.
    const keys = strings(catalogs.fr).map(([key]) => key);
    expect(keys).toContain("rights.history.actions.loginCode");
    expect(keys).toContain("documents.pdf.kinds.invoice");
  });

  it("no catalog offers a plural by parentheses", () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      const wrong = strings(catalog).filter(([, text]) => /\w\((s|en|e)\)/.test(text));
      expect(wrong, locale).toEqual([]);
    }
  });

  it("plurals follow Intl.PluralRules per locale", () => {
    expect(plural("fr", catalogs.fr.password.seconds, 1)).toBe("1 seconde");
    expect(plural("fr", catalogs.fr.password.seconds, 30)).toBe("30 secondes");
    expect(plural("nl", catalogs.nl.password.seconds, 1)).toBe("1 seconde");
    expect(plural("en", catalogs.en.password.minutes, 1)).toBe("1 minute");
    expect(plural("en", catalogs.en.password.minutes, 2)).toBe("2 minutes");
    expect(plural("fr", catalogs.fr.documents.selected, 1)).toBe("1 document sélectionné");
    expect(plural("fr", catalogs.fr.documents.selected, 3)).toBe("3 documents sélectionnés");
    expect(plural("nl", catalogs.nl.home.lastOrders, 1)).toBe("Uw laatste bestelling");
    expect(plural("nl", catalogs.nl.home.lastOrders, 4)).toBe("Uw laatste 4 bestellingen");
  });
});

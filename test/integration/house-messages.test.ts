import { describe, expect, it } from "vitest";
import { catalogs, fill, plural, type Plural } from "../../src/lib/i18n.ts";
import { addDocument, billingCustomer, codeLogin, visible } from "./billing-fixtures.ts";
import { sql } from "./sql.ts";

/** Every string of a catalog with its dotted key, nested objects (plural forms too) included. */
function entries(value: unknown, prefix = ""): [string, unknown][] {
  if (typeof value === "string") return [[prefix, value]];
  if (value && typeof value === "object") {
    if ("one" in value && "other" in value) return [[prefix, value]];
    return Object.entries(value).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

describe("messages built from one catalog entry (issue #8)", () => {
  it("a sentence with a {count} is a plural (one/other), never a plain string", () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      const plain = entries(catalog).filter(([, value]) => typeof value === "string" && value.includes("{count}"));
      expect(
        plain.map(([key]) => key),
        locale,
      ).toEqual([]);
    }
  });

  it("Balance and My accounts say 'the only one' and 'the first 25' in each language", () => {
    const one = (locale: "nl" | "fr" | "en", forms: Plural) => plural(locale, forms, 1);
    expect(one("en", catalogs.en.billing.truncated)).toBe("Only the most recent document is shown. See Documents for older ones.");
    expect(one("fr", catalogs.fr.billing.truncated)).toBe("Seul le document le plus récent est affiché. Les plus anciens se trouvent dans Documents.");
    expect(plural("nl", catalogs.nl.billing.truncated, 25)).toBe("Alleen de 25 recentste documenten worden getoond. Oudere vindt u bij Documenten.");
    expect(one("nl", catalogs.nl.rights.accounts.more)).toBe("Enkel de eerste account wordt getoond: zoek om een andere te vinden.");
    expect(plural("fr", catalogs.fr.rights.accounts.more, 50)).toBe("Seuls les 50 premiers comptes sont affichés\u00A0: faites une recherche pour en trouver un autre.");
  });

  it("Balance with more documents than it lists says how many it shows, in the plural", async () => {
    const customer = await billingCustomer(25);
    for (let i = 1; i <= 27; i++) await addDocument(customer, { reference: `HM-${i}`, date: `2026-01-${String(i).padStart(2, "0")}`, amountCents: 1000, openCents: 0 });
    const browser = await codeLogin(customer, 25, "fr");
    const page = await browser.get("/fr/balance");
    expect(page.status).toBe(200);
    expect(visible(page.text)).toContain("Seuls les 25 documents les plus récents sont affichés.");
    expect(page.text).not.toContain("{count}");
  });

  it("the statement e-mail's subject and file name are one catalog template each, in the reader's language", async () => {
    const sent = [];
    // One customer per language: a second statement within the same minute is taken for a double click.
    for (const [n, language] of [
      [24, "nl"],
      [28, "fr"],
    ] as const) {
      const customer = await billingCustomer(n);
      await addDocument(customer, { reference: `HM-ST-${n}`, date: "2026-02-10", amountCents: 5000, openCents: 5000 });
      const browser = await codeLogin(customer, n, language);
      await browser.get(`/${language}/balance`);
      expect((await browser.post(`/${language}/balance/statement`, {})).status).toBe(303);
      const [mail] = await sql<{ subject: string; attachment_name: string }>("SELECT subject, attachment_name FROM outbox_messages WHERE recipient = ? AND attachment_key IS NOT NULL", [
        customer.email!,
      ]);
      sent.push({ number: customer.customerNumber, ...mail! });
    }
    const [nl, fr] = sent;
    expect(nl!.subject).toBe(`Uw rekeningafschrift, klantnummer ${nl!.number}`);
    expect(nl!.subject).toBe(fill(catalogs.nl.billing.statementSubject, { customer: nl!.number }));
    expect(fr!.subject).toBe(`Votre relevé de compte, numéro de client ${fr!.number}`);
    expect(nl!.attachment_name).toMatch(new RegExp(`^Rekeningafschrift ${nl!.number} \\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    expect(fr!.attachment_name).toMatch(new RegExp(`^Relevé de compte ${fr!.number} \\d{4}-\\d{2}-\\d{2}\\.pdf$`));
  });
});

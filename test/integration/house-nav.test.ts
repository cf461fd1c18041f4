import { describe, expect, it } from "vitest";
import { catalogs, type Locale } from "../../src/lib/i18n.ts";
import { loggedInAs } from "./browser.ts";

/** The main menu's entries, as (address, words) pairs. */
const menu = (html: string) =>
  [...(html.match(/<nav aria-label="(?:Main menu|Hoofdmenu|Menu principal)">([\s\S]*?)<\/nav>/)?.[1] ?? "").matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map(
    (m) => [m[1] ?? "", m[2] ?? ""] as const,
  );

/** The issue #9 modules' entries of a menu, in the menu's order. */
const newEntries = (html: string, locale: Locale) => {
  const words = catalogs[locale].app;
  const wanted = new Map([
    [`/${locale}/services`, words.services],
    [`/${locale}/complaints`, words.complaints],
    [`/${locale}/tickets`, words.tickets],
  ]);
  return menu(html)
    .filter(([href]) => wanted.has(href))
    .map(([href, label]) => {
      expect(label, href).toBe(wanted.get(href));
      return href.split("/")[2];
    });
};

describe("the header menu offers the issue #9 modules to whom may open them", () => {
  it("the waste head office (apparthotels) sees Services and Complaints, no Tickets; each entry opens", async () => {
    const browser = await loggedInAs("apparthotels");
    const home = await browser.get("/en/home");
    expect(newEntries(home.text, "en")).toEqual(["services", "complaints"]);
    expect(menu(home.text).map(([, label]) => label)).toEqual(expect.arrayContaining(["Services", "Complaints"]));
    for (const path of ["/en/services", "/en/complaints"]) expect((await browser.get(path)).status, path).toBe(200);
    // No entry and no page: the tickets are for an account with a mobile fleet.
    expect((await browser.get("/en/tickets")).status).toBe(404);
    // The words in Dutch and in French.
    const nl = await browser.get("/nl/home");
    expect(newEntries(nl.text, "nl")).toEqual(["services", "complaints"]);
    expect(nl.text).toContain(">Diensten</a>");
    expect(nl.text).toContain(">Klachten</a>");
    const fr = await browser.get("/fr/home");
    expect(newEntries(fr.text, "fr")).toEqual(["services", "complaints"]);
    expect(fr.text).toContain(">Plaintes</a>");
  });

  it("the mobile fleet manager (margaux) sees Services, Complaints and Tickets; the current page is marked", async () => {
    const browser = await loggedInAs("margaux");
    for (const locale of ["en", "nl", "fr"] as const) {
      const home = await browser.get(`/${locale}/home`);
      expect(newEntries(home.text, locale), locale).toEqual(["services", "complaints", "tickets"]);
    }
    const tickets = await browser.get("/en/tickets");
    expect(tickets.status).toBe(200);
    expect(tickets.text).toContain('<a href="/en/tickets" aria-current="page">Tickets</a>');
    const complaints = await browser.get("/en/complaints");
    expect(complaints.text).toContain('<a href="/en/complaints" aria-current="page">Complaints</a>');
  });

  it("the postal Access Owner (DATATEAM) sees none of them, and their addresses are refused", async () => {
    const browser = await loggedInAs("DATATEAM");
    for (const locale of ["en", "nl", "fr"] as const) {
      const home = await browser.get(`/${locale}/home`);
      expect(menu(home.text).length, locale).toBeGreaterThan(3);
      expect(newEntries(home.text, locale), locale).toEqual([]);
    }
    for (const path of ["/en/services", "/en/complaints"]) expect((await browser.get(path)).status, path).toBe(403);
    expect((await browser.get("/en/tickets")).status).toBe(403);
  });
});

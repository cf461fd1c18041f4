import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/lib/env.ts";
import { loggedIn, loggedInAs } from "./browser.ts";
import { visible } from "./billing-fixtures.ts";
import { addUser, fn, logIn, MOBILE, POSTAL } from "./rights-fixtures.ts";
import { sql } from "./sql.ts";

const E = env as unknown as Env;
const menu = (html: string) => html.match(/<nav aria-label="Main menu">([\s\S]*?)<\/nav>/)?.[1] ?? "";
const tabs = (html: string) => [...(html.match(/<ul class="tabs">([\s\S]*?)<\/ul>/)?.[1] ?? "").matchAll(/>([^<>]+)<\/a>/g)].map((m) => m[1]);
const tiles = (html: string) => [...html.matchAll(/<li data-app="([a-z_]+)">/g)].map((m) => m[1]);

/** Issue #8, Deliver 1: an account's subscribed applications drive the menu, home, tabs and the calendar. */
describe("applications drive the portal (issue #8)", () => {
  it("the demo accounts have the applications they really have", async () => {
    const rows = await sql<{ number: string; code: string }>(
      "SELECT c.customer_number AS number, a.code FROM account_applications s JOIN customers c ON c.id = s.customer_id JOIN applications a ON a.id = s.application_id WHERE c.customer_number IN ('439561', '439562', '439563', '100457319', '0001023456') ORDER BY c.customer_number, a.id",
    );
    const by = (number: string) => rows.filter((r) => r.number === number).map((r) => r.code);
    for (const number of ["439561", "439562", "439563"]) expect(by(number)).toEqual(["services", "complaints", "waste"]);
    expect(by(MOBILE)).toEqual(["services", "complaints", "fleet"]);
    expect(by(POSTAL)).toEqual(["emasspost", "distriplanner", "collect_stamp", "parcels_national", "parcels_international", "invoice_reporter"]);
    // Every external e-application has the URL its tile opens.
    expect(await sql("SELECT code FROM applications WHERE kind = 'postal' AND (url IS NULL OR url NOT LIKE 'https://%')")).toEqual([]);
  });

  it("mobile (margaux): no collection calendar, no waste tabs, no building filter; the calendar is refused", async () => {
    const browser = await loggedInAs("margaux");
    const home = await browser.get("/en/home");
    expect(menu(home.text)).not.toContain("Collection calendar");
    expect(menu(home.text)).toContain("Documents");
    const docs = await browser.get("/en/documents");
    expect(tabs(docs.text)).toEqual(["Invoices", "Credit notes", "Reminders", "Contracts"]);
    expect(docs.text).not.toContain('name="site"');
    // A waste tab asked for by address is the first tab.
    const delivery = await browser.get("/en/documents?tab=delivery");
    expect(delivery.text).toMatch(/aria-current="page">Invoices</);
    expect((await browser.get("/en/calendar")).status).toBe(403);
    expect((await browser.get("/en/calendar/0000025351.pdf")).status).toBe(403);
  });

  it("postal (DATATEAM): no waste screens; home lists the account's e-applications, opening their URLs", async () => {
    const browser = await loggedInAs("DATATEAM");
    const home = await browser.get("/en/home");
    expect(menu(home.text)).not.toContain("Collection calendar");
    expect(tiles(home.text)).toEqual(["documents", "billing", "access", "emasspost", "distriplanner", "collect_stamp", "parcels_national", "parcels_international", "invoice_reporter"]);
    expect(home.text).toContain('<a href="https://emasspost.example.be/" target="_blank" rel="noopener noreferrer">e-MassPost</a>');
    expect(home.text).toContain('<a href="/en/documents">Documents</a>');
    expect(home.text).toContain('<a href="/en/users">User management</a>');
    // What home showed before stays: customer number, greeting, the orders block.
    expect(visible(home.text)).toContain("Dear DE POST - SALES & MARKETING");
    expect(home.text).toContain(POSTAL);
    const docs = await browser.get("/en/documents");
    expect(tabs(docs.text)).toEqual(["Invoices", "Credit notes", "Reminders", "Contracts"]);
    expect(docs.text).not.toContain('name="site"');
  });

  it("waste head office (apparthotels): calendar, every tab, the building filter, tiles for its modules", async () => {
    const browser = await loggedInAs("apparthotels");
    const home = await browser.get("/en/home");
    expect(menu(home.text)).toContain("Collection calendar");
    expect(tiles(home.text)).toEqual(["documents", "billing", "services", "complaints", "access", "waste"]);
    expect(home.text).toContain('<a href="/en/calendar">Waste collection</a>');
    expect(home.text).toContain("As head office, you have access to the documents of all your buildings.");
    expect(home.text).toMatch(/Your last 4 orders/);
    const docs = await browser.get("/en/documents");
    expect(tabs(docs.text)).toEqual(["Invoices", "Credit notes", "Reminders", "Account statements (before 2009)", "Deliveries (after 2015)", "Contracts"]);
    expect(docs.text).toContain('name="site"');
    expect((await browser.get("/en/calendar")).status).toBe(200);
  });

  it("a waste building on its own (code login) has the calendar but no building filter", async () => {
    const { browser } = await loggedIn(3);
    expect(menu((await browser.get("/en/home")).text)).toContain("Collection calendar");
    const docs = await browser.get("/en/documents");
    expect(tabs(docs.text)).toContain("Deliveries (after 2015)");
    expect(docs.text).not.toContain('name="site"');
  });

  it("a user with only e-MassPost rights sees e-MassPost on home, and nothing they have no rights in", async () => {
    const user = await addUser({ grants: [{ app: "emasspost", item: await fn("emasspost", "price_view") }] });
    const browser = await logIn(user);
    const home = await browser.get("/en/home");
    expect(home.status).toBe(200);
    expect(tiles(home.text)).toEqual(["emasspost"]);
    expect(home.text).toContain('href="https://emasspost.example.be/"');
    expect(menu(home.text)).not.toContain("Documents");
  });

  it("a grant in an application the account does not have counts for nothing (the intersection)", async () => {
    // A waste right on the postal account: not subscribed, so no calendar, no tile.
    const user = await addUser({
      grants: [
        { app: "waste", item: await fn("waste", "view") },
        { app: "documents", item: await fn("documents", "view") },
      ],
    });
    const browser = await logIn(user);
    const home = await browser.get("/en/home");
    expect(tiles(home.text)).toEqual(["documents"]);
    expect(menu(home.text)).not.toContain("Collection calendar");
    expect((await browser.get("/en/calendar")).status).toBe(403);
  });

  it("home in Dutch and French: the applications' names in the user's language", async () => {
    const nl = await (await loggedInAs("apparthotels", undefined, "nl")).get("/nl/home");
    expect(nl.text).toContain("Uw toepassingen");
    expect(nl.text).toContain('<a href="/nl/calendar">Afvalophaling</a>');
    const fr = await (await loggedInAs("margaux", undefined, "fr")).get("/fr/home");
    expect(fr.text).toContain("Vos applications");
    expect(visible(fr.text)).toContain("Flotte mobile");
    // The fleet is a module now: its tile opens it.
    expect(fr.text).toContain('<a href="/fr/fleet">Flotte mobile</a>');
    expect(visible(fr.text)).not.toContain("Bientôt dans l'espace client");
  });

  it("the provider's name is neutral configuration, shown to every kind of customer", async () => {
    expect(E.PROVIDER_NAME).not.toMatch(/Net Brussel/);
    const page = await (await loggedInAs("margaux")).get("/en/home");
    expect(page.text).toContain(E.PROVIDER_NAME);
    expect(page.text).not.toContain("Net Brussel");
  });
});

describe("documents: dates and pages (issue #8 defects)", () => {
  it("a reversed date range is a 422 with a message next to the dates, in the user's language, values kept", async () => {
    const browser = await loggedInAs("apparthotels", undefined, "fr");
    const r = await browser.get("/fr/documents?tab=invoice&from=2026-05-01&to=2026-01-01");
    expect(r.status).toBe(422);
    expect(visible(r.text)).toContain("La date de début est postérieure à la date de fin.");
    expect(r.text).toMatch(/id="documents-from" name="from" value="2026-05-01" aria-invalid="true"/);
    expect(r.text).toMatch(/id="documents-to" name="to" value="2026-01-01" aria-invalid="true"/);
    expect(r.text).not.toContain('name="selected"');
    const en = await (await loggedInAs("apparthotels")).get("/en/documents?from=2026-05-01&to=2026-01-01");
    expect(en.status).toBe(422);
    expect(en.text).toContain("The start date is after the end date.");
    // The same dates the right way round are fine.
    expect((await browser.get("/fr/documents?tab=invoice&from=2026-01-01&to=2026-05-01")).status).toBe(200);
  });

  it("without JavaScript the pager submits the ticks: nothing ticked is lost on changing page", async () => {
    const browser = await loggedInAs("apparthotels");
    await browser.post("/en/documents/selection/clear", { back: "/en/documents" });
    const page = await browser.get("/en/documents?tab=invoice");
    const next = page.text.match(/<button type="submit" class="linkbutton" name="page" value="([^"]*after=[^"]+)">Next page/)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toBeTruthy();
    // The pager buttons are inside the selection form.
    const form = page.text.match(/<form method="post" action="\/en\/documents\/selection" id="documents-list">([\s\S]*?)<\/form>/)?.[1] ?? "";
    expect(form).toContain('name="page"');
    const first = page.text.match(/name="selected" value="(\d+)"/)![1]!;
    const r = await browser.post("/en/documents/selection", { back: "/en/documents?tab=invoice", shown: first, selected: first, page: next! });
    expect(r.status).toBe(303);
    expect(r.location).toBe(next);
    const second = await browser.get(r.location!);
    expect(second.text).toContain("1 document selected");
    // An address from elsewhere is never followed.
    const away = await browser.post("/en/documents/selection", { shown: first, selected: first, page: "https://evil.example/" });
    expect(away.location).toBe("/en/documents");
  });
});

import { describe, expect, inject, it } from "vitest";
import { loggedIn, loggedInAs } from "./browser.ts";
import { addUser, customerIdOf, fn, logIn, postItems, roundTrips } from "./rights-fixtures.ts";
import { sql } from "./sql.ts";

/** The table's rows as a person reads them: when, who, what, before → after. */
function rows(html: string): { when: string; who: string; what: string; change: string }[] {
  const body = html.match(/<tbody>(.*?)<\/tbody>/s)?.[1] ?? "";
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => {
    const cells = [...m[1]!.matchAll(/<td>(.*?)<\/td>/gs)].map((c) =>
      c[1]!
        .replace(/<div>/g, "")
        .replace(/<\/div>/g, " | ")
        .replace(/<[^>]+>/g, "")
        .trim(),
    );
    return { when: cells[0] ?? "", who: cells[1] ?? "", what: cells[2] ?? "", change: cells[3] ?? "" };
  });
}

/** Today's date in Brussels, as the date filter reads it. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());

describe("history (audit log of the account)", () => {
  it("lists the rights change with before → after, newest first, and the filters work", async () => {
    const target = await addUser();
    const owner = await loggedInAs("DATATEAM");
    await owner.get(`/en/users/${target.id}/rights/emasspost`);
    await postItems(owner, `/en/users/${target.id}/rights/emasspost`, [await fn("emasspost", "price_view"), await fn("emasspost", "creation")]);
    await owner.get(`/en/users/${target.id}/rights/emasspost`);
    await postItems(owner, `/en/users/${target.id}/rights/emasspost`, [await fn("emasspost", "creation")]);

    const page = await owner.get("/en/history");
    expect(page.status).toBe(200);
    const [newest, previous] = rows(page.text);
    expect(newest).toMatchObject({ who: "DATATEAM", what: "Rights changed" });
    // Functions by their catalog names in the page's language, not their codes.
    expect(newest!.change).toBe(`user: ${target.username} | application: e-MassPost | access rights: Price view, Creation → Creation | scopes: — |`);
    expect(previous!.change).toContain("access rights: — → Price view, Creation");

    const byAction = rows((await owner.get("/en/history?action=rights.changed")).text);
    expect(byAction.length).toBeGreaterThanOrEqual(2);
    expect(new Set(byAction.map((r) => r.what))).toEqual(new Set(["Rights changed"]));
    const byActor = rows((await owner.get("/en/history?actor=datateam")).text);
    expect(byActor.length).toBeGreaterThanOrEqual(2);
    expect(new Set(byActor.map((r) => r.who))).toEqual(new Set(["DATATEAM"]));
    const b2b = rows((await owner.get("/en/history?action=rights.changed&actor=B2B")).text);
    expect(b2b).toEqual([]);
    const inRange = rows((await owner.get(`/en/history?action=rights.changed&from=${today()}&to=${today()}`)).text);
    expect(inRange[0]!.change).toContain(target.username);
    const tomorrow = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
    expect((await owner.get(`/en/history?from=${tomorrow}`)).text).toContain("No events match these filters.");
    expect((await owner.get("/en/history?to=2020-01-01")).text).toContain("No events match these filters.");

    const bad = await owner.get("/en/history?from=31-12-2026");
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Enter a valid date, e.g. 01/11/2026.");
    const reversed = await owner.get(`/en/history?from=${today()}&to=2020-01-01`);
    expect(reversed.status).toBe(422);
    expect(reversed.text).toContain("The start date must come before the end date.");

    const nl = await owner.get("/nl/history?action=rights.changed");
    expect(nl.text).toContain("Rechten gewijzigd");
    expect(nl.text).toContain("toegangen: Zicht op prijzen, Creatie → Creatie");
  });

  it("pages newest first, 25 at a time, keyed so that nothing repeats or goes missing, in ≤ 2 round trips", async () => {
    const { browser, account } = await loggedIn(58);
    const customer = await customerIdOf(account.customerNumber);
    const base = Date.now() - 3 * 86400000;
    for (let i = 0; i < 30; i++) {
      await sql("INSERT INTO audit_events (at, actor, customer_id, action, before, after) VALUES (?, ?, ?, 'profile.contact', ?, ?)", [
        base + (i % 10) * 1000,
        `code:${account.customerNumber}`,
        customer,
        JSON.stringify({ email: `old${i}@example.be` }),
        JSON.stringify({ email: `new${i}@example.be` }),
      ]);
    }
    const [{ n } = { n: 0 }] = await sql<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE customer_id = ?", [customer]);
    let first = { text: "", status: 0 };
    await browser.get("/en/history");
    const trips = await roundTrips(inject("dbUrl"), async () => (first = await browser.get("/en/history")));
    expect(trips).toBeLessThanOrEqual(2);
    const seen = rows(first.text);
    expect(seen).toHaveLength(25);
    expect(seen[0]!.who).toBe(`login code (${account.customerNumber})`);
    let next = first.text.match(/href="(\/en\/history\?before=[^"]+)"(?: rel="next")?>Older events/)?.[1];
    while (next) {
      const page = await browser.get(next.replace(/&amp;/g, "&"));
      expect(page.text).toContain("Newest events");
      seen.push(...rows(page.text));
      next = page.text.match(/href="(\/en\/history\?before=[^"]+)"(?: rel="next")?>Older events/)?.[1];
    }
    expect(seen).toHaveLength(Number(n));
    const changes = seen.filter((r) => r.what === "Contact details changed").map((r) => r.change);
    expect(new Set(changes).size).toBe(30);
    expect(changes).toContain("e-mail address: old7@example.be → new7@example.be |");
  });

  it("shows only the active account's events, and only to an Access Owner", async () => {
    const target = await addUser();
    const owner = await loggedInAs("DATATEAM");
    await owner.get(`/en/users/${target.id}/rights/emasspost`);
    await postItems(owner, `/en/users/${target.id}/rights/emasspost`, [await fn("emasspost", "price_view")]);
    const margaux = await loggedInAs("margaux");
    const theirs = await margaux.get("/en/history?action=rights.changed");
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toContain(target.username);
    expect((await margaux.get("/en/history?actor=DATATEAM")).text).toContain("No events match these filters.");

    for (const browser of [await loggedInAs("B2B"), await loggedInAs("DEKKERSL"), await logIn(await addUser({ manageUsers: true }))]) {
      expect((await browser.get("/en/history")).status).toBe(403);
      expect((await browser.get("/en/routers")).status).toBe(403);
    }
  });
});

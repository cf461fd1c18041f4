import { beforeAll, describe, expect, inject, it } from "vitest";
import { loggedInAs } from "./browser.ts";
import { addUser, auditRows, checkbox, fn, grantsOf, logIn, postItems, roundTrips, scope, userIdOf } from "./rights-fixtures.ts";
import { sql } from "./sql.ts";

const ROUTER = "Mailhouse Routing NV";
const SUBCONTRACTOR = "Print & Post Services BVBA";

async function partyId(name: string): Promise<number> {
  const [row] = await sql<{ id: number }>("SELECT id FROM third_parties WHERE name = ?", [name]);
  return Number(row!.id);
}

async function partyGrants(name: string): Promise<string[]> {
  const rows = await sql<{ code: string; item_kind: string; item_id: number }>(
    "SELECT a.code, g.item_kind, g.item_id FROM third_party_grants g JOIN applications a ON a.id = g.application_id JOIN customers c ON c.id = g.customer_id WHERE c.customer_number = '0001023456' AND g.third_party_id = ? ORDER BY 1, 2, 3",
    [await partyId(name)],
  );
  return rows.map((r) => `${r.code} ${r.item_kind}:${r.item_id}`);
}

const rowsOf = (html: string) => [...html.matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]!);

describe("routers (004 Routeurs, 002 §9.2)", () => {
  beforeAll(async () => {
    // Sixty more in one town: enough for three pages.
    for (let i = 1; i <= 60; i++)
      await sql("INSERT INTO third_parties (kind, name, street, postcode, city) VALUES (?, ?, 'Dorpsstraat 1', '9999', 'Testdorp')", [
        i % 3 === 0 ? "subcontractor" : "router",
        `Rt Pagina ${String(i).padStart(2, "0")}`,
      ]);
  });

  it("lists routers with name, address, type and which have rights, searched on the server, 25 a page, in ≤ 2 round trips", async () => {
    const owner = await loggedInAs("DATATEAM");
    const all = await owner.get("/en/routers");
    expect(all.status).toBe(200);
    expect(all.text).toContain("Router name");
    const mailhouse = all.text.match(/<tr><td>Mailhouse Routing NV<\/td>.*?<\/tr>/s)?.[0] ?? "";
    expect(mailhouse).toContain("Havenlaan 86, 1000 Brussel");
    expect(mailhouse).toContain("Has rights");
    expect(mailhouse).toContain(`href="/en/routers/${await partyId(ROUTER)}/rights"`);

    const byCity = await owner.get("/en/routers?q=gent");
    expect(rowsOf(byCity.text)).toEqual([SUBCONTRACTOR].map((n) => n.replace("&", "&amp;")));
    expect(byCity.text).toContain("Subcontractor");

    let first = { status: 0, text: "" };
    const trips = await roundTrips(inject("dbUrl"), async () => (first = await owner.get("/en/routers?q=Testdorp")));
    expect(trips).toBeLessThanOrEqual(2);
    expect(first.text).toContain("1–25 of 60");
    expect(rowsOf(first.text)).toHaveLength(25);
    expect(rowsOf(first.text)[0]).toBe("Rt Pagina 01");
    expect(first.text).toContain('href="/en/routers?q=Testdorp&amp;page=2"');
    expect(first.text).not.toContain("Previous page");
    const last = await owner.get("/en/routers?q=Testdorp&page=3");
    expect(last.text).toContain("51–60 of 60");
    expect(rowsOf(last.text)).toEqual(Array.from({ length: 10 }, (_, i) => `Rt Pagina ${51 + i}`));
    expect(last.text).toContain('href="/en/routers?q=Testdorp&amp;page=2"');
    expect(last.text).not.toContain("Next page");
    // "Only with rights" keeps the ones that act for this account.
    expect(rowsOf((await owner.get("/en/routers?mine=1")).text)).toEqual([ROUTER]);
    expect((await owner.get("/en/routers?q=zzz-nothing")).text).toContain("No router matches your search.");
    // A LIKE wildcard typed by the user is a character, not a wildcard.
    expect((await owner.get("/en/routers?q=%25")).text).toContain("No router matches your search.");
  });

  it("active search: htmx gets only the results block", async () => {
    const owner = await loggedInAs("DATATEAM");
    const fragment = await owner.get("/en/routers?q=Mailhouse", { "HX-Request": "true", "HX-Target": "div#router-results" });
    expect(fragment.status).toBe(200);
    expect(fragment.text.startsWith('<div id="router-results"')).toBe(true);
    expect(fragment.text).not.toContain("<html");
    expect(rowsOf(fragment.text)).toEqual([ROUTER]);
    const page = await owner.get("/en/routers");
    expect(page.text).toContain('hx-get="/en/routers"');
    expect(page.text).toContain('hx-target="#router-results"');
    expect(page.text).toContain('action="/en/routers"');
  });

  it("gives a third party rights for the account, audited, and takes them back", async () => {
    const owner = await loggedInAs("DATATEAM");
    const id = await partyId(SUBCONTRACTOR);
    const overview = await owner.get(`/en/routers/${id}/rights`);
    expect(overview.status).toBe(200);
    expect(overview.text).toContain("Print &amp; Post Services BVBA, Industrieweg 12, 9000 Gent");
    const items = [await fn("emasspost", "creation"), await fn("emasspost", "general_followup"), await scope("P3")];
    await owner.get(`/en/routers/${id}/rights/emasspost`);
    const saved = await postItems(owner, `/en/routers/${id}/rights/emasspost`, items);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/en/routers/${id}/rights/emasspost?saved=1`);
    expect(await partyGrants(SUBCONTRACTOR)).toEqual(items.map((item) => `emasspost ${item}`).sort());
    const page = await owner.get(saved.location!);
    expect(page.text).toContain("The rights have been saved.");
    expect(checkbox(page.text, items[0]!).checked).toBe(true);
    const audit = (await auditRows("third_party.rights_changed")).at(-1)!;
    expect(audit.after).toEqual({ thirdParty: SUBCONTRACTOR, application: "emasspost", functions: ["creation", "general_followup"], scopes: ["P3"] });
    expect(audit.before).toEqual({ thirdParty: SUBCONTRACTOR, application: "emasspost", functions: [], scopes: [] });
    expect(rowsOf((await owner.get("/en/routers?mine=1")).text)).toContain("Print &amp; Post Services BVBA");

    const revoked = await postItems(owner, `/en/routers/${id}/rights/emasspost`, [items[1]!]);
    expect(revoked.status).toBe(303);
    expect(await partyGrants(SUBCONTRACTOR)).toEqual([`emasspost ${items[1]}`]);
    await postItems(owner, `/en/routers/${id}/rights/emasspost`, []);
    expect(await partyGrants(SUBCONTRACTOR)).toEqual([]);
  });

  it("a foreign scope, an unknown router or application: 404 or 422, nothing stored", async () => {
    const owner = await loggedInAs("DATATEAM");
    const id = await partyId(SUBCONTRACTOR);
    await owner.get(`/en/routers/${id}/rights/emasspost`);
    const [foreign] = await sql<{ id: number }>("SELECT s.id FROM scopes s JOIN customers c ON c.id = s.customer_id WHERE c.customer_number <> '0001023456' LIMIT 1");
    const other = foreign ? `scope:${foreign.id}` : "scope:999999";
    const refused = await postItems(owner, `/en/routers/${id}/rights/emasspost`, [await fn("emasspost", "creation"), other]);
    expect(refused.status).toBe(422);
    expect(await partyGrants(SUBCONTRACTOR)).toEqual([]);
    expect((await owner.get("/en/routers/999999/rights")).status).toBe(404);
    expect((await owner.get(`/en/routers/${id}/rights/no-such-app`)).status).toBe(404);
    expect((await postItems(owner, "/en/routers/999999/rights/emasspost", [await fn("emasspost", "creation")])).status).toBe(404);
  });

  it("ROUTER1 passes a right it holds to its own staff, not one it lacks, and sees no other party's users", async () => {
    const staff = await addUser({ thirdParty: ROUTER });
    const router = await loggedInAs("ROUTER1");
    const creation = await fn("emasspost", "creation");
    const confirmation = await fn("emasspost", "confirmation_prices");
    const page = await router.get(`/en/users/${staff.id}/rights/emasspost`);
    expect(page.status).toBe(200);
    expect(checkbox(page.text, creation).disabled).toBe(false);
    expect(checkbox(page.text, confirmation).disabled).toBe(true);
    expect(checkbox(page.text, await scope("P1")).disabled).toBe(false);
    expect(checkbox(page.text, await scope("P2")).disabled).toBe(true);

    const passed = await postItems(router, `/en/users/${staff.id}/rights/emasspost`, [creation, await scope("P1")]);
    expect(passed.status).toBe(303);
    expect(await grantsOf(staff.membershipId)).toEqual([`emasspost ${creation}`, `emasspost ${await scope("P1")}`].sort());
    const refused = await postItems(router, `/en/users/${staff.id}/rights/emasspost`, [creation, await scope("P1"), confirmation]);
    expect(refused.status).toBe(403);
    expect(await grantsOf(staff.membershipId)).toEqual([`emasspost ${creation}`, `emasspost ${await scope("P1")}`].sort());

    // The account's own users and another party's staff are not theirs to see.
    const b2b = await userIdOf("B2B");
    const otherStaff = await addUser({ thirdParty: SUBCONTRACTOR });
    const ownAccountUser = await addUser();
    for (const id of [b2b, otherStaff.id, ownAccountUser.id]) {
      expect((await router.get(`/en/users/${id}/rights`)).status).toBe(404);
      expect((await router.get(`/en/users/${id}/rights/emasspost`)).status).toBe(404);
    }
    await router.get(`/en/users/${staff.id}/rights/emasspost`);
    expect((await postItems(router, `/en/users/${ownAccountUser.id}/rights/emasspost`, [creation])).status).toBe(404);
    expect(await grantsOf(ownAccountUser.membershipId)).toEqual([]);
    // Routers are the account owner's business.
    expect((await router.get("/en/routers")).status).toBe(403);
  });

  it("rights given to the router reach its administrator to pass on; taken back, they leave its staff too", async () => {
    const staff = await addUser({ thirdParty: ROUTER });
    const routerUser = await userIdOf("ROUTER1");
    const [membership] = await sql<{ id: number }>("SELECT id FROM memberships WHERE user_id = ?", [routerUser]);
    const routerMembership = Number(membership!.id);
    const seeded = await grantsOf(routerMembership);
    const seededParty = await partyGrants(ROUTER);
    const router = await loggedInAs("ROUTER1");
    const deposit = await fn("emasspost", "deposit_statement");
    expect(checkbox((await router.get(`/en/users/${staff.id}/rights/emasspost`)).text, deposit).disabled).toBe(true);

    const owner = await loggedInAs("DATATEAM");
    const id = await partyId(ROUTER);
    const page = await owner.get(`/en/routers/${id}/rights/emasspost`);
    const current = [...page.text.matchAll(/<input type="checkbox"[^>]*value="([^"]+)"[^>]*checked/g)].map((m) => m[1]!);
    expect(current.length).toBe(seededParty.length);
    expect((await postItems(owner, `/en/routers/${id}/rights/emasspost`, [...current, deposit])).status).toBe(303);
    expect(await grantsOf(routerMembership)).toContain(`emasspost ${deposit}`);
    // ROUTER1's session takes the new right on its next request, and it passes it on.
    expect(checkbox((await router.get(`/en/users/${staff.id}/rights/emasspost`)).text, deposit).disabled).toBe(false);
    expect((await postItems(router, `/en/users/${staff.id}/rights/emasspost`, [deposit])).status).toBe(303);
    expect(await grantsOf(staff.membershipId)).toEqual([`emasspost ${deposit}`]);

    // Taken back from the router: gone from its administrator and its staff, in the same change.
    await owner.get(`/en/routers/${id}/rights/emasspost`);
    expect((await postItems(owner, `/en/routers/${id}/rights/emasspost`, current)).status).toBe(303);
    expect(await grantsOf(staff.membershipId)).toEqual([]);
    expect(await grantsOf(routerMembership)).toEqual(seeded);
    expect(await partyGrants(ROUTER)).toEqual(seededParty);
  });

  it("a Portal User and an Access Manager get 403 on Routers", async () => {
    for (const user of ["B2B", "DEKKERSL"]) {
      const browser = await loggedInAs(user);
      expect((await browser.get("/en/routers")).status).toBe(403);
      expect((await browser.get(`/en/routers/${await partyId(ROUTER)}/rights/emasspost`)).status).toBe(403);
    }
    const portal = await logIn(await addUser({ manageUsers: true }));
    expect((await portal.get("/en/routers")).status).toBe(403);
  });
});

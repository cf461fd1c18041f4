import { describe, expect, inject, it } from "vitest";
import { loggedInAs } from "./browser.ts";
import { addUser, auditRows, checkbox, customerIdOf, fn, grantsOf, logIn, MOBILE, POSTAL, postItems, roundTrips, scope, userIdOf } from "./rights-fixtures.ts";
import { sql } from "./sql.ts";

const SESSION = "__Host-loket_session";

describe("rights of a user (004 §2.3)", () => {
  it("shows the user, the account and the account's applications with Has rights, Copy all my rights, Select", async () => {
    const target = await addUser({ first: "Alexandra", last: "Proef", grants: [{ app: "emasspost", item: await fn("emasspost", "price_view") }] });
    const admin = await loggedInAs("DATATEAM");
    const page = await admin.get(`/en/users/${target.id}/rights`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Alexandra Proef (${target.username})`);
    expect(page.text).toContain("DE POST - SALES &amp; MARKETING - MUNTCENTRUM 1e verd, Muntcentrum, 1000 BRUSSEL");
    // The postal account subscribes to the e-applications; the portal modules come with every account.
    for (const name of ["e-MassPost", "Distriplanner", "Invoice Reporter", "Documents", "Balance and payments"]) expect(page.text).toContain(`<td>${name}</td>`);
    expect(page.text).toMatch(/<td>e-MassPost<\/td><td>Has rights<\/td>/);
    expect(page.text).toMatch(/<td>Distriplanner<\/td><td><\/td>/);
    expect(page.text).toContain(`action="/en/users/${target.id}/rights/emasspost/copy"`);
    expect(page.text).toContain(`href="/en/users/${target.id}/rights/emasspost"`);
    // In Dutch and French, the names stored in the catalog for that language.
    const nl = await admin.get(`/nl/users/${target.id}/rights`);
    expect(nl.text).toContain("Kopieer al mijn rechten");
    expect(nl.text).toContain("<td>Saldo en betalingen</td>");
    expect(nl.text).toContain("Heeft rechten");
    const fr = await admin.get(`/fr/users/${target.id}/rights/emasspost`);
    expect(fr.text).toContain("Voir les prix");
    expect(fr.text).toContain("Adresses de facturation");
  });

  it("an account without the subscription does not offer the e-application", async () => {
    const margaux = await loggedInAs("margaux");
    const malina = await userIdOf("malina");
    const page = await margaux.get(`/en/users/${malina}/rights`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain("e-MassPost");
    expect(page.text).toMatch(/<td>Mobile fleet<\/td><td>Has rights<\/td>/);
    expect((await margaux.get(`/en/users/${malina}/rights/emasspost`)).status).toBe(404);
  });

  it("the application page lists functions and scopes of the active account, greys out what the administrator lacks, in ≤ 2 round trips", async () => {
    const target = await addUser();
    const admin = await loggedInAs("DATATEAM");
    await admin.get(`/en/users/${target.id}/rights/emasspost`);
    let page = { status: 0, text: "" };
    const trips = await roundTrips(inject("dbUrl"), async () => (page = await admin.get(`/en/users/${target.id}/rights/emasspost`)));
    expect(page.status).toBe(200);
    expect(trips).toBeLessThanOrEqual(2);
    for (const label of [
      "Access rights",
      "Products",
      "Billing addresses",
      "Contracts",
      "Price view",
      "Creation",
      "Senders management",
      "Brief",
      "Non prior",
      "SOCIALE DIENST VAN DE POST",
      "3100012345 - e-MassPost",
    ])
      expect(page.text).toContain(label);
    // Borderel types belong to Parcels International, not to e-MassPost.
    expect(page.text).not.toContain("Direct Mail (borderel 10)");
    expect((await admin.get(`/en/users/${target.id}/rights/parcels_international`)).text).toContain("Direct Mail (borderel 10)");
    // An Access Owner holds everything: nothing is greyed out.
    expect(checkbox(page.text, await fn("emasspost", "creation"))).toEqual({ present: true, checked: false, disabled: false });
  });

  it("grants rights, the target's session takes them on its next request under a new id, and a single right can be revoked", async () => {
    const target = await addUser({ manageUsers: true });
    const other = await addUser();
    const targetBrowser = await logIn(target);
    const creation = await fn("emasspost", "creation");
    // Before: the target (a Portal User who manages users) holds no creation right, so it is greyed out for them.
    expect(checkbox((await targetBrowser.get(`/en/users/${other.id}/rights/emasspost`)).text, creation).disabled).toBe(true);
    const oldSession = targetBrowser.cookies.get(SESSION);

    const admin = await loggedInAs("DATATEAM");
    await admin.get(`/en/users/${target.id}/rights/emasspost`);
    const items = [await fn("emasspost", "price_view"), creation, await fn("emasspost", "general_followup"), await scope("P1"), await scope("P2"), await scope("BA5")];
    // First one box, then a form with several checked, as a browser sends it.
    expect((await admin.post(`/en/users/${target.id}/rights/emasspost`, { item: items[0]! })).status).toBe(303);
    await admin.get(`/en/users/${target.id}/rights/emasspost`);
    const response = await postItems(admin, `/en/users/${target.id}/rights/emasspost`, items);
    expect(response.status).toBe(303);
    expect(response.location).toBe(`/en/users/${target.id}/rights/emasspost?saved=1`);
    expect((await admin.get(response.location!)).text).toContain("The rights have been saved.");
    const stored = await grantsOf(target.membershipId);
    expect(stored).toEqual(items.map((item) => `emasspost ${item}`).sort());
    const [grantedBy] = await sql<{ granted_by_user_id: number }>("SELECT granted_by_user_id FROM grants WHERE membership_id = ? AND item_id = ? AND item_kind = 'function'", [
      target.membershipId,
      Number(creation.split(":")[1]),
    ]);
    expect(grantedBy?.granted_by_user_id).toBe(await userIdOf("DATATEAM"));

    // The target's next request: a new session id, and the principal that goes with it.
    const next = await targetBrowser.get(`/en/users/${other.id}/rights/emasspost`);
    expect(next.status).toBe(200);
    const rotated = next.response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION}=`));
    expect(rotated).toBeDefined();
    expect(targetBrowser.cookies.get(SESSION)).not.toBe(oldSession);
    expect(checkbox(next.text, creation).disabled).toBe(false);
    expect(checkbox(next.text, await fn("emasspost", "confirmation_prices")).disabled).toBe(true);
    expect((await targetBrowser.get("/en/users")).status).not.toBe(403);

    // The audit: before → after.
    const audits = await auditRows("rights.changed");
    const last = audits[audits.length - 1]!;
    expect(last.actor).toBe(`user:${await userIdOf("DATATEAM")}`);
    expect(last.after).toEqual({ user: target.username, application: "emasspost", functions: ["price_view", "creation", "general_followup"], scopes: ["P1", "P2", "BA5"] });
    expect(last.before).toEqual({ user: target.username, application: "emasspost", functions: ["price_view"], scopes: [] });

    // Revoke one right: uncheck it.
    await admin.get(`/en/users/${target.id}/rights/emasspost`);
    const without = items.filter((item) => item !== creation);
    const revoked = await postItems(admin, `/en/users/${target.id}/rights/emasspost`, without);
    expect(revoked.status).toBe(303);
    expect(await grantsOf(target.membershipId)).toEqual(without.map((item) => `emasspost ${item}`).sort());
    const revokeAudit = (await auditRows("rights.changed")).at(-1)!;
    expect(revokeAudit.before.functions).toEqual(["price_view", "creation", "general_followup"]);
    expect(revokeAudit.after.functions).toEqual(["price_view", "general_followup"]);
    const afterRevoke = await targetBrowser.get(`/en/users/${other.id}/rights/emasspost`);
    expect(checkbox(afterRevoke.text, creation).disabled).toBe(true);

    // The same form again (a double click): nothing changes, nothing more is audited.
    const count = (await auditRows("rights.changed")).length;
    const again = await postItems(admin, `/en/users/${target.id}/rights/emasspost`, without);
    expect(again.location).toBe(`/en/users/${target.id}/rights/emasspost?unchanged=1`);
    expect((await auditRows("rights.changed")).length).toBe(count);
  });

  it("refuses a right the administrator does not hold, whatever the form sends: nothing stored", async () => {
    const priceView = await fn("emasspost", "price_view");
    const p1 = await scope("P1");
    const admin = await addUser({
      manageUsers: true,
      grants: [
        { app: "emasspost", item: priceView },
        { app: "emasspost", item: p1 },
      ],
    });
    const target = await addUser({ grants: [{ app: "emasspost", item: await fn("emasspost", "deposit_statement") }] });
    const browser = await logIn(admin);
    const page = await browser.get(`/en/users/${target.id}/rights/emasspost`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Rights you do not hold yourself are greyed out.");
    expect(checkbox(page.text, priceView)).toEqual({ present: true, checked: false, disabled: false });
    expect(checkbox(page.text, await fn("emasspost", "creation"))).toEqual({ present: true, checked: false, disabled: true });
    // What the target has and the administrator lacks shows checked, greyed out.
    expect(checkbox(page.text, await fn("emasspost", "deposit_statement"))).toEqual({ present: true, checked: true, disabled: true });

    const before = await grantsOf(target.membershipId);
    const audits = (await auditRows("rights.changed")).length;
    for (const forged of [await fn("emasspost", "creation"), await scope("P2")]) {
      const refused = await postItems(browser, `/en/users/${target.id}/rights/emasspost`, [priceView, forged]);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain("You can only grant rights that you hold yourself. Nothing was saved.");
      expect(await grantsOf(target.membershipId)).toEqual(before);
    }
    expect((await auditRows("rights.changed")).length).toBe(audits);

    // What they hold they may grant; what the target had beyond it stays.
    const granted = await postItems(browser, `/en/users/${target.id}/rights/emasspost`, [priceView, p1]);
    expect(granted.status).toBe(303);
    expect(await grantsOf(target.membershipId)).toEqual([`emasspost ${await fn("emasspost", "deposit_statement")}`, `emasspost ${priceView}`, `emasspost ${p1}`].sort());
  });

  it("copies all my rights: a Portal User's few, an Access Owner's all", async () => {
    const priceView = await fn("emasspost", "price_view");
    const p1 = await scope("P1");
    const admin = await addUser({
      manageUsers: true,
      grants: [
        { app: "emasspost", item: priceView },
        { app: "emasspost", item: p1 },
      ],
    });
    const target = await addUser();
    const browser = await logIn(admin);
    const overview = await browser.get(`/en/users/${target.id}/rights`);
    expect(overview.text).toContain(`action="/en/users/${target.id}/rights/emasspost/copy"`);
    // Nothing held in Distriplanner: nothing to copy there.
    expect(overview.text).not.toContain(`action="/en/users/${target.id}/rights/distriplanner/copy"`);
    const copied = await browser.post(`/en/users/${target.id}/rights/emasspost/copy`, {});
    expect(copied.status).toBe(303);
    expect(copied.location).toBe(`/en/users/${target.id}/rights/emasspost?copied=1`);
    expect(await grantsOf(target.membershipId)).toEqual([`emasspost ${priceView}`, `emasspost ${p1}`].sort());
    expect((await browser.get(copied.location!)).text).toContain("Your rights have been copied.");
    expect((await auditRows("rights.copied")).at(-1)!.after).toEqual({ user: target.username, application: "emasspost", functions: ["price_view"], scopes: ["P1"] });

    const owner = await loggedInAs("DATATEAM");
    const full = await addUser();
    await owner.get(`/en/users/${full.id}/rights`);
    expect((await owner.post(`/en/users/${full.id}/rights/emasspost/copy`, {})).status).toBe(303);
    const [expected] = await sql<{ n: number }>(
      "SELECT (SELECT count(*) FROM application_functions f JOIN applications a ON a.id = f.application_id WHERE a.code = 'emasspost') + (SELECT count(*) FROM scopes s JOIN customers c ON c.id = s.customer_id WHERE c.customer_number = ? AND (s.kind IN ('billing_address', 'contract') OR s.application_id = (SELECT id FROM applications WHERE code = 'emasspost'))) AS n",
      [POSTAL],
    );
    expect((await grantsOf(full.membershipId)).length).toBe(Number(expected!.n));
  });

  it("another account's user, a foreign scope, an unknown application: 404 or 422, nothing stored", async () => {
    const admin = await loggedInAs("DATATEAM");
    const malina = await userIdOf("malina");
    const [malinaMembership] = await sql<{ id: number }>("SELECT id FROM memberships WHERE user_id = ?", [malina]);
    const malinaBefore = await grantsOf(Number(malinaMembership!.id));
    expect((await admin.get(`/en/users/${malina}/rights`)).status).toBe(404);
    expect((await admin.get(`/en/users/${malina}/rights/documents`)).status).toBe(404);
    await admin.get("/en/home");
    expect((await admin.post(`/en/users/${malina}/rights/documents`, { item: await fn("documents", "view") })).status).toBe(404);
    expect((await admin.post(`/en/users/${malina}/rights/fleet/copy`, {})).status).toBe(404);
    expect(await grantsOf(Number(malinaMembership!.id))).toEqual(malinaBefore);

    const target = await addUser();
    const [foreign] = await sql<{ id: number }>(
      "INSERT INTO scopes (customer_id, application_id, kind, ref, label) VALUES (?, NULL, 'billing_address', 'FOREIGN1', 'Elsewhere 1, 2000 Antwerpen') RETURNING id",
      [await customerIdOf(MOBILE)],
    );
    await admin.get(`/en/users/${target.id}/rights/emasspost`);
    for (const bad of [`scope:${foreign!.id}`, "function:999999", `function:${await functionId("distriplanner", "order_entry")}`, "scope:abc", "<script>"]) {
      const refused = await postItems(admin, `/en/users/${target.id}/rights/emasspost`, [await fn("emasspost", "price_view"), bad]);
      expect(refused.status).toBe(422);
      expect(refused.text).toContain("does not belong to this application or account. Nothing was saved.");
    }
    expect(await grantsOf(target.membershipId)).toEqual([]);
    expect((await admin.get(`/en/users/${target.id}/rights/no-such-app`)).status).toBe(404);
    expect((await admin.get("/en/users/abc/rights")).status).toBe(404);
  });

  it("nobody changes their own rights, and administrators only with the right to manage administrators", async () => {
    const admin = await addUser({ manageUsers: true, grants: [{ app: "emasspost", item: await fn("emasspost", "price_view") }] });
    const otherAdmin = await addUser({ manageUsers: true });
    const browser = await logIn(admin);
    const own = await browser.get(`/en/users/${admin.id}/rights/emasspost`);
    expect(own.status).toBe(200);
    expect(own.text).toContain("You cannot change your own rights.");
    const self = await browser.post(`/en/users/${admin.id}/rights/emasspost`, { item: await fn("emasspost", "price_view") });
    expect(self.status).toBe(403);
    expect((await browser.post(`/en/users/${otherAdmin.id}/rights/emasspost/copy`, {})).status).toBe(403);
    expect(await grantsOf(otherAdmin.membershipId)).toEqual([]);
    // DATATEAM holds the right to manage administrators.
    const owner = await loggedInAs("DATATEAM");
    await owner.get(`/en/users/${otherAdmin.id}/rights`);
    expect((await owner.post(`/en/users/${otherAdmin.id}/rights/emasspost/copy`, {})).status).toBe(303);
    // An Access Owner's grants mean nothing: they hold everything.
    const datateam = await userIdOf("DATATEAM");
    expect((await browser.get(`/en/users/${datateam}/rights/emasspost`)).text).toContain("An Access Owner holds every right of the account");
  });

  it("an Access Manager holds no application rights: everything is greyed out, nothing can be granted", async () => {
    const manager = await loggedInAs("DEKKERSL");
    const target = await addUser();
    const page = await manager.get(`/en/users/${target.id}/rights/emasspost`);
    expect(page.status).toBe(200);
    expect(checkbox(page.text, await fn("emasspost", "price_view"))).toEqual({ present: true, checked: false, disabled: true });
    expect((await manager.get(`/en/users/${target.id}/rights`)).text).not.toContain("/copy");
    const refused = await postItems(manager, `/en/users/${target.id}/rights/emasspost`, [await fn("emasspost", "price_view")]);
    expect(refused.status).toBe(403);
    expect(await grantsOf(target.membershipId)).toEqual([]);
  });

  it.each(["nl", "fr", "en"] as const)("the rights pages in %s hold no key names", async (locale) => {
    const target = await addUser();
    const owner = await loggedInAs("DATATEAM", undefined, locale);
    const [router] = await sql<{ id: number }>("SELECT id FROM third_parties WHERE name = 'Mailhouse Routing NV'");
    for (const path of [
      `/users/${target.id}/rights`,
      `/users/${target.id}/rights/parcels_international`,
      "/routers",
      `/routers/${router!.id}/rights`,
      `/routers/${router!.id}/rights/emasspost`,
      "/accounts",
      "/history",
    ]) {
      const page = await owner.get(`/${locale}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.text).toContain(`<html lang="${locale}">`);
      expect(page.text, path).not.toMatch(/\b(rights|routers|accounts|history|kinds|locked)\.[a-z]+\w*\b(?![^<]*>)/);
      expect(page.text, path).not.toMatch(/\{\w+\}/);
    }
  });

  it("a Portal User without the right to manage users cannot open anyone's rights", async () => {
    const b2b = await loggedInAs("B2B");
    const target = await addUser();
    expect((await b2b.get(`/en/users/${target.id}/rights`)).status).toBe(403);
    expect((await b2b.post(`/en/users/${target.id}/rights/emasspost/copy`, {})).status).toBe(403);
    expect(await grantsOf(target.membershipId)).toEqual([]);
  });
});

async function functionId(app: string, code: string) {
  return Number((await fn(app, code)).split(":")[1]);
}

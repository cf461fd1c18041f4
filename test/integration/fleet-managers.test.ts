import { beforeAll, describe, expect, it } from "vitest";
import { MAX_DELEGATED } from "../../src/features/fleet/managers-service.ts";
import { catalogs, fill } from "../../src/lib/i18n.ts";
import { loggedInAs, outbox, TestBrowser, waitForOutbox } from "./browser.ts";
import { createLine, createUser, foreignAccount, mobileIds, postPairs, spaced, uniqueName } from "./fleet-managers-fixtures.ts";
import { sql } from "./sql.ts";

// Part "managers" of the fleet (issue #11, deliverable 7; 003 "Gérer les profils utilisateur").
const en = catalogs.en;
const m = en.fleetManagers;
/** As JSX writes text into HTML. */
const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

let margaux: TestBrowser;
let mobile = 0;

/** The table row that names this person (the list's rows are one <tr> each). */
function rowOf(page: string, name: string): string {
  return page.split("<tr>").find((row) => row.includes(`>${name}</a>`)) ?? "";
}

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const delegated = async (userId: number) => (await sql<{ line_id: number }>("SELECT line_id FROM line_delegations WHERE user_id = ? ORDER BY line_id", [userId])).map((r) => Number(r.line_id));
const roleOf = async (userId: number) => (await sql<{ fleet_role: string | null }>("SELECT fleet_role FROM memberships WHERE user_id = ?", [userId]))[0]?.fleet_role;
const messagesTo = async (email: string) => (await outbox()).filter((message) => message.recipient === email);

beforeAll(async () => {
  mobile = (await mobileIds()).customer;
  margaux = await loggedInAs("margaux");
}, 30_000);

describe("the list of fleet managers (003 'Gérer les profils utilisateur')", () => {
  it("shows margaux MANAGER VALIDATED and malina MEMBER INVITED with 0489 74 43 65; N of M results shown", async () => {
    const list = await margaux.get("/en/fleet/managers?q=ma");
    expect(list.status).toBe(200);
    const margauxRow = rowOf(list.text, "Margaux Dubois");
    expect(margauxRow).toContain(`<td>${en.fleet.roles.MANAGER}</td>`);
    expect(margauxRow).toContain(`<td>${en.users.statuses.VALIDATED}</td>`);
    const malinaRow = rowOf(list.text, "Malina Janssens");
    expect(malinaRow).toContain(`<td>${en.fleet.roles.MEMBER}</td>`);
    expect(malinaRow).toContain(`<td>${en.users.statuses.INVITED}</td>`);
    expect(malinaRow).toContain("0489 74 43 65");

    const one = await margaux.get("/en/fleet/managers?q=malina");
    expect(one.text).toContain(fill(m.shown.one, { count: 1, total: 1 }));
    expect(rowOf(one.text, "Margaux Dubois")).toBe("");
    // htmx's active search gets only the results.
    const partial = await margaux.get("/en/fleet/managers?q=malina", { "HX-Request": "true", "HX-Target": "div#fleet-managers-results" });
    expect(partial.text.startsWith('<div id="fleet-managers-results">')).toBe(true);
    expect(partial.text).toContain("Malina Janssens");
  });

  it("sorts by description, role and status both ways, and pages 25 at a time", async () => {
    const tag = uniqueName("t11msort");
    const { customer, contract } = await foreignAccount();
    const owner = await createUser({ customer, profile: "owner", fleetRole: "MANAGER", first: "Aaron", last: tag });
    for (let i = 0; i < 26; i++) await createUser({ customer, fleetRole: i % 2 ? "MANAGER" : "MEMBER", status: i % 3 ? "VALIDATED" : "INVITED", first: `P${String(i).padStart(2, "0")}`, last: tag });
    const line = await createLine({ customer, contract });
    await sql("INSERT INTO line_delegations (line_id, user_id) SELECT ?, user_id FROM memberships WHERE customer_id = ? AND fleet_role = 'MEMBER'", [line.id, customer]);
    const browser = await loggedInAs(owner.username);
    const first = await browser.get("/en/fleet/managers");
    expect(first.text).toContain(fill(m.shown.other, { count: 25, total: 27 }));
    expect(first.text.indexOf(`>Aaron ${tag}<`)).toBeLessThan(first.text.indexOf(`>P00 ${tag}<`));
    expect(first.text).toContain('rel="next"');
    const second = await browser.get("/en/fleet/managers?page=2");
    expect(second.text).toContain(fill(m.shown.other, { count: 2, total: 27 }));
    expect(second.text).toContain(`>P25 ${tag}<`);
    const byNameDesc = await browser.get("/en/fleet/managers?sort=name&dir=desc");
    expect(byNameDesc.text.indexOf(`>P25 ${tag}<`)).toBeLessThan(byNameDesc.text.indexOf(`>P24 ${tag}<`));
    expect(byNameDesc.text).toContain('aria-sort="descending"');
    const byRole = await browser.get("/en/fleet/managers?sort=role");
    // MANAGER before MEMBER: the first row is a manager, a member's number shows further down.
    const rows = byRole.text.split("<tr>").slice(2);
    expect(rows[0]).toContain(`<td>${en.fleet.roles.MANAGER}</td>`);
    expect(rows.at(-1)).toContain(`<td>${en.fleet.roles.MEMBER}</td>`);
    expect(rows.at(-1)).toContain(spaced(line.msisdn));
    const byStatus = await browser.get("/en/fleet/managers?sort=status");
    expect(byStatus.text.split("<tr>")[2]).toContain(`<td>${en.users.statuses.INVITED}</td>`);
    const byStatusDesc = await browser.get("/en/fleet/managers?sort=status&dir=desc");
    expect(byStatusDesc.text.split("<tr>")[2]).toContain(`<td>${en.users.statuses.VALIDATED}</td>`);
  });
});

describe("creating a fleet manager (003 'Créer un nouvel utilisateur')", () => {
  it("margaux creates Thomas as MEMBER with two lines: INVITED, the invitation in the outbox, delegations stored; Thomas then sees only those lines", async () => {
    const [a, b, hidden] = [await createLine(), await createLine(), await createLine()];
    const form = await margaux.get(`/en/fleet/managers/new?q=${a.msisdn}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="${a.id}"`);
    // The htmx search brings the results with the ticked lines kept.
    const partial = await margaux.get(`/en/fleet/managers/new?q=${b.msisdn}&lines=${a.id}`, { "HX-Request": "true", "HX-Target": "div#line-picker-results" });
    expect(partial.text.startsWith('<div id="line-picker-results"')).toBe(true);
    expect(partial.text).toMatch(new RegExp(`value="${a.id}" checked`));
    expect(partial.text).toContain(`value="${b.id}"`);
    expect(partial.text).not.toContain(`value="${hidden.id}"`);

    const username = uniqueName("t11mthomas");
    const email = `${username}@t11m.example`;
    const created = await postPairs(margaux, "/en/fleet/managers/new", [
      ["username", username],
      ["firstName", "Thomas"],
      ["lastName", "Peeters"],
      ["email", email],
      ["language", "en"],
      ["role", "MEMBER"],
      ["lines", String(a.id)],
      ["lines", String(b.id)],
    ]);
    expect(created.status).toBe(303);
    const [user] = await sql<{ id: number; status: string; created_by_label: string }>("SELECT id, status, created_by_label FROM users WHERE username_key = ?", [username]);
    expect(user!.status).toBe("INVITED");
    expect(user!.created_by_label).toBe("margaux");
    const id = Number(user!.id);
    expect(created.location).toBe(`/en/fleet/managers/${id}?notice=created`);
    expect(await roleOf(id)).toBe("MEMBER");
    expect(await delegated(id)).toEqual([a.id, b.id].sort((x, y) => x - y));
    const grants = await sql<{ code: string }>(
      "SELECT f.code FROM grants g JOIN memberships ms ON ms.id = g.membership_id JOIN application_functions f ON f.id = g.item_id WHERE ms.user_id = ? ORDER BY f.code",
      [id],
    );
    expect(grants.map((g) => g.code)).toEqual(["manage", "view"]);
    const [audit] = await sql<{ after: string }>("SELECT after FROM audit_events WHERE action = 'fleet.manager_created' AND subject = ?", [`user:${id}`]);
    expect(JSON.parse(audit!.after)).toMatchObject({ username, fleetRole: "MEMBER", delegatedLines: expect.arrayContaining([spaced(a.msisdn), spaced(b.msisdn)]) });

    const page = await margaux.get(created.location!);
    expect(page.text).toContain(html(fill(m.created, { name: "Thomas Peeters", email })));
    expect(page.text).toContain(spaced(a.msisdn));

    const messages = await waitForOutbox((all) => all.some((message) => message.recipient === email));
    const invitation = messages.find((message) => message.recipient === email)!;
    expect(invitation.subject).toBe(en.users.invitationSubject);
    const token = invitation.body.match(/\/en\/invitation\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    const thomas = new TestBrowser();
    await thomas.get(`/en/invitation/${token}`);
    const accepted = await thomas.post(`/en/invitation/${token}`, { newPassword: "Thomas-Fleet-11", confirm: "Thomas-Fleet-11" });
    expect(accepted.status).toBe(303);

    const asThomas = await loggedInAs(username, "Thomas-Fleet-11");
    const lines = await asThomas.get("/en/fleet/lines");
    expect(lines.status).toBe(200);
    expect(lines.text).toContain(spaced(a.msisdn));
    expect(lines.text).toContain(spaced(b.msisdn));
    expect(lines.text).not.toContain(spaced(hidden.msisdn));
    expect(lines.text).not.toContain("0489 74 43 65");
    // A MEMBER does not manage fleet managers.
    expect((await asThomas.get("/en/fleet/managers")).status).toBe(403);
    expect((await asThomas.get(`/en/fleet/managers/${id}`)).status).toBe(403);
    expect((await asThomas.get("/en/fleet/managers/new")).status).toBe(403);
  });

  it("each validation error comes back as the same form, 422, with the values and the ticked lines kept, nothing stored", async () => {
    const line = await createLine();
    const username = uniqueName();
    const answer = await postPairs(margaux, "/en/fleet/managers/new", [
      ["username", username],
      ["firstName", ""],
      ["lastName", "Kept"],
      ["email", "not-an-address"],
      ["language", "xx"],
      ["role", "BOSS"],
      ["lines", String(line.id)],
    ]);
    expect(answer.status).toBe(422);
    expect(answer.text).toContain(`value="${username}"`);
    expect(answer.text).toContain('value="Kept"');
    expect(answer.text).toContain(`id="firstName-error">${html(en.errors.required)}`);
    expect(answer.text).toContain(`id="email-error">${html(en.errors.email)}`);
    expect(answer.text).toContain(`id="language-error">${html(en.errors.choice)}`);
    expect(answer.text).toContain(`id="role-error">${html(en.errors.choice)}`);
    expect(answer.text).toMatch(new RegExp(`value="${line.id}" checked`));
    const badName = await postPairs(margaux, "/en/fleet/managers/new", [
      ["username", "x"],
      ["firstName", "A"],
      ["lastName", "B"],
      ["email", "a@b.be"],
      ["language", "en"],
      ["role", "MANAGER"],
    ]);
    expect(badName.status).toBe(422);
    expect(badName.text).toContain(`id="username-error">${html(en.users.errors.usernameFormat)}`);
    const taken = await postPairs(margaux, "/en/fleet/managers/new", [
      ["username", "MARGAUX"],
      ["firstName", "A"],
      ["lastName", "B"],
      ["email", "a@b.be"],
      ["language", "en"],
      ["role", "MANAGER"],
    ]);
    expect(taken.status).toBe(422);
    expect(taken.text).toContain(`id="username-error">${html(en.users.errors.usernameTaken)}`);
    expect(await sql("SELECT id FROM users WHERE username_key = ?", [username])).toHaveLength(0);
  });

  it("a line of another customer (or no id at all) in the delegation is refused with 422; nothing is stored", async () => {
    const { customer, contract } = await foreignAccount();
    const foreign = await createLine({ customer, contract });
    const own = await createLine();
    for (const bad of [String(foreign.id), "abc"]) {
      const username = uniqueName();
      const answer = await postPairs(margaux, "/en/fleet/managers/new", [
        ["username", username],
        ["firstName", "Foreign"],
        ["lastName", "Line"],
        ["email", `${username}@t11m.example`],
        ["language", "nl"],
        ["role", "MEMBER"],
        ["lines", String(own.id)],
        ["lines", bad],
      ]);
      expect(answer.status).toBe(422);
      expect(answer.text).toContain(html(m.errors.lines));
      expect(answer.text).not.toContain(`value="${foreign.id}"`);
      expect(await sql("SELECT id FROM users WHERE username_key = ?", [username])).toHaveLength(0);
      expect(await messagesTo(`${username}@t11m.example`)).toHaveLength(0);
    }
    expect(await sql("SELECT * FROM line_delegations WHERE line_id IN (?, ?)", [foreign.id, own.id])).toHaveLength(0);
  });

  it("without JavaScript the search button posts the form and it comes back with the values, the ticks and the lines found; nothing stored", async () => {
    const [a, b] = [await createLine(), await createLine()];
    const username = uniqueName();
    const answer = await postPairs(margaux, "/en/fleet/managers/new", [
      ["username", username],
      ["firstName", "Search"],
      ["lastName", "First"],
      ["email", ""],
      ["language", "fr"],
      ["role", "MEMBER"],
      ["lines", String(a.id)],
      ["q", b.msisdn],
      ["search", "1"],
    ]);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`value="${username}"`);
    expect(answer.text).toMatch(new RegExp(`value="${a.id}" checked`));
    expect(answer.text).toContain(`value="${b.id}"`);
    expect(answer.text).not.toContain("field-error");
    expect(await sql("SELECT id FROM users WHERE username_key = ?", [username])).toHaveLength(0);
  });
});

describe("a fleet manager's page", () => {
  it("resends an invitation while INVITED (a double click sends one), and refuses once VALIDATED with 409 in the user's language, nothing sent", async () => {
    const invited = await createUser({ customer: mobile, fleetRole: "MEMBER", status: "INVITED", first: "Copy", last: "Of Malina" });
    const page = await margaux.get(`/en/fleet/managers/${invited.id}`);
    expect(page.text).toContain(m.resend);
    const first = await margaux.post(`/en/fleet/managers/${invited.id}/resend`, {});
    expect(first.status).toBe(303);
    expect(first.location).toBe(`/en/fleet/managers/${invited.id}?notice=resent`);
    await waitForOutbox((all) => all.some((message) => message.recipient === invited.email));
    expect(await messagesTo(invited.email)).toHaveLength(1);
    const again = await margaux.post(`/en/fleet/managers/${invited.id}/resend`, {});
    expect(again.location).toBe(`/en/fleet/managers/${invited.id}?notice=resentRecently`);
    expect(await messagesTo(invited.email)).toHaveLength(1);
    expect(await sql("SELECT id FROM audit_events WHERE action = 'user.invitation_resent' AND json_extract(after, '$.id') = ?", [invited.id])).toHaveLength(1);

    const validated = await createUser({ customer: mobile, fleetRole: "MEMBER", first: "Already", last: "Validated" });
    expect((await margaux.get(`/en/fleet/managers/${validated.id}`)).text).not.toContain(m.resend);
    const refused = await margaux.post(`/en/fleet/managers/${validated.id}/resend`, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(html(fill(m.alreadyConfirmed, { name: "Already Validated" })));
    const margauxFr = await loggedInAs("margaux", undefined, "fr");
    await margauxFr.get(`/fr/fleet/managers/${validated.id}`);
    const refusedFr = await margauxFr.post(`/fr/fleet/managers/${validated.id}/resend`, {});
    expect(refusedFr.status).toBe(409);
    expect(refusedFr.text).toContain(html(fill(catalogs.fr.fleetManagers.alreadyConfirmed, { name: "Already Validated" })));
    expect(await messagesTo(validated.email)).toHaveLength(0);
  });

  it("changes MEMBER → MANAGER and back, keeping a member's delegations; audited; one's own role is refused", async () => {
    const line = await createLine();
    const member = await createUser({ customer: mobile, fleetRole: "MEMBER", first: "Role", last: "Changer", lines: [line.id] });
    const up = await margaux.post(`/en/fleet/managers/${member.id}/role`, { role: "MANAGER" });
    expect(up.status).toBe(303);
    expect(await roleOf(member.id)).toBe("MANAGER");
    expect(await delegated(member.id)).toEqual([line.id]);
    const shown = await margaux.get(up.location!);
    expect(shown.text).toContain(html(fill(m.roleChanged, { name: "Role Changer", role: en.fleet.roles.MANAGER })));
    expect(shown.text).toContain(m.managerSeesAll);
    const down = await margaux.post(`/en/fleet/managers/${member.id}/role`, { role: "MEMBER" });
    expect(down.status).toBe(303);
    expect(await roleOf(member.id)).toBe("MEMBER");
    expect(await delegated(member.id)).toEqual([line.id]);
    const audits = await sql<{ before: string; after: string }>("SELECT before, after FROM audit_events WHERE action = 'fleet.manager_role' AND subject = ? ORDER BY id", [`user:${member.id}`]);
    expect(audits.map((a) => [JSON.parse(a.before).fleetRole, JSON.parse(a.after).fleetRole])).toEqual([
      ["MEMBER", "MANAGER"],
      ["MANAGER", "MEMBER"],
    ]);
    // The account's History names the change in words.
    const history = await margaux.get("/en/history?action=fleet.manager_role");
    expect(history.text).toContain(en.rights.history.actions.fleetManagerRole);
    expect(history.text).toContain(`${en.rights.history.fields.fleetRole}: ${en.fleet.roles.MEMBER} → ${en.fleet.roles.MANAGER}`);
    const invalid = await margaux.post(`/en/fleet/managers/${member.id}/role`, { role: "OWNER" });
    expect(invalid.status).toBe(422);
    expect(await roleOf(member.id)).toBe("MEMBER");

    // One's own role: a manager of our own account tries it.
    const { customer } = await foreignAccount();
    const self = await createUser({ customer, fleetRole: "MANAGER" });
    await createUser({ customer, fleetRole: "MANAGER" });
    const browser = await loggedInAs(self.username);
    const page = await browser.get(`/en/fleet/managers/${self.id}`);
    expect(page.text).toContain(m.ownRole);
    const own = await browser.post(`/en/fleet/managers/${self.id}/role`, { role: "MEMBER" });
    expect(own.status).toBe(409);
    expect(own.text).toContain(html(m.ownRole));
    expect(await roleOf(self.id)).toBe("MANAGER");
  });

  it("refuses to make the account's last MANAGER a MEMBER (409, nothing changed)", async () => {
    const { customer } = await foreignAccount();
    // An Access Owner without a fleet role acts as manager but is no fleet manager of the list.
    const owner = await createUser({ customer, profile: "owner", fleetRole: null });
    const last = await createUser({ customer, fleetRole: "MANAGER", first: "Last", last: "Manager" });
    const browser = await loggedInAs(owner.username);
    await browser.get(`/en/fleet/managers/${last.id}`);
    const refused = await browser.post(`/en/fleet/managers/${last.id}/role`, { role: "MEMBER" });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(html(fill(m.lastManager, { name: "Last Manager" })));
    expect(await roleOf(last.id)).toBe("MANAGER");
    expect(await sql("SELECT id FROM audit_events WHERE action = 'fleet.manager_role' AND subject = ?", [`user:${last.id}`])).toHaveLength(0);
    // With a second manager it may.
    await createUser({ customer, fleetRole: "MANAGER" });
    expect((await browser.post(`/en/fleet/managers/${last.id}/role`, { role: "MEMBER" })).status).toBe(303);
    expect(await roleOf(last.id)).toBe("MEMBER");
  });

  it("two demotions at once of the account's only two MANAGERs: one succeeds, the other gets 409, one MANAGER stays", async () => {
    const { customer } = await foreignAccount();
    const owner = await createUser({ customer, profile: "owner", fleetRole: null });
    const first = await createUser({ customer, fleetRole: "MANAGER", first: "First", last: "Manager" });
    const second = await createUser({ customer, fleetRole: "MANAGER", first: "Second", last: "Manager" });
    const [a, b] = await Promise.all([loggedInAs(owner.username), loggedInAs(owner.username)]);
    await Promise.all([a.get(`/en/fleet/managers/${first.id}`), b.get(`/en/fleet/managers/${second.id}`)]);
    const answers = await Promise.all([a.post(`/en/fleet/managers/${first.id}/role`, { role: "MEMBER" }), b.post(`/en/fleet/managers/${second.id}/role`, { role: "MEMBER" })]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    expect([await roleOf(first.id), await roleOf(second.id)].sort()).toEqual(["MANAGER", "MEMBER"]);
    expect(await sql("SELECT id FROM audit_events WHERE action = 'fleet.manager_role' AND subject IN (?, ?)", [`user:${first.id}`, `user:${second.id}`])).toHaveLength(1);
  });

  it("six resends of one invitation at once send one message and record one event", async () => {
    const invited = await createUser({ customer: mobile, fleetRole: "MEMBER", status: "INVITED", first: "Burst", last: "Invitee" });
    await margaux.get(`/en/fleet/managers/${invited.id}`);
    const answers = await Promise.all(Array.from({ length: 6 }, () => margaux.post(`/en/fleet/managers/${invited.id}/resend`, {})));
    expect(answers.every((r) => r.status === 303)).toBe(true);
    expect(answers.filter((r) => r.location === `/en/fleet/managers/${invited.id}?notice=resent`)).toHaveLength(1);
    await waitForOutbox((all) => all.some((message) => message.recipient === invited.email));
    expect(await messagesTo(invited.email)).toHaveLength(1);
    expect(await sql("SELECT id FROM audit_events WHERE action = 'user.invitation_resent' AND json_extract(after, '$.id') = ?", [invited.id])).toHaveLength(1);
  });

  it("delegates and takes back lines of a MEMBER; a foreign line is refused with 422 and nothing stored; a MANAGER has no delegation form", async () => {
    const [a, b, c] = [await createLine(), await createLine(), await createLine()];
    const member = await createUser({ customer: mobile, fleetRole: "MEMBER", first: "Line", last: "Holder", lines: [a.id] });
    const page = await margaux.get(`/en/fleet/managers/${member.id}?q=${c.msisdn}`);
    expect(page.text).toMatch(new RegExp(`value="${a.id}" checked`));
    expect(page.text).toContain(`value="${c.id}"`);
    // The form showed a (ticked) and c (found by the search); b was delegated meanwhile elsewhere: it stays.
    await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [b.id, member.id]);
    const saved = await postPairs(margaux, `/en/fleet/managers/${member.id}/lines`, [
      ["shown", String(a.id)],
      ["shown", String(c.id)],
      ["lines", String(c.id)],
    ]);
    expect(saved.status).toBe(303);
    expect(await delegated(member.id)).toEqual([b.id, c.id].sort((x, y) => x - y));
    expect((await margaux.get(saved.location!)).text).toContain(html(fill(m.linesSaved.other, { name: "Line Holder", count: 2 })));
    const [audit] = await sql<{ after: string }>("SELECT after FROM audit_events WHERE action = 'fleet.manager_lines' AND subject = ?", [`user:${member.id}`]);
    expect(JSON.parse(audit!.after)).toMatchObject({ linesAdded: [spaced(c.msisdn)], linesRemoved: [spaced(a.msisdn)] });
    // The page lists the stored lines ticked; a search with the ticks sent keeps an unticked stored line listed, unticked.
    const stored = await margaux.get(`/en/fleet/managers/${member.id}`);
    expect(stored.text).toMatch(new RegExp(`value="${b.id}" checked`));
    const unticked = await margaux.get(`/en/fleet/managers/${member.id}?picked=1&lines=${c.id}&q=${a.msisdn}`, { "HX-Request": "true", "HX-Target": "div#line-picker-results" });
    expect(unticked.text).toMatch(new RegExp(`value="${c.id}" checked`));
    expect(unticked.text).toContain(`value="${b.id}"`);
    expect(unticked.text).not.toMatch(new RegExp(`value="${b.id}" checked`));
    expect(unticked.text).toContain(`value="${a.id}"`);

    const { customer, contract } = await foreignAccount();
    const foreign = await createLine({ customer, contract });
    const refused = await postPairs(margaux, `/en/fleet/managers/${member.id}/lines`, [
      ["shown", String(b.id)],
      ["lines", String(a.id)],
      ["lines", String(foreign.id)],
    ]);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(html(m.errors.lines));
    expect(await delegated(member.id)).toEqual([b.id, c.id].sort((x, y) => x - y));

    // Taking every line back is allowed: nothing ticked.
    expect(
      (
        await postPairs(margaux, `/en/fleet/managers/${member.id}/lines`, [
          ["shown", String(b.id)],
          ["shown", String(c.id)],
        ])
      ).status,
    ).toBe(303);
    expect(await delegated(member.id)).toEqual([]);

    const manager = await createUser({ customer: mobile, fleetRole: "MANAGER" });
    expect((await margaux.get(`/en/fleet/managers/${manager.id}`)).text).not.toContain(m.saveLines);
    expect((await postPairs(margaux, `/en/fleet/managers/${manager.id}/lines`, [["lines", String(a.id)]])).status).toBe(409);
    expect(await delegated(manager.id)).toEqual([]);
  });

  it("another customer's user id is 404 on every route; so is a user of this account without a fleet role", async () => {
    const { customer } = await foreignAccount();
    const stranger = await createUser({ customer, fleetRole: "MEMBER", status: "INVITED" });
    const noRole = await createUser({ customer: mobile, fleetRole: null });
    for (const id of [stranger.id, noRole.id, 999_999_999]) {
      expect((await margaux.get(`/en/fleet/managers/${id}`)).status).toBe(404);
      expect((await margaux.post(`/en/fleet/managers/${id}/role`, { role: "MANAGER" })).status).toBe(404);
      expect((await margaux.post(`/en/fleet/managers/${id}/lines`, {})).status).toBe(404);
      expect((await margaux.post(`/en/fleet/managers/${id}/resend`, {})).status).toBe(404);
    }
    expect(await roleOf(stranger.id)).toBe("MEMBER");
    expect(await messagesTo(stranger.email)).toHaveLength(0);
    expect((await margaux.get("/en/fleet/managers/abc")).status).toBe(404);
  });

  it("stays small: the list, the new-user form with a line search, and a member's page with the most lines a form delegates, each ≤ 14 KB gzip", async () => {
    const lines = [];
    for (let i = 0; i < MAX_DELEGATED; i++) lines.push((await createLine()).id);
    const member = await createUser({ customer: mobile, fleetRole: "MEMBER", first: "Many", last: "Lines", lines });
    for (const path of ["/en/fleet/managers", "/en/fleet/managers/new?q=0468", `/en/fleet/managers/${member.id}?q=0468`]) {
      const page = await margaux.get(path);
      expect(page.status).toBe(200);
      expect(await gzipSize(page.text)).toBeLessThanOrEqual(14 * 1024);
    }
  });

  it("the pages read in NL and FR without key names, and the dashboard tile leads here", async () => {
    const home = await margaux.get("/en/fleet");
    expect(home.text).toContain('href="/en/fleet/managers"');
    for (const locale of ["nl", "fr"] as const) {
      const list = await margaux.get(`/${locale}/fleet/managers?q=malina`);
      expect(list.status).toBe(200);
      expect(list.text).toContain(catalogs[locale].fleetManagers.title);
      expect(list.text).not.toMatch(/fleetManagers\.|undefined/);
      const form = await margaux.get(`/${locale}/fleet/managers/new`);
      expect(form.text).toContain(html(catalogs[locale].fleetManagers.create));
    }
  });
});

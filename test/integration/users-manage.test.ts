import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto.ts";
import { loggedInAs, outbox, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";
import { addUser, counts, MOBILE, POSTAL, unique, userIdOf } from "./users-fixtures.ts";

let owner: TestBrowser;
let ownerId: number;
beforeAll(async () => {
  owner = await loggedInAs("DATATEAM");
  ownerId = await userIdOf("DATATEAM");
});

async function membership(userId: number) {
  const [row] = await sql<{ profile: string; manage_users: number; manage_admins: number; reset_passwords: number; purchaser: number }>(
    "SELECT m.profile, m.manage_users, m.manage_admins, m.reset_passwords, m.purchaser FROM memberships m JOIN customers c ON c.id = m.customer_id WHERE m.user_id = ? AND c.customer_number = ?",
    [userId, POSTAL],
  );
  return row;
}

async function auditOf(action: string, userId: number) {
  return sql<{ actor: string; before: string | null; after: string | null }>("SELECT actor, before, after FROM audit_events WHERE action = ? AND after LIKE ? ORDER BY id", [
    action,
    `{"id":${userId},%`,
  ]);
}

const editForm = (overrides: Record<string, string> = {}) => ({ firstName: "Test", lastName: "User", email: "x@users.example", language: "en", gender: "x", profile: "portal", ...overrides });

describe("Edit (Bewerken)", () => {
  it("shows the user's values and saves a change with its audit, before → after", async () => {
    const user = await addUser({ prefix: "edit." });
    const page = await owner.get(`/en/users/${user.id}/edit`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Edit user ${user.username}`);
    expect(page.text).toContain(`value="${user.email}"`);
    expect(page.text).toMatch(/id="profile-portal" name="profile" value="portal" checked=""/);

    // The user is logged in while their rights change: the session picks them up.
    const them = await loggedInAs(user.username, user.password);
    expect((await them.get("/en/home")).text).not.toContain('href="/en/users"');
    const oldCookie = them.cookies.get("__Host-loket_session");

    const r = await owner.post(`/en/users/${user.id}/edit`, editForm({ lastName: "Vermeulen", email: "new.mail@users.example", language: "nl", manageUsers: "on" }));
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/en/users?notice=updated&user=${user.id}`);
    expect((await owner.get(r.location!)).text).toContain(`The details of ${user.username} were saved.`);
    const [row] = await sql<{ last_name: string; email: string; language: string }>("SELECT last_name, email, language FROM users WHERE id = ?", [user.id]);
    expect(row).toEqual({ last_name: "Vermeulen", email: "new.mail@users.example", language: "nl" });
    expect(await membership(user.id)).toMatchObject({ profile: "portal", manage_users: 1 });

    const audit = await auditOf("user.updated", user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`user:${ownerId}`);
    expect(JSON.parse(audit[0]!.before!)).toEqual({ id: user.id, username: user.username, lastName: "User", email: user.email, language: "en", manageUsers: false });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ id: user.id, username: user.username, lastName: "Vermeulen", email: "new.mail@users.example", language: "nl", manageUsers: true });

    const home = await them.get("/en/home");
    expect(home.status).toBe(200);
    expect(home.text).toContain('href="/en/users"');
    expect(them.cookies.get("__Host-loket_session")).not.toBe(oldCookie);

    // The same form again (a double click) changes and audits nothing more.
    await owner.get(`/en/users/${user.id}/edit`);
    const again = await owner.post(`/en/users/${user.id}/edit`, editForm({ lastName: "Vermeulen", email: "new.mail@users.example", language: "nl", manageUsers: "on" }));
    expect(again.location).toBe(`/en/users?notice=unchanged&user=${user.id}`);
    expect(await auditOf("user.updated", user.id)).toHaveLength(1);
  });

  it("refuses bad input with 422 and keeps what was typed", async () => {
    const user = await addUser({ prefix: "edit.bad." });
    await owner.get(`/en/users/${user.id}/edit`);
    const before = await counts();
    const r = await owner.post(`/en/users/${user.id}/edit`, editForm({ email: "not-an-address", lastName: "Kept" }));
    expect(r.status).toBe(422);
    expect(r.text).toContain("Enter a valid e-mail address");
    expect(r.text).toContain('value="Kept"');
    expect(await counts()).toEqual(before);
    const [row] = await sql<{ email: string }>("SELECT email FROM users WHERE id = ?", [user.id]);
    expect(row!.email).toBe(user.email);
  });

  it("holds the rule of creation: no right the editor does not hold", async () => {
    const editor = await addUser({ prefix: "edit.mu.", flags: { manage_users: 1 } });
    const target = await addUser({ prefix: "edit.tgt." });
    const browser = await loggedInAs(editor.username, editor.password);
    await browser.get(`/en/users/${target.id}/edit`);
    for (const overrides of [{ manageAdmins: "on" }, { profile: "manager" }, { resetPasswords: "on" }] as Record<string, string>[]) {
      const r = await browser.post(`/en/users/${target.id}/edit`, editForm({ email: target.email, ...overrides }));
      expect(r.status).toBe(403);
    }
    expect(await membership(target.id)).toMatchObject({ profile: "portal", manage_users: 0, manage_admins: 0, reset_passwords: 0 });
    expect(await auditOf("user.updated", target.id)).toHaveLength(0);
    // Their own rights are not theirs to change.
    const self = await browser.post(`/en/users/${editor.id}/edit`, editForm({ email: editor.email, profile: "service" }));
    expect(self.status).toBe(403);
    expect(await membership(editor.id)).toMatchObject({ profile: "portal", manage_users: 1 });
    // A user with a right they do not hold is beyond them: changing the e-mail would hand them that user.
    const stronger = await addUser({ prefix: "edit.rp.", flags: { reset_passwords: 1 } });
    expect((await browser.get(`/en/users/${stronger.id}/edit`)).status).toBe(403);
    expect((await browser.post(`/en/users/${stronger.id}/edit`, editForm({ email: "takeover@evil.example" }))).status).toBe(403);
    expect((await browser.post(`/en/users/${stronger.id}/deactivate`, { confirm: "yes" })).status).toBe(403);
    expect((await sql<{ email: string; status: string }>("SELECT email, status FROM users WHERE id = ?", [stronger.id]))[0]).toEqual({ email: stronger.email, status: "VALIDATED" });
    // An Access Owner is beyond them.
    expect((await browser.get(`/en/users/${ownerId}/edit`)).status).toBe(403);
    expect((await browser.post(`/en/users/${ownerId}/edit`, editForm({ profile: "service" }))).status).toBe(403);
    expect(await membership(ownerId)).toMatchObject({ profile: "owner" });
  });

  it("leaves the personal details of someone who works for other accounts to them", async () => {
    const shared = await addUser({ prefix: "edit.shared.", accounts: [POSTAL, MOBILE] });
    const page = await owner.get(`/en/users/${shared.id}/edit`);
    expect(page.text).toContain("This user also works for other accounts");
    expect(page.text).not.toContain('id="email"');
    const r = await owner.post(`/en/users/${shared.id}/edit`, editForm({ email: "hijack@evil.example" }));
    expect(r.status).toBe(403);
    const [row] = await sql<{ email: string }>("SELECT email FROM users WHERE id = ?", [shared.id]);
    expect(row!.email).toBe(shared.email);
    // Their rights on this account can still be changed.
    const rights = await owner.post(`/en/users/${shared.id}/edit`, editForm({ email: shared.email, purchaser: "on" }));
    expect(rights.status).toBe(303);
    expect(await membership(shared.id)).toMatchObject({ purchaser: 1 });
  });
});

describe("Deactivate (Deactiveren, never delete)", () => {
  it("asks first, then deactivates, ends their sessions now and refuses their next login", async () => {
    const user = await addUser({ prefix: "deact." });
    const them = await loggedInAs(user.username, user.password);
    expect((await them.get("/en/home")).status).toBe(200);

    const confirm = await owner.get(`/en/users/${user.id}/deactivate`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(`Deactivate Test User (${user.username})?`);
    expect(confirm.text).toContain('name="confirm" value="yes"');
    // Without JavaScript the list's button posts without "confirm": the same question comes back.
    const asked = await owner.post(`/en/users/${user.id}/deactivate`, {});
    expect(asked.status).toBe(200);
    expect(asked.text).toContain("Yes, deactivate");
    expect((await sql<{ status: string }>("SELECT status FROM users WHERE id = ?", [user.id]))[0]!.status).toBe("VALIDATED");

    const r = await owner.post(`/en/users/${user.id}/deactivate`, { confirm: "yes" });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/en/users?notice=deactivated&user=${user.id}`);
    expect((await owner.get(r.location!)).text).toContain(`${user.username} is deactivated and logged out on every device.`);
    const [row] = await sql<{ status: string; deactivated_at: number | null }>("SELECT status, deactivated_at FROM users WHERE id = ?", [user.id]);
    expect(row!.status).toBe("DEACTIVATED");
    expect(row!.deactivated_at).toBeGreaterThan(Date.now() - 60_000);
    expect(await sql("SELECT id FROM memberships WHERE user_id = ?", [user.id])).toHaveLength(1);
    const audit = await auditOf("user.deactivated", user.id);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before!)).toMatchObject({ status: "VALIDATED" });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ status: "DEACTIVATED" });

    const after = await them.get("/en/home");
    expect(after.status).toBe(303);
    expect(after.location).toBe("/en/login?expired=1");
    await expect(loggedInAs(user.username, user.password)).rejects.toThrow(/failed: 422/);

    // A second click changes nothing and records nothing.
    await owner.get("/en/users");
    expect((await owner.post(`/en/users/${user.id}/deactivate`, { confirm: "yes" })).status).toBe(303);
    expect(await auditOf("user.deactivated", user.id)).toHaveLength(1);
  });

  it("one cannot deactivate oneself", async () => {
    const self = await owner.get(`/en/users/${ownerId}/deactivate`);
    expect(self.status).toBe(409);
    expect(self.text).toContain("You cannot deactivate yourself.");
    expect(self.text).not.toContain('name="confirm"');
    const r = await owner.post(`/en/users/${ownerId}/deactivate`, { confirm: "yes" });
    expect(r.status).toBe(409);
    expect((await sql<{ status: string }>("SELECT status FROM users WHERE id = ?", [ownerId]))[0]!.status).toBe("VALIDATED");
  });

  it("an Access Manager cannot deactivate the Access Owner; nobody here deactivates someone of other accounts too", async () => {
    const manager = await loggedInAs("DEKKERSL");
    await manager.get("/en/users");
    expect((await manager.post(`/en/users/${ownerId}/deactivate`, { confirm: "yes" })).status).toBe(403);
    expect((await sql<{ status: string }>("SELECT status FROM users WHERE id = ?", [ownerId]))[0]!.status).toBe("VALIDATED");

    const shared = await addUser({ prefix: "deact.shared.", accounts: [POSTAL, MOBILE] });
    const r = await owner.post(`/en/users/${shared.id}/deactivate`, { confirm: "yes" });
    expect(r.status).toBe(409);
    expect(r.text).toContain("also works for other accounts");
    expect((await sql<{ status: string }>("SELECT status FROM users WHERE id = ?", [shared.id]))[0]!.status).toBe("VALIDATED");
  });
});

describe("Resend invitation (003 Renvoyer des invitations)", () => {
  it("sends a new link while the user is invited; older links stop working; a quick second click sends nothing", async () => {
    await owner.get("/en/users/new");
    const username = unique("inv.");
    const email = `${username}@users.example`;
    const created = await owner.post("/en/users/new", { username, gender: "m", firstName: "Ivo", lastName: "Invited", email, language: "nl", profile: "service" });
    expect(created.status).toBe(303);
    const id = await userIdOf(username);

    const quick = await owner.post(`/en/users/${id}/resend`, {});
    expect(quick.location).toBe(`/en/users?notice=resentRecently&user=${id}`);
    expect(await sql("SELECT id FROM credential_tokens WHERE user_id = ?", [id])).toHaveLength(1);

    // A while later.
    await sql("UPDATE credential_tokens SET created_at = created_at - 120000 WHERE user_id = ?", [id]);
    const r = await owner.post(`/en/users/${id}/resend`, {});
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/en/users?notice=resent&user=${id}`);
    expect((await owner.get(r.location!)).text).toContain(`A new invitation was sent to ${email}.`);

    const tokens = await sql<{ token_hash: string; used_at: number | null }>("SELECT token_hash, used_at FROM credential_tokens WHERE user_id = ? AND purpose = 'invitation' ORDER BY id", [id]);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]!.used_at).not.toBeNull();
    expect(tokens[1]!.used_at).toBeNull();
    const mails = (await outbox()).filter((m) => m.recipient === email);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toBe("Uw toegang tot het klantenportaal");
    const token = mails[0]!.body.match(/https:\/\/loket\.test\/nl\/invitation\/([A-Za-z0-9_-]+)/)?.[1];
    expect(await sha256Hex(token ?? "")).toBe(tokens[1]!.token_hash);
    expect(await auditOf("user.invitation_resent", id)).toHaveLength(1);
  });

  it("is refused once the invitation was accepted", async () => {
    const user = await addUser({ prefix: "inv.done." });
    await owner.get("/en/users");
    const r = await owner.post(`/en/users/${user.id}/resend`, {});
    expect(r.status).toBe(409);
    expect(r.text).toContain(`${user.username} has already accepted the invitation`);
    expect(await sql("SELECT id FROM credential_tokens WHERE user_id = ?", [user.id])).toHaveLength(0);
  });
});

describe("users of another account are never reachable", () => {
  it.each(["margaux", "malina"])("%s of the mobile account: 404 on edit, deactivate and resend", async (username) => {
    const id = await userIdOf(username);
    const before = await counts();
    const [state] = await sql("SELECT * FROM users WHERE id = ?", [id]);
    expect((await owner.get(`/en/users/${id}/edit`)).status).toBe(404);
    expect((await owner.get(`/en/users/${id}/deactivate`)).status).toBe(404);
    await owner.get("/en/users");
    const answers = [
      await owner.post(`/en/users/${id}/edit`, editForm({ firstName: "Hacked" })),
      await owner.post(`/en/users/${id}/edit`, {}),
      await owner.post(`/en/users/${id}/deactivate`, { confirm: "yes" }),
      await owner.post(`/en/users/${id}/resend`, {}),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.text).toContain("This page does not exist, or you may not see it.");
    }
    expect(await counts()).toEqual(before);
    expect((await sql("SELECT * FROM users WHERE id = ?", [id]))[0]).toEqual(state);
  });

  it("a nonsense id is a 404 too", async () => {
    expect((await owner.get("/en/users/abc/edit")).status).toBe(404);
    expect((await owner.get("/en/users/0/deactivate")).status).toBe(404);
  });
});

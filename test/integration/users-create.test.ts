import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto.ts";
import { loggedIn, loggedInAs, outbox, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";
import { addUser, counts, POSTAL, unique, userIdOf } from "./users-fixtures.ts";

type StoredUser = {
  id: number;
  username: string;
  username_key: string;
  email: string;
  first_name: string;
  last_name: string;
  gender: string;
  language: string;
  status: string;
  password_hash: string | null;
  security_question: string | null;
  security_answer_hash: string | null;
  created_by_label: string;
  created_by_user_id: number | null;
  third_party_id: number | null;
};

async function stored(username: string) {
  return sql<StoredUser>("SELECT * FROM users WHERE username_key = ?", [username.toLowerCase()]);
}

function form(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = {
    username: unique("new."),
    securityQuestion: "Geboorteplaats van mijn moeder?",
    securityAnswer: "Hasselt",
    gender: "f",
    firstName: "Nadia",
    lastName: "Peeters",
    email: "nadia.peeters@post.example.be",
    language: "en",
    profile: "portal",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

let owner: TestBrowser;
beforeAll(async () => {
  owner = await loggedInAs("DATATEAM");
});

describe("Create user (004 §2.2.3–2.2.4)", () => {
  it("shows the fields of 004 in their order, with no password, and only the rights the creator holds", async () => {
    const page = await owner.get("/en/users/new");
    expect(page.status).toBe(200);
    const order = ["Username *", "Security question", "Answer to the security question", "Gender *", "First name *", "Name *", "E-mail address *", "Language *", "Rights for user management"];
    const positions = order.map((label) => page.text.indexOf(label));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page.text).not.toContain('type="password"');
    expect(page.text).toContain("Right to create and manage administrators");
    expect(page.text).toContain('value="owner"');
    // DATATEAM has no FTP access, so cannot give it (004 §2.1).
    expect(page.text).toMatch(/<input type="checkbox" id="f-ftpAccess" name="ftpAccess" disabled=""/);
    const nl = await owner.get("/nl/users/new");
    for (const word of [
      "Gebruikersnaam *",
      "Identificatievraag",
      "Identificatieantwoord",
      "Geslacht *",
      "Voornaam *",
      "Taal *",
      "Rechten voor gebruikersbeheer",
      "Recht om administrators aan te maken en te beheren",
      "Voltooien",
    ])
      expect(nl.text).toContain(word);
  });

  it("creates the user by invitation: user, membership, token, e-mail and audit in one go", async () => {
    await owner.get("/en/users/new");
    const data = form({ username: unique("Nadia."), language: "en", manageUsers: "on", purchaser: "on" });
    const r = await owner.post("/en/users/new", data);
    expect(r.status).toBe(303);
    const [user] = await stored(data.username!);
    expect(user).toBeDefined();
    expect(r.location).toBe(`/en/users?notice=created&user=${user!.id}`);
    const list = await owner.get(r.location!);
    expect(list.text).toContain(`User ${data.username} was created. An invitation to choose a password was sent to nadia.peeters@post.example.be.`);
    expect((await owner.get(`/en/users?q=${data.username}`)).text).toContain(`<td>${data.username}</td>`);

    expect(user).toMatchObject({
      username: data.username,
      username_key: data.username!.toLowerCase(),
      email: "nadia.peeters@post.example.be",
      first_name: "Nadia",
      last_name: "Peeters",
      gender: "f",
      language: "en",
      status: "INVITED",
      password_hash: null,
      security_question: "Geboorteplaats van mijn moeder?",
      created_by_label: "DATATEAM",
      created_by_user_id: await userIdOf("DATATEAM"),
    });
    expect(user!.security_answer_hash).toMatch(/^pbkdf2-sha256\$/);
    expect(user!.security_answer_hash).not.toContain("Hasselt");

    const memberships = await sql<{
      customer_number: string;
      profile: string;
      manage_users: number;
      manage_admins: number;
      reset_passwords: number;
      ftp_access: number;
      purchaser: number;
      incident_manager: number;
    }>(
      "SELECT c.customer_number, m.profile, m.manage_users, m.manage_admins, m.reset_passwords, m.ftp_access, m.purchaser, m.incident_manager FROM memberships m JOIN customers c ON c.id = m.customer_id WHERE m.user_id = ?",
      [user!.id],
    );
    expect(memberships).toEqual([{ customer_number: POSTAL, profile: "portal", manage_users: 1, manage_admins: 0, reset_passwords: 0, ftp_access: 0, purchaser: 1, incident_manager: 0 }]);

    const tokens = await sql<{ purpose: string; token_hash: string; used_at: number | null; expires_at: number; created_at: number }>(
      "SELECT purpose, token_hash, used_at, expires_at, created_at FROM credential_tokens WHERE user_id = ?",
      [user!.id],
    );
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.purpose).toBe("invitation");
    expect(tokens[0]!.used_at).toBeNull();
    expect(tokens[0]!.expires_at - tokens[0]!.created_at).toBe(7 * 24 * 3600 * 1000);

    // The link as the new user reads it in the outbox: German speakers get the English page.
    const mail = (await outbox()).find((m) => m.recipient === "nadia.peeters@post.example.be" && m.body.includes(data.username!));
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe("Your access to the customer portal");
    const link = mail!.body.match(/https:\/\/loket\.test\/en\/invitation\/([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    expect(await sha256Hex(link![1]!)).toBe(tokens[0]!.token_hash);

    const audit = await sql<{ actor: string; action: string; before: string | null; after: string; customer_number: string }>(
      "SELECT a.actor, a.action, a.before, a.after, c.customer_number FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE a.action = 'user.created' AND a.after LIKE ?",
      [`%"username":"${data.username}"%`],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `user:${await userIdOf("DATATEAM")}`, customer_number: POSTAL, before: null });
    const after = JSON.parse(audit[0]!.after);
    expect(after).toMatchObject({ id: user!.id, username: data.username, email: "nadia.peeters@post.example.be", status: "INVITED", profile: "portal", manageUsers: true, purchaser: true });
    expect(audit[0]!.after).not.toContain("Hasselt");
    expect(audit[0]!.after).not.toContain("pbkdf2");
  });

  it("writes the e-mail in the new user's language", async () => {
    await owner.get("/en/users/new");
    const data = form({ username: unique("fr."), email: "francoise@post.example.be", language: "fr" });
    expect((await owner.post("/en/users/new", data)).status).toBe(303);
    const mail = (await outbox()).find((m) => m.recipient === "francoise@post.example.be");
    expect(mail!.subject).toBe("Votre accès au portail client");
    expect(mail!.body).toMatch(/https:\/\/loket\.test\/fr\/invitation\/[A-Za-z0-9_-]+/);
  });

  it("a double submit creates one user and answers 'username taken'", async () => {
    await owner.get("/en/users/new");
    const data = form({ username: unique("twice.") });
    const [first, second] = await Promise.all([owner.post("/en/users/new", data), owner.post("/en/users/new", data)]);
    expect([first.status, second.status].sort()).toEqual([303, 422]);
    expect((first.status === 422 ? first : second).text).toContain("This username is already taken.");
    expect(await stored(data.username!)).toHaveLength(1);
    const again = await owner.post("/en/users/new", { ...data, username: data.username!.toUpperCase() });
    expect(again.status).toBe(422);
    expect(again.text).toContain("This username is already taken.");
  });

  it.each([
    ["a username that is too short", { username: "ab" }, "username", "Choose a username of 3 to 50 characters"],
    ["a username with a space", { username: "bad name" }, "username", "Choose a username of 3 to 50 characters"],
    ["a username of 51 characters", { username: "x".repeat(51) }, "username", "Choose a username of 3 to 50 characters"],
    ["a username already taken (any case)", { username: "datateam" }, "username", "This username is already taken."],
    ["no first name", { firstName: "" }, "firstName", "This field is required."],
    ["no name", { lastName: undefined }, "lastName", "This field is required."],
    ["a first name that is too long", { firstName: "N".repeat(101) }, "firstName", "This is too long (at most 100 characters)."],
    ["a wrong e-mail address", { email: "nadia.at.post" }, "email", "Enter a valid e-mail address"],
    ["no gender", { gender: undefined }, "gender", "Choose one of the options."],
    ["an unknown language", { language: "es" }, "language", "Choose one of the options."],
    ["an unknown profile", { profile: "superuser" }, "profile", "Choose one of the options."],
    ["a question without an answer", { securityAnswer: "" }, "securityAnswer", "Give the answer to the security question."],
    ["an answer without a question", { securityQuestion: "" }, "securityQuestion", "Give the security question that goes with this answer."],
  ])("refuses %s with 422, an inline message and nothing stored", async (_name, overrides, field, message) => {
    await owner.get("/en/users/new");
    const data = form(overrides as Record<string, string | undefined>);
    const before = await counts();
    const r = await owner.post("/en/users/new", data);
    expect(r.status).toBe(422);
    expect(r.text).toContain("Please correct the fields marked below.");
    expect(r.text).toContain(message);
    expect(r.text).toContain(`id="${field === "gender" ? "gender" : field}-error"`);
    // Nothing typed is lost.
    if (data.lastName) expect(r.text).toContain(`value="${data.lastName}"`);
    if (data.email) expect(r.text).toContain(`value="${data.email}"`);
    expect(await counts()).toEqual(before);
  });

  it("answers in the page's language", async () => {
    await owner.get("/fr/users/new");
    const r = await owner.post("/fr/users/new", form({ username: "a b" }));
    expect(r.status).toBe(422);
    expect(r.text).toContain("Choisissez un nom d&#39;utilisateur de 3 à 50 caractères");
  });

  it("an owner may create an Access Manager; the profile carries its right", async () => {
    await owner.get("/en/users/new");
    const data = form({ username: unique("mgr."), profile: "manager" });
    expect((await owner.post("/en/users/new", data)).status).toBe(303);
    const [row] = await sql<{ profile: string; manage_users: number; manage_admins: number }>(
      "SELECT m.profile, m.manage_users, m.manage_admins FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.username_key = ?",
      [data.username!.toLowerCase()],
    );
    expect(row).toEqual({ profile: "manager", manage_users: 1, manage_admins: 0 });
  });

  it("a code login is temporary single access: it creates no user (named administrators do)", async () => {
    const { browser } = await loggedIn(47);
    expect((await browser.get("/en/users/new")).status).toBe(403);
    await browser.get("/en/home");
    const data = form({ username: unique("bycode."), profile: "owner" });
    const r = await browser.post("/en/users/new", data);
    expect(r.status).toBe(403);
    expect(await stored(data.username!)).toEqual([]);
  });
});

describe("a router's administrator (004 Routeurs)", () => {
  it("creates staff of the router, who show in the router's own list", async () => {
    const router = await loggedInAs("ROUTER1");
    await router.get("/en/users/new");
    const data = form({ username: unique("rt.") });
    expect((await router.post("/en/users/new", data)).status).toBe(303);
    const [user] = await stored(data.username!);
    const [routerUser] = await stored("ROUTER1");
    expect(user!.third_party_id).toBe(routerUser!.third_party_id);
    expect(user!.created_by_label).toBe("ROUTER1");
    const [membership] = await sql<{ third_party_id: number }>("SELECT third_party_id FROM memberships WHERE user_id = ?", [user!.id]);
    expect(membership!.third_party_id).toBe(routerUser!.third_party_id);
    expect((await router.get(`/en/users?q=${data.username}`)).text).toContain(`<td>${data.username}</td>`);
  });
});

describe("a creator grants only what they hold (004 §2.1)", () => {
  let creator: { username: string; browser: TestBrowser };

  beforeAll(async () => {
    // A Portal User with the right to manage users, and nothing else.
    const user = await addUser({ prefix: "mu.only.", flags: { manage_users: 1 } });
    creator = { username: user.username, browser: await loggedInAs(user.username, user.password) };
  });

  it("the form greys out what they do not hold and offers no Owner or Manager", async () => {
    const page = await creator.browser.get("/en/users/new");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/id="f-manageAdmins" name="manageAdmins" disabled=""/);
    expect(page.text).toMatch(/id="f-manageUsers" name="manageUsers"\/>/);
    expect(page.text).not.toContain('value="owner"');
    expect(page.text).not.toContain('value="manager"');
  });

  it.each([
    ["the right to manage administrators", { manageAdmins: "on" }],
    ["the right to reset passwords", { resetPasswords: "on" }],
    ["FTP access", { ftpAccess: "on" }],
    ["the Access Manager profile", { profile: "manager" }],
    ["the Access Owner profile", { profile: "owner" }],
    ["a sub-profile they do not have", { purchaser: "on" }],
  ])("refuses %s with 403 and stores nothing", async (_name, overrides) => {
    await creator.browser.get("/en/users/new");
    const data = form({ username: unique("grant."), ...overrides });
    const before = await counts();
    const r = await creator.browser.post("/en/users/new", data);
    expect(r.status).toBe(403);
    expect(r.text).toContain("You can only grant rights and profiles that you hold yourself.");
    expect(await stored(data.username!)).toHaveLength(0);
    expect(await counts()).toEqual(before);
  });

  it("may pass on the right to manage users, as their own creation", async () => {
    await creator.browser.get("/en/users/new");
    const data = form({ username: unique("passed."), manageUsers: "on" });
    const r = await creator.browser.post("/en/users/new", data);
    expect(r.status).toBe(303);
    const [user] = await stored(data.username!);
    expect(user!.created_by_label).toBe(creator.username);
  });

  it("an Access Manager may not make an Access Manager or an Owner", async () => {
    const manager = await loggedInAs("DEKKERSL");
    for (const profile of ["manager", "owner"]) {
      await manager.get("/en/users/new");
      const data = form({ username: unique("dek."), profile });
      expect((await manager.post("/en/users/new", data)).status).toBe(403);
      expect(await stored(data.username!)).toHaveLength(0);
    }
  });
});

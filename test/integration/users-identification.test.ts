import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/lib/password.ts";
import { loggedIn, loggedInAs } from "./browser.ts";
import { sql } from "./sql.ts";
import { addUser, counts } from "./users-fixtures.ts";

const form = (overrides: Record<string, string> = {}) => ({
  securityQuestion: "",
  securityAnswer: "",
  gender: "x",
  firstName: "Test",
  lastName: "User",
  email: "me@users.example",
  language: "en",
  ...overrides,
});

async function row(id: number) {
  const [user] = await sql<{ username: string; first_name: string; email: string; language: string; security_question: string | null; security_answer_hash: string | null }>(
    "SELECT username, first_name, email, language, security_question, security_answer_hash FROM users WHERE id = ?",
    [id],
  );
  return user!;
}

describe("My identification (004 Mijn identificatie)", () => {
  it("shows one's own details with the username read-only, and saves a change with its audit", async () => {
    const me = await addUser({ prefix: "ident." });
    const browser = await loggedInAs(me.username, me.password);
    const page = await browser.get("/en/identification");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>My identification</h1>");
    expect(page.text).toContain(`<dd>${me.username}</dd>`);
    expect(page.text).not.toContain('name="username"');
    expect(page.text).toContain(`value="${me.email}"`);

    const r = await browser.post("/en/identification", form({ firstName: "Renée", email: me.email, language: "fr", securityQuestion: "Naam van mijn eerste huisdier?", securityAnswer: "Bobby" }));
    expect(r.status).toBe(303);
    expect(r.location).toBe("/en/identification?saved=1");
    expect((await browser.get(r.location!)).text).toContain("Your details have been saved.");
    const stored = await row(me.id);
    expect(stored).toMatchObject({ first_name: "Renée", language: "fr", security_question: "Naam van mijn eerste huisdier?", username: me.username });
    expect(await verifyPassword("Bobby", stored.security_answer_hash!)).toBe(true);
    const audit = await sql<{ actor: string; before: string; after: string }>("SELECT actor, before, after FROM audit_events WHERE action = 'user.identification' AND actor = ?", [`user:${me.id}`]);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before)).toEqual({ firstName: "Test", language: "en", securityQuestion: null, securityAnswer: "none" });
    expect(JSON.parse(audit[0]!.after)).toEqual({ firstName: "Renée", language: "fr", securityQuestion: "Naam van mijn eerste huisdier?", securityAnswer: "changed" });
    expect(audit[0]!.after).not.toContain("Bobby");

    // An empty answer keeps the stored one; the same form again changes nothing.
    const again = await browser.post("/en/identification", form({ firstName: "Renée", email: me.email, language: "fr", securityQuestion: "Naam van mijn eerste huisdier?" }));
    expect(again.location).toBe("/en/identification?unchanged=1");
    expect((await row(me.id)).security_answer_hash).toBe(stored.security_answer_hash);
  });

  it.each([
    ["a wrong e-mail address", { email: "nope" }, "Enter a valid e-mail address"],
    ["no first name", { firstName: "" }, "This field is required."],
    ["a new question without its answer", { securityQuestion: "Lievelingskleur?" }, "Give the answer to the security question."],
    ["an answer without a question", { securityAnswer: "Blauw" }, "Give the security question that goes with this answer."],
  ])("refuses %s with 422 and stores nothing", async (_name, overrides, message) => {
    const me = await addUser({ prefix: "ident.bad." });
    const browser = await loggedInAs(me.username, me.password);
    await browser.get("/en/identification");
    const before = await counts();
    const r = await browser.post("/en/identification", form({ email: me.email, lastName: "Kept", ...overrides }));
    expect(r.status).toBe(422);
    expect(r.text).toContain(message);
    expect(r.text).toContain('value="Kept"');
    expect(await counts()).toEqual(before);
    expect((await row(me.id)).email).toBe(me.email);
  });

  it("any named user may open it, a Service User too", async () => {
    const browser = await loggedInAs("Cleaning");
    const page = await browser.get("/nl/identification");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Mijn identificatie");
    expect(page.text).toContain("<dd>Cleaning</dd>");
  });

  it("a login by code has no named person: a note, and nothing to save", async () => {
    const { browser } = await loggedIn(46);
    const page = await browser.get("/en/identification");
    expect(page.status).toBe(200);
    expect(page.text).toContain("My identification is for named users");
    expect(page.text).not.toContain('<form class="card" method="post"');
    const r = await browser.post("/en/identification", form());
    expect(r.status).toBe(409);
  });
});

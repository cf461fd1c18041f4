import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/lib/password.ts";
import { loggedIn, loggedInAs, TestBrowser } from "./browser.ts";
import { auditActions, createUser } from "./password-fixtures.ts";
import { sql } from "./sql.ts";

const storedHash = async (userId: number) => (await sql<{ password_hash: string }>("SELECT password_hash FROM users WHERE id = ?", [userId]))[0]!.password_hash;

describe("change password (004 §3.2 Wijzig wachtwoord)", () => {
  it("shows the form with the manual's fields", async () => {
    const user = await createUser({ account: 50 });
    const browser = await loggedInAs(user.username, user.password);
    const page = await browser.get("/en/password/change");
    expect(page.status).toBe(200);
    for (const label of ["Current password", "New password", "Confirm password", "At least 8 characters", ">Change<"]) expect(page.text).toContain(label);
    expect(page.text).toContain('action="/en/password/change"');
    const nl = await browser.get("/nl/password/change");
    expect(nl.text).toContain("Wijzig wachtwoord");
    expect(nl.text).toContain("Huidig wachtwoord");
  });

  it("refuses each broken rule and a wrong current password, next to the field, and stores nothing", async () => {
    const user = await createUser({ account: 50 });
    const before = await storedHash(user.id);
    const browser = await loggedInAs(user.username, user.password);
    await browser.get("/en/password/change");
    const cases: [form: { current: string; newPassword: string; confirm: string }, field: string, message: string][] = [
      [{ current: user.password, newPassword: "Short1a", confirm: "Short1a" }, "newPassword", "Use at least 8 characters."],
      [{ current: user.password, newPassword: "lowercase-only1", confirm: "lowercase-only1" }, "newPassword", "Use at least one upper-case letter."],
      [{ current: user.password, newPassword: "UPPERCASE-ONLY1", confirm: "UPPERCASE-ONLY1" }, "newPassword", "Use at least one lower-case letter."],
      [{ current: user.password, newPassword: `Xx-${user.username}`, confirm: `Xx-${user.username}` }, "newPassword", "Your password may not contain your username."],
      [{ current: user.password, newPassword: "Brand-New-Pass1", confirm: "Brand-New-Pass2" }, "confirm", "The two passwords are not the same."],
      [{ current: user.password, newPassword: user.password, confirm: user.password }, "newPassword", "Choose a password other than your current one."],
      [{ current: "Not-My-Password1", newPassword: "Brand-New-Pass1", confirm: "Brand-New-Pass1" }, "current", "This is not your current password."],
    ];
    for (const [form, field, message] of cases) {
      const answer = await browser.post("/en/password/change", form);
      expect(answer.status, message).toBe(422);
      expect(answer.text).toMatch(new RegExp(`id="${field}-error">${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      expect(answer.text).toContain('aria-invalid="true"');
      // Typed passwords are never sent back in the page.
      expect(answer.text).not.toContain(`value="${form.newPassword}"`);
      expect(answer.text).not.toContain(`value="${form.current}"`);
    }
    // Several problems at once: each one is said.
    const many = await browser.post("/en/password/change", { current: user.password, newPassword: "abc", confirm: "abd" });
    expect(many.text).toContain("Use at least 8 characters. Use at least one upper-case letter.");
    expect(many.text).toContain('id="confirm-error">The two passwords are not the same.');
    const empty = await browser.post("/en/password/change", { current: "", newPassword: "", confirm: "" });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('id="current-error">This field is required.');
    expect(await storedHash(user.id)).toBe(before);
    expect(await auditActions(user.id)).not.toContain("password.changed");
  });

  it("changes it, keeps this browser logged in, ends the other sessions, and audits it", async () => {
    const user = await createUser({ account: 51 });
    const here = await loggedInAs(user.username, user.password);
    const elsewhere = await loggedInAs(user.username, user.password);
    const oldCookie = here.cookies.get("__Host-loket_session");
    await here.get("/en/password/change");
    const changed = await here.post("/en/password/change", { current: user.password, newPassword: "Fresh-Secret-9", confirm: "Fresh-Secret-9" });
    expect(changed.status).toBe(303);
    expect(changed.location).toBe("/en/password/change?changed=1");
    expect(here.cookies.get("__Host-loket_session")).not.toBe(oldCookie);

    const notice = await here.get("/en/password/change?changed=1");
    expect(notice.status).toBe(200);
    expect(notice.text).toContain("Your password has been changed.");
    expect((await here.get("/en/home")).status).toBe(200);

    const other = await elsewhere.get("/en/home");
    expect(other.status).toBe(303);
    expect(other.location).toBe("/en/login?expired=1");

    expect(await verifyPassword("Fresh-Secret-9", await storedHash(user.id))).toBe(true);
    expect(await auditActions(user.id)).toContain("password.changed");
    await expect(loggedInAs(user.username, user.password)).rejects.toThrow(/failed: 422/);
    await expect(loggedInAs(user.username, "Fresh-Secret-9")).resolves.toBeInstanceOf(TestBrowser);
  });

  it("a double submit changes the password once and leaves the browser logged in", async () => {
    const user = await createUser({ account: 51 });
    const browser = await loggedInAs(user.username, user.password);
    await browser.get("/en/password/change");
    const form = { current: user.password, newPassword: "Twice-Sent-77", confirm: "Twice-Sent-77" };
    const cookieBefore = browser.cookies.get("__Host-loket_session")!;
    expect((await browser.post("/en/password/change", form)).status).toBe(303);
    // The same form sent again (back button, resubmit): already done, nothing more written.
    const again = await browser.post("/en/password/change", form);
    expect(again.status).toBe(303);
    expect(again.location).toBe("/en/password/change?changed=1");
    // A copy sent with the cookie from before: that session was ended by the change.
    const stale = new TestBrowser(browser.ip);
    stale.cookies = new Map(browser.cookies);
    stale.cookies.set("__Host-loket_session", cookieBefore);
    stale.lastHtml = browser.lastHtml;
    const late = await stale.post("/en/password/change", form);
    expect(late.status).toBe(303);
    expect(late.location).toBe("/en/login?expired=1");
    expect((await sql("SELECT id FROM audit_events WHERE actor = ? AND action = 'password.changed'", [`user:${user.id}`])).length).toBe(1);
    expect(await verifyPassword("Twice-Sent-77", await storedHash(user.id))).toBe(true);
    expect((await browser.get("/en/home")).status).toBe(200);
  });

  it("a code login has no password to change: the page says so and a post changes nothing", async () => {
    const { browser } = await loggedIn(52);
    const page = await browser.get("/en/password/change");
    expect(page.status).toBe(200);
    expect(page.text).toContain("You logged in with a temporary code: there is no password to change.");
    expect(page.text).not.toContain('name="current"');
    const post = await browser.post("/en/password/change", { current: "x", newPassword: "Brand-New-Pass1", confirm: "Brand-New-Pass1" });
    expect(post.status).toBe(409);
    expect(post.text).toContain("there is no password to change");
    expect((await sql("SELECT id FROM audit_events WHERE action = 'password.changed' AND actor LIKE 'code:%'")).length).toBe(0);
  });

  it("without a session the page sends you to the login page", async () => {
    const page = await new TestBrowser().get("/en/password/change");
    expect(page.status).toBe(303);
    expect(page.location).toBe("/en/login");
  });

  it("wrong current passwords are limited too", async () => {
    const user = await createUser({ account: 52 });
    const browser = await loggedInAs(user.username, user.password);
    await browser.get("/en/password/change");
    for (let i = 0; i < 3; i++) expect((await browser.post("/en/password/change", { current: `Wrong-Guess-${i}`, newPassword: "Brand-New-Pass1", confirm: "Brand-New-Pass1" })).status).toBe(422);
    const locked = await browser.post("/en/password/change", { current: user.password, newPassword: "Brand-New-Pass1", confirm: "Brand-New-Pass1" });
    expect(locked.status).toBe(429);
    expect(locked.text).toContain("Too many failed attempts. Wait 30 seconds");
    expect(await verifyPassword(user.password, await storedHash(user.id))).toBe(true);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "../../src/lib/password.ts";
import { loggedInAs, TestBrowser } from "./browser.ts";
import { auditActions, createUser, insertToken, linkIn, mailsAfter, newestOutboxId, waitForMail } from "./password-fixtures.ts";
import { sql } from "./sql.ts";

afterEach(() => {
  vi.useRealTimers();
});

const storedHash = async (userId: number) => (await sql<{ password_hash: string }>("SELECT password_hash FROM users WHERE id = ?", [userId]))[0]!.password_hash;
const pathOf = (link: string) => new URL(link).pathname;

/** Asks for a reset link as a person would, and reads it in the e-mail. */
async function askResetLink(browser: TestBrowser, identifier: string, recipient: string) {
  const before = await newestOutboxId();
  await browser.get("/en/password/forgot");
  const answer = await browser.post("/en/password/forgot", { identifier });
  expect(answer.status).toBe(200);
  const mail = await waitForMail(recipient, before);
  return { answer, mail, link: linkIn(mail.body)! };
}

describe("forgotten password (004 §3.3 Herstellen wachtwoord)", () => {
  it("the password login page links to both forgotten-details pages", async () => {
    const page = await new TestBrowser().get("/en/login/password");
    expect(page.text).toContain('href="/en/password/forgot"');
    expect(page.text).toContain('href="/en/username/forgot"');
    const forgot = await new TestBrowser().get("/nl/password/forgot");
    expect(forgot.status).toBe(200);
    expect(forgot.text).toContain("Herstellen wachtwoord");
    expect(forgot.text).toContain("Bevestigen");
  });

  it("e-mails a link with the username; the link sets a new password once and ends the old sessions", async () => {
    const user = await createUser({ account: 53 });
    const oldSession = await loggedInAs(user.username, user.password);
    const browser = new TestBrowser();
    const { answer, mail, link } = await askResetLink(browser, user.username, user.email);
    expect(answer.text).toContain("If we know this user, we have sent a link");
    expect(mail.subject).toBe("Set a new password");
    expect(mail.body).toContain(user.username);
    expect(link).toMatch(/^https:\/\/loket\.test\/en\/password\/reset\/[A-Za-z0-9_-]{43}$/);
    // Only the hash of the token is stored.
    const token = pathOf(link).split("/").pop()!;
    expect((await sql("SELECT id FROM credential_tokens WHERE token_hash = ?", [token])).length).toBe(0);
    expect((await sql("SELECT id FROM credential_tokens WHERE user_id = ? AND purpose = 'password_reset' AND used_at IS NULL", [user.id])).length).toBe(1);

    const form = await browser.get(pathOf(link));
    expect(form.status).toBe(200);
    expect(form.text).toContain(`Choose a new password for user ${user.username}.`);
    expect(form.response.headers.get("Cache-Control")).toBe("no-store");

    const weak = await browser.post(pathOf(link), { newPassword: "weakpass", confirm: "weakpass" });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('id="newPassword-error">Use at least one upper-case letter.');
    const mismatch = await browser.post(pathOf(link), { newPassword: "Reset-Pass-42", confirm: "Reset-Pass-43" });
    expect(mismatch.text).toContain('id="confirm-error">The two passwords are not the same.');

    const done = await browser.post(pathOf(link), { newPassword: "Reset-Pass-42", confirm: "Reset-Pass-42" });
    expect(done.status).toBe(303);
    expect(done.location).toBe("/en/login/password?done=reset");
    const loginPage = await browser.get(done.location!);
    expect(loginPage.text).toContain("Your new password is saved.");
    expect(await verifyPassword("Reset-Pass-42", await storedHash(user.id))).toBe(true);
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(["password.reset_requested", "password.reset"]));

    const ended = await oldSession.get("/en/home");
    expect(ended.location).toBe("/en/login?expired=1");
    await expect(loggedInAs(user.username, "Reset-Pass-42")).resolves.toBeInstanceOf(TestBrowser);

    // Used: the link is refused clearly, with a way to ask a new one.
    const reused = await new TestBrowser().get(pathOf(link));
    expect(reused.status).toBe(410);
    expect(reused.text).toContain("This link is no longer valid");
    expect(reused.text).toContain('href="/en/password/forgot"');
    const reusedPost = await browser.post(pathOf(link), { newPassword: "Other-Pass-77", confirm: "Other-Pass-77" });
    expect(reusedPost.status).toBe(410);
    expect(await verifyPassword("Reset-Pass-42", await storedHash(user.id))).toBe(true);
  });

  it("a second submit of the same form right after is not an error, and changes nothing more", async () => {
    const user = await createUser({ account: 53 });
    const browser = new TestBrowser();
    const { link } = await askResetLink(browser, user.email, user.email);
    await browser.get(pathOf(link));
    const form = { newPassword: "Double-Click-5", confirm: "Double-Click-5" };
    expect((await browser.post(pathOf(link), form)).status).toBe(303);
    const again = await browser.post(pathOf(link), form);
    expect(again.status).toBe(303);
    expect((await sql("SELECT id FROM audit_events WHERE actor = ? AND action = 'password.reset'", [`user:${user.id}`])).length).toBe(1);
  });

  it("a link expires after 1 hour (simulated clock)", async () => {
    const user = await createUser({ account: 54 });
    const browser = new TestBrowser();
    const { link } = await askResetLink(browser, user.username, user.email);
    expect((await browser.get(pathOf(link))).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60 * 60 * 1000 + 1000);
    const late = await browser.get(pathOf(link));
    expect(late.status).toBe(410);
    expect(late.text).toContain("has expired (it is valid for 1 hour)");
    const latePost = await browser.post(pathOf(link), { newPassword: "Too-Late-123", confirm: "Too-Late-123" });
    expect(latePost.status).toBe(410);
    expect(await verifyPassword(user.password, await storedHash(user.id))).toBe(true);
  });

  it("using a link closes the user's other open links", async () => {
    const user = await createUser({ account: 54 });
    const older = await insertToken(user.id, "password_reset", { expiresAt: Date.now() + 3600_000 });
    const newer = await insertToken(user.id, "password_reset", { expiresAt: Date.now() + 3600_000 });
    const browser = new TestBrowser();
    await browser.get(`/en/password/reset/${newer}`);
    expect((await browser.post(`/en/password/reset/${newer}`, { newPassword: "Newest-Pass-1", confirm: "Newest-Pass-1" })).status).toBe(303);
    expect((await browser.get(`/en/password/reset/${older}`)).status).toBe(410);
  });

  it("answers the same page for an unknown name, an invited user and a known one, and mails only the known one", async () => {
    const known = await createUser({ account: 55 });
    const invited = await createUser({ account: 55, password: null });
    const browser = new TestBrowser();
    await browser.get("/en/password/forgot");
    const before = await newestOutboxId();
    const answers = [
      await browser.post("/en/password/forgot", { identifier: "nobody-at-all-here" }),
      await browser.post("/en/password/forgot", { identifier: invited.username }),
      await browser.post("/en/password/forgot", { identifier: known.username }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(answers[0]!.text);
    }
    await waitForMail(known.email, before);
    const mails = await mailsAfter(before);
    expect(mails.map((m) => m.recipient)).toEqual([known.email]);
  });

  it("a bad link is refused, a missing identifier is a field error", async () => {
    const browser = new TestBrowser();
    expect((await browser.get("/en/password/reset/not-a-real-token-at-all")).status).toBe(410);
    await browser.get("/en/password/forgot");
    const empty = await browser.post("/en/password/forgot", { identifier: "" });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('id="identifier-error">This field is required.');
  });

  it("a deactivated user's link does not work", async () => {
    const user = await createUser({ account: 55 });
    const token = await insertToken(user.id, "password_reset", { expiresAt: Date.now() + 3600_000 });
    await sql("UPDATE users SET status = 'DEACTIVATED' WHERE id = ?", [user.id]);
    expect((await new TestBrowser().get(`/en/password/reset/${token}`)).status).toBe(410);
  });
});

describe("forgotten username (004 §3.3)", () => {
  it("e-mails the usernames linked to the address; the same answer for an unknown address", async () => {
    const email = `shared-${crypto.randomUUID().slice(0, 8)}@test.example`;
    const first = await createUser({ account: 56, email });
    const second = await createUser({ account: 57, email });
    const browser = new TestBrowser();
    const page = await browser.get("/en/username/forgot");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Forgotten username");
    const before = await newestOutboxId();
    const known = await browser.post("/en/username/forgot", { email });
    const unknown = await browser.post("/en/username/forgot", { email: "nobody-here@test.example" });
    expect(known.status).toBe(200);
    expect(known.text).toContain("If users are linked to this e-mail address");
    expect(unknown.text).toBe(known.text);
    const mail = await waitForMail(email, before);
    expect(mail.subject).toBe("Your username");
    expect(mail.body).toContain(first.username);
    expect(mail.body).toContain(second.username);
    expect(mail.body).toContain("https://loket.test/en/login/password");
    expect((await mailsAfter(before)).map((m) => m.recipient)).toEqual([email]);
  });

  it("asks for a valid e-mail address", async () => {
    const browser = new TestBrowser();
    await browser.get("/fr/username/forgot");
    const bad = await browser.post("/fr/username/forgot", { email: "pas-une-adresse" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="email-error"');
  });
});

describe("the password pages in each language", () => {
  it.each(["nl", "fr", "en"] as const)("%s: no placeholder or key name left, and the page's own language", async (locale) => {
    const user = await createUser({ account: 60, language: locale });
    const browser = await loggedInAs(user.username, user.password, locale);
    const token = await insertToken(user.id, "password_reset", { expiresAt: Date.now() + 3600_000 });
    const anonymous = new TestBrowser(undefined, locale);
    const pages = [
      await anonymous.get(`/${locale}/login/password?done=reset`),
      await anonymous.get(`/${locale}/password/forgot`),
      await anonymous.get(`/${locale}/username/forgot`),
      await anonymous.get(`/${locale}/password/reset/${token}`),
      await anonymous.get(`/${locale}/password/reset/unknown-token-0123456789`),
      await browser.get(`/${locale}/password/change`),
    ];
    for (const page of pages) {
      expect(page.text).toContain(`<html lang="${locale}">`);
      expect(page.text).not.toMatch(/\{\w+\}/);
      expect(page.text).not.toMatch(/\bpassword\.[a-z]+\.?\w*\b(?![^<]*>)/);
    }
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/lib/password.ts";
import { loggedInAs, TestBrowser } from "./browser.ts";
import { createUser, insertToken } from "./password-fixtures.ts";
import { sql } from "./sql.ts";

type UserRow = { id: number; status: string; password_hash: string | null };
const malina = async () => (await sql<UserRow>("SELECT id, status, password_hash FROM users WHERE username_key = 'malina'"))[0]!;

// Malina is a demo user that other files expect INVITED: put her back as she was.
afterAll(async () => {
  const { id } = await malina();
  await sql("UPDATE users SET status = 'INVITED', password_hash = NULL, last_login_at = NULL WHERE id = ?", [id]);
});

describe("invitation acceptance (003 création de profil, 004 user creation by invitation)", () => {
  it("malina (INVITED) chooses a password, becomes VALIDATED and can log in; the link then is refused", async () => {
    const before = await malina();
    expect(before.status).toBe("INVITED");
    const token = await insertToken(before.id, "invitation");
    const browser = new TestBrowser(undefined, "nl");

    const page = await browser.get(`/nl/invitation/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Uw gebruikersnaam is malina.");
    expect(page.text).toContain("Bevestig wachtwoord");

    const withName = await browser.post(`/nl/invitation/${token}`, { newPassword: "Malina-2026", confirm: "Malina-2026" });
    expect(withName.status).toBe(422);
    expect(withName.text).toContain('id="newPassword-error">Uw wachtwoord mag uw gebruikersnaam niet bevatten.');
    const short = await browser.post(`/nl/invitation/${token}`, { newPassword: "Kort1", confirm: "Kort1" });
    expect(short.text).toContain("Gebruik minstens 8 tekens.");
    const mismatch = await browser.post(`/nl/invitation/${token}`, { newPassword: "Fleet-Member-8", confirm: "Fleet-Member-9" });
    expect(mismatch.text).toContain('id="confirm-error">De twee wachtwoorden zijn niet gelijk.');
    expect((await malina()).status).toBe("INVITED");

    const accepted = await browser.post(`/nl/invitation/${token}`, { newPassword: "Fleet-Member-8", confirm: "Fleet-Member-8" });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe("/nl/login/password?done=invitation");
    expect((await browser.get(accepted.location!)).text).toContain("Uw wachtwoord is ingesteld en uw gebruiker is actief.");

    const after = await malina();
    expect(after.status).toBe("VALIDATED");
    expect(await verifyPassword("Fleet-Member-8", after.password_hash!)).toBe(true);
    const [tokenRow] = await sql<{ used_at: number | null }>("SELECT used_at FROM credential_tokens WHERE user_id = ? AND purpose = 'invitation' ORDER BY id DESC LIMIT 1", [after.id]);
    expect(tokenRow!.used_at).not.toBeNull();
    const audit = await sql<{ action: string; before: string; after: string }>("SELECT action, before, after FROM audit_events WHERE actor = ? AND action = 'user.validated'", [`user:${after.id}`]);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after)).toEqual({ status: "VALIDATED" });

    const loggedIn = await loggedInAs("malina", "Fleet-Member-8");
    expect((await loggedIn.get("/en/home")).status).toBe(200);

    const reused = await new TestBrowser().get(`/en/invitation/${token}`);
    expect(reused.status).toBe(410);
    expect(reused.text).toContain("This invitation is no longer valid");
    expect(reused.text).toContain("Ask your administrator to send you a new invitation.");
    const reusedPost = await browser.post(`/nl/invitation/${token}`, { newPassword: "Someone-Else-1", confirm: "Someone-Else-1" });
    expect(reusedPost.status).toBe(410);
    expect(await verifyPassword("Fleet-Member-8", (await malina()).password_hash!)).toBe(true);
  });

  it("an expired invitation (older than 7 days) is refused", async () => {
    const user = await createUser({ account: 58, password: null });
    const token = await insertToken(user.id, "invitation", { expiresAt: Date.now() - 1000 });
    const browser = new TestBrowser();
    const page = await browser.get(`/en/invitation/${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain("has expired (it is valid for 7 days)");
    const post = await browser.post(`/en/invitation/${token}`, { newPassword: "Late-Comer-12", confirm: "Late-Comer-12" });
    expect(post.status).toBe(410);
    expect((await sql<{ status: string }>("SELECT status FROM users WHERE id = ?", [user.id]))[0]!.status).toBe("INVITED");
  });

  it("a deactivated user cannot use an invitation", async () => {
    const user = await createUser({ account: 58, password: null, status: "DEACTIVATED" });
    const token = await insertToken(user.id, "invitation");
    const browser = new TestBrowser();
    const page = await browser.get(`/en/invitation/${token}`);
    expect(page.status).toBe(403);
    expect(page.text).toContain("This user has been deactivated.");
    const post = await browser.post(`/en/invitation/${token}`, { newPassword: "Come-Back-123", confirm: "Come-Back-123" });
    expect(post.status).toBe(403);
    const [row] = await sql<{ status: string; password_hash: string | null }>("SELECT status, password_hash FROM users WHERE id = ?", [user.id]);
    expect(row).toEqual({ status: "DEACTIVATED", password_hash: null });
  });

  it("a reset link is not an invitation, and an unknown token is refused", async () => {
    const user = await createUser({ account: 59, password: null });
    const resetToken = await insertToken(user.id, "password_reset");
    expect((await new TestBrowser().get(`/en/invitation/${resetToken}`)).status).toBe(410);
    expect((await new TestBrowser().get("/en/invitation/unknown-token-0123456789")).status).toBe(410);
  });
});

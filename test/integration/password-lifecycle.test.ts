import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { deactivateDormantUsers, dormantCutoff } from "../../src/features/password/lifecycle.ts";
import type { Env } from "../../src/lib/env.ts";
import type { MessageSender, OutgoingMessage } from "../../src/lib/outbox.ts";
import { loggedInAs } from "./browser.ts";
import { createUser } from "./password-fixtures.ts";
import { sql } from "./sql.ts";

const workerEnv = env as unknown as Env;
const db = () => createDb(workerEnv.TURSO_DATABASE_URL, workerEnv.TURSO_AUTH_TOKEN);
const day = 24 * 3600 * 1000;
// The job runs "in" mid-2021 and the test users live in 2019–2021: whatever today's date, the
// demo users and other files' users are far newer than its cutoff and stay untouched.
const now = Date.UTC(2021, 5, 1, 3, 0, 0);

type Row = { status: string; deactivated_at: number | null };
const statusOf = async (id: number) => (await sql<Row>("SELECT status, deactivated_at FROM users WHERE id = ?", [id]))[0]!;

describe("dormant users are deactivated after 12 months (002 §2.2.3)", () => {
  it("deactivates a user not seen for 12 months, ends their sessions, audits and tells them in their language", async () => {
    const dormant = await createUser({ account: 56, language: "fr", createdAt: now - 800 * day });
    // Created 13 months before, never logged in: dormant all the same.
    const neverLoggedIn = await createUser({ account: 56, language: "de", createdAt: now - 400 * day, lastLoginAt: null });
    const recent = await createUser({ account: 57, createdAt: now - 800 * day, lastLoginAt: now - 300 * day });
    const fresh = await createUser({ account: 57, createdAt: now - 30 * day, lastLoginAt: null });
    const invited = await createUser({ account: 57, password: null, createdAt: now - 800 * day, lastLoginAt: null });
    // A session opened before the job runs; logging in set lastLoginAt, so age it afterwards.
    const browser = await loggedInAs(dormant.username, dormant.password);
    expect((await browser.get("/en/home")).status).toBe(200);
    await sql("UPDATE users SET last_login_at = ? WHERE id = ?", [now - 13 * 31 * day, dormant.id]);

    const sent: OutgoingMessage[] = [];
    const sender: MessageSender = {
      async send(message) {
        sent.push(message);
      },
    };
    const result = await deactivateDormantUsers(db(), workerEnv.KV, now, sender);
    expect(result).toEqual({ deactivated: 2, more: false });

    for (const user of [dormant, neverLoggedIn]) {
      const row = await statusOf(user.id);
      expect(row.status).toBe("DEACTIVATED");
      expect(row.deactivated_at).toBe(now);
    }
    for (const user of [recent, fresh]) expect((await statusOf(user.id)).status).toBe("VALIDATED");
    expect((await statusOf(invited.id)).status).toBe("INVITED");

    const ended = await browser.get("/en/home");
    expect(ended.status).toBe(303);
    expect(ended.location).toBe("/en/login?expired=1");

    const audit = await sql<{ actor: string; customer_id: number; after: string }>("SELECT actor, customer_id, after FROM audit_events WHERE action = 'user.deactivated_dormant' AND after LIKE ?", [
      `%"userId":${dormant.id},%`,
    ]);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe("system");
    expect(audit[0]!.customer_id).toBeGreaterThan(0);

    // Queued in the outbox with the change, then delivered by the sender.
    const mails = await sql<{ recipient: string; subject: string; body: string; status: string }>("SELECT recipient, subject, body, status FROM outbox_messages WHERE recipient IN (?, ?)", [
      dormant.email,
      neverLoggedIn.email,
    ]);
    const toDormant = mails.find((m) => m.recipient === dormant.email)!;
    expect(toDormant.subject).toBe("Votre compte utilisateur a été désactivé");
    expect(toDormant.body).toContain(dormant.username);
    expect(toDormant.status).toBe("sent");
    // German is not a portal language yet: English.
    expect(mails.find((m) => m.recipient === neverLoggedIn.email)!.subject).toBe("Your user account has been deactivated");
    expect(sent.map((m) => m.recipient)).toEqual(expect.arrayContaining([dormant.email, neverLoggedIn.email]));

    // Deactivated: the password no longer opens a session.
    await expect(loggedInAs(dormant.username, dormant.password)).rejects.toThrow(/failed: 422/);

    // A second run finds nothing more to do for them and sends nothing twice.
    await deactivateDormantUsers(db(), workerEnv.KV, now);
    expect((await sql("SELECT id FROM outbox_messages WHERE recipient = ?", [dormant.email])).length).toBe(1);
    expect((await sql("SELECT id FROM audit_events WHERE action = 'user.deactivated_dormant' AND after LIKE ?", [`%"userId":${dormant.id},%`])).length).toBe(1);
  });

  it("works in bounded batches: one run handles at most the batch size, the next run the rest", async () => {
    const users = [];
    for (let i = 0; i < 3; i++) users.push(await createUser({ account: 58, createdAt: now - 900 * day, lastLoginAt: now - 500 * day }));
    expect(await deactivateDormantUsers(db(), workerEnv.KV, now, undefined, 2)).toEqual({ deactivated: 2, more: true });
    const statuses = await Promise.all(users.map(async (user) => (await statusOf(user.id)).status));
    expect(statuses).toEqual(["DEACTIVATED", "DEACTIVATED", "VALIDATED"]);
    expect(await deactivateDormantUsers(db(), workerEnv.KV, now, undefined, 2)).toEqual({ deactivated: 1, more: false });
    expect((await statusOf(users[2]!.id)).status).toBe("DEACTIVATED");
    expect(await deactivateDormantUsers(db(), workerEnv.KV, now, undefined, 2)).toEqual({ deactivated: 0, more: false });
  });

  it("12 months is counted in calendar months", () => {
    expect(dormantCutoff(Date.UTC(2026, 10, 23, 10)).toISOString()).toBe("2025-11-23T10:00:00.000Z");
  });
});

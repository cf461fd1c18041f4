import { sha256Hex } from "../../src/lib/crypto.ts";
import { hashPassword } from "../../src/lib/password.ts";
import { outbox, type OutboxMessage } from "./browser.ts";
import { sql } from "./sql.ts";

/** Test accounts 50–60 are this module's (customer_number 7000NN, seeded by test/setup). */
export type OwnAccount = 50 | 51 | 52 | 53 | 54 | 55 | 56 | 57 | 58 | 59 | 60;

export const uniqueName = (prefix: string) => `${prefix}${crypto.randomUUID().slice(0, 8)}`;

export type TestUser = { id: number; username: string; email: string; password: string };

/** A named user of its own, so destructive tests leave the demo users alone. */
export async function createUser(options: {
  account: OwnAccount;
  prefix?: string;
  password?: string | null;
  status?: "INVITED" | "VALIDATED" | "DEACTIVATED";
  language?: "nl" | "fr" | "en" | "de";
  email?: string;
  createdAt?: number;
  lastLoginAt?: number | null;
}): Promise<TestUser> {
  const username = uniqueName(options.prefix ?? "pwtest");
  const email = options.email ?? `${username}@test.example`;
  const password = options.password === undefined ? "Start-Password-1" : options.password;
  const hash = password === null ? null : await hashPassword(password);
  const now = Date.now();
  const [row] = await sql<{ id: number }>(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at, last_login_at) VALUES (?, ?, ?, 'Test', 'Gebruiker', 'x', ?, ?, ?, 'ADMIN', ?, ?) RETURNING id",
    [
      username,
      username.toLowerCase(),
      email,
      options.language ?? "en",
      hash,
      options.status ?? (hash ? "VALIDATED" : "INVITED"),
      options.createdAt ?? now,
      options.lastLoginAt === undefined ? now : options.lastLoginAt,
    ],
  );
  await sql("INSERT INTO memberships (user_id, customer_id, profile, created_at) SELECT ?, id, 'portal', ? FROM customers WHERE customer_number = ?", [row!.id, now, String(700000 + options.account)]);
  return { id: row!.id, username, email, password: password ?? "" };
}

/** A link token as "My users" or the reset form would store it: only its SHA-256 is kept. */
export async function insertToken(userId: number, purpose: "invitation" | "password_reset", options: { expiresAt?: number; usedAt?: number } = {}): Promise<string> {
  const token = `test-${crypto.randomUUID().replace(/-/g, "")}`;
  const now = Date.now();
  await sql("INSERT INTO credential_tokens (user_id, purpose, token_hash, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, ?, ?)", [
    userId,
    purpose,
    await sha256Hex(token),
    options.expiresAt ?? now + 7 * 24 * 3600 * 1000,
    options.usedAt ?? null,
    now,
  ]);
  return token;
}

export async function newestOutboxId(): Promise<number> {
  return (await outbox())[0]?.id ?? 0;
}

/** Mail is written after the answer is sent (so its timing says nothing): wait for it to land. */
export async function waitForMail(recipient: string, afterId: number, timeoutMs = 5000): Promise<OutboxMessage> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const message = (await outbox()).find((m) => m.recipient === recipient && m.id > afterId);
    if (message) return message;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${recipient}`);
}

/** Gives background work time to run, then lists what arrived after `afterId`. */
export async function mailsAfter(afterId: number, settleMs = 400): Promise<OutboxMessage[]> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return (await outbox()).filter((m) => m.id > afterId);
}

export const linkIn = (body: string) => body.match(/https?:\/\/\S+/)?.[0];

export async function auditActions(userId: number): Promise<string[]> {
  const rows = await sql<{ action: string }>("SELECT action FROM audit_events WHERE actor = ? OR after LIKE ? ORDER BY id", [`user:${userId}`, `%"userId":${userId}%`]);
  return rows.map((row) => row.action);
}

import { hashPassword } from "../../src/lib/password.ts";
import { sql } from "./sql.ts";

/** The postal account of 004 (DATATEAM's) and the mobile account of 003 (margaux's). */
export const POSTAL = "0001023456";
export const MOBILE = "100457319";

export const unique = (prefix: string) => `${prefix}${crypto.randomUUID().slice(0, 8)}`;

export async function userIdOf(username: string): Promise<number> {
  const [row] = await sql<{ id: number }>("SELECT id FROM users WHERE username_key = ?", [username.toLowerCase()]);
  if (!row) throw new Error(`no user ${username}`);
  return Number(row.id);
}

export type Flags = Partial<Record<"manage_admins" | "manage_users" | "reset_passwords" | "ftp_access" | "purchaser", 0 | 1>>;
export type TestUser = { id: number; username: string; email: string; password: string };

/**
 * A user of this module's own (the demo users stay as other test files expect them), with a
 * membership on each account given and, unless INVITED, a password to log in with.
 */
export async function addUser(
  options: { prefix?: string; accounts?: string[]; profile?: "owner" | "manager" | "portal" | "service"; flags?: Flags; status?: "INVITED" | "VALIDATED"; firstName?: string; lastName?: string } = {},
): Promise<TestUser> {
  const username = unique(options.prefix ?? "usr.");
  const email = `${username}@users.example`;
  const password = "Users-Test-2026";
  const status = options.status ?? "VALIDATED";
  const hash = status === "INVITED" ? null : await hashPassword(password);
  const now = Date.now();
  const [row] = await sql<{ id: number }>(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at) VALUES (?, ?, ?, ?, ?, 'x', 'en', ?, ?, 'DATATEAM', ?) RETURNING id",
    [username, username.toLowerCase(), email, options.firstName ?? "Test", options.lastName ?? "User", hash, status, now],
  );
  const id = Number(row!.id);
  const flags = { manage_admins: 0, manage_users: 0, reset_passwords: 0, ftp_access: 0, purchaser: 0, ...options.flags };
  for (const account of options.accounts ?? [POSTAL]) {
    await sql(
      "INSERT INTO memberships (user_id, customer_id, profile, manage_admins, manage_users, reset_passwords, ftp_access, purchaser, created_at) SELECT ?, id, ?, ?, ?, ?, ?, ?, ? FROM customers WHERE customer_number = ?",
      [id, options.profile ?? "portal", flags.manage_admins, flags.manage_users, flags.reset_passwords, flags.ftp_access, flags.purchaser, now, account],
    );
  }
  return { id, username, email, password };
}

/** The usernames in the list's table, top to bottom, as a person reads them. */
export function listedUsernames(html: string): string[] {
  return [...html.matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]!);
}

export async function counts() {
  const [row] = await sql<{ users: number; memberships: number; tokens: number; outbox: number; audit: number }>(
    "SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM memberships) AS memberships, (SELECT count(*) FROM credential_tokens) AS tokens, (SELECT count(*) FROM outbox_messages) AS outbox, (SELECT count(*) FROM audit_events WHERE action LIKE 'user.%') AS audit",
  );
  return row!;
}

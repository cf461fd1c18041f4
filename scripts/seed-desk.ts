// The provider's desk (/desk): two demo staff members with known TOTP secrets (README, "Provider
// desk"), and something in its queues: a complaint of the waste head office and an order waiting.
import type { Client } from "@libsql/client/node";
import { hashPassword } from "../src/lib/password.ts";
import { DEMO_PASSWORD } from "./seed-access.ts";

const now = Date.UTC(2026, 10, 1, 9, 0, 0);
const day = 24 * 3600 * 1000;

/** Base32 secrets for an authenticator app ("otpauth://totp/Loket%20Desk:an.agent?secret=…"). */
export const demoStaff = [
  { username: "an.agent", name: "An Agent", email: "an.agent@provider.example", role: "agent", language: "nl", totpSecret: "NRXWWZLUFVSGK43LFVQW4LTBM5SW45BB" },
  { username: "sam.supervisor", name: "Sam Supervisor", email: "sam.supervisor@provider.example", role: "supervisor", language: "fr", totpSecret: "NRXWWZLUFVSGK43LFVZWC3JOON2XAZLS" },
] as const;

export async function seedDesk(client: Client): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const s of demoStaff) {
    await client.execute({
      sql: "INSERT INTO staff (username, username_key, name, email, role, language, password_hash, totp_secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      args: [s.username, s.username.toLowerCase(), s.name, s.email, s.role, s.language, passwordHash, s.totpSecret, now - 100 * day],
    });
  }
  const account = await client.execute({
    sql: "SELECT c.id AS customer, k.id AS contract, k.contract_number AS number FROM customers c JOIN contracts k ON k.customer_id = c.id WHERE c.customer_number = '439561' LIMIT 1",
    args: [],
  });
  const row = account.rows[0];
  if (!row) return;
  const customer = Number(row.customer);
  const contract = Number(row.contract);
  // A complaint waiting for the desk for four days.
  const created = now - 4 * day;
  const thread = await client.execute({
    sql: "INSERT INTO threads (customer_id, kind, status, title, created_at, updated_at, created_by) VALUES (?, 'complaint', 'new', ?, ?, ?, ?) RETURNING id",
    args: [customer, "Container niet geledigd", created, created, "code:439561"],
  });
  const threadId = Number(thread.rows[0]!.id);
  await client.execute({
    sql: "INSERT INTO complaints (thread_id, contract_id, service, nature, service_date) VALUES (?, ?, ?, ?, ?)",
    args: [threadId, contract, "Restafval 1100 L", "Container niet geledigd", new Date(created - day).toISOString().slice(0, 10)],
  });
  await client.execute({
    sql: "INSERT INTO thread_messages (thread_id, at, author, author_label, body) VALUES (?, ?, 'customer', ?, ?)",
    args: [threadId, created, "439561", "Onze container aan de Louizalaan werd gisteren niet geledigd. Kan hij deze week nog opgehaald worden?"],
  });
  // An order nobody has confirmed yet.
  await client.execute({
    sql: "INSERT INTO orders (customer_id, contract_id, article, quantity, address, created_at, status, created_by) VALUES (?, ?, ?, ?, ?, ?, 'ordered', ?)",
    args: [customer, contract, "PRO-zakken rest 100 st.", 3, "Louizalaan 120, 1050 Brussel", now - 2 * day, "code:439561"],
  });
}

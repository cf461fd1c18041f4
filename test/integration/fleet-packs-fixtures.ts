import { sql } from "./sql.ts";

/** This part's own rows: contracts "T11P…" of the mobile demo customer, customers "711P…" of their own. */
let serial = Math.floor(Math.random() * 90_000);
const suffix = () => `${Date.now().toString(36).slice(-5)}${String(++serial).padStart(5, "0")}`.toUpperCase();

/** A new mobile contract of customer 100457319 (or `customerNumber`); its id and number. */
export async function createContract(customerNumber = "100457319") {
  const number = `T11P${suffix()}`;
  const [row] = await sql<{ id: number }>("INSERT INTO contracts (contract_number, customer_id, service) SELECT ?, id, 'Business Mobile' FROM customers WHERE customer_number = ? RETURNING id", [
    number,
    customerNumber,
  ]);
  return { id: row!.id, number };
}

/** A customer of its own ("another customer") with one mobile contract. */
export async function createOtherCustomer() {
  const number = `711P${suffix()}`;
  await sql("INSERT INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, language, created_at) VALUES (?, 'Andere Vloot BV', 'Kaai 1', '9000', 'Gent', 'nl', ?)", [
    number,
    Date.now(),
  ]);
  const [customer] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [number]);
  return { id: customer!.id, number, contract: await createContract(number) };
}

export const offerId = async (gb: number) => (await sql<{ id: number }>("SELECT id FROM pack_offers WHERE data_gb = ?", [gb]))[0]!.id;

/** A pack written straight into the table (another customer's, or an active one to change). */
export async function insertPack(customerId: number, contractId: number, gb: number, status: "requested" | "active" = "active") {
  const now = Date.now();
  const [row] = await sql<{ id: number }>("INSERT INTO group_packs (customer_id, contract_id, offer_id, status, starts_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", [
    customerId,
    contractId,
    await offerId(gb),
    status,
    status === "active" ? "2026-01-01" : null,
    now,
    now,
  ]);
  return row!.id;
}

export const packsOf = (contractId: number) =>
  sql<{ id: number; status: string; offer_gb: number; starts_on: string | null; ends_on: string | null }>(
    "SELECT p.id, p.status, o.data_gb AS offer_gb, p.starts_on, p.ends_on FROM group_packs p JOIN pack_offers o ON o.id = p.offer_id WHERE p.contract_id = ? ORDER BY p.id",
    [contractId],
  );

export const requestsOf = (packId: number) =>
  sql<{ id: number; kind: string; status: string; effective_date: string; offer_gb: number | null; note: string | null }>(
    "SELECT r.id, r.kind, r.status, r.effective_date, o.data_gb AS offer_gb, r.note FROM pack_requests r LEFT JOIN pack_offers o ON o.id = r.offer_id WHERE r.pack_id = ? ORDER BY r.id",
    [packId],
  );

export const auditOfPack = (packId: number) =>
  sql<{ action: string; actor: string; customer_id: number }>("SELECT action, actor, customer_id FROM audit_events WHERE subject = ? ORDER BY id", [`pack:${packId}`]);

/** A Service User of the mobile customer (no fleet role: only their own line) with the fleet's view right; logged in. */
export async function serviceUser() {
  const { hashPassword } = await import("../../src/lib/password.ts");
  const { DEMO_PASSWORD, loggedInAs } = await import("./browser.ts");
  const username = `t11pservice${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  const [user] = await sql<{ id: number }>(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at, last_login_at) VALUES (?, ?, ?, 'Sam', 'Service', 'x', 'en', ?, 'VALIDATED', 'ADMIN', ?, ?) RETURNING id",
    [username, username, `${username}@test.example`, await hashPassword(DEMO_PASSWORD), now, now],
  );
  const [membership] = await sql<{ id: number }>(
    "INSERT INTO memberships (user_id, customer_id, profile, created_at, fleet_role) SELECT ?, id, 'portal', ?, NULL FROM customers WHERE customer_number = '100457319' RETURNING id",
    [user!.id, now],
  );
  await sql(
    `INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at)
     SELECT ?, a.id, 'function', f.id, ? FROM applications a JOIN application_functions f ON f.application_id = a.id WHERE a.code = 'fleet' AND f.code = 'view'`,
    [membership!.id, now],
  );
  return loggedInAs(username);
}

// Documents of the demo accounts (manual p.11, 003): metadata only; each PDF is rendered from its
// row the first time it is asked for and then kept in R2.
import type { Client, InStatement } from "@libsql/client";
import { structuredCommunication } from "../src/lib/structured-communication.ts";

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthsAgo = (months: number, day = 15) => {
  const now = new Date();
  return isoDay(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day));
};

type Account = { customerId: number; siteId: number | null; contractId: number | null };

async function account(client: Client, customerNumber: string): Promise<Account | null> {
  const result = await client.execute({
    sql: "SELECT c.id AS customer_id, k.site_id, k.id AS contract_id FROM customers c LEFT JOIN contracts k ON k.customer_id = c.id WHERE c.customer_number = ? ORDER BY k.id LIMIT 1",
    args: [customerNumber],
  });
  const row = result.rows[0];
  if (!row) return null;
  return { customerId: Number(row.customer_id), siteId: row.site_id === null ? null : Number(row.site_id), contractId: row.contract_id === null ? null : Number(row.contract_id) };
}

type Doc = { kind: string; reference: string; date: string; amount?: number; open?: number; availableDaysAgo?: number };

function insert(a: Account, d: Doc): InStatement {
  const amount = d.amount ?? null;
  const vat = amount === null ? null : Math.round(amount - amount / 1.21);
  const available = d.availableDaysAgo !== undefined ? Date.now() - d.availableDaysAgo * DAY : Date.parse(`${d.date}T08:00:00Z`);
  const due = d.kind === "invoice" || d.kind === "reminder" ? isoDay(Date.parse(`${d.date}T00:00:00Z`) + 30 * DAY) : null;
  return {
    sql: `INSERT OR IGNORE INTO documents (customer_id, site_id, contract_id, billing_account_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents, due_date, structured_communication)
          VALUES (?, ?, ?, (SELECT id FROM billing_accounts WHERE customer_id = ? ORDER BY id LIMIT 1), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      a.customerId,
      a.siteId,
      a.contractId,
      a.customerId,
      d.kind,
      d.reference,
      d.date,
      available,
      amount,
      vat,
      amount === null ? null : (d.open ?? 0),
      due,
      d.kind === "invoice" ? structuredCommunication(d.reference) : null,
    ],
  };
}

/** A realistic set per tab for one waste account: 30 months of invoices, some past retention. */
function wasteSet(a: Account, prefix: string, seed: number): Doc[] {
  const docs: Doc[] = [];
  for (let m = 0; m < 30; m++) {
    const reference = `${prefix}${String(240000 + seed * 100 + m)}`;
    // The newest invoice is within its contest window; one recent one is still open.
    docs.push({
      kind: "invoice",
      reference,
      date: monthsAgo(m, 5),
      amount: 18_000 + ((m * 731 + seed * 97) % 9000),
      open: m === 1 ? 18_000 + ((731 + seed * 97) % 9000) : 0,
      availableDaysAgo: m === 0 ? 1 : undefined,
    });
  }
  for (const m of [2, 9, 17]) docs.push({ kind: "credit_note", reference: `${prefix}CN${seed}${m}`, date: monthsAgo(m, 20), amount: 2_500 + m * 100 });
  for (const m of [1, 7]) docs.push({ kind: "reminder", reference: `${prefix}RM${seed}${m}`, date: monthsAgo(m, 25), amount: 18_000 + m });
  for (let q = 0; q < 8; q++)
    docs.push({ kind: "statement", reference: `${prefix}ST${2007 + Math.floor(q / 4)}Q${(q % 4) + 1}`, date: isoDay(Date.UTC(2007 + Math.floor(q / 4), (q % 4) * 3 + 2, 28)) });
  for (let y = 2016; y <= new Date().getUTCFullYear(); y++) docs.push({ kind: "delivery", reference: `${prefix}DL${y}${seed}`, date: `${y}-03-1${seed}` });
  docs.push({ kind: "contract", reference: `${prefix}CT${seed}`, date: `2015-0${seed + 1}-01` });
  return docs;
}

export async function seedDocuments(client: Client): Promise<void> {
  const statements: InStatement[] = [];
  for (const [number, prefix, seed] of [
    ["439561", "W", 1],
    ["439562", "K", 2],
    ["439563", "Z", 3],
  ] as const) {
    const a = await account(client, number);
    if (a) statements.push(...wasteSet(a, prefix, seed).map((d) => insert(a, d)));
  }
  const mobile = await account(client, "100457319");
  if (mobile) {
    // The Balance seed may have inserted the billing account already: the number is unique.
    statements.push({
      sql: "INSERT OR IGNORE INTO billing_accounts (customer_id, number, name, street, postcode, city) VALUES (?, '100457319', 'Havenlogistiek Antwerpen BV', 'Katwilgweg 2', '2050', 'Antwerpen')",
      args: [mobile.customerId],
    });
    statements.push(insert(mobile, { kind: "invoice", reference: "213800090167", date: "2021-03-22", amount: 9161, open: 9161 }));
  }
  await client.batch(statements, "write");
}

/**
 * Whether a billing document is still (partly) unpaid, deterministically from its index: most are
 * paid; what is open is mostly recent (not yet due, or just past due), a little is long overdue.
 */
export function scaleOpenShare(i: number, kind: string, ageDays: number): boolean {
  const roll = (Math.imul(i + 1, 2654435761) >>> 0) % 100;
  if (kind === "credit_note") return ageDays < 60 && roll < 30; // not yet set off against an invoice
  if (kind === "reminder") return ageDays < 30 && roll < 20; // its fee; the invoice carries the rest
  if (ageDays < 30) return roll < 60; // not yet due: most are still open
  if (ageDays < 60) return roll < 10; // just past due
  return roll < 1; // long overdue
}

/**
 * 100,000 document rows on one customer, for the list benchmark: metadata only, in large batches.
 * Its invoices, credit notes and reminders go to the customer's (first) billing account, with a
 * realistic share still open (see scaleOpenShare); statements, delivery notes and contracts carry
 * no money and no billing account.
 */
export async function seedDocumentsScale(client: Client, howMany = 100_000, customerNumber = "439561"): Promise<void> {
  const a = await account(client, customerNumber);
  if (!a) throw new Error(`no customer ${customerNumber}`);
  const billing = await client.execute({ sql: "SELECT id FROM billing_accounts WHERE customer_id = ? ORDER BY id LIMIT 1", args: [a.customerId] });
  const billingAccountId = billing.rows[0] ? Number(billing.rows[0].id) : null;
  const kinds = ["invoice", "invoice", "invoice", "credit_note", "reminder", "delivery", "contract"];
  const columns = 13;
  const chunk = 5_000;
  const today = Date.now();
  for (let start = 0; start < howMany; start += chunk) {
    const count = Math.min(chunk, howMany - start);
    const rows: string[] = [];
    const args: (string | number | null)[] = [];
    for (let i = start; i < start + count; i++) {
      const kind = kinds[i % kinds.length]!;
      const ageDays = i % 700;
      const date = isoDay(today - ageDays * DAY);
      const reference = `S${String(i).padStart(7, "0")}`;
      const money = kind === "invoice" || kind === "credit_note" || kind === "reminder";
      const amount = money ? 10_000 + (i % 5000) : null;
      const payable = kind === "invoice" || kind === "reminder";
      rows.push(`(${Array(columns).fill("?").join(", ")})`);
      args.push(
        a.customerId,
        a.siteId,
        a.contractId,
        money ? billingAccountId : null,
        kind,
        reference,
        date,
        Date.parse(`${date}T08:00:00Z`),
        amount,
        amount === null ? null : Math.round(amount - amount / 1.21),
        amount === null ? null : scaleOpenShare(i, kind, ageDays) ? amount : 0,
        payable ? isoDay(Date.parse(`${date}T00:00:00Z`) + 30 * DAY) : null,
        payable ? structuredCommunication(String(9_000_000_000 + i)) : null,
      );
    }
    // One multi-row INSERT per 500 rows keeps each statement under SQLite's bound-parameter limit.
    const statements: InStatement[] = [];
    for (let r = 0; r < rows.length; r += 500) {
      statements.push({
        sql: `INSERT OR IGNORE INTO documents (customer_id, site_id, contract_id, billing_account_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents, due_date, structured_communication) VALUES ${rows.slice(r, r + 500).join(", ")}`,
        args: args.slice(r * columns, (r + 500) * columns),
      });
    }
    await client.batch(statements, "write");
  }
}

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
    args: [a.customerId, a.siteId, a.contractId, a.customerId, d.kind, d.reference, d.date, available, amount, vat, amount === null ? null : (d.open ?? 0), due, d.kind === "invoice" ? structuredCommunication(d.reference) : null],
  };
}

/** A realistic set per tab for one waste account: 30 months of invoices, some past retention. */
function wasteSet(a: Account, prefix: string, seed: number): Doc[] {
  const docs: Doc[] = [];
  for (let m = 0; m < 30; m++) {
    const reference = `${prefix}${String(240000 + seed * 100 + m)}`;
    // The newest invoice is within its contest window; one recent one is still open.
    docs.push({ kind: "invoice", reference, date: monthsAgo(m, 5), amount: 18_000 + ((m * 731 + seed * 97) % 9000), open: m === 1 ? 18_000 + ((731 + seed * 97) % 9000) : 0, availableDaysAgo: m === 0 ? 1 : undefined });
  }
  for (const m of [2, 9, 17]) docs.push({ kind: "credit_note", reference: `${prefix}CN${seed}${m}`, date: monthsAgo(m, 20), amount: 2_500 + m * 100 });
  for (const m of [1, 7]) docs.push({ kind: "reminder", reference: `${prefix}RM${seed}${m}`, date: monthsAgo(m, 25), amount: 18_000 + m });
  for (let q = 0; q < 8; q++) docs.push({ kind: "statement", reference: `${prefix}ST${2007 + Math.floor(q / 4)}Q${(q % 4) + 1}`, date: isoDay(Date.UTC(2007 + Math.floor(q / 4), (q % 4) * 3 + 2, 28)) });
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

/** 100,000 document rows on one customer, for the list benchmark: metadata only, in large batches. */
export async function seedDocumentsScale(client: Client, howMany = 100_000, customerNumber = "439561"): Promise<void> {
  const a = await account(client, customerNumber);
  if (!a) throw new Error(`no customer ${customerNumber}`);
  const kinds = ["invoice", "invoice", "invoice", "credit_note", "reminder", "delivery", "contract"];
  const chunk = 5_000;
  const today = Date.now();
  for (let start = 0; start < howMany; start += chunk) {
    const count = Math.min(chunk, howMany - start);
    const rows: string[] = [];
    const args: (string | number | null)[] = [];
    for (let i = start; i < start + count; i++) {
      const kind = kinds[i % kinds.length]!;
      const date = isoDay(today - (i % 700) * DAY);
      rows.push("(?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
      args.push(a.customerId, a.siteId, a.contractId, kind, `S${String(i).padStart(7, "0")}`, date, Date.parse(`${date}T08:00:00Z`), kind === "delivery" || kind === "contract" ? null : 10_000 + (i % 5000), null);
    }
    // One multi-row INSERT per 500 rows keeps each statement under SQLite's bound-parameter limit.
    const statements: InStatement[] = [];
    for (let r = 0; r < rows.length; r += 500) {
      statements.push({
        sql: `INSERT OR IGNORE INTO documents (customer_id, site_id, contract_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents) VALUES ${rows.slice(r, r + 500).join(", ")}`,
        args: args.slice(r * 9, (r + 500) * 9),
      });
    }
    await client.batch(statements, "write");
  }
}

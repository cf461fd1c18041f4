// Invoice lines of the demo invoices and credit notes (issue #12): waste collection per container
// and per collection, PRO bags and the weight processed; mobile plans, options and out-of-bundle
// data; postal mailings and parcels. The documents' stored totals never change (€ 91.61 stays
// € 91.61): the lines are derived from them, the last one carrying what is left, and the seed
// checks that the lines give exactly the stored amount and VAT the EN 16931 way (a VAT per rate,
// rounded once) and throws when not. Also: the invoice period, the buyer's reference where the
// customer gave one, the invoice each credit note corrects, and the postal customer's documents.
// Run after seedDocuments and seedBilling (the documents must exist).
import type { Client, InStatement } from "@libsql/client";
import { type InvoiceLine, lineNetCents, matchesTotals, taxableFor, vatOf } from "../src/features/documents/invoice-lines.ts";
import { structuredCommunication } from "../src/lib/structured-communication.ts";

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysAgo = (now: number, days: number) => isoDay(now - days * DAY);

type Business = "waste" | "mobile" | "postal";
type Fixed = { description: string; quantityMilli: number; unitCode: string; unitPriceCents: number };
type Remainder = { description: string; unitCode: string; unitPriceCents: number };

const line = (f: Fixed): InvoiceLine => ({ ...f, netCents: lineNetCents(f.quantityMilli, f.unitPriceCents), vatCategory: "S", vatRate: 21 });

/** What each business invoices: the fixed lines (in order, dropped when they do not fit) and the measured remainder. */
function plan(business: Business, credit: boolean, variant: number): { fixed: Fixed[]; remainder: Remainder } {
  if (business === "waste") {
    if (credit) {
      return {
        fixed: [{ description: "Niet uitgevoerde lediging container 1.100 L restafval", quantityMilli: 1000, unitCode: "C62", unitPriceCents: 1450 }],
        remainder: { description: "Correctie verwerking restafval per kg", unitCode: "KGM", unitPriceCents: 21 },
      };
    }
    return {
      fixed: [
        { description: "Lediging container 1.100 L restafval", quantityMilli: (4 + (variant % 2)) * 1000, unitCode: "C62", unitPriceCents: 1450 },
        { description: "Huur container 1.100 L", quantityMilli: 1000, unitCode: "MON", unitPriceCents: 1200 },
        { description: "Lediging container 240 L PMD", quantityMilli: 2000, unitCode: "C62", unitPriceCents: 650 },
        ...(variant % 3 === 0 ? [{ description: "PRO-zakken restafval 60 L (rol van 20)", quantityMilli: 2000, unitCode: "C62", unitPriceCents: 1590 }] : []),
      ],
      remainder: { description: "Verwerking restafval per kg", unitCode: "KGM", unitPriceCents: 21 },
    };
  }
  if (business === "mobile") {
    if (credit) {
      return { fixed: [], remainder: { description: "Creditering dubbel aangerekend dataverbruik", unitCode: "E34", unitPriceCents: 250 } };
    }
    return {
      fixed: [
        { description: "Business Mobile Pro 20 GB (0489 74 43 65)", quantityMilli: 1000, unitCode: "MON", unitPriceCents: 3000 },
        { description: "Business Mobile Start 5 GB (0470 12 34 56)", quantityMilli: 1000, unitCode: "MON", unitPriceCents: 1500 },
        { description: "Optie Roaming Wereld", quantityMilli: 1000, unitCode: "MON", unitPriceCents: 800 },
        { description: "Buiten bundel: oproepen naar het buitenland", quantityMilli: 37_000, unitCode: "MIN", unitPriceCents: 25 },
      ],
      remainder: { description: "Buiten bundel: mobiele data", unitCode: "E34", unitPriceCents: 250 },
    };
  }
  if (credit) {
    return { fixed: [], remainder: { description: "Creditering pakketten nationaal (niet bezorgd)", unitCode: "KGM", unitPriceCents: 85 } };
  }
  return {
    fixed: [
      { description: "e-MassPost Prior genormaliseerd", quantityMilli: 1_200_000, unitCode: "C62", unitPriceCents: 79 },
      { description: "Aangetekende zendingen", quantityMilli: 25_000, unitCode: "C62", unitPriceCents: 780 },
    ],
    remainder: { description: "Pakketten nationaal per kg", unitCode: "KGM", unitPriceCents: 85 },
  };
}

/**
 * Lines that give exactly amountCents incl. VAT and vatCents of VAT. The part taxed at 21 % is
 * the amount whose VAT, rounded once, is the stored VAT; the cents the stored VAT's own rounding
 * left over (a stored VAT rounded per document, not per rate) go on a zero-rated rounding line.
 */
export function linesFor(business: Business, credit: boolean, variant: number, amountCents: number, vatCents: number): InvoiceLine[] {
  const net = amountCents - vatCents;
  let taxable = taxableFor(net, vatCents, 21);
  if (taxable === null) {
    // The stored VAT is a cent above 21 % of the whole net amount: a little more is taxed, the rounding line is negative.
    taxable = net + 1;
    while (vatOf(taxable, 21) !== vatCents) taxable++;
  }
  const { fixed, remainder } = plan(business, credit, variant);
  const lines: InvoiceLine[] = [];
  let left = taxable;
  for (const f of fixed) {
    const l = line(f);
    // Keep room for the measured line: it is never empty or negative.
    if (left - l.netCents >= Math.max(100, remainder.unitPriceCents)) {
      lines.push(l);
      left -= l.netCents;
    }
  }
  const quantityMilli = Math.round((left * 1000) / remainder.unitPriceCents);
  lines.push(line({ ...remainder, quantityMilli }));
  const rounding = net - taxable;
  if (rounding !== 0) {
    lines.push({
      description: "Afronding btw",
      quantityMilli: rounding < 0 ? -1000 : 1000,
      unitCode: "C62",
      unitPriceCents: Math.abs(rounding),
      netCents: rounding,
      vatCategory: "Z",
      vatRate: 0,
    });
  }
  if (!matchesTotals(lines, amountCents, vatCents)) {
    throw new Error(`lines do not add up to ${amountCents} incl. ${vatCents} VAT: ${JSON.stringify(lines)}`);
  }
  return lines;
}

function businessOf(customerNumber: string): Business | null {
  if (customerNumber === "100457319") return "mobile";
  if (customerNumber === "0001023456") return "postal";
  if (["439561", "439562", "439563"].includes(customerNumber)) return "waste";
  return null;
}

/** The buyer's own reference, where the demo customer gave one (BT-10); the others get none. */
const BUYER_REFERENCES: Record<string, string> = { "439561": "APH-FAC-WASTE", "100457319": "HAVEN-IT-MOBILE" };
/** The postal customer orders with purchase orders (BT-13). */
const ORDER_REFERENCES: Record<string, string> = { "0001023456": "PO-MUNT-2026-0042" };

/** The postal customer's invoices: a billing account and two invoices and a credit note of e-MassPost. */
function postalDocuments(now: number): InStatement[] {
  const docs = [
    { kind: "invoice", reference: "310001234501", date: daysAgo(now, 70), amount: 167_233, open: 0 },
    { kind: "invoice", reference: "310001234502", date: daysAgo(now, 40), amount: 152_875, open: 152_875 },
    { kind: "credit_note", reference: "CN310001234501", date: daysAgo(now, 25), amount: 4_114, open: 0 },
  ];
  return [
    {
      sql: "INSERT OR IGNORE INTO billing_accounts (customer_id, number, name, street, postcode, city) SELECT id, '0001023456001', name, billing_street, billing_postcode, billing_city FROM customers WHERE customer_number = '0001023456'",
      args: [],
    },
    ...docs.map((d) => ({
      sql: `INSERT OR IGNORE INTO documents (customer_id, contract_id, billing_account_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents, due_date, structured_communication)
            SELECT c.id, (SELECT id FROM contracts WHERE contract_number = '3100012345'), b.id, ?, ?, ?, ?, ?, ?, ?, ?, ?
            FROM customers c JOIN billing_accounts b ON b.number = '0001023456001' WHERE c.customer_number = '0001023456'`,
      args: [
        d.kind,
        d.reference,
        d.date,
        Date.parse(`${d.date}T08:00:00Z`),
        d.amount,
        Math.round((d.amount * 21) / 121),
        d.open,
        d.kind === "invoice" ? isoDay(Date.parse(`${d.date}T12:00:00Z`) + 30 * DAY) : null,
        d.kind === "invoice" ? structuredCommunication(d.reference) : null,
      ],
    })),
  ];
}

/** The calendar month before the document's date: what a monthly invoice covers. */
function previousMonth(date: string): [string, string] {
  const d = new Date(`${date}T12:00:00Z`);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0);
  return [isoDay(start), isoDay(end)];
}

type DocRow = { id: number; customerId: number; customerNumber: string; kind: "invoice" | "credit_note"; date: string; amount: number; vat: number };

export async function seedDocumentLines(client: Client, now = Date.now()): Promise<void> {
  await client.batch(postalDocuments(now), "write");
  const result = await client.execute(
    `SELECT d.id, d.customer_id, c.customer_number, d.kind, d.document_date, d.amount_cents, d.vat_cents
     FROM documents d JOIN customers c ON c.id = d.customer_id
     WHERE d.kind IN ('invoice', 'credit_note') AND d.amount_cents IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.document_id = d.id)
     ORDER BY d.customer_id, d.document_date, d.id`,
  );
  const docs: DocRow[] = result.rows.map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    customerNumber: String(r.customer_number),
    kind: r.kind as DocRow["kind"],
    date: String(r.document_date),
    amount: Number(r.amount_cents),
    vat: Number(r.vat_cents ?? 0),
  }));
  const statements: InStatement[] = [];
  for (const [i, doc] of docs.entries()) {
    const business = businessOf(doc.customerNumber);
    if (!business) continue;
    const credit = doc.kind === "credit_note";
    const lines = linesFor(business, credit, i, doc.amount, doc.vat);
    for (const [position, l] of lines.entries()) {
      statements.push({
        sql: "INSERT INTO document_lines (document_id, position, description, quantity_milli, unit_code, unit_price_cents, net_cents, vat_category, vat_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        args: [doc.id, position + 1, l.description, l.quantityMilli, l.unitCode, l.unitPriceCents, l.netCents, l.vatCategory, l.vatRate],
      });
    }
    const [start, end] = previousMonth(doc.date);
    // A credit note corrects the customer's latest invoice up to its own date (or its first one).
    const invoices = docs.filter((d) => d.customerId === doc.customerId && d.kind === "invoice");
    const corrects = credit ? ([...invoices].reverse().find((d) => d.date <= doc.date) ?? invoices[0] ?? null) : null;
    statements.push({
      sql: "UPDATE documents SET period_start = ?, period_end = ?, buyer_reference = COALESCE(buyer_reference, ?), order_reference = COALESCE(order_reference, ?), corrects_document_id = COALESCE(corrects_document_id, ?) WHERE id = ?",
      args: [start, end, BUYER_REFERENCES[doc.customerNumber] ?? null, ORDER_REFERENCES[doc.customerNumber] ?? null, corrects?.id ?? null, doc.id],
    });
  }
  for (let i = 0; i < statements.length; i += 500) await client.batch(statements.slice(i, i + 500), "write");
}

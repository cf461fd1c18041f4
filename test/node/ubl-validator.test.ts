// The UBL of every seeded invoice and credit note against the official Peppol BIS Billing 3.0
// rules (test/peppol/validate.mjs: CEN EN 16931 + Peppol, release 2025.11), generated in Node by
// the Worker's ublForDocument from a freshly seeded database. A copy with a wrong PayableAmount
// is validated in the same run and must fail: the test can fail.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { matchesTotals } from "../../src/features/documents/invoice-lines.ts";
import { ublForDocument } from "../../src/features/documents/ubl.ts";
import { SELLER, seededDatabase } from "./ubl-fixtures.ts";

type Doc = { id: number; reference: string; kind: string; amount: number; vat: number; corrects: string | null };

const validator = join(import.meta.dirname, "../peppol/validate.mjs");

function validate(files: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [validator, ...files], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe("Peppol BIS Billing 3.0 validation of the seeded documents", () => {
  let seeded: Awaited<ReturnType<typeof seededDatabase>>;
  let dir: string;
  const docs: Doc[] = [];
  const files = new Map<string, string>();
  const xmlOf = new Map<string, string>();

  beforeAll(async () => {
    seeded = await seededDatabase();
    dir = mkdtempSync(join(tmpdir(), "loket-ubl-xml-"));
    // A document without lines (as the test fixtures make them): one line from its totals.
    await seeded.client.execute(
      `INSERT INTO documents (customer_id, billing_account_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents, due_date, structured_communication)
       SELECT c.id, b.id, 'invoice', 'NOLINES1', '2026-01-15', 0, 12345, 2143, 12345, '2026-02-14', '000000012345'
       FROM customers c JOIN billing_accounts b ON b.customer_id = c.id WHERE c.customer_number = '100457319'`,
    );
    const rows = await seeded.client.execute(
      `SELECT d.id, d.reference, d.kind, d.amount_cents, d.vat_cents, k.reference AS corrects
       FROM documents d LEFT JOIN documents k ON k.id = d.corrects_document_id
       WHERE d.kind IN ('invoice', 'credit_note') ORDER BY d.id`,
    );
    for (const r of rows.rows) {
      docs.push({
        id: Number(r.id),
        reference: String(r.reference),
        kind: String(r.kind),
        amount: Number(r.amount_cents),
        vat: Number(r.vat_cents),
        corrects: r.corrects === null ? null : String(r.corrects),
      });
    }
    // A small PDF in one of them: the embedded attachment is validated too.
    const pdf = new TextEncoder().encode("%PDF-1.4\n%test\n");
    for (const doc of docs) {
      const ubl = await ublForDocument(seeded.db, doc.id, SELLER, doc.reference === "213800090167" ? { pdf } : undefined);
      if (!ubl) throw new Error(`no UBL for ${doc.reference}`);
      const path = join(dir, `${doc.id}-${ubl.fileName}`);
      writeFileSync(path, ubl.xml);
      files.set(doc.reference, path);
      xmlOf.set(doc.reference, ubl.xml);
    }
  }, 60_000);

  afterAll(() => {
    seeded?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("every seeded invoice and credit note has lines that give exactly its stored totals", async () => {
    const lines = await seeded.client.execute("SELECT document_id, net_cents, vat_category, vat_rate FROM document_lines");
    const byDoc = new Map<number, { netCents: number; vatCategory: "S" | "Z" | "E" | "AE"; vatRate: number }[]>();
    for (const l of lines.rows) {
      const list = byDoc.get(Number(l.document_id)) ?? [];
      list.push({ netCents: Number(l.net_cents), vatCategory: l.vat_category as "S", vatRate: Number(l.vat_rate) });
      byDoc.set(Number(l.document_id), list);
    }
    const seededDocs = docs.filter((d) => d.reference !== "NOLINES1");
    expect(seededDocs.length).toBeGreaterThan(100);
    for (const doc of seededDocs) {
      expect(byDoc.get(doc.id)?.length, doc.reference).toBeGreaterThan(0);
      expect(matchesTotals(byDoc.get(doc.id)!, doc.amount, doc.vat), doc.reference).toBe(true);
    }
    // The mobile customer's invoice keeps its € 91.61.
    expect(xmlOf.get("213800090167")).toContain('<cbc:PayableAmount currencyID="EUR">91.61</cbc:PayableAmount>');
  });

  test("every credit note points at the invoice it corrects", () => {
    const notes = docs.filter((d) => d.kind === "credit_note");
    expect(notes.length).toBeGreaterThan(5);
    for (const note of notes) {
      expect(note.corrects, note.reference).not.toBeNull();
      expect(xmlOf.get(note.reference)).toMatch(new RegExp(`<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${note.corrects}</cbc:ID><cbc:IssueDate>\\d{4}-\\d{2}-\\d{2}</cbc:IssueDate>`));
      expect(xmlOf.get(note.reference)).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
    }
  });

  test("all pass the official rules, and a wrong total fails them", async () => {
    // The same invoice with one cent more to pay than its totals: BR-CO-16 must catch it.
    const broken = join(dir, "broken-213800090167.xml");
    writeFileSync(broken, xmlOf.get("213800090167")!.replace(">91.61</cbc:PayableAmount>", ">91.62</cbc:PayableAmount>"));
    const { code, output } = await validate([...files.values(), broken]);
    const verdicts = new Map<string, string>();
    for (const m of output.matchAll(/^(.+\.xml): (valid|INVALID) \((\d+) fatal/gm)) verdicts.set(m[1]!, m[2]!);
    for (const [reference, path] of files) {
      // On a failure, the rules that failed are in the message.
      const report = output.split(`${path}: `)[1]?.split(/\n(?=\S)/)[0] ?? "(no verdict)";
      expect(verdicts.get(path), `${reference}: ${report}`).toBe("valid");
    }
    expect(verdicts.get(broken)).toBe("INVALID");
    expect(output).toMatch(/\[fatal\] BR-CO-16/);
    expect(code).toBe(1);
  }, 170_000);
});

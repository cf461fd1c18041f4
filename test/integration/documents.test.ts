import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { retentionCutoff } from "../../src/features/documents/service.ts";
import type { Env } from "../../src/lib/env.ts";
import { sha256Hex } from "../../src/lib/crypto.ts";
import { loadSession } from "../../src/lib/session.ts";
import { loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

const E = env as unknown as Env;
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const minusDays = (day: string, n: number) => isoDay(Date.parse(`${day}T00:00:00Z`) - n * DAY);

// Own accounts (96100x, apart from the other files): head office 961001 with building 961002, and an unrelated company 961003.
const ids: Record<string, number> = {};
let cutoff = "";

async function insertId(statement: string, args: (string | number | null)[]): Promise<number> {
  const [row] = await sql<{ id: number }>(`${statement} RETURNING id`, args);
  return Number(row!.id);
}

async function doc(customer: number, kind: string, reference: string, date: string, extra: { open?: number; site?: number; contract?: number; availableAt?: number } = {}) {
  ids[reference] = await insertId(
    "INSERT INTO documents (customer_id, site_id, contract_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents, structured_communication) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [
      customer,
      extra.site ?? null,
      extra.contract ?? null,
      kind,
      reference,
      date,
      extra.availableAt ?? Date.parse(`${date}T08:00:00Z`),
      12100,
      2100,
      extra.open ?? 0,
      kind === "invoice" ? "090000001275" : null,
    ],
  );
}

beforeAll(async () => {
  const now = Date.now();
  const customer = (number: string, parent: number | null) =>
    insertId(
      "INSERT INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, parent_id, language, created_at) VALUES (?, ?, 'Docstraat 1', '1000', 'Brussel', ?, 'nl', ?)",
      [number, `Docklant ${number}`, parent, now],
    );
  const head = await customer("961001", null);
  const building = await customer("961002", head);
  const other = await customer("961003", null);
  Object.assign(ids, { head, building, other });
  // Waste customers: statements, deliveries and the building filter are waste collection's.
  for (const id of [head, building, other]) await sql("INSERT INTO account_applications (customer_id, application_id) SELECT ?, id FROM applications WHERE code = 'waste'", [id]);
  ids.headSite = await insertId("INSERT INTO sites (customer_id, name, street, postcode, city) VALUES (?, 'Zetel', 'Docstraat 1', '1000', 'Brussel')", [head]);
  ids.buildingSite = await insertId("INSERT INTO sites (customer_id, name, street, postcode, city) VALUES (?, 'Gebouw Noord', 'Noordstraat 2', '1000', 'Brussel')", [building]);
  ids.buildingContract = await insertId("INSERT INTO contracts (contract_number, customer_id, site_id, service) VALUES ('961902', ?, ?, 'PMD 770 L')", [building, ids.buildingSite]);
  const [b2b] = await sql<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'B2B'");
  const user = (name: string) =>
    insertId(
      "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at) VALUES (?, ?, ?, 'Doc', 'Tester', 'x', 'en', ?, 'VALIDATED', 'ADMIN', ?)",
      [name, name.toLowerCase(), `${name}@docs.example`, b2b!.password_hash, now],
    );
  const member = (userId: number, customerId: number, profile: string) =>
    sql("INSERT INTO memberships (user_id, customer_id, profile, manage_users, manage_admins, reset_passwords, created_at) VALUES (?, ?, ?, 0, 0, 0, ?)", [userId, customerId, profile, now]);
  await member(await user("docs.owner"), head, "owner");
  await member(await user("docs.other"), other, "owner");
  await member(await user("docs.noview"), head, "portal");

  cutoff = retentionCutoff(Number(E.RETENTION_INVOICE_MONTHS));
  const today = isoDay(now);
  // 30 invoices in the last months, two on the same day (the id breaks the tie).
  for (let i = 0; i < 30; i++) await doc(head, "invoice", `A-INV-${String(i).padStart(2, "0")}`, minusDays(today, 10 + i * 7 - (i === 5 ? 7 : 0)), { site: ids.headSite });
  await doc(head, "invoice", "RET-IN", cutoff);
  await doc(head, "invoice", "RET-OUT", minusDays(cutoff, 1));
  await doc(head, "invoice", "RET-OPEN", minusDays(cutoff, 100), { open: 500 });
  await doc(building, "credit_note", "B-CN-1", minusDays(today, 20), { site: ids.buildingSite, contract: ids.buildingContract });
  await doc(head, "credit_note", "A-CN-1", minusDays(today, 40), { site: ids.headSite });
  await doc(head, "statement", "A-ST-2008", "2008-06-30");
  await doc(other, "invoice", "X-INV-1", minusDays(today, 5));
  // Made available on Wednesday 24 December 2025: Christmas, a weekend and New Year fall in the window.
  const christmasEve = Date.parse("2025-12-24T09:00:00Z");
  await doc(head, "invoice", "C-WINDOW", "2025-12-23", { availableAt: christmasEve });
  await doc(head, "reminder", "C-LATE", "2025-12-23", { availableAt: christmasEve });
}, 60_000);

afterEach(() => {
  vi.useRealTimers();
});

/** References in the order the page shows them. */
const references = (html: string) => [...html.matchAll(/aria-label="Select ([^"]+)"/g)].map((m) => m[1]);

describe("documents list (manual p.11)", () => {
  it("shows a tab newest first, 25 a page, and the next page by keyset", async () => {
    const owner = await loggedInAs("docs.owner");
    const page = await owner.get("/en/documents?tab=invoice");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<a href="\/en\/documents\?tab=invoice" aria-current="page">Invoices<\/a>/);
    const expected = (
      await sql<{ reference: string }>(
        "SELECT reference FROM documents WHERE customer_id IN (?, ?) AND kind = 'invoice' AND (document_date >= ? OR open_cents > 0) ORDER BY document_date DESC, id DESC",
        [ids.head!, ids.building!, cutoff],
      )
    ).map((r) => r.reference);
    expect(expected).toHaveLength(33);
    expect(references(page.text)).toEqual(expected.slice(0, 25));
    // The pager is a pair of submit buttons of the list's form (the ticks go with them): their value is the page.
    const next = page.text.match(/name="page" value="([^"]*after=[^"]+)">Next page/)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toBeTruthy();
    const second = await owner.get(next!);
    expect(references(second.text)).toEqual(expected.slice(25));
    expect(second.text).not.toContain("Next page");
    const previous = second.text.match(/name="page" value="([^"]*before=[^"]+)">Previous page/)?.[1]?.replaceAll("&amp;", "&");
    expect(references((await owner.get(previous!)).text)).toEqual(expected.slice(0, 25));
    // Formatted per locale.
    const nl = await owner.get("/nl/documents?tab=statement");
    expect(nl.text).toContain("30/06/2008");
  });

  it("keeps invoices for the retention period, open ones until paid", async () => {
    const owner = await loggedInAs("docs.owner");
    const text = (await owner.get(`/en/documents?tab=invoice&to=${cutoff}`)).text;
    expect(references(text)).toEqual(["RET-IN", "RET-OPEN"]);
    expect(text).toContain("shown for 24 months");
    expect((await owner.get(`/en/documents/${ids["RET-OUT"]}/pdf`)).status).toBe(404);
    expect((await owner.get(`/en/documents/${ids["RET-OPEN"]}/pdf`)).status).toBe(200);
  });

  it("shows a head office its buildings' documents and filters on building, contract and date", async () => {
    const owner = await loggedInAs("docs.owner");
    expect(references((await owner.get("/en/documents?tab=credit_note")).text)).toEqual(["B-CN-1", "A-CN-1"]);
    expect(references((await owner.get(`/en/documents?tab=credit_note&site=${ids.buildingSite}`)).text)).toEqual(["B-CN-1"]);
    expect(references((await owner.get(`/en/documents?tab=credit_note&contract=${ids.buildingContract}`)).text)).toEqual(["B-CN-1"]);
    const from = minusDays(isoDay(Date.now()), 30);
    expect(references((await owner.get(`/en/documents?tab=credit_note&from=${from}`)).text)).toEqual(["B-CN-1"]);
    expect(references((await owner.get("/en/documents?tab=statement")).text)).toEqual(["A-ST-2008"]);
    // The other company's invoice is nowhere.
    expect((await owner.get("/en/documents?tab=invoice")).text).not.toContain("X-INV-1");
  });

  it("refuses a portal user without documents.view", async () => {
    const user = await loggedInAs("docs.noview");
    expect((await user.get("/en/documents")).status).toBe(403);
  });
});

describe("PDF files", () => {
  it("renders once, stores in R2 and serves the same bytes again", async () => {
    const owner = await loggedInAs("docs.owner");
    const id = ids["A-INV-00"]!;
    const first = await SELFbytes(owner, `/en/documents/${id}/pdf`);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get("Content-Type")).toBe("application/pdf");
    expect(first.response.headers.get("Content-Disposition")).toBe('inline; filename="invoice-A-INV-00.pdf"');
    expect(first.response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new TextDecoder().decode(first.bytes.slice(0, 5))).toBe("%PDF-");
    // One rendering per language, keyed by it (issue #8): this one is English.
    const stored = await E.FILES!.get(`documents/${ids.head}/${id}.en.pdf`);
    expect(stored!.size).toBe(first.bytes.byteLength);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(first.bytes);
    const again = await SELFbytes(owner, `/en/documents/${id}/pdf?download=1`);
    expect(again.response.headers.get("Content-Disposition")).toBe('attachment; filename="invoice-A-INV-00.pdf"');
    expect(again.bytes).toEqual(first.bytes);
  });

  it("answers 404 for another account's document on every route that takes an id", async () => {
    const owner = await loggedInAs("docs.owner");
    const foreign = ids["X-INV-1"]!;
    expect((await owner.get(`/en/documents/${foreign}/pdf`)).status).toBe(404);
    expect((await owner.get(`/en/documents/${foreign}/contest`)).status).toBe(404);
    await owner.get("/en/documents");
    expect((await owner.post(`/en/documents/${foreign}/contest`, { reason: "not mine" })).status).toBe(404);
    expect(await sql("SELECT id FROM document_contests WHERE document_id = ?", [foreign])).toHaveLength(0);
    expect(await E.FILES!.get(`documents/${ids.other}/${foreign}.en.pdf`)).toBeNull();
  });
});

async function SELFbytes(browser: TestBrowser, path: string) {
  const { SELF } = await import("cloudflare:test");
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await SELF.fetch(`https://loket.test${path}`, { headers: { Cookie: cookie, "CF-Connecting-IP": browser.ip }, redirect: "manual" });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The entries of a ZIP of stored files, read from its central directory. */
function readZip(zip: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("no end of central directory");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("bad central header");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.slice(at + 46, at + 46 + nameLength));
    expect(method).toBe(0);
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.set(name, zip.slice(dataStart, dataStart + size));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe("selection across tabs and pages, downloaded as one ZIP", () => {
  it("keeps ticks of several tabs, drops foreign ids, and zips exactly the selected PDFs", async () => {
    const owner = await loggedInAs("docs.owner");
    const mine = ["A-INV-00", "A-INV-29", "B-CN-1"].map((r) => ids[r]!);
    await owner.get("/en/documents?tab=invoice");
    // A page posts the ids it shows and the ones ticked; a foreign id smuggled in is ignored.
    let r = await owner.post("/en/documents/selection", { shown: String(mine[0]), selected: String(mine[0]), back: "/en/documents?tab=invoice" });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/en/documents?tab=invoice");
    const body = new URLSearchParams({ _csrf: owner.csrfToken(), back: "https://evil.example/" });
    for (const id of [mine[1]!, ids["X-INV-1"]!]) {
      body.append("shown", String(id));
      body.append("selected", String(id));
    }
    const { SELF } = await import("cloudflare:test");
    const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const raw = await SELF.fetch("https://loket.test/en/documents/selection", {
      method: "POST",
      body,
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test", "HX-Request": "true" },
    });
    expect(raw.status).toBe(200);
    expect(await raw.text()).toContain("2 documents selected");
    await owner.get("/en/documents?tab=credit_note");
    r = await owner.post("/en/documents/selection", { shown: String(mine[2]), selected: String(mine[2]) });
    const page = await owner.get("/en/documents?tab=credit_note");
    expect(page.text).toContain("3 documents selected");
    expect(page.text).toMatch(new RegExp(`value="${mine[2]}" checked`));

    // Tamper with the stored selection: a foreign id is still never zipped.
    const session = (await loadSession(E.KV, owner.cookies.get("__Host-loket_session")!))!.session;
    const key = `selection:${await sha256Hex(`${session.subject}|${session.createdAt}|${session.customerId}`)}`;
    expect(JSON.parse((await E.KV.get(key))!)).toEqual(mine);
    await E.KV.put(key, JSON.stringify([...mine, ids["X-INV-1"]]));

    const zip = await SELFbytes(owner, "/en/documents/selection.zip");
    expect(zip.response.status).toBe(200);
    expect(zip.response.headers.get("Content-Type")).toBe("application/zip");
    expect(zip.response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="documents-\d{4}-\d{2}-\d{2}\.zip"$/);
    const entries = readZip(zip.bytes);
    expect([...entries.keys()].sort()).toEqual(["credit_note-B-CN-1.pdf", "invoice-A-INV-00.pdf", "invoice-A-INV-29.pdf"]);
    for (const id of mine) {
      const pdf = await SELFbytes(owner, `/en/documents/${id}/pdf`);
      const [row] = await sql<{ kind: string; reference: string }>("SELECT kind, reference FROM documents WHERE id = ?", [id]);
      expect(entries.get(`${row!.kind}-${row!.reference}.pdf`)).toEqual(pdf.bytes);
    }
    expect(await E.FILES!.get(`documents/${ids.other}/${ids["X-INV-1"]}.en.pdf`)).toBeNull();

    // Unticking on a page removes only that page's ids; clearing empties it.
    await owner.get("/en/documents?tab=credit_note");
    await owner.post("/en/documents/selection", { shown: String(mine[2]) });
    expect((await owner.get("/en/documents?tab=credit_note")).text).toContain("2 documents selected");
    await owner.post("/en/documents/selection/clear", { back: "/en/documents" });
    expect((await owner.get("/en/documents")).text).toContain("0 documents selected");
  });
});

describe("contest within 5 Belgian working days (002 §6.2)", () => {
  it("is open across Christmas, a weekend and New Year until the fifth working day, once only", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-02T15:00:00+01:00"));
    const owner = await loggedInAs("docs.owner");
    const id = ids["C-WINDOW"]!;
    const list = await owner.get("/en/documents?tab=invoice&from=2025-12-01&to=2025-12-31");
    expect(list.text).toContain(`href="/en/documents/${id}/contest">Contest</a>`);
    const form = await owner.get(`/en/documents/${id}/contest`);
    expect(form.status).toBe(200);
    expect(form.text).toContain("until 02/01/2026 included");
    const empty = await owner.post(`/en/documents/${id}/contest`, { reason: "  " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("Give the reason for your contest.");
    expect((await owner.post(`/en/documents/${id}/contest`, { reason: "x".repeat(2001) })).status).toBe(422);
    const sent = await owner.post(`/en/documents/${id}/contest`, { reason: "The container was not emptied on 15 December." });
    expect(sent.status).toBe(303);
    expect((await owner.get(sent.location!)).text).toContain("Your contest of document C-WINDOW was recorded.");
    const again = await owner.post(`/en/documents/${id}/contest`, { reason: "twice" });
    expect(again.status).toBe(200);
    const contests = await sql<{ reason: string; actor: string }>("SELECT reason, actor FROM document_contests WHERE document_id = ?", [id]);
    expect(contests).toEqual([{ reason: "The container was not emptied on 15 December.", actor: expect.stringMatching(/^user:\d+$/) }]);
    expect(await sql("SELECT id FROM audit_events WHERE action = 'document.contest' AND customer_id = ?", [ids.head!])).toHaveLength(1);
    expect((await owner.get("/en/documents?tab=invoice&from=2025-12-01&to=2025-12-31")).text).toMatch(/C-WINDOW[\s\S]*Contested/);
  });

  it("is closed on the next working day after the window: the document is accepted", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-05T09:00:00+01:00"));
    const owner = await loggedInAs("docs.owner");
    const id = ids["C-LATE"]!;
    const list = await owner.get("/en/documents?tab=reminder&from=2025-12-01&to=2025-12-31");
    expect(list.text).toMatch(/C-LATE[\s\S]*Accepted/);
    expect(list.text).not.toContain(`/documents/${id}/contest`);
    await owner.get(`/en/documents/${id}/contest`);
    expect((await owner.post(`/en/documents/${id}/contest`, { reason: "too late" })).status).toBe(409);
    expect(await sql("SELECT id FROM document_contests WHERE document_id = ?", [id])).toHaveLength(0);
  });
});

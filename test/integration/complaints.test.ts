import { beforeAll, describe, expect, it } from "vitest";
import { brusselsDate } from "../../src/lib/workdays.ts";
import { loggedIn, outbox, testAccount, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";
import { EXE, PDF, PNG, upload } from "./threads-helpers.ts";

// Test accounts 71–73 (waste + services + complaints).
const today = brusselsDate(Date.now());
const daysAgo = (n: number) => brusselsDate(Date.now() - n * 86_400_000);
let customer71 = 0;
let customer72 = 0;
let one: TestBrowser;

async function customerId(n: number) {
  const [row] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [testAccount(n).customerNumber]);
  return Number(row!.id);
}
const count = async (table: string, customer: number) => Number((await sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE customer_id = ?`, [customer]))[0]!.n);
const threadsOf = (customer: number) => count("threads", customer);

beforeAll(async () => {
  customer71 = await customerId(71);
  customer72 = await customerId(72);
  one = (await loggedIn(71)).browser;
});

const valid = (contract = testAccount(71).contractNumber) => ({
  contract,
  service: "Restafval 240 L",
  nature: "service_not_done",
  comment: "The container was not emptied on Monday.",
  serviceDate: daysAgo(3),
});

describe("complaint form (000 p.10)", () => {
  it("shows the manual's fields: contract number, service, nature, commentary, date of service, with the 6 months said", async () => {
    const page = await one.get("/en/complaints");
    expect(page.status).toBe(200);
    for (const label of ["Contract number", "Service", "Nature", "Commentary", "Date of service", "Send complaint"]) expect(page.text).toContain(label);
    expect(page.text).toContain(`<option value="${testAccount(71).contractNumber}"`);
    expect(page.text).toContain("(6 months ago)");
    expect(page.text).toContain(`max="${today}"`);
  });

  it("refuses each invalid field in the user's language with 422, keeps the values, stores nothing", async () => {
    const { browser } = await loggedIn(73, "fr");
    const customer = await customerId(73);
    await browser.get("/fr/complaints");
    const before = await threadsOf(customer);
    const cases: [Record<string, string>, string][] = [
      [{ contract: "" }, "Choisissez un de vos numéros de contrat."],
      [{ service: "Papier" }, "Choisissez le service concerné."],
      [{ nature: "angry" }, "Choisissez la nature de votre plainte."],
      [{ comment: "   " }, "Écrivez votre commentaire."],
      [{ comment: "x".repeat(4001) }, "Votre commentaire est trop long"],
      [{ serviceDate: "31/02/2026" }, "Saisissez la date de la prestation"],
      [{ serviceDate: brusselsDate(Date.now() + 2 * 86_400_000) }, "ne peut pas être dans le futur"],
      [{ serviceDate: daysAgo(200) }, "peut remonter à 6 mois au plus"],
    ];
    for (const [change, message] of cases) {
      const result = await browser.post("/fr/complaints", { ...valid(testAccount(73).contractNumber), ...change });
      expect(result.status, JSON.stringify(change)).toBe(422);
      expect(result.text).toContain(message);
      expect(result.text).toContain('aria-invalid="true"');
      expect(result.text).toContain("The container was not emptied on Monday.".slice(0, change.comment ? 0 : 20));
    }
    expect(await threadsOf(customer)).toBe(before);
  });

  it("refuses another customer's contract number with 422", async () => {
    const before = await threadsOf(customer71);
    const result = await one.post("/en/complaints", valid(testAccount(72).contractNumber));
    expect(result.status).toBe(422);
    expect(result.text).toContain("Choose one of your contract numbers.");
    expect(await threadsOf(customer71)).toBe(before);
    expect(await sql("SELECT t.id FROM threads t WHERE t.customer_id = ?", [customer72])).toHaveLength(0);
  });

  it("files a complaint: thread, complaint, first message and audit together; mails to the commercial team and the user", async () => {
    const result = await one.post("/en/complaints", valid());
    expect(result.status).toBe(303);
    const id = Number(result.location!.match(/\/en\/complaints\/(\d+)\?sent=1$/)![1]);
    const [thread] = await sql<{ kind: string; status: string; title: string; created_by: string }>("SELECT kind, status, title, created_by FROM threads WHERE id = ? AND customer_id = ?", [
      id,
      customer71,
    ]);
    expect(thread).toMatchObject({
      kind: "complaint",
      status: "new",
      title: `Service not or badly performed – ${testAccount(71).contractNumber}`,
      created_by: `code:${testAccount(71).customerNumber}`,
    });
    expect(await sql("SELECT service, nature, service_date FROM complaints WHERE thread_id = ?", [id])).toEqual([{ service: "Restafval 240 L", nature: "service_not_done", service_date: daysAgo(3) }]);
    expect(await sql("SELECT author, author_label, body FROM thread_messages WHERE thread_id = ?", [id])).toEqual([
      { author: "customer", author_label: testAccount(71).customerNumber, body: "The container was not emptied on Monday." },
    ]);
    const audit = await sql<{ after: string }>("SELECT after FROM audit_events WHERE action = 'complaint.filed' AND customer_id = ?", [customer71]);
    expect(JSON.parse(audit.at(-1)!.after)).toMatchObject({ threadId: id, nature: "service_not_done" });
    const mails = await outbox();
    const toTeam = mails.find((m) => m.recipient === "pro@example.be" && m.subject === `New complaint ${id} from customer ${testAccount(71).customerNumber}`);
    expect(toTeam?.body).toContain("The container was not emptied on Monday.");
    const toUser = mails.find((m) => m.recipient === testAccount(71).email && m.subject === `Your complaint ${id} was received`);
    expect(toUser?.body).toContain(`https://loket.test/en/complaints/${id}`);
    const page = await one.get(result.location!);
    expect(page.text).toContain(`Your complaint ${id} was sent to our commercial team.`);
    expect(page.text).toContain("The container was not emptied on Monday.");
    const list = await one.get("/en/complaints");
    expect(list.text).toContain(`href="/en/complaints/${id}"`);
    expect(list.text).toContain("<td>Sent</td>");
  });

  it("shows the provider's answer inserted by the desk, and the customer answers with files (token in the form or in a header), then closes", async () => {
    const filed = await one.post("/en/complaints", { ...valid(), comment: "Second complaint." });
    const id = Number(filed.location!.match(/complaints\/(\d+)/)![1]);
    await sql("INSERT INTO thread_messages (thread_id, at, author, author_label, body) VALUES (?, ?, 'staff', 'Sofie Janssens', 'We will come back on Thursday.')", [id, Date.now()]);
    await sql("UPDATE threads SET status = 'answered' WHERE id = ?", [id]);
    const page = await one.get(`/en/complaints/${id}`);
    expect(page.text).toContain("Sofie Janssens (Loket Demo)");
    expect(page.text).toContain("We will come back on Thursday.");
    expect(page.text).toContain("Answered");
    expect(page.text.indexOf("Second complaint.")).toBeLessThan(page.text.indexOf("We will come back on Thursday."));

    const noJs = await upload(one, `/en/complaints/${id}/messages`, { message: "Here is a photo." }, [{ name: "photo.png", bytes: PNG }]);
    expect(noJs.status).toBe(303);
    const htmx = await upload(one, `/en/complaints/${id}/messages`, { message: "And the letter." }, [{ name: "letter.pdf", bytes: PDF }], { tokenIn: "header", headers: { "HX-Request": "true" } });
    expect(htmx.status).toBe(200);
    expect(htmx.response.headers.get("HX-Location")).toContain(`/en/complaints/${id}?added=1`);
    const files = await sql<{ id: number; name: string; content_type: string; size: number }>("SELECT id, name, content_type, size FROM attachments WHERE thread_id = ? ORDER BY id", [id]);
    expect(files.map((f) => [f.name, f.content_type, f.size])).toEqual([
      ["photo.png", "image/png", PNG.length],
      ["letter.pdf", "application/pdf", PDF.length],
    ]);
    expect((await sql<{ status: string }>("SELECT status FROM threads WHERE id = ?", [id]))[0]!.status).toBe("in_progress");
    const download = await one.get(`/en/complaints/${id}/attachments/${files[1]!.id}`);
    expect(download.status).toBe(200);
    expect(download.response.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.response.headers.get("Content-Disposition")).toBe('attachment; filename="letter.pdf"');
    expect(download.response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.text).toBe(new TextDecoder().decode(PDF));

    await one.get(`/en/complaints/${id}`);
    const closed = await one.post(`/en/complaints/${id}/close`, {});
    expect(closed.status).toBe(303);
    const after = await one.get(`/en/complaints/${id}`);
    expect(after.text).toContain("This conversation is closed.");
    expect(after.text).not.toContain('name="message"');
    expect((await upload(one, `/en/complaints/${id}/messages`, { message: "Late." })).status).toBe(409);
    expect(await sql("SELECT id FROM audit_events WHERE action = 'complaint.closed' AND customer_id = ?", [customer71])).toHaveLength(1);
  });

  it("a refused reply keeps the message: a program renamed .pdf, a 5th file", async () => {
    const filed = await one.post("/en/complaints", { ...valid(), comment: "Third." });
    const id = Number(filed.location!.match(/complaints\/(\d+)/)![1]);
    await one.get(`/en/complaints/${id}`);
    const exe = await upload(one, `/en/complaints/${id}/messages`, { message: "See the invoice." }, [{ name: "invoice.pdf", bytes: EXE, type: "application/pdf" }]);
    expect(exe.status).toBe(422);
    expect(exe.text).toContain("invoice.pdf is not a PDF, PNG, JPEG, CSV, XLSX or DOCX file");
    expect(exe.text).toContain("See the invoice.</textarea>");
    const five = await upload(
      one,
      `/en/complaints/${id}/messages`,
      { message: "Five files." },
      [1, 2, 3, 4, 5].map((n) => ({ name: `p${n}.pdf`, bytes: PDF })),
      { tokenIn: "header" },
    );
    expect(five.status).toBe(422);
    expect(five.text).toContain("You can attach at most 4 files.");
    expect(five.text).toContain("Five files.</textarea>");
    expect(await sql("SELECT id FROM attachments WHERE thread_id = ?", [id])).toHaveLength(0);
    expect(await sql("SELECT id FROM thread_messages WHERE thread_id = ?", [id])).toHaveLength(1);
  });

  it("another customer's complaint, message, close and attachment are 404", async () => {
    const filed = await one.post("/en/complaints", { ...valid(), comment: "Mine." });
    const id = Number(filed.location!.match(/complaints\/(\d+)/)![1]);
    await one.get(`/en/complaints/${id}`);
    await upload(one, `/en/complaints/${id}/messages`, { message: "File." }, [{ name: "a.pdf", bytes: PDF }]);
    const [file] = await sql<{ id: number }>("SELECT id FROM attachments WHERE thread_id = ?", [id]);
    const { browser: other } = await loggedIn(72);
    await other.get("/en/complaints");
    expect((await other.get(`/en/complaints/${id}`)).status).toBe(404);
    expect((await other.get(`/en/complaints/${id}/attachments/${file!.id}`)).status).toBe(404);
    expect((await other.post(`/en/complaints/${id}/close`, {})).status).toBe(404);
    expect((await upload(other, `/en/complaints/${id}/messages`, { message: "Hijack." })).status).toBe(404);
    expect((await other.get("/en/complaints")).text).not.toContain(`/en/complaints/${id}"`);
    expect((await sql<{ status: string }>("SELECT status FROM threads WHERE id = ?", [id]))[0]!.status).toBe("new");
    // The tickets of a waste customer do not exist.
    expect((await other.get("/en/tickets")).status).toBe(404);
    expect((await other.get("/en/tickets/new")).status).toBe(404);
  });

  it("lists many complaints a page at a time (keyset)", async () => {
    const customer = await customerId(72);
    const now = Date.now();
    for (let i = 0; i < 45; i++) {
      await sql("INSERT INTO threads (customer_id, kind, status, title, created_at, updated_at, created_by) VALUES (?, 'complaint', 'new', ?, ?, ?, 'seed')", [
        customer,
        `Paged ${i}`,
        now - i * 60_000,
        now - i * 60_000,
      ]);
    }
    const { browser } = await loggedIn(72);
    const first = await browser.get("/en/complaints");
    expect(first.text).toContain("Paged 0<");
    expect(first.text).toContain("Paged 19<");
    expect(first.text).not.toContain("Paged 20<");
    const next = first.text.match(/href="(\/en\/complaints\?after=[^"]+)"/)![1]!.replaceAll("&amp;", "&");
    const second = await browser.get(next);
    expect(second.text).toContain("Paged 20<");
    expect(second.text).not.toContain("Paged 19<");
    const back = second.text.match(/href="(\/en\/complaints\?before=[^"]+)"/)![1]!.replaceAll("&amp;", "&");
    expect((await browser.get(back)).text).toContain("Paged 0<");
  });

  it("contesting a document also files a complaint with the document in its thread (documents module)", async () => {
    const [doc] = await sql<{ id: number }>(
      "INSERT INTO documents (customer_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents) VALUES (?, 'invoice', 'CONTEST-71', ?, ?, 12100, 2100, 12100) RETURNING id",
      [customer71, today, Date.now()],
    );
    await one.get(`/en/documents/${doc!.id}/contest`);
    const sent = await one.post(`/en/documents/${doc!.id}/contest`, { reason: "This invoice counts two collections." });
    expect(sent.status).toBe(303);
    expect(await sql("SELECT id FROM document_contests WHERE document_id = ?", [doc!.id])).toHaveLength(1);
    const [thread] = await sql<{ id: number; title: string }>("SELECT t.id, t.title FROM threads t JOIN attachments a ON a.thread_id = t.id WHERE a.document_id = ? AND t.customer_id = ?", [
      doc!.id,
      customer71,
    ]);
    expect(thread!.title).toBe("Contest of document CONTEST-71");
    expect(await sql("SELECT nature, document_id FROM complaints WHERE thread_id = ?", [thread!.id])).toEqual([{ nature: "invoice", document_id: doc!.id }]);
    const [file] = await sql<{ id: number; name: string }>("SELECT id, name FROM attachments WHERE thread_id = ?", [thread!.id]);
    expect(file!.name).toBe("CONTEST-71.pdf");
    const list = await one.get("/en/complaints");
    expect(list.text).toContain("Contest of document CONTEST-71");
    const page = await one.get(`/en/complaints/${thread!.id}`);
    expect(page.text).toContain("This invoice counts two collections.");
    expect(page.text).toContain(`href="/en/complaints/${thread!.id}/attachments/${file!.id}"`);
    expect(page.text).toContain("Document CONTEST-71.pdf");
    const open = await one.get(`/en/complaints/${thread!.id}/attachments/${file!.id}`);
    expect(open.status).toBe(303);
    expect(open.location).toBe(`/en/documents/${doc!.id}/pdf`);
  });
});

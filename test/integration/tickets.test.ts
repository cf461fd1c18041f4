import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays, brusselsDate } from "../../src/lib/workdays.ts";
import { loggedIn, loggedInAs, outbox, testAccount, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";
import { countedMultipart, CSV, EXE, PDF, PNG, upload } from "./threads-helpers.ts";

// The mobile demo customer 100457319 (user margaux) and test account 74, given the fleet here.
const MOBILE = "100457319";
let mobileId = 0;
let margaux: TestBrowser;
const today = brusselsDate(Date.now());
const inDays = (n: number) => brusselsDate(Date.now() + n * 86_400_000);
const ticketsOf = async (customer: number) => Number((await sql<{ n: number }>("SELECT count(*) AS n FROM threads WHERE customer_id = ? AND kind = 'ticket'", [customer]))[0]!.n);

beforeAll(async () => {
  mobileId = Number((await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [MOBILE]))[0]!.id);
  margaux = await loggedInAs("margaux");
});

const reactivate = {
  subject: "sim_options",
  detail: "reactivate_paused",
  phoneNumber: "0470 12 34 56",
  actionDate: inDays(3),
  message: "Please reactivate this line.",
  email: "margaux.dubois@havenlogistiek.be",
  mobile: "0488 33 94 85",
};

describe("ticket form (003 « Créer un ticket technique »)", () => {
  it("without JavaScript: subject, then details, then the fields the detail needs, prefilled with the requester's contacts", async () => {
    const step1 = await margaux.get("/en/tickets/new");
    expect(step1.status).toBe(200);
    expect(step1.text).toContain("Subject of your ticket");
    expect(step1.text).toContain('<option value="sim_options">SIM card options</option>');
    expect(step1.text).not.toContain('name="detail"');
    expect(step1.text).toContain('<form class="card" method="get" action="/en/tickets/new">');
    const step2 = await margaux.get("/en/tickets/new?subject=sim_options");
    for (const detail of ["Reactivate paused SIM cards", "Stop / pause SIM cards", "Delete non-activated SIM cards", "Add employees via CSV", "Order blank SIM cards"])
      expect(step2.text).toContain(detail);
    expect(step2.text).not.toContain('name="phoneNumber"');
    const step3 = await margaux.get("/en/tickets/new?subject=sim_options&detail=reactivate_paused");
    expect(step3.text).toContain('name="phoneNumber"');
    expect(step3.text).toContain('name="actionDate"');
    expect(step3.text).toContain('enctype="multipart/form-data"');
    expect(step3.text).toContain('value="margaux.dubois@havenlogistiek.be"');
    expect(step3.text).toContain('value="0489744365"');
    // A detail of another subject is not taken.
    expect((await margaux.get("/en/tickets/new?subject=blocks&detail=reactivate_paused")).text).not.toContain('name="phoneNumber"');
  });

  it("with htmx the details follow the subject in place: a fragment of the form block only", async () => {
    const fragment = await margaux.get("/fr/tickets/new/form?subject=sim_options", { "HX-Request": "true" });
    expect(fragment.status).toBe(200);
    expect(fragment.text.startsWith('<div id="ticket-form">')).toBe(true);
    expect(fragment.text).not.toContain("<html");
    expect(fragment.text).toContain("Réactiver les cartes SIM en pause");
    expect(fragment.text).toContain('hx-get="/fr/tickets/new/form"');
    const fields = await margaux.get("/fr/tickets/new/form?subject=sim_options&detail=order_blank_sim", { "HX-Request": "true" });
    expect(fields.text).toContain("Nombre de cartes SIM");
    expect(fields.text).toContain('value="Katwilgweg"');
    expect(fields.text).toContain('value="2050"');
  });

  it("creates a ticket with two attachments: thread, ticket, message, files in R2, audit, mails; the files download", async () => {
    await margaux.get("/en/tickets/new?subject=sim_options&detail=reactivate_paused");
    const sent = await upload(margaux, "/en/tickets", reactivate, [
      { name: "list.pdf", bytes: PDF },
      { name: "screen.png", bytes: PNG },
    ]);
    expect(sent.status, sent.text.match(/field-error[^<]*<|notice error[^<]*</g)?.join(" | ")).toBe(303);
    const id = Number(sent.location!.match(/\/en\/tickets\/(\d+)\?sent=1$/)![1]);
    expect(await sql("SELECT subject, detail, phone_number, action_date, requester_email, requester_mobile FROM tickets WHERE thread_id = ?", [id])).toEqual([
      {
        subject: "sim_options",
        detail: "reactivate_paused",
        phone_number: "+32470123456",
        action_date: inDays(3),
        requester_email: "margaux.dubois@havenlogistiek.be",
        requester_mobile: "+32488339485",
      },
    ]);
    expect((await sql<{ customer_id: number; title: string }>("SELECT customer_id, title FROM threads WHERE id = ?", [id]))[0]).toMatchObject({
      customer_id: mobileId,
      title: "SIM card options – Reactivate paused SIM cards",
    });
    expect(await sql("SELECT author, author_label, body FROM thread_messages WHERE thread_id = ?", [id])).toEqual([
      { author: "customer", author_label: "Margaux Dubois", body: "Please reactivate this line." },
    ]);
    const files = await sql<{ id: number; name: string; content_type: string; file_key: string }>("SELECT id, name, content_type, file_key FROM attachments WHERE thread_id = ? ORDER BY id", [id]);
    expect(files.map((f) => [f.name, f.content_type])).toEqual([
      ["list.pdf", "application/pdf"],
      ["screen.png", "image/png"],
    ]);
    expect(files[0]!.file_key).toMatch(/^attachments\/[0-9a-f]{48}$/);
    expect(await sql("SELECT id FROM audit_events WHERE action = 'ticket.created' AND customer_id = ?", [mobileId])).not.toHaveLength(0);
    const mails = await outbox();
    expect(mails.some((m) => m.recipient === "pro@example.be" && m.subject.startsWith(`New ticket ${id} from customer ${MOBILE}`))).toBe(true);
    expect(mails.some((m) => m.recipient === "margaux.dubois@havenlogistiek.be" && m.body.includes(`https://loket.test/en/tickets/${id}`))).toBe(true);
    const page = await margaux.get(sent.location!);
    expect(page.text).toContain(`Your ticket ${id} was sent.`);
    expect(page.text).toContain("Please reactivate this line.");
    expect(page.text).toContain("0470 12 34 56");
    const file = await SELF.fetch(`https://loket.test/en/tickets/${id}/attachments/${files[1]!.id}`, { headers: { Cookie: [...margaux.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("image/png");
    expect(file.headers.get("Content-Disposition")).toBe('attachment; filename="screen.png"');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });

  it("refuses each invalid field with 422 in the user's language, keeps the values, stores nothing", async () => {
    await margaux.get("/fr/tickets/new?subject=sim_options&detail=reactivate_paused");
    const before = await ticketsOf(mobileId);
    const cases: [Record<string, string>, string][] = [
      [{ phoneNumber: "12345" }, "Entrez un numéro mobile belge"],
      [{ actionDate: inDays(-2) }, "Entrez une date à partir d&#39;aujourd&#39;hui"],
      [{ actionDate: inDays(400) }, "Entrez une date à partir d&#39;aujourd&#39;hui"],
      [{ email: "nope" }, "Entrez une adresse e-mail valable"],
      [{ mobile: "12" }, "Entrez un numéro mobile belge"],
      [{ detail: "" }, "Choisissez une option dans Plus de détails."],
      [{ subject: "weather" }, "Choisissez l&#39;objet de votre ticket."],
    ];
    for (const [change, message] of cases) {
      const result = await upload(margaux, "/fr/tickets", { ...reactivate, ...change });
      expect(result.status, JSON.stringify(change)).toBe(422);
      expect(result.text).toContain(message);
      if (!("subject" in change) && !("detail" in change)) expect(result.text, JSON.stringify(change)).toContain("Please reactivate this line.</textarea>");
    }
    const other = await upload(margaux, "/fr/tickets", { subject: "other", detail: "other", message: " ", email: reactivate.email });
    expect(other.status).toBe(422);
    expect(other.text).toContain("Entrez votre message.");
    const csv = await upload(margaux, "/fr/tickets", { subject: "sim_options", detail: "add_employees_csv", message: "", email: reactivate.email }, [{ name: "list.pdf", bytes: PDF }]);
    expect(csv.status).toBe(422);
    expect(csv.text).toContain("Joignez le fichier CSV des salariés.");
    expect(await ticketsOf(mobileId)).toBe(before);
  });

  it("attachments: a 5th file and a program renamed .pdf are refused, what was typed is kept, nothing stored", async () => {
    await margaux.get("/en/tickets/new?subject=sim_options&detail=reactivate_paused");
    const before = await ticketsOf(mobileId);
    const five = await upload(
      margaux,
      "/en/tickets",
      reactivate,
      [1, 2, 3, 4, 5].map((n) => ({ name: `f${n}.pdf`, bytes: PDF })),
    );
    expect(five.status).toBe(422);
    expect(five.text).toContain("You can attach at most 4 files.");
    expect(five.text).toContain('value="0470 12 34 56"');
    const streamedFive = await upload(
      margaux,
      "/en/tickets",
      reactivate,
      [1, 2, 3, 4, 5].map((n) => ({ name: `f${n}.pdf`, bytes: PDF })),
      { tokenIn: "header" },
    );
    expect(streamedFive.status).toBe(422);
    expect(streamedFive.text).toContain("You can attach at most 4 files.");
    const exe = await upload(margaux, "/en/tickets", reactivate, [{ name: "setup.pdf", bytes: EXE, type: "application/pdf" }], { tokenIn: "header" });
    expect(exe.status).toBe(422);
    expect(exe.text).toContain("setup.pdf is not a PDF, PNG, JPEG, CSV, XLSX or DOCX file");
    expect(exe.text).toContain("Please reactivate this line.</textarea>");
    const renamedCsv = await upload(margaux, "/en/tickets", reactivate, [{ name: "data.pdf", bytes: CSV }]);
    expect(renamedCsv.status).toBe(422);
    expect(await ticketsOf(mobileId)).toBe(before);
  });

  it("a file of 10 MB + 1 byte is refused while streaming: the rest of the body is never read", async () => {
    await margaux.get("/en/tickets/new?subject=sim_options&detail=reactivate_paused");
    const before = await ticketsOf(mobileId);
    const boundary = "----loket-test-boundary";
    const trailing = 20 * 1024 * 1024;
    const { stream, state } = countedMultipart(boundary, reactivate, { name: "huge.pdf", size: 10 * 1024 * 1024 + 1 }, trailing);
    const response = await SELF.fetch("https://loket.test/en/tickets", {
      method: "POST",
      body: stream,
      // @ts-expect-error: a streamed request body needs half duplex
      duplex: "half",
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        Cookie: [...margaux.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        Origin: "https://loket.test",
        "X-CSRF-Token": margaux.csrfToken(),
      },
      redirect: "manual",
    });
    const text = await response.text();
    expect(response.status).toBe(422);
    expect(text).toContain("huge.pdf is larger than 10 MB.");
    expect(text).toContain("Please reactivate this line.</textarea>");
    expect(state.pulled).toBeLessThan(10 * 1024 * 1024 + trailing / 2);
    expect(await ticketsOf(mobileId)).toBe(before);
    // A body announced above the route's limit is refused from its headers alone (413).
    const big = await SELF.fetch("https://loket.test/en/tickets", {
      method: "POST",
      body: "x",
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Content-Length": String(50 * 1024 * 1024),
        Cookie: [...margaux.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        Origin: "https://loket.test",
      },
      redirect: "manual",
    }).catch(() => null);
    if (big) expect(big.status).toBe(413);
  });

  it("blank SIM cards: quantity by tens and the delivery address place an order delivered within 2 working days", async () => {
    await margaux.get("/en/tickets/new?subject=sim_options&detail=order_blank_sim");
    const order = {
      subject: "sim_options",
      detail: "order_blank_sim",
      quantity: "20",
      country: "BE",
      postcode: "2050",
      locality: "Antwerpen",
      street: "Katwilgweg",
      houseNumber: "2",
      suffix: "",
      box: "",
      message: "",
      email: reactivate.email,
      mobile: "",
    };
    const wrong = await upload(margaux, "/en/tickets", { ...order, quantity: "15", postcode: "20" });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("Enter a number of SIM cards in multiples of 10");
    expect(wrong.text).toContain("Enter a Belgian postal code of 4 digits.");
    const sent = await upload(margaux, "/en/tickets", order);
    expect(sent.status).toBe(303);
    const id = Number(sent.location!.match(/tickets\/(\d+)/)![1]);
    const delivery = addWorkingDays(today, 2);
    expect(sent.location).toContain(`delivery=${delivery}`);
    const [row] = await sql<{ quantity: number; order_id: number; street: string }>("SELECT quantity, order_id, street FROM tickets WHERE thread_id = ?", [id]);
    expect(row).toMatchObject({ quantity: 20, street: "Katwilgweg" });
    const [placed] = await sql<{ quantity: number; delivery_date: string; customer_id: number; address: string }>("SELECT quantity, delivery_date, customer_id, address FROM orders WHERE id = ?", [
      row!.order_id,
    ]);
    expect(placed).toEqual({ quantity: 20, delivery_date: delivery, customer_id: mobileId, address: "Katwilgweg 2, 2050 Antwerpen" });
    const page = await margaux.get(sent.location!);
    expect(page.text).toContain("the SIM cards will be delivered within 2 working days");
  });

  it("the desk's answer shows in the thread; the customer replies with a file and closes", async () => {
    await margaux.get("/en/tickets/new?subject=other&detail=other");
    const sent = await upload(margaux, "/en/tickets", { subject: "other", detail: "other", message: "Roaming does not work.", email: reactivate.email });
    const id = Number(sent.location!.match(/tickets\/(\d+)/)![1]);
    await sql("INSERT INTO thread_messages (thread_id, at, author, author_label, body) VALUES (?, ?, 'staff', 'Tom Peeters', 'Restart the phone, please.')", [id, Date.now() + 1000]);
    await sql("UPDATE threads SET status = 'answered' WHERE id = ?", [id]);
    const page = await margaux.get(`/en/tickets/${id}`);
    expect(page.text).toContain("Tom Peeters (Loket Demo)");
    expect(page.text).toContain("Restart the phone, please.");
    expect(page.text).toContain("Margaux Dubois (you)");
    const reply = await upload(margaux, `/en/tickets/${id}/messages`, { message: "Done, still nothing." }, [{ name: "employees.csv", bytes: CSV }], { tokenIn: "header" });
    expect(reply.status).toBe(303);
    expect(await sql("SELECT name, content_type FROM attachments WHERE thread_id = ?", [id])).toEqual([{ name: "employees.csv", content_type: "text/csv" }]);
    expect((await sql<{ status: string }>("SELECT status FROM threads WHERE id = ?", [id]))[0]!.status).toBe("in_progress");
    await margaux.get(`/en/tickets/${id}`);
    expect((await margaux.post(`/en/tickets/${id}/close`, {})).status).toBe(303);
    expect((await sql<{ status: string }>("SELECT status FROM threads WHERE id = ?", [id]))[0]!.status).toBe("closed");
    const list = await margaux.get("/en/tickets");
    expect(list.text).toContain(`href="/en/tickets/${id}"`);
    expect(list.text).toContain("<td>Closed</td>");
  });

  it("another customer's ticket and attachment are 404, also for an account with a fleet", async () => {
    const [ticket] = await sql<{ id: number }>("SELECT t.id FROM threads t JOIN attachments a ON a.thread_id = t.id WHERE t.customer_id = ? AND t.kind = 'ticket' LIMIT 1", [mobileId]);
    const [file] = await sql<{ id: number }>("SELECT id FROM attachments WHERE thread_id = ?", [ticket!.id]);
    const customer74 = Number((await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [testAccount(74).customerNumber]))[0]!.id);
    await sql("INSERT OR IGNORE INTO account_applications (customer_id, application_id) SELECT ?, id FROM applications WHERE code = 'fleet'", [customer74]);
    const { browser } = await loggedIn(74);
    expect((await browser.get("/en/tickets")).status).toBe(200);
    expect((await browser.get(`/en/tickets/${ticket!.id}`)).status).toBe(404);
    expect((await browser.get(`/en/tickets/${ticket!.id}/attachments/${file!.id}`)).status).toBe(404);
    expect((await browser.get(`/en/complaints/${ticket!.id}`)).status).toBe(404);
    expect((await browser.post(`/en/tickets/${ticket!.id}/close`, {})).status).toBe(404);
    // The complaint route does not serve a ticket's attachment either (kinds are apart).
    expect((await margaux.get(`/en/complaints/${ticket!.id}/attachments/${file!.id}`)).status).toBe(404);
  });
});

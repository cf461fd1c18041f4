import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import * as schema from "../../src/db/schema/index.ts";
import { changeQueueQuery, orderQueueQuery, threadQueueQuery } from "../../src/features/desk/service.ts";
import { DEMO_PASSWORD, loggedIn, TestBrowser, waitForOutbox } from "./browser.ts";
import { accountIds, createChange, createComplaint, createOrder, createStaff, createTicket, deskLogin, deskPost, deskToken, totpAt } from "./desk-fixtures.ts";
import { sql } from "./sql.ts";

// Test accounts of this file: 83–92.

const rowsOf = (html: string) =>
  [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );

/** Every row of a queue, following its keyset "next page" links. */
async function allQueueRows(browser: TestBrowser, first: string) {
  const rows: string[] = [];
  let url: string | null = first;
  for (let i = 0; url && i < 40; i++) {
    const page = await browser.get(url);
    expect(page.status).toBe(200);
    rows.push(...rowsOf(page.text).slice(1));
    url = page.text.match(/<a href="([^"]+)" rel="next">/)?.[1]?.replaceAll("&amp;", "&") ?? null;
  }
  return rows;
}

describe("desk login", () => {
  it("refuses a wrong password, a wrong code and a replayed code; a right pair opens the desk", async () => {
    const member = await createStaff("agent");
    const browser = new TestBrowser();
    await browser.get("/en/desk/login");
    const wrong = await browser.post("/en/desk/login", { username: member.username, password: "Not-The-Password-1" });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("The username or the password is not right.");
    expect(browser.cookies.has("__Host-loket_desk")).toBe(false);
    // An unknown name answers the same.
    const unknown = await browser.post("/en/desk/login", { username: "nobody.here", password: DEMO_PASSWORD });
    expect(unknown.status).toBe(401);

    // Empty fields: 422, the form again with the name kept.
    const empty = await browser.post("/en/desk/login", { username: member.username, password: "" });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain(`value="${member.username}"`);

    const ok = await browser.post("/en/desk/login", { username: member.username, password: DEMO_PASSWORD });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe("/en/desk/login/code");
    // After the password only, the desk stays closed.
    expect((await browser.get("/en/desk/complaints")).location).toBe("/en/desk/login");

    await browser.get("/en/desk/login/code");
    const badCode = String((Number(totpAt(member.secret)) + 500_000) % 1_000_000).padStart(6, "0");
    const bad = await browser.post("/en/desk/login/code", { code: badCode, _desk: deskToken(browser) });
    expect(bad.status).toBe(401);
    expect(bad.text).toContain("This code is not right");
    const format = await browser.post("/en/desk/login/code", { code: "12ab", _desk: deskToken(browser) });
    expect(format.status).toBe(422);

    const code = totpAt(member.secret);
    const good = await browser.post("/en/desk/login/code", { code, _desk: deskToken(browser) });
    expect(good.status).toBe(303);
    expect(good.location).toBe("/en/desk/complaints");
    const queue = await browser.get("/en/desk/complaints");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain("Alex Agent (agent)");
    const [stored] = await sql<{ totp_last_step: number; last_login_at: number }>("SELECT totp_last_step, last_login_at FROM staff WHERE id = ?", [member.id]);
    expect(stored!.totp_last_step).toBeGreaterThan(0);

    // The same code again, from another browser: refused (RFC 6238 §5.2).
    const replay = new TestBrowser();
    await replay.get("/en/desk/login");
    await replay.post("/en/desk/login", { username: member.username, password: DEMO_PASSWORD });
    await replay.get("/en/desk/login/code");
    const again = await replay.post("/en/desk/login/code", { code, _desk: deskToken(replay) });
    expect(again.status).toBe(401);
    expect((await replay.get("/en/desk/complaints")).status).toBe(303);

    // Logging out ends the desk session.
    const out = await deskPost(browser, "/en/desk/complaints", "/en/desk/logout", {});
    expect(out.status).toBe(303);
    expect((await browser.get("/en/desk/complaints")).location).toBe("/en/desk/login");
  });

  it("counts password tries exactly under parallel requests: 5 per username, the rest 429", async () => {
    const member = await createStaff("agent");
    const browsers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const b = new TestBrowser();
        await b.get("/en/desk/login");
        return b;
      }),
    );
    const answers = await Promise.all(browsers.map((b) => b.post("/en/desk/login", { username: member.username, password: "Wrong-Password-9" })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    // Even the right password is refused now.
    const late = browsers[0]!;
    const right = await late.post("/en/desk/login", { username: member.username, password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
    expect(right.text).toContain("Too many attempts");
  });

  it("is in the staff member's language from /desk, with a language switch", async () => {
    const member = await createStaff("agent", "Fien Frans", "fr");
    const browser = await deskLogin(member, "en");
    const entry = await browser.get("/desk");
    expect(entry.location).toBe("/fr/desk/complaints");
    const page = await browser.get("/fr/desk/complaints");
    expect(page.text).toContain('<html lang="fr"');
    expect(page.text).toContain("Plaintes");
    expect(page.text).toContain('href="/nl/desk/complaints');
    // Without a session, /desk goes to the login page in the negotiated language.
    expect((await new TestBrowser(undefined, "nl").get("/desk")).location).toBe("/nl/desk/login");
    for (const lang of ["nl", "fr", "en"]) {
      const login = await new TestBrowser().get(`/${lang}/desk/login`);
      expect(login.status).toBe(200);
      expect(login.text).not.toMatch(/desk\.\w+|login\.\w+Title/);
    }
  });
});

describe("desk and customer sessions are apart", () => {
  it("a customer session gets 403 on the desk, never data; a desk session is no customer session", async () => {
    const complaint = await createComplaint(85, "Private complaint of 85");
    const { browser: customer } = await loggedIn(85);
    for (const path of ["/en/desk", "/en/desk/complaints", `/en/desk/complaints/${complaint}`, "/en/desk/orders"]) {
      const answer = await customer.get(path);
      expect(answer.status, path).toBe(403);
      expect(answer.text).not.toContain("Private complaint of 85");
    }
    const post = await customer.post(`/en/desk/complaints/${complaint}/answer`, { body: "hi", submission: "x".repeat(20) });
    expect(post.status).toBe(403);
    expect(await sql("SELECT id FROM thread_messages WHERE thread_id = ? AND author = 'staff'", [complaint])).toHaveLength(0);

    const desk = await deskLogin(await createStaff("supervisor"));
    for (const path of ["/en/home", "/en/documents"]) {
      const answer = await desk.get(path);
      expect(answer.status, path).toBe(303);
      expect(answer.location).toContain("/en/login");
    }
  });

  it("a desk POST without the desk session's token is refused", async () => {
    const id = await createComplaint(86, "Token check");
    const desk = await deskLogin(await createStaff("agent"));
    await desk.get(`/en/desk/complaints/${id}`);
    const refused = await desk.post(`/en/desk/complaints/${id}/status`, { status: "closed" });
    expect(refused.status).toBe(403);
    const forged = await desk.post(`/en/desk/complaints/${id}/status`, { status: "closed", _desk: "forged-token-forged-token" });
    expect(forged.status).toBe(403);
    const [row] = await sql<{ status: string }>("SELECT status FROM threads WHERE id = ?", [id]);
    expect(row!.status).toBe("new");
  });
});

describe("threads at the desk", () => {
  it("answering a complaint: message, status, audit for the customer, e-mail, and the customer sees it", async () => {
    const id = await createComplaint(83, "Bin not emptied 83");
    const agent = await createStaff("agent", "Alex Agent");
    const desk = await deskLogin(agent);
    const page = await desk.get(`/en/desk/complaints/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Customer text of Bin not emptied 83");
    // An agent has no assign form.
    expect(page.text).not.toContain("/assign");

    const empty = await deskPost(desk, `/en/desk/complaints/${id}`, `/en/desk/complaints/${id}/answer`, { body: "   ", submission: "s".repeat(20) });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("Write the answer.");
    expect(await sql("SELECT id FROM thread_messages WHERE thread_id = ? AND author = 'staff'", [id])).toHaveLength(0);

    await desk.get(`/en/desk/complaints/${id}`);
    const submission = desk.lastHtml.match(/name="submission" value="([^"]+)"/)![1]!;
    const form = { _desk: deskToken(desk), body: "We collect it tomorrow morning.", submission };
    const answered = await desk.post(`/en/desk/complaints/${id}/answer`, form);
    expect(answered.status).toBe(303);
    expect(answered.location).toBe(`/en/desk/complaints/${id}?done=answered`);
    // A double submit of the same form answers once.
    expect((await desk.post(`/en/desk/complaints/${id}/answer`, form)).status).toBe(303);

    const messages = await sql<{ author: string; author_label: string; staff_id: number; body: string }>(
      "SELECT author, author_label, staff_id, body FROM thread_messages WHERE thread_id = ? AND author = 'staff'",
      [id],
    );
    expect(messages).toEqual([{ author: "staff", author_label: "Alex Agent", staff_id: agent.id, body: "We collect it tomorrow morning." }]);
    const [thread] = await sql<{ status: string }>("SELECT status FROM threads WHERE id = ?", [id]);
    expect(thread!.status).toBe("answered");
    const { customerId, email } = await accountIds(83);
    const audit = await sql<{ actor: string; customer_id: number; action: string }>(
      "SELECT actor, customer_id, action FROM audit_events WHERE action = 'desk.complaint_answered' AND customer_id = ?",
      [customerId],
    );
    expect(audit).toEqual([{ actor: `desk:${agent.username}`, customer_id: customerId, action: "desk.complaint_answered" }]);
    const mails = (await waitForOutbox((all) => all.some((m) => m.recipient === email && m.subject.includes("Bin not emptied 83")))).filter(
      (m) => m.recipient === email && m.subject.includes("Bin not emptied 83"),
    );
    expect(mails).toHaveLength(1);
    // The customer's language (nl) and the public origin.
    expect(mails[0]!.body).toContain(`https://loket.test/nl/complaints/${id}`);
    expect(mails[0]!.body).toContain("We collect it tomorrow morning.");

    const after = await desk.get(`/en/desk/complaints/${id}?done=answered`);
    expect(after.text).toContain("Your answer was sent.");
    expect(after.text).toContain('data-author="staff"');
    expect(after.text).toContain("We collect it tomorrow morning.");

    // The customer sees who answered in the History, in their language.
    const { browser: customer } = await loggedIn(83);
    const history = await customer.get("/en/history");
    expect(history.text).toContain("Complaint answered by customer service");
    expect(history.text).toContain("Customer service (Alex Agent)");
    const nl = await customer.get("/nl/history");
    expect(nl.text).toContain("Klantendienst (Alex Agent)");
    // And the answer in the conversation, once the complaints module serves it.
    const thread83 = await customer.get(`/en/complaints/${id}`);
    expect(thread83.status).toBe(200);
    expect(thread83.text).toContain("We collect it tomorrow morning.");
  });

  it("a ticket's answer goes to its requester", async () => {
    const id = await createTicket(84, "SIM blocked 84", "requester84@test.example");
    const desk = await deskLogin(await createStaff("agent"));
    const page = await desk.get(`/en/desk/tickets/${id}`);
    const submission = page.text.match(/name="submission" value="([^"]+)"/)![1]!;
    expect((await desk.post(`/en/desk/tickets/${id}/answer`, { _desk: deskToken(desk), body: "Unblocked.", submission })).status).toBe(303);
    const mails = await waitForOutbox((all) => all.some((m) => m.recipient === "requester84@test.example"));
    expect(mails.find((m) => m.recipient === "requester84@test.example")!.body).toContain(`/nl/tickets/${id}`);
  });

  it("status and assignment: only a supervisor assigns, an agent takes it for themself", async () => {
    const id = await createComplaint(87, "Assign me 87");
    const agent = await createStaff("agent", "Alex Agent");
    const supervisor = await createStaff("supervisor", "Sue Supervisor");
    const agentDesk = await deskLogin(agent);
    const refused = await deskPost(agentDesk, `/en/desk/complaints/${id}`, `/en/desk/complaints/${id}/assign`, { staffId: String(agent.id) });
    expect(refused.status).toBe(403);
    const took = await deskPost(agentDesk, `/en/desk/complaints/${id}`, `/en/desk/complaints/${id}/take`, {});
    expect(took.status).toBe(303);
    expect((await sql<{ assigned_staff_id: number }>("SELECT assigned_staff_id FROM threads WHERE id = ?", [id]))[0]!.assigned_staff_id).toBe(agent.id);

    const status = await deskPost(agentDesk, `/en/desk/complaints/${id}`, `/en/desk/complaints/${id}/status`, { status: "in_progress" });
    expect(status.status).toBe(303);
    const badStatus = await deskPost(agentDesk, `/en/desk/complaints/${id}`, `/en/desk/complaints/${id}/status`, { status: "new" });
    expect(badStatus.status).toBe(422);

    const supDesk = await deskLogin(supervisor);
    const page = await supDesk.get(`/en/desk/complaints/${id}`);
    expect(page.text).toContain(`/en/desk/complaints/${id}/assign`);
    const assigned = await supDesk.post(`/en/desk/complaints/${id}/assign`, { _desk: deskToken(supDesk), staffId: String(supervisor.id) });
    expect(assigned.status).toBe(303);
    const unknownStaff = await deskPost(supDesk, `/en/desk/complaints/${id}`, `/en/desk/complaints/${id}/assign`, { staffId: "99999999" });
    expect(unknownStaff.status).toBe(422);
    const [row] = await sql<{ assigned_staff_id: number; status: string }>("SELECT assigned_staff_id, status FROM threads WHERE id = ?", [id]);
    expect(row).toEqual({ assigned_staff_id: supervisor.id, status: "in_progress" });
    const { customerId } = await accountIds(87);
    const actions = await sql<{ action: string; actor: string }>("SELECT action, actor FROM audit_events WHERE customer_id = ? AND action LIKE 'desk.%' ORDER BY id", [customerId]);
    expect(actions.map((a) => a.action)).toEqual(["desk.complaint_assigned", "desk.complaint_status", "desk.complaint_assigned"]);
    expect(actions[2]!.actor).toBe(`desk:${supervisor.username}`);
  });

  it("unknown ids, and an id of the other kind, are 404", async () => {
    const ticket = await createTicket(88, "Ticket 88", "r88@test.example");
    const desk = await deskLogin(await createStaff("supervisor"));
    expect((await desk.get("/en/desk/complaints/99999999")).status).toBe(404);
    expect((await desk.get(`/en/desk/complaints/${ticket}`)).status).toBe(404);
    expect((await desk.get(`/en/desk/tickets/${ticket}`)).status).toBe(200);
    expect((await desk.get("/en/desk/orders/abc")).status).toBe(404);
    expect((await desk.get("/en/desk/changes/99999999")).status).toBe(404);
    expect((await deskPost(desk, "/en/desk/orders", "/en/desk/orders/99999999/deliver", {})).status).toBe(404);
    expect((await deskPost(desk, "/en/desk/orders", `/en/desk/complaints/${ticket}/status`, { status: "closed" })).status).toBe(404);
  });
});

describe("queues", () => {
  it("filter by status and age across customers, a page at a time", async () => {
    const tag = `Q${Date.now().toString(36)}`;
    await createComplaint(89, `${tag} fresh`, 0);
    await createComplaint(89, `${tag} two days`, 2);
    await createComplaint(90, `${tag} five days`, 5);
    await createComplaint(90, `${tag} ten days`, 10);
    await createComplaint(90, `${tag} in progress`, 4, "in_progress");
    const desk = await deskLogin(await createStaff("agent"));
    const mine = (rows: string[]) => rows.filter((r) => r.includes(tag)).map((r) => r.match(new RegExp(`${tag} (fresh|two days|five days|ten days|in progress)`))?.[1]);
    expect(mine(await allQueueRows(desk, "/en/desk/complaints?status=new&age=3"))).toEqual(["ten days", "five days"]);
    expect(mine(await allQueueRows(desk, "/en/desk/complaints?status=new"))).toEqual(["ten days", "five days", "two days", "fresh"]);
    expect(mine(await allQueueRows(desk, "/en/desk/complaints?status=in_progress&age=1"))).toEqual(["in progress"]);
    expect(mine(await allQueueRows(desk, "/en/desk/tickets?status=new"))).toEqual([]);

    // Keyset pages: 30 more fresh ones make at least two pages, none twice.
    const { customerId } = await accountIds(91);
    const now = Date.now();
    for (let i = 0; i < 30; i++) {
      await sql("INSERT INTO threads (customer_id, kind, status, title, created_at, updated_at, created_by) VALUES (?, 'complaint', 'closed', ?, ?, ?, 'code:test')", [
        customerId,
        `${tag} closed ${i}`,
        now - i,
        now - i,
      ]);
    }
    const closed = (await allQueueRows(desk, "/en/desk/complaints?status=closed")).filter((r) => r.includes(`${tag} closed`));
    expect(closed).toHaveLength(30);
    expect(new Set(closed).size).toBe(30);
    expect(closed[0]).toContain(`${tag} closed 29`);
  });

  it("read one range of their index, without a sort (EXPLAIN QUERY PLAN)", async () => {
    const db = drizzle(createClient({ url: inject("dbUrl"), authToken: inject("dbToken") }), { schema });
    const filter = { age: 3 as const, after: { at: Date.now() - 9 * 86_400_000, id: 5 } };
    const queries = [
      [threadQueueQuery(db as never, "complaint", { ...filter, status: "new" }).toSQL(), "threads_queue_idx"],
      [orderQueueQuery(db as never, { ...filter, status: "ordered" }).toSQL(), "orders_queue_idx"],
      [changeQueueQuery(db as never, { ...filter, status: "requested" }).toSQL(), "change_requests_status_idx"],
    ] as const;
    for (const [query, index] of queries) {
      const plan = (await sql<{ detail: string }>(`EXPLAIN QUERY PLAN ${query.sql}`, query.params as (string | number)[])).map((r) => r.detail).join("\n");
      expect(plan).toContain(index);
      expect(plan).not.toContain("TEMP B-TREE");
    }
  });
});

describe("orders and change requests", () => {
  it("confirm with a working-day date, then deliver: dated, audited, and the customer sees it", async () => {
    const id = await createOrder(92, "PRO bags 92");
    const desk = await deskLogin(await createStaff("agent"));
    const page = await desk.get(`/en/desk/orders/${id}`);
    expect(page.text).toContain("2 × PRO bags 92");
    const past = await deskPost(desk, `/en/desk/orders/${id}`, `/en/desk/orders/${id}/confirm`, { deliveryDate: "2020-01-06" });
    expect(past.status).toBe(422);
    expect(past.text).toContain("cannot be in the past");
    expect(past.text).toContain('value="2020-01-06"');
    const invalid = await deskPost(desk, `/en/desk/orders/${id}`, `/en/desk/orders/${id}/confirm`, { deliveryDate: "2030-02-30" });
    expect(invalid.status).toBe(422);
    const sunday = await deskPost(desk, `/en/desk/orders/${id}`, `/en/desk/orders/${id}/confirm`, { deliveryDate: "2030-01-06" });
    expect(sunday.status).toBe(422);
    expect(sunday.text).toContain("working day");
    expect((await sql<{ status: string }>("SELECT status FROM orders WHERE id = ?", [id]))[0]!.status).toBe("ordered");

    const confirmed = await deskPost(desk, `/en/desk/orders/${id}`, `/en/desk/orders/${id}/confirm`, { deliveryDate: "2030-01-07" });
    expect(confirmed.status).toBe(303);
    const delivered = await deskPost(desk, `/en/desk/orders/${id}`, `/en/desk/orders/${id}/deliver`, {});
    expect(delivered.status).toBe(303);
    // Not again, and no cancel after delivery.
    expect((await desk.post(`/en/desk/orders/${id}/deliver`, { _desk: deskToken(desk) })).status).toBe(409);
    expect((await deskPost(desk, `/en/desk/orders/${id}`, `/en/desk/orders/${id}/cancel`, {})).status).toBe(409);
    const [row] = await sql<{ status: string; confirmed_at: number; delivered_at: number; cancelled_at: number | null }>(
      "SELECT status, confirmed_at, delivered_at, cancelled_at FROM orders WHERE id = ?",
      [id],
    );
    expect(row!.status).toBe("delivered");
    expect(row!.confirmed_at).toBeGreaterThan(0);
    expect(row!.delivered_at).toBeGreaterThanOrEqual(row!.confirmed_at);
    expect(row!.cancelled_at).toBeNull();
    const { customerId } = await accountIds(92);
    const audit = await sql<{ action: string }>("SELECT action FROM audit_events WHERE customer_id = ? AND action LIKE 'desk.order%' ORDER BY id", [customerId]);
    expect(audit.map((a) => a.action)).toEqual(["desk.order_confirmed", "desk.order_delivered"]);

    const { browser: customer } = await loggedIn(92);
    const history = await customer.get("/en/history");
    expect(history.text).toContain("Order delivered");
    expect(history.text).toContain("Delivered");
  });

  it("a change request: refusing needs a note; accepted, then done", async () => {
    const refuse = await createChange(89, "1100 L");
    const accept = await createChange(90, "770 L");
    const desk = await deskLogin(await createStaff("supervisor"));
    const noNote = await deskPost(desk, `/en/desk/changes/${refuse}`, `/en/desk/changes/${refuse}/decide`, { decision: "refuse", note: " " });
    expect(noNote.status).toBe(422);
    expect(noNote.text).toContain("Say why the request is refused.");
    const badChoice = await deskPost(desk, `/en/desk/changes/${refuse}`, `/en/desk/changes/${refuse}/decide`, { decision: "maybe" });
    expect(badChoice.status).toBe(422);
    expect((await deskPost(desk, `/en/desk/changes/${refuse}`, `/en/desk/changes/${refuse}/decide`, { decision: "refuse", note: "Not possible at this address." })).status).toBe(303);
    expect((await sql("SELECT status, decision_note FROM change_requests WHERE id = ?", [refuse]))[0]).toEqual({ status: "refused", decision_note: "Not possible at this address." });
    // Done only after accepted.
    expect((await deskPost(desk, `/en/desk/changes/${accept}`, `/en/desk/changes/${accept}/decide`, { decision: "done" })).status).toBe(409);
    expect((await deskPost(desk, `/en/desk/changes/${accept}`, `/en/desk/changes/${accept}/decide`, { decision: "accept" })).status).toBe(303);
    expect((await deskPost(desk, `/en/desk/changes/${accept}`, `/en/desk/changes/${accept}/decide`, { decision: "done" })).status).toBe(303);
    expect((await sql<{ status: string }>("SELECT status FROM change_requests WHERE id = ?", [accept]))[0]!.status).toBe("done");
    const { customerId } = await accountIds(90);
    const audit = await sql<{ action: string }>("SELECT action FROM audit_events WHERE customer_id = ? AND action LIKE 'desk.change%' ORDER BY id", [customerId]);
    expect(audit.map((a) => a.action)).toEqual(["desk.change_accepted", "desk.change_done"]);
  });

  it("/dev/totp shows the demo staff's current codes", async () => {
    const answer = await new TestBrowser().get("/dev/totp", { Accept: "application/json" });
    const { staff } = JSON.parse(answer.text) as { staff: { username: string; code: string }[] };
    const [demo] = await sql<{ totp_secret: string }>("SELECT totp_secret FROM staff WHERE username = 'an.agent'");
    expect([totpAt(demo!.totp_secret), totpAt(demo!.totp_secret, Date.now() - 5000)]).toContain(staff.find((s) => s.username === "an.agent")?.code);
  });
});

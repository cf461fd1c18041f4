import { beforeAll, describe, expect, it } from "vitest";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

// Own test lines of the bulk part: numbers 0464…, ICCID bodies 8932049…, on the mobile demo customer 100457319.
const ids = { mobile: 0, contract: 0, billing: 0, foreignCustomer: 0, foreignContract: 0 };
const plans: Record<string, number> = {};
const options: Record<string, number> = {};
let serial = 0;

async function one(statement: string, args: (string | number | null)[] = []): Promise<number> {
  const [row] = await sql<Record<string, unknown>>(statement, args);
  return Number(Object.values(row!)[0]);
}

/** A line of the mobile demo customer (or another customer) with a plan and options; returns its id. */
async function line(plan: string, extra: { status?: string; options?: string[]; customer?: number; contract?: number } = {}): Promise<number> {
  serial++;
  const msisdn = `0464${String(serial).padStart(6, "0")}`;
  const id = await one(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, search_text, created_at, updated_at)
     VALUES (?, ?, ?, 'Bulk test', ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      extra.customer ?? ids.mobile,
      extra.contract ?? ids.contract,
      msisdn,
      plans[plan]!,
      extra.status ?? "ACTIVE",
      extra.customer ? null : ids.billing,
      withCheckDigit(`8932049${String(serial).padStart(12, "0")}`),
      `${msisdn} bulk test`,
      Date.now(),
      Date.now(),
    ],
  );
  for (const option of extra.options ?? []) await sql("INSERT INTO line_options (line_id, option_id, added_at) VALUES (?, ?, ?)", [id, options[option]!, Date.now()]);
  return id;
}

/** Many lines at once (INSERT … SELECT), all on one plan; returns their ids in msisdn order. */
async function manyLines(count: number, plan: string): Promise<number[]> {
  const start = serial + 1;
  serial += count;
  await sql(
    `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, search_text, created_at, updated_at)
     SELECT ?, ?, printf('0464%06d', i), 'Bulk many', ?, 'ACTIVE', ?, printf('89320499%012d', i), printf('0464%06d bulk many', i), ?, ? FROM n`,
    [start, serial, ids.mobile, ids.contract, plans[plan]!, ids.billing, Date.now(), Date.now()],
  );
  const rows = await sql<{ id: number }>("SELECT id FROM mobile_lines WHERE msisdn BETWEEN ? AND ? ORDER BY msisdn", [
    `0464${String(start).padStart(6, "0")}`,
    `0464${String(serial).padStart(6, "0")}`,
  ]);
  return rows.map((r) => Number(r.id));
}

const planOf = (id: number) => one("SELECT plan_id FROM mobile_lines WHERE id = ?", [id]);
const optionsOf = async (id: number) => (await sql<{ option_id: number }>("SELECT option_id FROM line_options WHERE line_id = ? ORDER BY option_id", [id])).map((r) => Number(r.option_id));
const auditsOf = (lineIds: number[]) =>
  sql<{ subject: string; action: string; actor: string; customer_id: number; before: string; after: string }>(
    `SELECT subject, action, actor, customer_id, before, after FROM audit_events WHERE subject IN (SELECT 'line:' || value FROM json_each(?)) ORDER BY subject`,
    [JSON.stringify(lineIds)],
  );
const jobsWithKey = (key: string) => one("SELECT count(*) FROM bulk_jobs WHERE submission_key = ?", [key]);

/** The form's key, as the choose page gives it. */
async function chooseKey(browser: TestBrowser, kind: string, lineIds: number[]): Promise<string> {
  const page = await browser.get(`/en/fleet/bulk/new?kind=${kind}&${lineIds.map((id) => `line=${id}`).join("&")}`);
  expect(page.status).toBe(200);
  return page.text.match(/name="key" value="([^"]+)"/)![1]!;
}

/** Posts a bulk form with repeated `line` (and `option`) fields, as a browser sends them. */
async function postBulk(browser: TestBrowser, path: string, fields: [string, string][], headers: Record<string, string> = {}) {
  const body = new URLSearchParams([["_csrf", browser.csrfToken()], ...fields]);
  const { SELF } = await import("cloudflare:test");
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await SELF.fetch(`https://loket.test${path}`, {
    method: "POST",
    body,
    headers: { "CF-Connecting-IP": browser.ip, "Accept-Language": "en", Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test", ...headers },
    redirect: "manual",
  });
  const text = await response.text();
  if ((response.headers.get("Content-Type") ?? "").includes("html")) browser.lastHtml = text;
  return { status: response.status, text, location: response.headers.get("Location") };
}

async function review(browser: TestBrowser, kind: string, lineIds: number[], choice: [string, string][]): Promise<{ id: number; key: string }> {
  const key = await chooseKey(browser, kind, lineIds);
  const created = await postBulk(browser, "/en/fleet/bulk", [["kind", kind], ["key", key], ...choice, ...lineIds.map((id): [string, string] => ["line", String(id)])]);
  expect(created.status).toBe(303);
  const id = Number(created.location!.match(/\/en\/fleet\/bulk\/(\d+)$/)![1]);
  return { id, key };
}

async function apply(browser: TestBrowser, job: { id: number; key: string }) {
  await browser.get(`/en/fleet/bulk/${job.id}`);
  return browser.post(`/en/fleet/bulk/${job.id}/apply`, { key: job.key });
}

const rowsOf = (html: string) => [...html.matchAll(/<tr data-line="(\d+)" data-result="(\w+)">/g)].map((m) => ({ line: Number(m[1]), result: m[2] }));

let margaux: TestBrowser;

beforeAll(async () => {
  ids.mobile = await one("SELECT id FROM customers WHERE customer_number = '100457319'");
  ids.contract = await one("SELECT id FROM contracts WHERE contract_number = '0000025351'");
  ids.billing = await one("SELECT id FROM billing_accounts WHERE number = '100457319'");
  ids.foreignCustomer = await one("SELECT id FROM customers WHERE customer_number = '439561'");
  ids.foreignContract = await one("SELECT id FROM contracts WHERE contract_number = '5422'");
  for (const r of await sql<{ id: number; code: string }>("SELECT id, code FROM tariff_plans")) plans[r.code] = Number(r.id);
  for (const r of await sql<{ id: number; code: string }>("SELECT id, code FROM fleet_options")) options[r.code] = Number(r.id);
  margaux = await loggedInAs("margaux");
}, 60_000);

describe("bulk plan change (003 Gérer vos plans tarifaires)", () => {
  it("reviews 12 lines (counts, old → new, only changes), changes nothing until Apply, then changes each line with one audit event", async () => {
    const contact = await Promise.all(Array.from({ length: 10 }, () => line("mobile_contact")));
    const europe = [await line("mobile_europe"), await line("mobile_europe")];
    const all = [...contact, ...europe];
    const choose = await margaux.get(`/en/fleet/bulk/new?kind=plan&${all.map((id) => `line=${id}`).join("&")}`);
    expect(choose.text).toContain("12 numbers selected");
    expect(choose.text).toContain("Mobile subscriptions");
    expect(choose.text).toContain("Mobile Europe – €45.00 per month");
    expect(choose.text).toContain("Mobile Data 12 – €12.00 per month");

    const job = await review(margaux, "plan", all, [["plan", String(plans.mobile_europe)]]);
    const page = await margaux.get(`/en/fleet/bulk/${job.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("10 numbers will change");
    expect(page.text).toContain("0 numbers not allowed");
    expect(page.text).toContain("2 numbers unchanged");
    expect(page.text).toMatch(/<td>0464 \d{2} \d{2} \d{2}<\/td><td>Mobile Contact<\/td><td>Mobile Europe/);
    expect(rowsOf(page.text)).toHaveLength(12);
    const only = await margaux.get(`/en/fleet/bulk/${job.id}?only=changes`);
    expect(
      rowsOf(only.text)
        .map((r) => r.line)
        .sort(),
    ).toEqual([...contact].sort());
    // Nothing changed yet.
    for (const id of contact) expect(await planOf(id)).toBe(plans.mobile_contact);
    expect(await auditsOf(all)).toHaveLength(0);

    const applied = await apply(margaux, job);
    expect(applied.status).toBe(303);
    expect(applied.location).toBe(`/en/fleet/bulk/${job.id}`);
    for (const id of all) expect(await planOf(id)).toBe(plans.mobile_europe);
    const audits = await auditsOf(all);
    expect(audits.map((a) => a.subject).sort()).toEqual(contact.map((id) => `line:${id}`).sort());
    const margauxId = await one("SELECT id FROM users WHERE username_key = 'margaux'");
    for (const audit of audits) {
      expect(audit.action).toBe("line.plan");
      expect(audit.actor).toBe(`user:${margauxId}`);
      expect(Number(audit.customer_id)).toBe(ids.mobile);
      expect(JSON.parse(audit.before)).toEqual({ plan: "Mobile Contact", options: [] });
      expect(JSON.parse(audit.after)).toMatchObject({ plan: "Mobile Europe", options: [], bulkJob: job.id });
    }
    // The line's own page lists the change in its history.
    const linePage = await margaux.get(`/en/fleet/lines/${contact[0]}`);
    expect(linePage.text).toContain("Tariff plan changed");
    const done = await margaux.get(`/en/fleet/bulk/${job.id}`);
    expect(done.text).toContain("The change was applied to 10 numbers.");
    expect(rowsOf(done.text).filter((r) => r.result === "applied")).toHaveLength(10);
    expect(rowsOf(done.text).filter((r) => r.result === "unchanged")).toHaveLength(2);
    expect(done.text).not.toContain("Apply the changes");
  });

  it("removes the options the new plan does not allow, and says so in the review", async () => {
    const a = await line("mobile_contact", { options: ["data_national_10gb", "data_asia_business_600mb"] });
    const job = await review(margaux, "plan", [a], [["plan", String(plans.mobile_limitless)]]);
    const page = await margaux.get(`/en/fleet/bulk/${job.id}`);
    expect(page.text).toContain("Options removed, not allowed by Mobile Limitless: Data National 10 GB");
    await apply(margaux, job);
    expect(await optionsOf(a)).toEqual([options.data_asia_business_600mb]);
    const [audit] = await auditsOf([a]);
    expect(JSON.parse(audit!.after)).toEqual({ plan: "Mobile Limitless", options: ["Data Asia business 600 MB"], removed: ["Data National 10 GB"], bulkJob: job.id });
  });
});

describe("bulk options (003 Ajouter / Supprimer des options)", () => {
  it("adds Data National 10 GB where the plan allows it; Mobile Limitless is not applicable", async () => {
    const contact = await line("mobile_contact");
    const limitless = await line("mobile_limitless");
    const start = await line("mobile_start", { options: ["data_national_10gb"] });
    const job = await review(margaux, "options_add", [contact, limitless, start], [["option", String(options.data_national_10gb)]]);
    const page = await margaux.get(`/en/fleet/bulk/${job.id}`);
    expect(page.text).toContain("1 number will change");
    expect(page.text).toContain("1 number not allowed");
    expect(page.text).toContain("1 number unchanged");
    expect(page.text).toContain("Not applicable for Mobile Limitless");
    await apply(margaux, job);
    expect(await optionsOf(contact)).toEqual([options.data_national_10gb]);
    expect(await optionsOf(limitless)).toEqual([]);
    const audits = await auditsOf([contact, limitless, start]);
    expect(audits.map((a) => a.subject)).toEqual([`line:${contact}`]);
    expect(JSON.parse(audits[0]!.after)).toMatchObject({ plan: "Mobile Contact", options: ["Data National 10 GB"], added: ["Data National 10 GB"] });
    const done = await margaux.get(`/en/fleet/bulk/${job.id}`);
    expect(rowsOf(done.text)).toEqual([
      { line: contact, result: "applied" },
      { line: limitless, result: "not_allowed" },
      { line: start, result: "unchanged" },
    ]);
    expect(done.text).toContain("Not applicable for Mobile Limitless");
    // The French words of 003.
    const fr = await margaux.get(`/fr/fleet/bulk/${job.id}`);
    expect(fr.text).toContain("Sans objet pour Mobile Limitless");
  });

  it("removes options from the lines that have them", async () => {
    const a = await line("mobile_contact", { options: ["data_asia_business_600mb", "data_asia_tech_3gb"] });
    const b = await line("mobile_contact");
    const job = await review(margaux, "options_remove", [a, b], [["option", String(options.data_asia_tech_3gb)]]);
    await apply(margaux, job);
    expect(await optionsOf(a)).toEqual([options.data_asia_business_600mb]);
    expect((await auditsOf([a, b])).map((x) => x.action)).toEqual(["line.options_removed"]);
  });
});

describe("a bulk change at scale", () => {
  it("changes 500 lines with one audit event per line, in chunks", async () => {
    const many = await manyLines(500, "mobile_contact");
    const job = await review(margaux, "plan", many, [["plan", String(plans.mobile_start)]]);
    const page = await margaux.get(`/en/fleet/bulk/${job.id}`);
    expect(page.text).toContain("500 numbers will change");
    // 50 a page, keyset on the position.
    expect(rowsOf(page.text).map((r) => r.line)).toEqual(many.slice(0, 50));
    const next = page.text.match(/href="(\/en\/fleet\/bulk\/\d+\?after=50)"/)?.[1];
    expect(next).toBeTruthy();
    expect(rowsOf((await margaux.get(next!)).text).map((r) => r.line)).toEqual(many.slice(50, 100));
    await apply(margaux, job);
    const audits = await auditsOf(many);
    expect(audits).toHaveLength(500);
    expect(new Set(audits.map((a) => a.subject)).size).toBe(500);
    expect(await one("SELECT count(*) FROM mobile_lines WHERE id IN (SELECT value FROM json_each(?)) AND plan_id = ?", [JSON.stringify(many), plans.mobile_start!])).toBe(500);
    expect(await one("SELECT count(*) FROM bulk_job_lines WHERE job_id = ? AND result = 'applied'", [job.id])).toBe(500);
    const [state] = await sql<{ status: string; applied: number }>("SELECT status, applied FROM bulk_jobs WHERE id = ?", [job.id]);
    expect(state).toMatchObject({ status: "done", applied: 500 });
  });

  it("applies once however often Apply is sent: 8 parallel submits", async () => {
    const lines = await manyLines(30, "mobile_contact");
    const job = await review(margaux, "options_add", lines, [["option", String(options.data_asia_tech_3gb)]]);
    await margaux.get(`/en/fleet/bulk/${job.id}`);
    const answers = await Promise.all(Array.from({ length: 8 }, () => margaux.post(`/en/fleet/bulk/${job.id}/apply`, { key: job.key })));
    for (const answer of answers) expect(answer.status).toBe(303);
    // Whatever was still running finishes with the next looks at the job.
    for (let i = 0; i < 5; i++) await margaux.get(`/en/fleet/bulk/${job.id}`);
    const audits = await auditsOf(lines);
    expect(audits).toHaveLength(30);
    expect(new Set(audits.map((a) => a.subject)).size).toBe(30);
    expect(await one("SELECT count(*) FROM line_options WHERE line_id IN (SELECT value FROM json_each(?))", [JSON.stringify(lines)])).toBe(30);
    expect(await one("SELECT applied FROM bulk_jobs WHERE id = ?", [job.id])).toBe(30);
  });

  it("shows progress while running: a partial for htmx (polling), a self-refreshing page without JavaScript, then the results", async () => {
    const lines = await manyLines(450, "mobile_contact");
    const job = await review(margaux, "plan", lines, [["plan", String(plans.mobile_1)]]);
    // As if the apply request had ended after starting: the job page goes on, one chunk (200) per look.
    await sql("UPDATE bulk_jobs SET status = 'running' WHERE id = ?", [job.id]);
    const partial = await margaux.get(`/en/fleet/bulk/${job.id}`, { "HX-Request": "true", "HX-Target": "#bulk-job" });
    expect(partial.status).toBe(200);
    expect(partial.text).not.toContain("<html");
    expect(partial.text).toMatch(/^<section id="bulk-job"/);
    expect(partial.text).toContain('hx-trigger="every 1s"');
    expect(partial.text).toContain("Applied 200 of 450");
    const full = await margaux.get(`/en/fleet/bulk/${job.id}`);
    expect(full.text).toContain("<html");
    expect(full.text).toContain('<meta http-equiv="refresh" content="2">');
    expect(full.text).toContain("Applied 400 of 450");
    expect(full.text).toMatch(/<a href="\/en\/fleet\/bulk\/\d+">Refresh<\/a>/);
    const last = await margaux.get(`/en/fleet/bulk/${job.id}`, { "HX-Request": "true", "HX-Target": "#bulk-job" });
    expect(last.text).not.toContain("hx-trigger");
    expect(last.text).toContain("The change was applied to 450 numbers.");
    expect(await auditsOf(lines)).toHaveLength(450);
  });

  it("a job whose apply request ended and whose page nobody opens again is finished by the cron", async () => {
    const lines = await manyLines(250, "mobile_contact");
    const job = await review(margaux, "plan", lines, [["plan", String(plans.mobile_start)]]);
    await sql("UPDATE bulk_jobs SET status = 'running' WHERE id = ?", [job.id]);
    const { createExecutionContext, createScheduledController, env, waitOnExecutionContext } = await import("cloudflare:test");
    const worker = (await import("../../src/worker.ts")).default;
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), env as never, ctx);
    await waitOnExecutionContext(ctx);
    expect(await sql("SELECT status, applied FROM bulk_jobs WHERE id = ?", [job.id])).toEqual([{ status: "done", applied: 250 }]);
    expect(await auditsOf(lines)).toHaveLength(250);
    expect(await sql("SELECT DISTINCT plan_id FROM mobile_lines WHERE id IN (" + lines.join(",") + ")")).toEqual([{ plan_id: plans.mobile_start }]);
  });
});

describe("refusals", () => {
  it("refuses a selection with one line of another customer whole: 404, nothing stored", async () => {
    const own = [await line("mobile_contact"), await line("mobile_contact")];
    const foreign = await line("mobile_contact", { customer: ids.foreignCustomer, contract: ids.foreignContract });
    const key = await chooseKey(margaux, "plan", own);
    const answer = await postBulk(margaux, "/en/fleet/bulk", [
      ["kind", "plan"],
      ["key", key],
      ["plan", String(plans.mobile_europe)],
      ...[...own, foreign].map((id): [string, string] => ["line", String(id)]),
    ]);
    expect(answer.status).toBe(404);
    expect(answer.text).toContain("Your selection contains a number you may not manage. Nothing was changed.");
    expect(await jobsWithKey(key)).toBe(0);
    expect(await one("SELECT count(*) FROM bulk_job_lines WHERE line_id IN (?, ?, ?)", [own[0]!, own[1]!, foreign])).toBe(0);
    // The choose page refuses it too.
    expect((await margaux.get(`/en/fleet/bulk/new?kind=plan&line=${own[0]}&line=${foreign}`)).status).toBe(404);
  });

  it("refuses a MEMBER (lines delegated to them only), even with a line not delegated: 403, nothing stored", async () => {
    const hash = await sql<{ password_hash: string }>("SELECT password_hash FROM users WHERE username_key = 'margaux'");
    const now = Date.now();
    const userId = await one(
      "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at) VALUES ('bulk.member', 'bulk.member', 'bulk.member@havenlogistiek.be', 'Bulk', 'Member', 'x', 'en', ?, 'VALIDATED', 'ADMIN', ?) RETURNING id",
      [hash[0]!.password_hash, now],
    );
    const membership = await one(
      "INSERT INTO memberships (user_id, customer_id, profile, manage_users, manage_admins, reset_passwords, fleet_role, created_at) VALUES (?, ?, 'portal', 0, 0, 0, 'MEMBER', ?) RETURNING id",
      [userId, ids.mobile, now],
    );
    for (const fn of ["view", "manage"]) {
      await sql(
        "INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at) SELECT ?, a.id, 'function', f.id, ? FROM applications a JOIN application_functions f ON f.application_id = a.id WHERE a.code = 'fleet' AND f.code = ?",
        [membership, now, fn],
      );
    }
    const delegated = await line("mobile_contact");
    const other = await line("mobile_contact");
    await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [delegated, userId]);
    const member = await loggedInAs("bulk.member");
    expect((await member.get(`/en/fleet/bulk/new?kind=plan&line=${delegated}&line=${other}`)).status).toBe(403);
    const key = "memberkey-0123456789abcdef";
    const answer = await postBulk(member, "/en/fleet/bulk", [
      ["kind", "plan"],
      ["key", key],
      ["plan", String(plans.mobile_europe)],
      ["line", String(delegated)],
      ["line", String(other)],
    ]);
    expect(answer.status).toBe(403);
    expect(await jobsWithKey(key)).toBe(0);
    expect(await planOf(other)).toBe(plans.mobile_contact);
  });

  it("another customer's job is 404 (page, apply, cancel); an id that is no number too", async () => {
    const foreignJob = await one(
      "INSERT INTO bulk_jobs (customer_id, kind, payload, status, total, created_by, created_at, submission_key) VALUES (?, 'plan', '{\"planId\":1}', 'review', 0, 'user:1', ?, 'foreign-job-key-0123456789') RETURNING id",
      [ids.foreignCustomer, Date.now()],
    );
    expect((await margaux.get(`/en/fleet/bulk/${foreignJob}`)).status).toBe(404);
    expect((await margaux.post(`/en/fleet/bulk/${foreignJob}/apply`, { key: "foreign-job-key-0123456789" })).status).toBe(404);
    expect((await margaux.post(`/en/fleet/bulk/${foreignJob}/cancel`, {})).status).toBe(404);
    expect(await one("SELECT status = 'review' FROM bulk_jobs WHERE id = ?", [foreignJob])).toBe(1);
    expect((await margaux.get("/en/fleet/bulk/abc")).status).toBe(404);
  });
});

describe("validation (422, the form again with the values, nothing stored)", () => {
  it("asks for a plan, for options, and for numbers", async () => {
    const a = await line("mobile_contact");
    const key = await chooseKey(margaux, "plan", [a]);
    const noPlan = await postBulk(margaux, "/en/fleet/bulk", [
      ["kind", "plan"],
      ["key", key],
      ["line", String(a)],
    ]);
    expect(noPlan.status).toBe(422);
    expect(noPlan.text).toContain("Choose a tariff plan.");
    expect(noPlan.text).toContain(`name="line" value="${a}"`);
    expect(noPlan.text).toContain(`name="key" value="${key}"`);
    const noOption = await postBulk(margaux, "/en/fleet/bulk", [
      ["kind", "options_add"],
      ["key", key],
      ["line", String(a)],
    ]);
    expect(noOption.status).toBe(422);
    expect(noOption.text).toContain("Choose at least one option.");
    const unknownPlan = await postBulk(margaux, "/en/fleet/bulk", [
      ["kind", "plan"],
      ["key", key],
      ["plan", "999999"],
      ["line", String(a)],
    ]);
    expect(unknownPlan.status).toBe(422);
    // No ids posted and nothing selected in the overview.
    const noLines = await postBulk(margaux, "/en/fleet/bulk", [
      ["kind", "plan"],
      ["key", key],
      ["plan", String(plans.mobile_europe)],
    ]);
    expect(noLines.status).toBe(422);
    expect(noLines.text).toContain("Select at least one number.");
    expect(await jobsWithKey(key)).toBe(0);
  });

  it("a second submit of the same review finds the first job; Cancel stores nothing on the lines", async () => {
    const a = await line("mobile_contact");
    const first = await review(margaux, "plan", [a], [["plan", String(plans.mobile_europe)]]);
    const again = await postBulk(margaux, "/en/fleet/bulk", [
      ["kind", "plan"],
      ["key", first.key],
      ["plan", String(plans.mobile_europe)],
      ["line", String(a)],
    ]);
    expect(again.location).toBe(`/en/fleet/bulk/${first.id}`);
    expect(await jobsWithKey(first.key)).toBe(1);
    await margaux.get(`/en/fleet/bulk/${first.id}`);
    expect((await margaux.post(`/en/fleet/bulk/${first.id}/cancel`, {})).status).toBe(303);
    expect((await margaux.get(`/en/fleet/bulk/${first.id}`)).text).toContain("These changes were cancelled.");
    expect((await margaux.post(`/en/fleet/bulk/${first.id}/apply`, { key: first.key })).status).toBe(303);
    expect(await planOf(a)).toBe(plans.mobile_contact);
  });
});

describe("from the overview's selection", () => {
  it("takes the lines ticked in the overview when no ids are posted", async () => {
    const ticked = [await line("mobile_contact"), await line("mobile_contact"), await line("mobile_start")];
    await margaux.get("/en/fleet/lines");
    const fields = new URLSearchParams(
      ticked.flatMap((id) => [
        ["shown", String(id)],
        ["selected", String(id)],
      ]),
    );
    const selected = await postBulk(margaux, "/en/fleet/selection", [...fields.entries()]);
    expect(selected.status).toBe(303);
    const choose = await margaux.get("/en/fleet/bulk/new?kind=options_add");
    expect(choose.text).toContain("3 numbers selected");
    expect(choose.text).not.toContain('name="line"');
    const key = choose.text.match(/name="key" value="([^"]+)"/)![1]!;
    const created = await postBulk(margaux, "/en/fleet/bulk", [
      ["kind", "options_add"],
      ["key", key],
      ["option", String(options.data_asia_tech_3gb)],
    ]);
    expect(created.status).toBe(303);
    const jobId = Number(created.location!.split("/").pop());
    const stored = await sql<{ line_id: number }>("SELECT line_id FROM bulk_job_lines WHERE job_id = ? ORDER BY seq", [jobId]);
    expect(stored.map((r) => Number(r.line_id))).toEqual(ticked);
    await margaux.get("/en/fleet/lines");
    await margaux.post("/en/fleet/selection/clear", {});
  });
});

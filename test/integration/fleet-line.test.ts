import { beforeAll, describe, expect, it } from "vitest";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { catalogs, fill } from "../../src/lib/i18n.ts";
import { hashPassword } from "../../src/lib/password.ts";
import { loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

// Part "line" of the fleet (issue #10): one line's page and its per-line changes. Own test lines:
// msisdn 0462…, ICCID bodies 8932047…, all on the mobile demo customer 100457319.
const en = catalogs.en;
const l = en.fleetLine;
const PASSWORD = "Fleet-Line-Test-1";
/** As JSX writes text into HTML. */
const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

let seq = 0;
type LineRow = { id: number; msisdn: string };

async function idOf(query: string, args: (string | number)[] = []): Promise<number> {
  const [row] = await sql<{ id: number }>(query, args);
  return Number(row!.id);
}

let mobile = 0;
let contract = 0;
let billing = 0;

/** A line of our own on the mobile demo customer (or another customer's contract). */
async function createLine(
  options: { plan?: string; status?: string; confirmed?: boolean; companyDevice?: boolean; billing?: boolean; owner?: number; customer?: number; contract?: number } = {},
): Promise<LineRow> {
  seq++;
  const stamp = `${Date.now() % 100000}`.padStart(5, "0");
  const msisdn = `0462${String(seq).padStart(2, "0")}${stamp.slice(-4)}`;
  const iccid = withCheckDigit(`8932047${stamp}${String(seq).padStart(6, "0")}`);
  const now = Date.now();
  const [row] = await sql<{ id: number }>(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, user_first_name, user_last_name, user_language,
       user_confirmed, device_company_owned, owner_user_id, search_text, created_at, updated_at)
     SELECT ?, ?, ?, 'Test line', id, ?, ?, ?, 'Lien', 'Tester', 'nl', ?, ?, ?, ?, ?, ? FROM tariff_plans WHERE code = ? RETURNING id`,
    [
      options.customer ?? mobile,
      options.contract ?? contract,
      msisdn,
      options.status ?? "ACTIVE",
      options.billing === false ? null : billing,
      iccid,
      options.confirmed ? 1 : 0,
      options.companyDevice ? 1 : 0,
      options.owner ?? null,
      `${msisdn} test line lien tester`,
      now,
      now,
      options.plan ?? "mobile_contact",
    ],
  );
  return { id: Number(row!.id), msisdn };
}

/** A named user of the mobile customer: a fleet role (or none: a Service User) and the fleet functions granted. */
async function createFleetUser(options: { fleetRole: "MANAGER" | "MEMBER" | null; functions: ("view" | "manage")[] }): Promise<{ id: number; username: string }> {
  const username = `fleetline${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  const id = await idOf(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at) VALUES (?, ?, ?, 'Fleet', 'Tester', 'x', 'en', ?, 'VALIDATED', 'margaux', ?) RETURNING id",
    [username, username, `${username}@test.example`, await hashPassword(PASSWORD), now],
  );
  const membership = await idOf("INSERT INTO memberships (user_id, customer_id, profile, fleet_role, created_at) VALUES (?, ?, 'portal', ?, ?) RETURNING id", [
    id,
    mobile,
    options.fleetRole as string,
    now,
  ]);
  for (const fn of options.functions) {
    await sql(
      `INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at)
       SELECT ?, a.id, 'function', f.id, ? FROM applications a JOIN application_functions f ON f.application_id = a.id WHERE a.code = 'fleet' AND f.code = ?`,
      [membership, now, fn],
    );
  }
  return { id, username };
}

const page = (id: number, lang = "en") => `/${lang}/fleet/lines/${id}`;
const lineRow = async (id: number) => (await sql<Record<string, unknown>>("SELECT * FROM mobile_lines WHERE id = ?", [id]))[0]!;
const audits = (id: number) =>
  sql<{ action: string; before: string; after: string; actor: string }>("SELECT action, before, after, actor FROM audit_events WHERE subject = ? ORDER BY id", [`line:${id}`]);
const optionId = (code: string) => idOf("SELECT id FROM fleet_options WHERE code = ?", [code]);
const planId = (code: string) => idOf("SELECT id FROM tariff_plans WHERE code = ?", [code]);
const lineOptions = async (id: number) =>
  (await sql<{ code: string }>("SELECT o.code FROM line_options lo JOIN fleet_options o ON o.id = lo.option_id WHERE lo.line_id = ? ORDER BY o.sort_order", [id])).map((r) => r.code);

let margaux: TestBrowser;

beforeAll(async () => {
  mobile = await idOf("SELECT id FROM customers WHERE customer_number = '100457319'");
  contract = await idOf("SELECT id FROM contracts WHERE contract_number = '0000025351'");
  billing = await idOf("SELECT id FROM billing_accounts WHERE number = '100457319'");
  margaux = await loggedInAs("margaux");
}, 30_000);

describe("fleet line page (003 Gérer la carte SIM)", () => {
  it("shows the demo line's sections in the manual's order, with its plan, options and blocks", async () => {
    const [demo] = await sql<{ id: number }>("SELECT id FROM mobile_lines WHERE msisdn = '0488267074'");
    const { status, text } = await margaux.get(page(demo!.id));
    expect(status).toBe(200);
    expect(text).toContain(fill(l.title, { number: "0488 26 70 74" }));
    const order = [l.userTitle, l.addressTitle, l.productsTitle, l.blocksTitle, l.payByMobileTitle, l.historyTitle].map((title) => text.indexOf(`>${title}</h2>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain("Mobile Contact");
    // The demo's roaming-data block is ticked; the user confirmed their details: read-only, and why.
    expect(text).toMatch(/id="blocks-roaming_data"[^>]*checked/);
    expect(text).toContain(html(l.userConfirmed));
    expect(text).not.toContain(`action="/en/fleet/lines/${demo!.id}/user"`);
    // No device section: the device is not company-owned (002).
    expect(text).not.toContain(`>${l.deviceTitle}</h2>`);
  });

  it("saves the user's details while unconfirmed: stored, shown after the redirect with a notice, audited with before and after", async () => {
    const line = await createLine();
    await margaux.get(page(line.id));
    const form = {
      description: "Sales 7",
      userTitle: "mrs",
      userFirstName: "Ilse",
      userLastName: "Wouters",
      userBirthDate: "1990-02-01",
      userEmail: "ilse@example.be",
      userPhone: "0470 12 34 56",
      userLanguage: "fr",
    };
    const post = await margaux.post(`${page(line.id)}/user`, form);
    expect(post.status).toBe(303);
    expect(post.location).toContain("saved=user");
    const stored = await lineRow(line.id);
    expect(stored).toMatchObject({
      description: "Sales 7",
      user_title: "mrs",
      user_first_name: "Ilse",
      user_last_name: "Wouters",
      user_birth_date: "1990-02-01",
      user_email: "ilse@example.be",
      user_language: "fr",
    });
    expect(stored.user_phone).toBe("+32470123456");
    expect(String(stored.search_text)).toContain("ilse wouters");
    const shown = await margaux.get(post.location!);
    expect(shown.text).toContain(html(l.saved.user));
    expect(shown.text).toContain('value="Wouters"');
    const [event] = await audits(line.id);
    expect(event!.action).toBe("line.user");
    expect(JSON.parse(event!.before).userLastName).toBe("Tester");
    expect(JSON.parse(event!.after).userLastName).toBe("Wouters");
  });

  it("refuses the user's details once the user confirmed them (422, nothing stored) and a bad e-mail (422, values kept)", async () => {
    const confirmed = await createLine({ confirmed: true });
    await margaux.get(page(confirmed.id));
    const refused = await margaux.post(`${page(confirmed.id)}/user`, { description: "x", userFirstName: "Changed", userLastName: "Name", userLanguage: "nl" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(html(l.userConfirmed));
    expect((await lineRow(confirmed.id)).user_first_name).toBe("Lien");

    const line = await createLine();
    await margaux.get(page(line.id));
    const bad = await margaux.post(`${page(line.id)}/user`, { description: "Kept", userFirstName: "Ann", userLastName: "B", userEmail: "not-an-address", userLanguage: "nl" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(en.errors.email);
    expect(bad.text).toContain('value="not-an-address"');
    expect((await lineRow(line.id)).user_first_name).toBe("Lien");
    expect(await audits(line.id)).toEqual([]);
  });

  it("saves the address", async () => {
    const line = await createLine();
    await margaux.get(page(line.id));
    const post = await margaux.post(`${page(line.id)}/address`, { street: "Katwilgweg", houseNumber: "2", postcode: "2050", city: "Antwerpen", country: "BE" });
    expect(post.status).toBe(303);
    expect(await lineRow(line.id)).toMatchObject({ street: "Katwilgweg", house_number: "2", postcode: "2050", city: "Antwerpen", country: "BE" });
    expect((await margaux.get(post.location!)).text).toContain(l.saved.address);
  });

  it("changes the tariff plan after a review that lists the options the new plan drops; applied at once with a done line change", async () => {
    const line = await createLine({ plan: "mobile_1" });
    const voice = await optionId("voice_national_100min");
    const asia = await optionId("data_asia_business_600mb");
    await sql("INSERT INTO line_options (line_id, option_id, added_at) VALUES (?, ?, ?), (?, ?, ?)", [line.id, voice, Date.now(), line.id, asia, Date.now()]);
    const europe = await planId("mobile_europe");
    await margaux.get(page(line.id));
    const review = await margaux.post(`${page(line.id)}/plan`, { plan: String(europe) });
    expect(review.status).toBe(200);
    expect(review.text).toContain(l.planReviewTitle);
    expect(review.text).toContain(fill(l.willBeRemoved, { options: "Voice National 100 min" }));
    // Nothing changes on review.
    expect((await lineRow(line.id)).plan_id).toBe(await planId("mobile_1"));

    const apply = await margaux.post(`${page(line.id)}/plan`, { plan: String(europe), confirm: "1" });
    expect(apply.status).toBe(303);
    expect((await lineRow(line.id)).plan_id).toBe(europe);
    expect(await lineOptions(line.id)).toEqual(["data_asia_business_600mb"]);
    const changes = await sql<{ kind: string; status: string }>("SELECT kind, status FROM line_changes WHERE line_id = ?", [line.id]);
    expect(changes).toEqual([{ kind: "plan", status: "done" }]);
    const shown = await margaux.get(apply.location!);
    expect(shown.text).toContain(l.saved.plan);
    expect(shown.text).toContain(catalogs.en.rights.history.actions.linePlan);
    expect(shown.text).toContain(en.fleet.changeKinds.plan);
    // A second submit of the same form changes nothing more.
    const again = await margaux.post(`${page(line.id)}/plan`, { plan: String(europe), confirm: "1" });
    expect(again.location).toContain("unchanged=plan");
    expect((await audits(line.id)).filter((a) => a.action === "line.plan")).toHaveLength(1);
  });

  it("sets the billing account to one of the account's; another customer's billing account is 404 and nothing stored", async () => {
    const line = await createLine({ billing: false });
    await margaux.get(page(line.id));
    const foreign = await idOf("SELECT id FROM billing_accounts WHERE customer_id <> ? LIMIT 1", [mobile]);
    const refused = await margaux.post(`${page(line.id)}/billing-account`, { billingAccount: String(foreign) });
    expect(refused.status).toBe(404);
    expect((await lineRow(line.id)).billing_account_id).toBeNull();
    const post = await margaux.post(`${page(line.id)}/billing-account`, { billingAccount: String(billing) });
    expect(post.status).toBe(303);
    expect((await lineRow(line.id)).billing_account_id).toBe(billing);
  });

  it("adds only options the plan allows (others 'Not applicable', refused 422 whole) and removes options", async () => {
    const line = await createLine({ plan: "mobile_contact" });
    const voice = await optionId("voice_national_100min");
    const data10 = await optionId("data_national_10gb");
    const shown = await margaux.get(page(line.id));
    expect(shown.text).toContain(fill(l.optionNotAllowed, { name: "Voice National 100 min" }));
    expect(shown.text).toMatch(new RegExp(`value="${voice}"[^>]*disabled`));

    const refused = await margaux.post(`${page(line.id)}/options/add`, { options: String(voice) });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(fill(l.optionNotAllowedError, { options: "Voice National 100 min", plan: "Mobile Contact" }));
    expect(await lineOptions(line.id)).toEqual([]);

    const added = await margaux.post(`${page(line.id)}/options/add`, { options: String(data10) });
    expect(added.status).toBe(303);
    expect(await lineOptions(line.id)).toEqual(["data_national_10gb"]);
    expect((await margaux.get(added.location!)).text).toContain(l.saved.optionsAdd);

    const removed = await margaux.post(`${page(line.id)}/options/remove`, { removeOptions: String(data10) });
    expect(removed.status).toBe(303);
    expect(await lineOptions(line.id)).toEqual([]);
    expect((await audits(line.id)).map((a) => a.action)).toEqual(["line.options_added", "line.options_removed"]);
  });

  it("saves a split bill profile; yes without a profile name is 422", async () => {
    const line = await createLine();
    await margaux.get(page(line.id));
    const bad = await margaux.post(`${page(line.id)}/split-bill`, { splitBill: "yes", splitBillProfile: "" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(l.splitBillProfileRequired);
    const post = await margaux.post(`${page(line.id)}/split-bill`, { splitBill: "yes", splitBillProfile: "New Split Billing Profile #1" });
    expect(post.status).toBe(303);
    expect(await lineRow(line.id)).toMatchObject({ split_bill: 1, split_bill_profile: "New Split Billing Profile #1" });
  });

  it("blocks roaming data and all services, then lifts them; an unknown block is 422", async () => {
    const line = await createLine();
    await margaux.get(page(line.id));
    const form = new URLSearchParams({ _csrf: margaux.csrfToken(), sent: "1" });
    form.append("blocks", "roaming_data");
    form.append("blocks", "all_services");
    const { SELF } = await import("cloudflare:test");
    const cookie = [...margaux.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await SELF.fetch(`https://loket.test${page(line.id)}/blocks`, {
      method: "POST",
      body: form,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test", Cookie: cookie, "CF-Connecting-IP": margaux.ip },
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    const blocks = async () => (await sql<{ block: string }>("SELECT block FROM line_blocks WHERE line_id = ? ORDER BY block", [line.id])).map((r) => r.block);
    expect(await blocks()).toEqual(["all_services", "roaming_data"]);
    const shown = await margaux.get(response.headers.get("Location")!);
    expect(shown.text).toContain(l.saved.blocks);
    expect(shown.text).toContain(l.blocksHint);
    const bad = await margaux.post(`${page(line.id)}/blocks`, { sent: "1", blocks: "teleportation" });
    expect(bad.status).toBe(422);
    expect(await blocks()).toEqual(["all_services", "roaming_data"]);
    const cleared = await margaux.post(`${page(line.id)}/blocks`, { sent: "1" });
    expect(cleared.status).toBe(303);
    expect(await blocks()).toEqual([]);
  });

  it("sets a PayByMobile limit from the allowed amounts; another amount is 422 and nothing stored", async () => {
    const line = await createLine();
    await margaux.get(page(line.id));
    const bad = await margaux.post(`${page(line.id)}/pay-by-mobile`, { payByMobileLimit: "1234" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(l.amountNotAllowed);
    expect((await lineRow(line.id)).pay_by_mobile_limit_cents).toBe(0);
    const post = await margaux.post(`${page(line.id)}/pay-by-mobile`, { payByMobileLimit: "5000" });
    expect(post.status).toBe(303);
    expect((await lineRow(line.id)).pay_by_mobile_limit_cents).toBe(5000);
    expect((await margaux.get(post.location!)).text).toContain(l.saved.payByMobile);
  });

  it("shows and saves the device only when company-owned (002); a bad IMEI is 422", async () => {
    const owned = await createLine({ companyDevice: true });
    const shown = await margaux.get(page(owned.id));
    expect(shown.text).toContain(`>${l.deviceTitle}</h2>`);
    const bad = await margaux.post(`${page(owned.id)}/device`, { imei: "490154203237519", deviceBrand: "Fairphone", deviceType: "5" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(l.imeiInvalid);
    expect((await lineRow(owned.id)).imei).toBeNull();
    const post = await margaux.post(`${page(owned.id)}/device`, { imei: "49 015420 323751 8", deviceBrand: "Fairphone", deviceType: "5" });
    expect(post.status).toBe(303);
    expect(await lineRow(owned.id)).toMatchObject({ imei: "490154203237518", device_brand: "Fairphone", device_type: "5" });

    const personal = await createLine();
    await margaux.get(page(personal.id));
    expect((await margaux.post(`${page(personal.id)}/device`, { imei: "490154203237518" })).status).toBe(404);
    expect((await lineRow(personal.id)).imei).toBeNull();
  });

  it("swaps only the section's block for htmx, with the 422 inside it", async () => {
    const line = await createLine();
    await margaux.get(page(line.id));
    const bad = await margaux.post(`${page(line.id)}/pay-by-mobile`, { payByMobileLimit: "1" }, { "HX-Request": "true", "HX-Target": "line-pay-by-mobile" });
    expect(bad.status).toBe(422);
    expect(bad.text.trim().startsWith('<section class="card" id="line-pay-by-mobile"')).toBe(true);
    expect(bad.text).not.toContain("<html");
  });

  it("a stopped line is read-only: no Save buttons, every change 409 with a message, nothing stored", async () => {
    const line = await createLine({ status: "STOPPED" });
    const shown = await margaux.get(page(line.id));
    expect(shown.text).toContain(l.stoppedReadOnly);
    expect(shown.text).not.toContain(`>${l.update}</button>`);
    expect(shown.text).not.toContain(`>${l.modify}</button>`);
    const post = await margaux.post(`${page(line.id)}/pay-by-mobile`, { payByMobileLimit: "5000" });
    expect(post.status).toBe(409);
    expect(post.text).toContain(l.stoppedRefused);
    const blocks = await margaux.post(`${page(line.id)}/blocks`, { sent: "1", blocks: "mms" });
    expect(blocks.status).toBe(409);
    expect((await lineRow(line.id)).pay_by_mobile_limit_cents).toBe(0);
    expect(await sql("SELECT * FROM line_blocks WHERE line_id = ?", [line.id])).toEqual([]);
    expect(await audits(line.id)).toEqual([]);
  });

  it("another customer's line is 404 on the page and on every change", async () => {
    const other = await idOf("SELECT id FROM customers WHERE customer_number = '439561'");
    const otherContract = await idOf("SELECT id FROM contracts WHERE customer_id = ? LIMIT 1", [other]);
    const line = await createLine({ customer: other, contract: otherContract, billing: false });
    expect((await margaux.get(page(line.id))).status).toBe(404);
    await margaux.get(page((await createLine()).id));
    for (const [path, form] of [
      ["pay-by-mobile", { payByMobileLimit: "5000" }],
      ["blocks", { sent: "1", blocks: "mms" }],
      ["address", { street: "Elders" }],
      ["plan", { plan: "1", confirm: "1" }],
    ] as const) {
      expect((await margaux.post(`${page(line.id)}/${path}`, form)).status).toBe(404);
    }
    expect((await margaux.get("/en/fleet/lines/abc")).status).toBe(404);
    expect(await audits(line.id)).toEqual([]);
  });

  it("a MEMBER sees and changes only lines delegated to them; another line is 404", async () => {
    const member = await createFleetUser({ fleetRole: "MEMBER", functions: ["view", "manage"] });
    const delegated = await createLine();
    const other = await createLine();
    await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [delegated.id, member.id]);
    const browser = await loggedInAs(member.username, PASSWORD);
    expect((await browser.get(page(delegated.id))).status).toBe(200);
    expect((await browser.post(`${page(delegated.id)}/pay-by-mobile`, { payByMobileLimit: "2500" })).status).toBe(303);
    expect((await browser.get(page(other.id))).status).toBe(404);
    expect((await browser.post(`${page(other.id)}/pay-by-mobile`, { payByMobileLimit: "2500" })).status).toBe(404);
    expect((await lineRow(other.id)).pay_by_mobile_limit_cents).toBe(0);
  });

  it("a Service User sees only their own line, and changes it only with fleet.manage", async () => {
    const viewer = await createFleetUser({ fleetRole: null, functions: ["view"] });
    const own = await createLine({ owner: viewer.id, companyDevice: true });
    const other = await createLine();
    const browser = await loggedInAs(viewer.username, PASSWORD);
    const shown = await browser.get(page(own.id));
    expect(shown.status).toBe(200);
    expect(shown.text).not.toContain(`>${l.update}</button>`);
    expect((await browser.get(page(other.id))).status).toBe(404);
    expect((await browser.post(`${page(own.id)}/pay-by-mobile`, { payByMobileLimit: "2500" })).status).toBe(403);

    const manager = await createFleetUser({ fleetRole: null, functions: ["view", "manage"] });
    const mine = await createLine({ owner: manager.id, companyDevice: true });
    const self = await loggedInAs(manager.username, PASSWORD);
    await self.get(page(mine.id));
    expect((await self.post(`${page(mine.id)}/pay-by-mobile`, { payByMobileLimit: "2500" })).status).toBe(303);
    // The device is the company's business: the end user does not change it (403, nothing stored).
    expect((await self.post(`${page(mine.id)}/device`, { imei: "490154203237518" })).status).toBe(403);
    expect((await lineRow(mine.id)).imei).toBeNull();
    expect((await self.get(page(other.id))).status).toBe(404);
  });

  it("shows the line's history in Dutch and French with translated labels, newest first, and pages it", async () => {
    const line = await createLine();
    await margaux.get(page(line.id));
    for (const cents of ["2500", "5000", "7500", "10000", "15000", "0", "2500", "5000", "7500", "10000", "15000"]) {
      await margaux.post(`${page(line.id)}/pay-by-mobile`, { payByMobileLimit: cents });
    }
    await margaux.post(`${page(line.id)}/blocks`, { sent: "1", blocks: "roaming_data" });
    // An action of the fleet's actions part, waiting for the operator: its event is named, the change marked pending.
    const at = Date.now();
    await sql("INSERT INTO audit_events (at, actor, customer_id, action, subject) VALUES (?, 'user:1', ?, 'fleet.suspend_requested', ?)", [at - 3_600_000, mobile, `line:${line.id}`]);
    await sql("INSERT INTO line_changes (line_id, customer_id, kind, effective_date, status, created_at, created_by) VALUES (?, ?, 'suspend', '2026-12-01', 'pending', ?, 'user:1')", [
      line.id,
      mobile,
      at,
    ]);
    for (const lang of ["nl", "fr"] as const) {
      const { text, status } = await margaux.get(page(line.id, lang));
      expect(status).toBe(200);
      const t = catalogs[lang].fleetLine;
      expect(text).toContain(t.historyTitle);
      const actions = catalogs[lang].rights.history.actions;
      expect(text).toContain(actions.lineBlocks);
      expect(text).toContain(actions.linePayByMobile);
      expect(text.indexOf(actions.lineBlocks)).toBeLessThan(text.indexOf(actions.linePayByMobile));
      expect(text).not.toMatch(/>(line|fleet)\.\w+</);
      expect(text).toContain(html(catalogs[lang].fleet.changeKinds.suspend));
      expect(text).toMatch(/data-change="suspend" data-status="pending"/);
      expect(text).toContain(`?after=`);
    }
    const first = await margaux.get(page(line.id));
    const next = first.text.match(/href="([^"]*\?after=[^"#]*)/)![1]!.replace(/&amp;/g, "&");
    const second = await margaux.get(next);
    expect(second.status).toBe(200);
    expect((second.text.match(/data-action="line\.pay_by_mobile"/g) ?? []).length).toBe(2);
    // The account's History names the same events with the same words, never the raw action.
    const history = await margaux.get("/fr/history");
    expect(history.status).toBe(200);
    expect(history.text).toContain(catalogs.fr.rights.history.actions.lineBlocks);
    expect(history.text).toContain(catalogs.fr.rights.history.actions.fleetSuspendRequested);
    expect(history.text).not.toMatch(/>(line|fleet)\.\w+</);
  });
});

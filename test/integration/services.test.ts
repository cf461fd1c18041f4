import { beforeAll, describe, expect, it } from "vitest";
import { catalogs, fill, formatDate } from "../../src/lib/i18n.ts";
import { orderNumber } from "../../src/lib/orders.ts";
import { addWorkingDays, brusselsDate } from "../../src/lib/workdays.ts";
import { loggedIn, loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

const s = catalogs.en.services;
const DAY = 86_400_000;
const today = () => brusselsDate(Date.now());
const plusDays = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** A stored day as the English page shows it. */
const shown = (isoDay: string) => formatDate("en", Date.parse(`${isoDay}T12:00:00Z`));
const decode = (html: string) => html.replaceAll("&amp;", "&").replaceAll("&#39;", "'").replaceAll("&quot;", '"');

// Own accounts (96200x): head office 962001 with building 962002, an unrelated waste company 962003, a mobile fleet 962004.
const ids: Record<string, number> = {};

async function insertId(statement: string, args: (string | number | null)[]): Promise<number> {
  const [row] = await sql<{ id: number }>(`${statement} RETURNING id`, args);
  return Number(row!.id);
}

const count = async (table: string, where: string, args: (string | number)[]) => Number((await sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, args))[0]!.n);

beforeAll(async () => {
  const now = Date.now();
  const customer = (number: string, parent: number | null) =>
    insertId(
      "INSERT INTO customers (customer_number, name, billing_street, billing_postcode, billing_city, parent_id, language, created_at) VALUES (?, ?, 'Dienstenlaan 1', '1000', 'Brussel', ?, 'nl', ?)",
      [number, `Dienstenklant ${number}`, parent, now],
    );
  ids.head = await customer("962001", null);
  ids.building = await customer("962002", ids.head);
  ids.other = await customer("962003", null);
  ids.fleet = await customer("962004", null);
  const subscribe = (customerId: number, codes: string[]) =>
    sql(`INSERT INTO account_applications (customer_id, application_id) SELECT ?, id FROM applications WHERE code IN (${codes.map(() => "?").join(", ")})`, [customerId, ...codes]);
  for (const id of [ids.head, ids.building, ids.other]) await subscribe(id, ["waste", "services", "complaints"]);
  await subscribe(ids.fleet, ["fleet", "services"]);
  const site = (customerId: number, name: string, street: string) =>
    insertId("INSERT INTO sites (customer_id, name, street, postcode, city) VALUES (?, ?, ?, '1000', 'Brussel')", [customerId, name, street]);
  const contract = (number: string, customerId: number, siteId: number, service: string) =>
    insertId("INSERT INTO contracts (contract_number, customer_id, site_id, service) VALUES (?, ?, ?, ?)", [number, customerId, siteId, service]);
  ids.headSite = await site(ids.head, "Zetel Diensten", "Dienstenlaan 1");
  ids.buildingSite = await site(ids.building, "Gebouw Oost", "Oostlaan 2");
  ids.otherSite = await site(ids.other, "Andere zetel", "Anderestraat 3");
  ids.fleetSite = await site(ids.fleet, "Vlootkantoor", "Vlootweg 4");
  ids.headContract = await contract("962901", ids.head, ids.headSite, "Restafval 1100 L");
  ids.buildingContract = await contract("962902", ids.building, ids.buildingSite, "PMD 770 L");
  ids.otherContract = await contract("962903", ids.other, ids.otherSite, "Restafval 240 L");
  ids.fleetContract = await contract("962904", ids.fleet, ids.fleetSite, "Business Mobile");
  // An order from before the catalog: an article's text only.
  ids.oldOrder = await insertId(
    "INSERT INTO orders (customer_id, contract_id, article, quantity, address, created_at, delivery_date, status) VALUES (?, ?, 'PRO-zakken rest 100 st.', 2, 'Dienstenlaan 1, 1000 Brussel', ?, ?, 'ordered')",
    [ids.head, ids.headContract, now - 30 * DAY, plusDays(-25)],
  );
  const [b2b] = await sql<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'B2B'");
  const user = (name: string) =>
    insertId(
      "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at) VALUES (?, ?, ?, 'Svc', 'Tester', 'x', 'en', ?, 'VALIDATED', 'ADMIN', ?)",
      [name, name.toLowerCase(), `${name}@services.example`, b2b!.password_hash, now],
    );
  const member = (userId: number, customerId: number, profile: string) =>
    insertId("INSERT INTO memberships (user_id, customer_id, profile, manage_users, manage_admins, reset_passwords, created_at) VALUES (?, ?, ?, 0, 0, 0, ?)", [userId, customerId, profile, now]);
  await member(await user("svc.owner"), ids.head, "owner");
  await member(await user("svc.other"), ids.other, "owner");
  await member(await user("svc.fleet"), ids.fleet, "owner");
  // A portal user who may view the services but not order.
  const viewer = await member(await user("svc.viewer"), ids.head, "portal");
  await sql(
    "INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at) SELECT ?, a.id, 'function', f.id, ? FROM applications a JOIN application_functions f ON f.application_id = a.id AND f.code = 'view' WHERE a.code = 'services'",
    [viewer, now],
  );
}, 60_000);

let ownerBrowser: TestBrowser | null = null;
const owner = async () => (ownerBrowser ??= await loggedInAs("svc.owner"));

describe("services: the four tabs (manual p.13)", () => {
  it("renders each tab for the waste head office, its buildings' contracts and sites included", async () => {
    const browser = await owner();
    const contracts = await browser.get("/en/services");
    expect(contracts.status).toBe(200);
    for (const tab of ["Contracts", "Current purchases", "Order", "Closing dates"]) expect(contracts.text).toContain(`>${tab}</a>`);
    expect(contracts.text).toMatch(/<a href="\/en\/services" aria-current="page">Contracts<\/a>/);
    expect(contracts.text).toContain("962901");
    expect(contracts.text).toContain("962902");
    expect(contracts.text).toContain("Gebouw Oost");
    expect(contracts.text).not.toContain("962903");
    const purchases = await browser.get("/en/services/purchases");
    expect(purchases.status).toBe(200);
    // The order from before the catalog shows with its article text and number.
    expect(purchases.text).toContain("PRO-zakken rest 100 st.");
    expect(purchases.text).toContain(orderNumber(ids.oldOrder!));
    const order = await browser.get("/en/services/order");
    expect(order.status).toBe(200);
    expect(decode(order.text)).toContain("PRO bags residual waste – roll of 25 bags");
    expect(order.text).toContain("Container 1100 L");
    expect(order.text).not.toContain("Blank SIM cards");
    expect(order.text).toContain("Gebouw Oost");
    const closures = await browser.get("/en/services/closures");
    expect(closures.status).toBe(200);
    expect(closures.text).toContain("Zetel Diensten");
    expect(closures.text).toContain("Gebouw Oost");
    // The same page in French and Dutch: their own words, no key names.
    const fr = await browser.get("/fr/services/purchases");
    expect(fr.text).toContain(catalogs.fr.services.tab.purchases);
    expect(fr.text).not.toMatch(/services\.\w+/);
    const nl = await browser.get("/nl/services/closures");
    expect(nl.text).toContain(catalogs.nl.services.addClosure);
  });

  it("keeps every tab within 14 KB of gzip (QUALITY.md)", async () => {
    const browser = await owner();
    for (const path of ["/en/services", "/en/services/purchases", "/en/services/order", "/en/services/closures", "/fr/services/order"]) {
      const page = await browser.get(path);
      const gzip = await new Response(new Blob([page.text]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
      expect(gzip.byteLength, path).toBeLessThanOrEqual(14 * 1024);
    }
  });

  it("numbers orders from their id: B and six digits", () => {
    expect(orderNumber(123)).toBe("B-000123");
    expect(orderNumber(1234567)).toBe("B-1234567");
  });

  it("offers the Services tile on the home page", async () => {
    const home = await (await owner()).get("/en/home");
    expect(home.text).toMatch(/<li data-app="services"><a href="\/en\/services">/);
  });
});

describe("services: contract change requests", () => {
  it("stores a change request with its audit event and lists it under its contract", async () => {
    const browser = await owner();
    await browser.get(`/en/services/contracts/${ids.buildingContract}/change`);
    const from = plusDays(14);
    const result = await browser.post(`/en/services/contracts/${ids.buildingContract}/change`, { kind: "container_size", newSize: "1100", effectiveDate: from, comment: "Meer volume" });
    expect(result.status).toBe(303);
    const [stored] = await sql<{ id: number; customer_id: number; kind: string; new_value: string; effective_date: string; status: string; comment: string }>(
      "SELECT id, customer_id, kind, new_value, effective_date, status, comment FROM change_requests WHERE contract_id = ?",
      [ids.buildingContract!],
    );
    expect(stored).toMatchObject({ customer_id: ids.building, kind: "container_size", new_value: "1100", effective_date: from, status: "requested", comment: "Meer volume" });
    expect(result.location).toBe(`/en/services?requested=${stored!.id}`);
    const again = await browser.post(`/en/services/contracts/${ids.buildingContract}/change`, { kind: "container_size", newSize: "1100", effectiveDate: from, comment: "Meer volume" });
    expect(again.location).toBe(result.location);
    expect(await count("change_requests", "contract_id = ?", [ids.buildingContract!])).toBe(1);
    const [audit] = await sql<{ after: string }>("SELECT after FROM audit_events WHERE action = 'contract.change_requested' AND customer_id = ? ORDER BY id DESC LIMIT 1", [ids.head!]);
    expect(JSON.parse(audit!.after)).toMatchObject({ contractNumber: "962902", kind: "container_size", newValue: "1100", effectiveDate: from });
    const page = await browser.get(result.location!);
    expect(page.text).toContain(fill(s.changeSaved, { number: "962902" }));
    const section = page.text.slice(page.text.indexOf(`id="contract-${ids.buildingContract}"`));
    expect(section).toContain(fill(s.requestsOf, { number: "962902" }));
    expect(section).toContain(`data-request="${stored!.id}"`);
    expect(section).toContain(fill(s.statusOn, { status: "Requested", date: formatDate("en", Date.now()) }));
    expect(section).toContain("1100 L");
    expect(section).toContain(shown(from));
    // The desk decides later: the decision shows, dated.
    await sql("UPDATE change_requests SET status = 'accepted', decided_at = ? WHERE id = ?", [Date.now(), stored!.id]);
    expect((await browser.get("/en/services")).text).toContain(fill(s.statusOn, { status: "Accepted", date: formatDate("en", Date.now()) }));
  });

  it("refuses a past date, a missing size, an 'other' without comment and an unknown kind: 422, the form again, nothing stored", async () => {
    const browser = await owner();
    const before = await count("change_requests", "contract_id = ?", [ids.headContract!]);
    await browser.get(`/en/services/contracts/${ids.headContract}/change`);
    const path = `/en/services/contracts/${ids.headContract}/change`;
    const past = await browser.post(path, { kind: "frequency", frequency: "weekly", effectiveDate: plusDays(-1), comment: "te laat" });
    expect(past.status).toBe(422);
    expect(past.text).toContain(s.errors.pastDate);
    expect(past.text).toContain(`value="${plusDays(-1)}"`);
    expect(past.text).toContain("te laat</textarea>");
    expect(past.text).toMatch(/<option value="weekly" selected/);
    const noSize = await browser.post(path, { kind: "container_size", newSize: "", effectiveDate: plusDays(3) });
    expect(noSize.status).toBe(422);
    expect(noSize.text).toContain(s.errors.size);
    const noComment = await browser.post(path, { kind: "other", effectiveDate: plusDays(3), comment: "  " });
    expect(noComment.status).toBe(422);
    expect(noComment.text).toContain(s.errors.commentRequired);
    const badDate = await browser.post(path, { kind: "stop", effectiveDate: "31/02/2027" });
    expect(badDate.status).toBe(422);
    expect(badDate.text).toContain(s.errors.date);
    const badKind = await browser.post(path, { kind: "everything", effectiveDate: plusDays(3) });
    expect(badKind.status).toBe(422);
    expect(badKind.text).toContain(catalogs.en.errors.choice);
    expect(await count("change_requests", "contract_id = ?", [ids.headContract!])).toBe(before);
  });
});

describe("services: ordering", () => {
  it("places an order: confirmation with its number and promised date, stored and audited, then in current purchases and on the home page", async () => {
    const browser = await owner();
    await browser.get("/en/services/order");
    const result = await browser.post("/en/services/order", { product: "waste_bags_rest", quantity: "5", site: String(ids.headSite) });
    expect(result.status).toBe(303);
    const [stored] = await sql<{
      id: number;
      customer_id: number;
      contract_id: number;
      quantity: number;
      status: string;
      total_cents: number;
      unit_price_cents: number;
      delivery_date: string;
      address: string;
      site_id: number;
    }>("SELECT * FROM orders WHERE customer_id = ? AND product_id IS NOT NULL ORDER BY id DESC LIMIT 1", [ids.head!]);
    const promised = addWorkingDays(today(), 5);
    expect(stored).toMatchObject({
      contract_id: ids.headContract,
      quantity: 5,
      status: "ordered",
      unit_price_cents: 2500,
      total_cents: 12500,
      delivery_date: promised,
      address: "Dienstenlaan 1, 1000 Brussel",
      site_id: ids.headSite,
    });
    expect(result.location).toBe(`/en/services/orders/${stored!.id}?placed=1`);
    // Sent twice (a double click): the same order, not a second one.
    const again = await browser.post("/en/services/order", { product: "waste_bags_rest", quantity: "5", site: String(ids.headSite) });
    expect(again.location).toBe(result.location);
    expect(await count("orders", "customer_id = ? AND product_id IS NOT NULL", [ids.head!])).toBe(1);
    const [audit] = await sql<{ after: string }>("SELECT after FROM audit_events WHERE action = 'order.placed' AND customer_id = ? ORDER BY id DESC LIMIT 1", [ids.head!]);
    expect(JSON.parse(audit!.after)).toMatchObject({ orderId: stored!.id, product: "waste_bags_rest", quantity: 5, totalCents: 12500, deliveryDate: promised });
    const number = orderNumber(stored!.id);
    expect(number).toMatch(/^B-\d{6,}$/);
    const confirmation = await browser.get(result.location!);
    expect(confirmation.text).toContain(fill(s.placed, { number }));
    expect(confirmation.text).toMatch(new RegExp(`<dd data-delivery[^>]*>${shown(promised)}</dd>`));
    expect(confirmation.text).toContain("€");
    const purchases = await browser.get("/en/services/purchases");
    const first = purchases.text.match(/data-order="(B-\d+)"/)?.[1];
    expect(first).toBe(number);
    expect(purchases.text).toContain(fill(s.expected, { date: shown(promised) }));
    const home = await browser.get("/en/home");
    const orders = home.text.slice(home.text.indexOf('id="orders-title"'));
    expect(orders).toContain(number);
    expect(orders).toContain(fill(s.statusOn, { status: "Ordered", date: formatDate("en", Date.now()) }));
  });

  it("orders blank SIM cards by tens for the fleet, delivered within 2 working days; refuses 15 and 0 with the rule in the user's language", async () => {
    const fleet = await loggedInAs("svc.fleet");
    const page = await fleet.get("/en/services/order");
    expect(page.text).toContain("Blank SIM cards");
    expect(page.text).not.toContain("PRO bags");
    expect(page.text).toContain(fill(s.quantityStepHint, { step: 10, max: 200 }));
    // No closing dates for a fleet: no tab, and the page is not there.
    expect(page.text).not.toContain(">Closing dates</a>");
    expect((await fleet.get("/en/services/closures")).status).toBe(404);
    const before = await count("orders", "customer_id = ?", [ids.fleet!]);
    const fifteen = await fleet.post("/en/services/order", { product: "fleet_sim_blank", quantity: "15", site: String(ids.fleetSite) });
    expect(fifteen.status).toBe(422);
    expect(fifteen.text).toContain(fill(s.errors.quantityStep, { step: 10, max: 200 }));
    expect(fifteen.text).toContain('value="15"');
    const zero = await fleet.post("/en/services/order", { product: "fleet_sim_blank", quantity: "0", site: String(ids.fleetSite) });
    expect(zero.status).toBe(422);
    expect(zero.text).toContain(fill(s.errors.quantityStep, { step: 10, max: 200 }));
    const nl = await fleet.post("/nl/services/order", { product: "fleet_sim_blank", quantity: "210", site: String(ids.fleetSite) });
    expect(nl.status).toBe(422);
    expect(nl.text).toContain(fill(catalogs.nl.services.errors.quantityStep, { step: 10, max: 200 }));
    expect(await count("orders", "customer_id = ?", [ids.fleet!])).toBe(before);
    const ok = await fleet.post("/en/services/order", { product: "fleet_sim_blank", quantity: "20", site: String(ids.fleetSite) });
    expect(ok.status).toBe(303);
    const [stored] = await sql<{ delivery_date: string; quantity: number; total_cents: number }>(
      "SELECT delivery_date, quantity, total_cents FROM orders WHERE customer_id = ? ORDER BY id DESC LIMIT 1",
      [ids.fleet!],
    );
    expect(stored).toMatchObject({ delivery_date: addWorkingDays(today(), 2), quantity: 20, total_cents: 0 });
  });

  it("refuses a product of an application the account does not have, and a missing quantity", async () => {
    const browser = await owner();
    await browser.get("/en/services/order");
    const before = await count("orders", "customer_id = ?", [ids.head!]);
    const sim = await browser.post("/en/services/order", { product: "fleet_sim_blank", quantity: "10", site: String(ids.headSite) });
    expect(sim.status).toBe(422);
    expect(sim.text).toContain(s.errors.product);
    const empty = await browser.post("/en/services/order", { product: "waste_bags_pmd", quantity: "", site: String(ids.headSite) });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain(catalogs.en.errors.required);
    expect(await count("orders", "customer_id = ?", [ids.head!])).toBe(before);
  });
});

describe("services: closing dates", () => {
  it("adds a closure, refuses an overlap naming the period, a past date and an end before the start, and deletes a future closure", async () => {
    const browser = await owner();
    await browser.get("/en/services/closures");
    const from = plusDays(10);
    const to = plusDays(12);
    const added = await browser.post("/en/services/closures", { site: String(ids.buildingSite), from, to, reason: "Verbouwing" });
    expect(added.status).toBe(303);
    const [closure] = await sql<{ id: number; customer_id: number; from_date: string; to_date: string; reason: string }>("SELECT * FROM site_closures WHERE site_id = ?", [ids.buildingSite!]);
    expect(closure).toMatchObject({ customer_id: ids.building, from_date: from, to_date: to, reason: "Verbouwing" });
    expect(added.location).toBe(`/en/services/closures?added=${closure!.id}`);
    const list = await browser.get(added.location!);
    expect(list.text).toContain(fill(s.closureSaved, { site: "Gebouw Oost", from: shown(from), to: shown(to) }));
    expect(list.text).toContain(`data-closure="${closure!.id}"`);

    const overlap = await browser.post("/en/services/closures", { site: String(ids.buildingSite), from: plusDays(11), to: plusDays(15), reason: "" });
    expect(overlap.status).toBe(422);
    expect(overlap.text).toContain(fill(s.errors.overlap, { from: shown(from), to: shown(to) }));
    expect(overlap.text).toContain(`value="${plusDays(15)}"`);
    // The same dates at another site are fine later; here: past and reversed dates.
    const past = await browser.post("/en/services/closures", { site: String(ids.headSite), from: plusDays(-2), to: plusDays(1) });
    expect(past.status).toBe(422);
    expect(past.text).toContain(s.errors.pastDate);
    const reversed = await browser.post("/en/services/closures", { site: String(ids.headSite), from: plusDays(5), to: plusDays(4) });
    expect(reversed.status).toBe(422);
    expect(reversed.text).toContain(s.errors.toBeforeFrom);
    expect(await count("site_closures", "customer_id IN (?, ?)", [ids.head!, ids.building!])).toBe(1);

    const deleted = await browser.post(`/en/services/closures/${closure!.id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.location).toBe("/en/services/closures?deleted=1");
    expect(await count("site_closures", "id = ?", [closure!.id])).toBe(0);
    const actions = (await sql<{ action: string }>("SELECT action FROM audit_events WHERE customer_id = ? AND action LIKE 'closure.%' ORDER BY id", [ids.head!])).map((r) => r.action);
    expect(actions).toEqual(["closure.added", "closure.deleted"]);
  });

  it("keeps a closure that has begun: it is listed without a Delete, and deleting it is not found", async () => {
    const begun = await insertId("INSERT INTO site_closures (customer_id, site_id, from_date, to_date, reason, created_at) VALUES (?, ?, ?, ?, 'Loopt', ?)", [
      ids.head!,
      ids.headSite!,
      today(),
      plusDays(2),
      Date.now(),
    ]);
    const browser = await owner();
    const page = await browser.get("/en/services/closures");
    const row = page.text.slice(page.text.indexOf(`data-closure="${begun}"`));
    expect(row.slice(0, row.indexOf("</tr>"))).not.toContain(s.deleteClosure);
    expect((await browser.post(`/en/services/closures/${begun}/delete`, {})).status).toBe(404);
    expect(await count("site_closures", "id = ?", [begun])).toBe(1);
  });

  it("stores exactly one of 8 overlapping closures sent at the same moment, with one audit event", async () => {
    const browser = await owner();
    await browser.get("/en/services/closures");
    const from = plusDays(40);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => browser.post("/en/services/closures", { site: String(ids.headSite), from, to: plusDays(41 + i), reason: `Parallel ${i}` })));
    expect(answers.filter((a) => a.status === 303)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 422)).toHaveLength(7);
    expect(await count("site_closures", "site_id = ? AND from_date = ?", [ids.headSite!, from])).toBe(1);
    expect(await count("audit_events", "customer_id = ? AND action = 'closure.added' AND after LIKE ?", [ids.head!, `%"from":"${from}"%`])).toBe(1);
  });
});

describe("services: tenancy and rights", () => {
  it("gives another customer's contract, site, order and closure a 404", async () => {
    const closure = await insertId("INSERT INTO site_closures (customer_id, site_id, from_date, to_date, created_at) VALUES (?, ?, ?, ?, ?)", [
      ids.head!,
      ids.headSite!,
      plusDays(40),
      plusDays(41),
      Date.now(),
    ]);
    const other = await loggedInAs("svc.other");
    expect((await other.get(`/en/services/contracts/${ids.headContract}/change`)).status).toBe(404);
    await other.get("/en/services");
    expect((await other.post(`/en/services/contracts/${ids.headContract}/change`, { kind: "stop", effectiveDate: plusDays(5) })).status).toBe(404);
    expect((await other.get(`/en/services/orders/${ids.oldOrder}`)).status).toBe(404);
    expect((await other.post("/en/services/order", { product: "waste_bags_rest", quantity: "1", site: String(ids.headSite) })).status).toBe(404);
    expect((await other.post("/en/services/closures", { site: String(ids.headSite), from: plusDays(50), to: plusDays(51) })).status).toBe(404);
    expect((await other.post(`/en/services/closures/${closure}/delete`, {})).status).toBe(404);
    expect(await count("change_requests", "contract_id = ?", [ids.headContract!])).toBe(0);
    expect(await count("site_closures", "id = ?", [closure])).toBe(1);
    expect(await count("orders", "customer_id = ?", [ids.other!])).toBe(0);
    // Nor does the other customer see the head office's rows in its lists.
    expect((await other.get("/en/services/purchases")).text).not.toContain(orderNumber(ids.oldOrder!));
  });

  it("a user without the order right sees no Order tab and is refused the order page (403)", async () => {
    const viewer = await loggedInAs("svc.viewer");
    const page = await viewer.get("/en/services");
    expect(page.status).toBe(200);
    expect(page.text).toContain(">Current purchases</a>");
    expect(page.text).not.toContain(">Order</a>");
    expect((await viewer.get("/en/services/order")).status).toBe(403);
    const before = await count("orders", "customer_id = ?", [ids.head!]);
    expect((await viewer.post("/en/services/order", { product: "waste_bags_rest", quantity: "1", site: String(ids.headSite) })).status).toBe(403);
    expect(await count("orders", "customer_id = ?", [ids.head!])).toBe(before);
  });

  it("a postal account (no services application) has no Services tile and is refused the pages", async () => {
    const postal = await loggedInAs("DATATEAM");
    const home = await postal.get("/en/home");
    expect(home.status).toBe(200);
    expect(home.text).not.toContain('data-app="services"');
    expect((await postal.get("/en/services")).status).toBe(403);
    expect((await postal.get("/en/services/purchases")).status).toBe(403);
    expect((await postal.get("/en/services/order")).status).toBe(403);
  });
});

describe("services: without JavaScript and with htmx", () => {
  it("works with plain forms and redirects (code login of a waste account)", async () => {
    const { browser, account } = await loggedIn(61);
    const [site] = await sql<{ id: number }>("SELECT s.id FROM sites s JOIN customers c ON c.id = s.customer_id WHERE c.customer_number = ?", [account.customerNumber]);
    await browser.get("/en/services/order");
    const placed = await browser.post("/en/services/order", { product: "waste_container_240", quantity: "1", site: String(site!.id) });
    expect(placed.status).toBe(303);
    const confirmation = await browser.get(placed.location!);
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain("<!doctype html>");
    expect(confirmation.text).toContain(fill(s.promisedDelivery, {}));
    expect(confirmation.text).toContain(shown(addWorkingDays(today(), 10)));
    await browser.get("/en/services/closures");
    const closed = await browser.post("/en/services/closures", { site: String(site!.id), from: plusDays(20), to: plusDays(20) });
    expect(closed.status).toBe(303);
    expect(closed.location).toMatch(/^\/en\/services\/closures\?added=\d+$/);
  });

  it("swaps only the form with htmx: 422 with the block, success by HX-Location, tabs as page fragments", async () => {
    const { browser, account } = await loggedIn(62);
    const [site] = await sql<{ id: number }>("SELECT s.id FROM sites s JOIN customers c ON c.id = s.customer_id WHERE c.customer_number = ?", [account.customerNumber]);
    await browser.get("/en/services/closures");
    const hx = { "HX-Request": "true", "HX-Target": "section#services-closure" };
    const invalid = await browser.post("/en/services/closures", { site: String(site!.id), from: plusDays(3), to: plusDays(2) }, hx);
    expect(invalid.status).toBe(422);
    expect(invalid.text.startsWith('<section class="card" id="services-closure"')).toBe(true);
    expect(invalid.text).not.toContain("<html");
    expect(invalid.text).toContain(s.errors.toBeforeFrom);
    const valid = await browser.post("/en/services/closures", { site: String(site!.id), from: plusDays(3), to: plusDays(4) }, hx);
    expect(valid.status).toBe(200);
    expect(JSON.parse(valid.response.headers.get("HX-Location")!).path).toMatch(/^\/en\/services\/closures\?added=\d+$/);
    const order = await browser.post("/en/services/order", { product: "waste_bags_paper", quantity: "51", site: String(site!.id) }, { "HX-Request": "true", "HX-Target": "section#services-order" });
    expect(order.status).toBe(422);
    expect(order.text.startsWith('<section class="card" id="services-order"')).toBe(true);
    expect(order.text).toContain(fill(s.errors.quantity, { max: 50 }));
    const tab = await browser.get("/en/services/purchases", { "HX-Request": "true" });
    expect(tab.status).toBe(200);
    expect(tab.text).not.toContain("<!doctype");
    expect(tab.text).toContain('<main id="main"');
  });

  it("pages through current purchases by keyset, newest first", async () => {
    const { browser, account } = await loggedIn(63);
    const [row] = await sql<{ customer_id: number; id: number }>("SELECT customer_id, id FROM contracts WHERE contract_number = ?", [account.contractNumber]);
    const base = Date.now() - 100 * DAY;
    // 25 orders, two of them at the same instant (the id breaks the tie).
    for (let i = 0; i < 25; i++)
      await sql("INSERT INTO orders (customer_id, contract_id, article, quantity, address, created_at, status) VALUES (?, ?, ?, 1, 'Teststraat', ?, 'delivered')", [
        row!.customer_id,
        row!.id,
        `Artikel ${i}`,
        base + (i === 7 ? 6 : i) * DAY,
      ]);
    const expected = (await sql<{ id: number }>("SELECT id FROM orders WHERE customer_id = ? ORDER BY created_at DESC, id DESC", [row!.customer_id])).map((r) => orderNumber(r.id));
    const numbers = (html: string) => [...html.matchAll(/data-order="(B-\d+)"/g)].map((m) => m[1]);
    const first = await browser.get("/en/services/purchases");
    expect(numbers(first.text)).toEqual(expected.slice(0, 20));
    const next = decode(first.text.match(/href="([^"]+)" rel="next"/)![1]!);
    const second = await browser.get(next);
    expect(numbers(second.text)).toEqual(expected.slice(20));
    expect(second.text).not.toContain('rel="next"');
    const previous = decode(second.text.match(/href="([^"]+)" rel="prev"/)![1]!);
    expect(numbers((await browser.get(previous)).text)).toEqual(expected.slice(0, 20));
  });
});

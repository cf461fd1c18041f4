import { beforeAll, describe, expect, inject, it } from "vitest";
import { applyDuePackRequests } from "../../src/features/fleet/packs-service.ts";
import { currentPeriod, nextPeriodStart } from "../../src/features/fleet/periods.ts";
import { en } from "../../src/i18n/en.ts";
import { brusselsDate } from "../../src/lib/workdays.ts";
import { fr } from "../../src/i18n/fr.ts";
import { nl } from "../../src/i18n/nl.ts";
import { loggedInAs, type TestBrowser } from "./browser.ts";
import { createStaff, deskLogin, deskPost } from "./desk-fixtures.ts";
import { createLine, memberWithLine, testDb } from "./fleet-actions-fixtures.ts";
import { auditOfPack, createContract, createOtherCustomer, insertPack, offerId, packsOf, requestsOf, serviceUser } from "./fleet-packs-fixtures.ts";
import { sql } from "./sql.ts";

let margaux: TestBrowser;
let mobileCustomer: number;
beforeAll(async () => {
  margaux = await loggedInAs("margaux");
  mobileCustomer = (await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = '100457319'"))[0]!.id;
}, 30_000);

const packsTab = (contractId: number) => `/en/fleet/contract?contract=${contractId}&tab=packs`;

/** Orders `gb` for a contract as the page does: opens the packs tab, posts the order form. */
async function order(browser: TestBrowser, contractId: number, gb: number) {
  await browser.get(packsTab(contractId));
  return browser.post("/en/fleet/packs/order", { contract: String(contractId), offer: String(await offerId(gb)) });
}

async function desk() {
  return deskLogin(await createStaff("agent", "Paula Packs"));
}

describe("contract page: the tariff plans × options matrix", () => {
  it("shows every seeded price of plan_options in its cell and 'Not applicable' where there is no row (003's values)", async () => {
    const page = await margaux.get("/en/fleet/contract");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Contract 0000025351");
    expect(page.text).toContain('aria-current="page">Tariff plans</a>');
    const cells = new Map([...page.text.matchAll(/data-cell="(\d+:\d+)">([^<]*)</g)].map((m) => [m[1]!, m[2]!]));
    const plans = await sql<{ id: number }>("SELECT id FROM tariff_plans");
    const options = await sql<{ id: number }>("SELECT id FROM fleet_options");
    const prices = new Map((await sql<{ key: string; cents: number }>("SELECT plan_id || ':' || option_id AS key, monthly_cents AS cents FROM plan_options")).map((r) => [r.key, r.cents]));
    expect(cells.size).toBe(plans.length * options.length);
    for (const [key, text] of cells) {
      const cents = prices.get(key);
      expect(text, key).toBe(cents === undefined ? "Not applicable" : new Intl.NumberFormat("en-BE", { style: "currency", currency: "EUR" }).format(cents / 100));
    }
    const [europe] = await sql<{ plan: number; option: number }>(
      "SELECT (SELECT id FROM tariff_plans WHERE name = 'Mobile Europe') AS plan, (SELECT id FROM fleet_options WHERE name = 'Voice National 100 min') AS option",
    );
    const [asia] = await sql<{ plan: number; option: number }>(
      "SELECT (SELECT id FROM tariff_plans WHERE name = 'Mobile 1') AS plan, (SELECT id FROM fleet_options WHERE name = 'Data Asia tech 3 GB') AS option",
    );
    expect(cells.get(`${europe!.plan}:${europe!.option}`)).toBe("Not applicable");
    expect(cells.get(`${asia!.plan}:${asia!.option}`)).toBe("€35.00");
    // The plans' headers: name and monthly price.
    expect(page.text).toMatch(/Mobile 1<br\/?>€5.00 p\/m/);
  });

  it("says 'Sans objet' in French and 'Niet van toepassing' (the fleet's word) in Dutch", async () => {
    const page = await margaux.get("/fr/fleet/contract");
    expect(page.text).toContain(`>${fr.fleet.notAllowed}<`);
    expect(fr.fleet.notAllowed).toBe("Sans objet");
    expect((await margaux.get("/nl/fleet/contract")).text).toContain(`>${nl.fleet.notAllowed}<`);
  });

  it("offers a contract selector once the customer has several mobile contracts (GET form), and 404 for another customer's contract", async () => {
    const own = await createContract();
    const page = await margaux.get(`/en/fleet/contract?contract=${own.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Contract ${own.number}`);
    expect(page.text).toMatch(/<form method="get" action="\/en\/fleet\/contract"/);
    expect(page.text).toContain(`<option value="${own.id}" selected`);
    const other = await createOtherCustomer();
    expect((await margaux.get(`/en/fleet/contract?contract=${other.contract.id}`)).status).toBe(404);
    expect((await margaux.get("/en/fleet/contract?contract=abc")).status).toBe(404);
  });
});

describe("group packs: order, desk, cron, change, stop", () => {
  it("orders 50 GB: a pending request for the next period start; the desk confirms; the cron applies it on that day (not before); then 50 → 100 GB the same way; then stop", async () => {
    const contract = await createContract();
    const tab = await margaux.get(packsTab(contract.id));
    expect(tab.text).toContain("This contract has no group pack.");
    expect(tab.text).toContain("Group Data 50 GB");
    const effective = nextPeriodStart();
    const day = new Intl.DateTimeFormat("en-BE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(Date.parse(`${effective}T12:00:00Z`));
    // Before ordering, the form says when an order would take effect.
    expect(tab.text).toContain(`Takes effect on ${day} once Loket Demo confirms it.`);
    const answer = await order(margaux, contract.id, 50);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`${packsTab(contract.id)}&done=ordered`);
    const [pack] = await packsOf(contract.id);
    expect(pack).toMatchObject({ status: "requested", offer_gb: 50, starts_on: null });
    expect(await requestsOf(pack!.id)).toEqual([expect.objectContaining({ kind: "order", status: "pending", effective_date: effective, offer_gb: 50 })]);
    const shown = await margaux.get(answer.location!);
    expect(shown.text).toContain(`Your order has been sent. It takes effect on ${day} once Loket Demo confirms it.`);
    expect(shown.text).toContain(`Takes effect on ${day} once Loket Demo confirms it.`);
    expect(shown.text).toContain("Cancel the request");

    // The desk sees it in its queue and confirms it with a note.
    const staff = await desk();
    const queue = await staff.get("/en/desk/packs");
    expect(queue.text).toContain(contract.number);
    const request = (await requestsOf(pack!.id))[0]!;
    const confirmed = await deskPost(staff, "/en/desk/packs", `/en/desk/packs/${request.id}/confirm`, { note: "OK, billing informed" });
    expect(confirmed.status).toBe(303);
    expect((await staff.get(confirmed.location!)).text).toContain(`Confirmed: Order for contract ${contract.number}.`);
    expect((await requestsOf(pack!.id))[0]).toMatchObject({ status: "confirmed", note: "OK, billing informed" });
    // Twice: already handled.
    expect((await deskPost(staff, "/en/desk/packs", `/en/desk/packs/${request.id}/refuse`, {})).location).toBe("/en/desk/packs?already=1");

    // The cron the day before changes nothing; on the day (twice, at once) it applies once.
    const before = new Date(Date.parse(`${effective}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await applyDuePackRequests(testDb(), before);
    expect((await packsOf(contract.id))[0]!.status).toBe("requested");
    await Promise.all([applyDuePackRequests(testDb(), effective), applyDuePackRequests(testDb(), effective)]);
    expect((await packsOf(contract.id))[0]).toMatchObject({ status: "active", starts_on: effective, offer_gb: 50 });
    expect((await requestsOf(pack!.id))[0]!.status).toBe("applied");
    expect((await auditOfPack(pack!.id)).map((a) => a.action)).toEqual(["pack.order_requested", "pack.request_confirmed", "pack.request_applied"]);
    const audit = await auditOfPack(pack!.id);
    expect(audit.every((a) => a.customer_id === mobileCustomer)).toBe(true);
    expect(audit[1]!.actor).toMatch(/^desk:/);

    // Change 50 → 100 GB: the current offer is not offered.
    const active = await margaux.get(packsTab(contract.id));
    expect(active.text).toContain("Change the pack");
    const modifyForm = active.text.slice(active.text.indexOf('id="modify-offer"'), active.text.indexOf("</select>", active.text.indexOf('id="modify-offer"')));
    expect(modifyForm).not.toContain("Group Data 50 GB");
    expect(modifyForm).toContain("Group Data 100 GB");
    const same = await margaux.post(`/en/fleet/packs/${pack!.id}/modify`, { offer: String(await offerId(50)) });
    expect(same.status).toBe(422);
    expect(same.text).toContain("Choose another pack than the current one.");
    const modified = await margaux.post(`/en/fleet/packs/${pack!.id}/modify`, { offer: String(await offerId(100)) });
    expect(modified.status).toBe(303);
    // A second open request on the same pack: 409 with the message, nothing stored.
    const again = await margaux.post(`/en/fleet/packs/${pack!.id}/stop`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain("A request for this pack is already open");
    expect((await requestsOf(pack!.id)).map((r) => r.kind)).toEqual(["order", "modify"]);
    const modifyRequest = (await requestsOf(pack!.id))[1]!;
    await deskPost(staff, "/en/desk/packs", `/en/desk/packs/${modifyRequest.id}/confirm`, {});
    await applyDuePackRequests(testDb(), effective);
    expect((await packsOf(contract.id))[0]).toMatchObject({ status: "active", offer_gb: 100 });

    // Stop: ends the day before the effective date.
    expect((await margaux.post(`/en/fleet/packs/${pack!.id}/stop`, {})).status).toBe(303);
    const stopRequest = (await requestsOf(pack!.id))[2]!;
    expect(stopRequest).toMatchObject({ kind: "stop", status: "pending", effective_date: effective });
    await deskPost(staff, "/en/desk/packs", `/en/desk/packs/${stopRequest.id}/confirm`, {});
    await applyDuePackRequests(testDb(), effective);
    expect((await packsOf(contract.id))[0]).toMatchObject({ status: "stopped", ends_on: before });
    // A stopped pack is gone from the page: a new order is possible.
    expect((await margaux.get(packsTab(contract.id))).text).toContain("This contract has no group pack.");
  });

  it("cancels a pending order (the pack closes without dates); a refused order ends refused", async () => {
    const contract = await createContract();
    await order(margaux, contract.id, 25);
    const [pack] = await packsOf(contract.id);
    const [request] = await requestsOf(pack!.id);
    await margaux.get(packsTab(contract.id));
    const cancelled = await margaux.post(`/en/fleet/packs/requests/${request!.id}/cancel`, {});
    expect(cancelled.status).toBe(303);
    expect((await margaux.get(cancelled.location!)).text).toContain("The request has been cancelled.");
    expect((await requestsOf(pack!.id))[0]!.status).toBe("cancelled");
    expect((await packsOf(contract.id))[0]!.status).toBe("stopped");
    expect((await margaux.post(`/en/fleet/packs/requests/${request!.id}/cancel`, {})).status).toBe(409);

    await order(margaux, contract.id, 250);
    const second = (await packsOf(contract.id))[1]!;
    const staff = await desk();
    const refused = await deskPost(staff, "/en/desk/packs", `/en/desk/packs/${(await requestsOf(second.id))[0]!.id}/refuse`, { note: "Credit check" });
    expect((await staff.get(refused.location!)).text).toContain(`Refused: Order for contract ${contract.number}.`);
    expect((await packsOf(contract.id))[1]!.status).toBe("refused");
    // Margaux reads why, and may order again.
    const after = await margaux.get(packsTab(contract.id));
    expect(after.text).toContain("Order of Group Data 250 GB: refused by Loket Demo. Reason: Credit check");
    expect(after.text).toContain('action="/en/fleet/packs/order"');
    expect((await auditOfPack(second.id)).map((a) => a.action)).toEqual(["pack.order_requested", "pack.request_refused"]);
  });

  it("8 parallel orders for one contract make one pack and one request; the others are 409", async () => {
    const contract = await createContract();
    await margaux.get(packsTab(contract.id));
    const offer = String(await offerId(50));
    const answers = await Promise.all(Array.from({ length: 8 }, () => margaux.post("/en/fleet/packs/order", { contract: String(contract.id), offer })));
    expect(answers.filter((a) => a.status === 303)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(7);
    expect(answers.find((a) => a.status === 409)!.text).toContain("This contract already has a group pack or an open order.");
    const packs = await packsOf(contract.id);
    expect(packs).toHaveLength(1);
    expect(await requestsOf(packs[0]!.id)).toHaveLength(1);
  });

  it("4 parallel changes of one active pack make one request; the others are 409", async () => {
    const contract = await createContract();
    const packId = await insertPack(mobileCustomer, contract.id, 50);
    await margaux.get(packsTab(contract.id));
    const offers = [25, 100, 250, 100].map(async (gb) => String(await offerId(gb)));
    const answers = await Promise.all((await Promise.all(offers)).map((offer) => margaux.post(`/en/fleet/packs/${packId}/modify`, { offer })));
    expect(answers.map((a) => a.status).sort()).toEqual([303, 409, 409, 409]);
    expect(await requestsOf(packId)).toHaveLength(1);
  });

  it("the Worker's cron applies a confirmed order once its date has come", async () => {
    const contract = await createContract();
    await order(margaux, contract.id, 25);
    const [pack] = await packsOf(contract.id);
    const [request] = await requestsOf(pack!.id);
    await deskPost(await desk(), "/en/desk/packs", `/en/desk/packs/${request!.id}/confirm`, {});
    // Time passes: the effective date is today.
    const today = brusselsDate(Date.now());
    await sql("UPDATE pack_requests SET effective_date = ? WHERE id = ?", [today, request!.id]);
    const { createExecutionContext, createScheduledController, env, waitOnExecutionContext } = await import("cloudflare:test");
    const worker = (await import("../../src/worker.ts")).default;
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), env as never, ctx);
    await waitOnExecutionContext(ctx);
    expect((await packsOf(contract.id))[0]).toMatchObject({ status: "active", starts_on: today, offer_gb: 25 });
    expect((await requestsOf(pack!.id))[0]!.status).toBe("applied");
  });

  it("validation: an unknown offer is 422 with the message next to the field and nothing stored", async () => {
    const contract = await createContract();
    await margaux.get(packsTab(contract.id));
    const bad = await margaux.post("/en/fleet/packs/order", { contract: String(contract.id), offer: "x" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<p class="field-error" id="order-offer-error">Choose one of the packs.</p>');
    const missing = await margaux.post("/en/fleet/packs/order", { contract: String(contract.id), offer: "999999" });
    expect(missing.status).toBe(422);
    expect(await packsOf(contract.id)).toEqual([]);
  });

  it("another customer's pack, request or contract is 404 and unchanged", async () => {
    const other = await createOtherCustomer();
    const packId = await insertPack(other.id, other.contract.id, 50);
    await margaux.get("/en/fleet/contract?tab=packs");
    expect((await margaux.post(`/en/fleet/packs/${packId}/modify`, { offer: String(await offerId(100)) })).status).toBe(404);
    expect((await margaux.post(`/en/fleet/packs/${packId}/stop`, {})).status).toBe(404);
    expect((await margaux.post(`/en/fleet/packs/${packId}/alert`, { enabled: "on", amount: "25" })).status).toBe(404);
    expect((await margaux.post("/en/fleet/packs/order", { contract: String(other.contract.id), offer: String(await offerId(50)) })).status).toBe(404);
    expect(await requestsOf(packId)).toEqual([]);
    const [request] = await sql<{ id: number }>(
      "INSERT INTO pack_requests (pack_id, customer_id, kind, effective_date, status, created_at, created_by) VALUES (?, ?, 'stop', '2099-01-01', 'pending', ?, 'test') RETURNING id",
      [packId, other.id, Date.now()],
    );
    expect((await margaux.post(`/en/fleet/packs/requests/${request!.id}/cancel`, {})).status).toBe(404);
    expect((await requestsOf(packId))[0]!.status).toBe("pending");
  });

  it("a Service User (only their own line) does not see the contract: no tile, 403", async () => {
    const sam = await serviceUser();
    expect((await sam.get("/en/fleet")).text).not.toContain('href="/en/fleet/contract"');
    expect((await sam.get("/en/fleet/contract")).status).toBe(403);
  });

  it("a MEMBER sees the packs but gets no order form, and a posted order is 403", async () => {
    const contract = await createContract();
    const member = await memberWithLine((await createLine()).id);
    const page = await member.get(packsTab(contract.id));
    expect(page.status).toBe(200);
    expect(page.text).toContain("Group Data 100 GB");
    expect(page.text).not.toContain('action="/en/fleet/packs/order"');
    expect((await member.post("/en/fleet/packs/order", { contract: String(contract.id), offer: String(await offerId(50)) })).status).toBe(403);
    expect(await packsOf(contract.id)).toEqual([]);
  });
});

describe("the pack's notification and use", () => {
  it("switches the notification on at € 25 (422 for a wrong amount, kept values), shows it again, and the use of the period", async () => {
    const contract = await createContract();
    const packId = await insertPack(mobileCustomer, contract.id, 50);
    const page = await margaux.get(packsTab(contract.id));
    expect(page.text).toContain("Notification for out-of-bundle use");
    expect(page.text).toContain("Use this period");
    const wrong = await margaux.post(`/en/fleet/packs/${packId}/alert`, { enabled: "on", amount: "25 euro" });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("Enter an amount between 1 and 100,000 euros");
    expect(wrong.text).toContain('value="25 euro"');
    expect(await sql("SELECT 1 FROM usage_alerts WHERE pack_id = ?", [packId])).toEqual([]);
    const saved = await margaux.post(`/en/fleet/packs/${packId}/alert`, { enabled: "on", amount: "25" });
    expect(saved.status).toBe(303);
    const shown = await margaux.get(saved.location!);
    expect(shown.text).toContain("The notification setting has been saved.");
    expect(shown.text).toMatch(/id="enabled-on" name="enabled" value="on" checked/);
    expect(shown.text).toContain('value="25"');
    expect(await sql("SELECT enabled, threshold_cents FROM usage_alerts WHERE pack_id = ?", [packId])).toEqual([{ enabled: 1, threshold_cents: 2500 }]);
    expect((await auditOfPack(packId)).map((a) => a.action)).toContain("pack.usage_alert");
  });
});

describe("the pack's use this period", () => {
  it("adds up the contract's lines for the current period: used / included GB, the bar and the extra amount at the offer's price per started GB", async () => {
    const contract = await createContract();
    await insertPack(mobileCustomer, contract.id, 50);
    const period = currentPeriod();
    for (const mb of [40 * 1024, 20 * 1024 + 300]) {
      const line = await createLine();
      await sql("UPDATE mobile_lines SET contract_id = ? WHERE id = ?", [contract.id, line.id]);
      await sql("INSERT INTO usage_periods (line_id, period, customer_id, data_mb, out_of_bundle_cents, through_day) VALUES (?, ?, ?, ?, 0, ?)", [line.id, period, mobileCustomer, mb, `${period}-01`]);
    }
    const page = await margaux.get(packsTab(contract.id));
    // 60.3 GB of 50: 11 started GB beyond the pack at € 5.00.
    expect(page.text).toContain("60,3 GB of 50 GB used");
    expect(page.text).toContain('aria-label="121% used"');
    expect(page.text).toContain("Out of bundle so far: €55.00");
    expect(page.text).toContain('<a href="/en/fleet/usage">Use per line</a>');
  });
});

describe("page weight", () => {
  it("both tabs stay under 14 KB gzip, and their htmx fragments under 4 KB", async () => {
    const gzip = async (text: string) => (await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer()).byteLength;
    for (const path of ["/en/fleet/contract", "/en/fleet/contract?tab=packs", "/fr/fleet/contract?tab=packs"]) {
      const full = await margaux.get(path);
      expect(full.status).toBe(200);
      expect(await gzip(full.text), path).toBeLessThanOrEqual(14 * 1024);
      const fragment = await margaux.get(path, { "HX-Request": "true" });
      expect(fragment.text).not.toContain("<html");
      expect(await gzip(fragment.text), path).toBeLessThanOrEqual(4 * 1024);
    }
  });
});

describe("round trips", () => {
  it("each tab reads its data in one batch (the packs tab with a running pack adds its use): at most 2 database round trips", async () => {
    const pipelines = async () => ((await (await fetch(`${inject("dbUrl")}/_stats`)).json()) as { pipelineRequests: number }).pipelineRequests;
    const contract = await createContract();
    await insertPack(mobileCustomer, contract.id, 50);
    for (const path of ["/en/fleet/contract", `/en/fleet/contract?contract=${contract.id}&tab=packs`]) {
      await margaux.get(path);
      const before = await pipelines();
      const page = await margaux.get(path);
      const used = (await pipelines()) - before;
      expect(page.status, path).toBe(200);
      expect(used, path).toBeGreaterThanOrEqual(1);
      expect(used, path).toBeLessThanOrEqual(2);
    }
  });
});

describe("History", () => {
  it("labels every pack action in NL, FR and EN", () => {
    for (const catalog of [en, fr, nl]) {
      const actions = catalog.rights.history.actions as Record<string, string>;
      for (const key of ["packOrderRequested", "packModifyRequested", "packStopRequested", "packRequestCancelled", "packRequestConfirmed", "packRequestRefused", "packRequestApplied"]) {
        expect(actions[key], key).toBeTruthy();
      }
    }
  });

  it("shows the order and the desk's confirmation in margaux's History", async () => {
    const contract = await createContract();
    await order(margaux, contract.id, 100);
    const [pack] = await packsOf(contract.id);
    const staff = await desk();
    await deskPost(staff, "/en/desk/packs", `/en/desk/packs/${(await requestsOf(pack!.id))[0]!.id}/confirm`, {});
    const ordered = await margaux.get("/en/history?action=pack.order_requested");
    expect(ordered.text).toContain(en.rights.history.actions.packOrderRequested);
    const confirmed = await margaux.get("/en/history?action=pack.request_confirmed");
    expect(confirmed.text).toContain(en.rights.history.actions.packRequestConfirmed);
    expect(confirmed.text).toContain("Paula Packs");
  });
});

describe("desk: the group packs queue", () => {
  it("pages pending requests oldest first by keyset, 25 a page, and names customer, contract, kind, offer and date", async () => {
    const other = await createOtherCustomer();
    const ids: number[] = [];
    for (let i = 0; i < 26; i++) {
      const contract = await createContract(other.number);
      const packId = await insertPack(other.id, contract.id, 25);
      // Older than anything else in the queue (created in 1970 + i ms), so these lead it.
      const [row] = await sql<{ id: number }>(
        "INSERT INTO pack_requests (pack_id, customer_id, kind, offer_id, effective_date, status, created_at, created_by) VALUES (?, ?, 'modify', ?, '2099-01-01', 'pending', ?, 'test') RETURNING id",
        [packId, other.id, await offerId(250), 1000 + i],
      );
      ids.push(row!.id);
    }
    try {
      const staff = await desk();
      const first = await staff.get("/en/desk/packs");
      const rowsOf = (html: string) => [...html.matchAll(/data-request="(\d+)"/g)].map((m) => Number(m[1]));
      expect(rowsOf(first.text)).toEqual(ids.slice(0, 25));
      expect(first.text).toContain(other.number);
      expect(first.text).toContain("Group Data 250 GB");
      expect(first.text).toContain("Now: Group Data 25 GB");
      const next = first.text.match(/href="(\/en\/desk\/packs\?after=[^"]+)"/)?.[1]?.replaceAll("&amp;", "&");
      expect(next).toBeDefined();
      const second = await staff.get(next!);
      expect(rowsOf(second.text)[0]).toBe(ids[25]);
    } finally {
      await sql(`UPDATE pack_requests SET status = 'cancelled' WHERE id IN (${ids.join(",")})`);
    }
  });
});

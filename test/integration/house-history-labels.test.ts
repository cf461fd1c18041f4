import { beforeAll, describe, expect, it } from "vitest";
import { catalogs, fill, formatDate, formatMoney, type Locale } from "../../src/lib/i18n.ts";
import { orderNumber } from "../../src/lib/orders.ts";
import { brusselsDate } from "../../src/lib/workdays.ts";
import { loggedIn, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

/**
 * The History page reads the events of the services, complaints and the desk as a person does:
 * every field by its name in the user's language, dates as dates, kinds and statuses in words,
 * no storage keys (siteId, contractNumber, orderId…) and no internal ids.
 */
const DAY = 86_400_000;
const day = (offset: number) => brusselsDate(Date.now() + offset * DAY);
const decode = (html: string) => html.replaceAll("&amp;", "&").replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&nbsp;", "\u00A0");
/** The rows of the History table, each as the text of its cells. */
const rows = (html: string) =>
  [...(html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? "").matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => decode((cell[1] ?? "").replace(/<\/div><div>/g, "\n").replace(/<[^>]+>/g, ""))),
  );

let browser: TestBrowser;
const filed: { order: number; product: string; closureSite: string; contract: string; service: string; complaint: number } = {
  order: 0,
  product: "",
  closureSite: "",
  contract: "",
  service: "",
  complaint: 0,
};

beforeAll(async () => {
  ({ browser } = await loggedIn(95));
  // An order: the first article of the account's catalog, its step as the quantity, the only (or first) delivery address.
  const orderForm = await browser.get("/en/services/order");
  expect(orderForm.status).toBe(200);
  filed.product = orderForm.text.match(/name="product" value="([^"]+)"/)?.[1] ?? "";
  const [product] = await sql<{ step: number }>("SELECT step FROM products WHERE code = ?", [filed.product]);
  const site = orderForm.text.match(/<select id="order-site"[^>]*>[\s\S]*?<option value="(\d+)"/)?.[1] ?? "";
  const order = await browser.post("/en/services/order", { product: filed.product, quantity: String(product?.step ?? 1), site });
  expect(order.status).toBe(303);
  filed.order = Number(order.location?.match(/\/orders\/(\d+)/)?.[1]);
  // A change of collection frequency from a day in two weeks.
  const contracts = await browser.get("/en/services");
  const contractId = contracts.text.match(/href="\/en\/services\/contracts\/(\d+)\/change"/)?.[1];
  const change = await browser.post(`/en/services/contracts/${contractId}/change`, { kind: "frequency", frequency: "twice_weekly", effectiveDate: day(14), comment: "Drukke zomer" });
  expect(change.status).toBe(303);
  // Closing dates, and a second period deleted again.
  const closures = await browser.get("/en/services/closures");
  const closureSite = closures.text.match(/<select id="closure-site"[^>]*>[\s\S]*?<option value="(\d+)"/)?.[1] ?? "";
  filed.closureSite = (await sql<{ name: string }>("SELECT name FROM sites WHERE id = ?", [Number(closureSite)]))[0]?.name ?? "";
  expect((await browser.post("/en/services/closures", { site: closureSite, from: day(20), to: day(22), reason: "Jaarlijkse sluiting" })).status).toBe(303);
  const second = await browser.post("/en/services/closures", { site: closureSite, from: day(40), to: day(41), reason: "" });
  const secondId = second.location?.match(/added=(\d+)/)?.[1];
  expect((await browser.post(`/en/services/closures/${secondId}/delete`, {})).status).toBe(303);
  // A complaint, then closed.
  const complaints = await browser.get("/en/complaints");
  filed.contract = complaints.text.match(/<select id="complaint-contract"[^>]*>[\s\S]*?<option value="(\d+)"/)?.[1] ?? "";
  filed.service = decode(complaints.text.match(/<select id="complaint-service"[^>]*>[\s\S]*?<option value="([^"]+)"/)?.[1] ?? "");
  const complaint = await browser.post("/en/complaints", {
    contract: filed.contract,
    service: filed.service,
    nature: "service_not_done",
    comment: "De container werd niet geledigd.",
    serviceDate: day(-3),
  });
  expect(complaint.status).toBe(303);
  filed.complaint = Number(complaint.location?.match(/\/complaints\/(\d+)/)?.[1]);
  expect((await browser.post(`/en/complaints/${filed.complaint}/close`, {})).status).toBe(303);
  // A ticket's and the desk's events as their services write them (this test account has no fleet to open a ticket with).
  const [customer] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = '700095'");
  const event = (actor: string, action: string, before: object | null, after: object) =>
    sql("INSERT INTO audit_events (at, actor, customer_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?)", [
      Date.now(),
      actor,
      customer!.id,
      action,
      before && JSON.stringify(before),
      JSON.stringify(after),
    ]);
  await event("code:700095", "ticket.created", null, {
    threadId: 990095,
    subject: "sim_options",
    detail: "reactivate_paused",
    phoneNumber: "+32470123456",
    actionDate: day(5),
    quantity: null,
    files: 2,
  });
  await event(
    "desk:an.agent",
    "desk.order_confirmed",
    { article: "PRO-zakken", orderStatus: "ordered", deliveryDate: null },
    { article: "PRO-zakken", orderStatus: "confirmed", deliveryDate: day(7) },
  );
}, 60_000);

describe("History shows the issue #9 events as a person reads them", () => {
  for (const locale of ["nl", "fr"] as const satisfies Locale[]) {
    it(`in ${locale}: field names and values in words, dates as dates, no storage keys or internal ids`, async () => {
      const t = catalogs[locale];
      const h = t.rights.history;
      const f = h.fields;
      const line = (label: string, value: string) => fill(t.app.labelValue, { label, value });
      const date = (iso: string) => formatDate(locale, Date.parse(`${iso}T12:00:00Z`));
      const page = await browser.get(`/${locale}/history`);
      expect(page.status).toBe(200);
      const table = rows(page.text);
      const changes = (action: string) => table.filter((cells) => cells[2] === action).map((cells) => cells[3] ?? "");
      const [product] = await sql<{ nameNl: string; nameFr: string; totalCents: number }>(
        "SELECT p.name_nl AS nameNl, p.name_fr AS nameFr, o.total_cents AS totalCents FROM orders o JOIN products p ON p.id = o.product_id WHERE o.id = ?",
        [filed.order],
      );

      const [order] = changes(h.actions.orderPlaced);
      expect(order).toBeDefined();
      expect(order).toContain(line(f.orderId, orderNumber(filed.order)));
      expect(order).toContain(line(f.product, locale === "fr" ? product!.nameFr : product!.nameNl));
      expect(order).toContain(line(f.orderTotal, formatMoney(locale, product!.totalCents)));
      expect(order).toContain(`${f.deliveryDate}${locale === "fr" ? "\u00A0" : ""}: `);
      expect(order).not.toMatch(/\d{4}-\d{2}-\d{2}/);

      const [change] = changes(h.actions.contractChangeRequested);
      expect(change).toContain(line(f.kind, t.services.changeKinds.frequency));
      expect(change).toContain(line(f.newValue, t.services.frequencies.twice_weekly));
      expect(change).toContain(line(f.effectiveDate, date(day(14))));
      expect(change).toContain(line(f.comment, "Drukke zomer"));
      expect(change).toContain(`${f.contractNumber}${locale === "fr" ? "\u00A0" : ""}: `);

      // Two periods were added (the newest first, then deleted): the first one is the period of day 20.
      const added = changes(h.actions.closureAdded)[1];
      expect(added).toContain(line(f.site, filed.closureSite));
      expect(added).toContain(line(f.closedFrom, date(day(20))));
      expect(added).toContain(line(f.closedUntil, date(day(22))));
      const [deleted] = changes(h.actions.closureDeleted);
      expect(deleted).toContain(line(f.site, `${filed.closureSite} → —`));
      expect(deleted).toContain(line(f.closedFrom, `${date(day(40))} → —`));
      // The closure's own id is nobody's business (and no "unknown user").
      expect(deleted).not.toContain(f.id);

      const [complaint] = changes(h.actions.complaintFiled);
      expect(complaint).toContain(line(f.threadId, String(filed.complaint)));
      expect(complaint).toContain(line(f.nature, t.complaints.natures.service_not_done));
      expect(complaint).toContain(line(f.serviceDate, date(day(-3))));
      expect(complaint).toContain(line(f.contract, filed.contract));
      expect(complaint).toContain(line(f.service, filed.service));
      const [closed] = changes(h.actions.complaintClosed);
      expect(closed).toContain(line(f.status, `${t.complaints.statuses.new} → ${t.complaints.statuses.closed}`));

      const [ticket] = changes(h.actions.ticketCreated);
      expect(ticket).toContain(line(f.subject, t.tickets.subjects.sim_options));
      expect(ticket).toContain(line(f.detail, t.tickets.details.reactivate_paused));
      expect(ticket).toContain(line(f.actionDate, date(day(5))));
      expect(ticket).toContain(line(f.files, "2"));
      const [desk] = changes(h.actions.deskOrderConfirmed);
      expect(desk).toContain(line(f.orderStatus, `${t.desk.orderStatuses.ordered} → ${t.desk.orderStatuses.confirmed}`));
      expect(desk).toContain(line(f.deliveryDate, `— → ${date(day(7))}`));

      // Nothing in the table is a storage key, a code or an ISO day.
      const text = table.flat().join("\n");
      expect(text.match(/\b[a-z]+[A-Z][A-Za-z]*\b/g) ?? []).toEqual([]);
      expect(text.match(/\b[a-z]+_[a-z_]+\b/g) ?? []).toEqual([]);
      expect(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []).toEqual([]);
    });
  }
});

import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../src/lib/env.ts";
import { addCustomer, addDays, dayFromToday, loggedInCustomer } from "./calendar-fixtures.ts";
import type { TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

/** A small iCalendar reader: unfolds continuation lines and collects each VEVENT's properties. */
function parseIcs(text: string): { calendar: Map<string, string>; events: Map<string, string>[] } {
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split(/\r\n/)
    .filter(Boolean);
  const calendar = new Map<string, string>();
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(lines.at(-1)).toBe("END:VCALENDAR");
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = new Map();
    else if (line === "END:VEVENT") {
      events.push(current!);
      current = null;
    } else {
      const colon = line.indexOf(":");
      (current ?? calendar).set(line.slice(0, colon), line.slice(colon + 1));
    }
  }
  return { calendar, events };
}

const unescapeText = (value: string) => value.replace(/\\([,;\\])/g, "$1").replace(/\\n/gi, "\n");

const office = { number: "951001", contract: "9951001", email: "kantoor@kalender.test", site: { street: "Kalenderlaan 1", postcode: "9000", city: "Gent" } };
const building = { number: "951002", contract: "9951002", email: "gebouw@kalender.test", site: { street: "Torenstraat 5", postcode: "9000", city: "Gent" } };
const stranger = { number: "951003", contract: "9951003", email: "ander@kalender.test", site: { street: "Vreemdeweg 9", postcode: "8000", city: "Brugge" } };

let ids: { office: number; building: number; stranger: number };
let officeDays: { date: string; fraction: string }[];
let browser: TestBrowser;

beforeAll(async () => {
  const o = await addCustomer(office.number, office.contract, office.site, office.email);
  const b = await addCustomer(building.number, building.contract, building.site, building.email, office.number);
  const s = await addCustomer(stranger.number, stranger.contract, stranger.site, stranger.email);
  ids = { office: o.contractId, building: b.contractId, stranger: s.contractId };
  officeDays = [
    { date: dayFromToday(1), fraction: "Restafval" },
    { date: dayFromToday(1), fraction: "PMD" },
    { date: dayFromToday(8), fraction: "Restafval" },
    { date: dayFromToday(15), fraction: "Restafval" },
    { date: dayFromToday(15), fraction: "Papier-karton" },
    { date: dayFromToday(40), fraction: "Restafval" },
  ];
  // A past collection is not part of the calendar any more.
  await addDays(o.contractId, [{ date: dayFromToday(-7), fraction: "Restafval" }, ...officeDays]);
  await addDays(b.contractId, [{ date: dayFromToday(2), fraction: "PMD" }]);
  await addDays(s.contractId, [{ date: dayFromToday(3), fraction: "Glas" }]);
  browser = await loggedInCustomer(office.number, office.contract, office.email);
}, 30_000);

describe("collection calendar (manual p.11, second box)", () => {
  it("lists the head office's contracts and its buildings' with address and next days, not a stranger's", async () => {
    const page = await browser.get("/en/calendar");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Collection calendar");
    expect(page.text).toContain("Kalenderlaan 1, 9000 Gent");
    expect(page.text).toContain("Torenstraat 5, 9000 Gent");
    expect(page.text).not.toContain("Vreemdeweg");
    expect(page.text).toContain(`datetime="${dayFromToday(1)}"`);
    expect(page.text).not.toContain(`datetime="${dayFromToday(-7)}"`);
    expect(page.text).toContain(`href="/en/calendar/${ids.office}.ics"`);
    expect(page.text).toContain(`href="/en/calendar/${ids.building}.pdf"`);
    expect(page.text).toContain(`action="/en/calendar/${ids.office}/send"`);
  });

  it(".ics: one all-day event per collection day, the exact dates, stable UIDs, Brussels time zone", async () => {
    const r = await browser.get(`/en/calendar/${ids.office}.ics`);
    expect(r.status).toBe(200);
    expect(r.response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(r.response.headers.get("Content-Disposition")).toBe(`attachment; filename="collection-calendar-${office.contract}.ics"`);
    const { calendar, events } = parseIcs(r.text);
    expect(calendar.get("X-WR-TIMEZONE")).toBe("Europe/Brussels");
    const got = events.map((e) => ({ date: e.get("DTSTART;VALUE=DATE"), summary: unescapeText(e.get("SUMMARY") ?? "") }));
    // The fractions are stored in Dutch and read in the page's language (here English).
    const english: Record<string, string> = { Restafval: "Residual waste", PMD: "PMD (plastic, metal, drink cartons)", "Papier-karton": "Paper and cardboard" };
    const want = officeDays.map((d) => ({ date: d.date.replaceAll("-", ""), summary: `${english[d.fraction] ?? d.fraction} – Kalenderlaan 1, 9000 Gent` }));
    const order = (a: { date?: string; summary: string }, b: { date?: string; summary: string }) => `${a.date}${a.summary}`.localeCompare(`${b.date}${b.summary}`);
    expect(got.sort(order)).toEqual(want.sort(order));
    const uids = events.map((e) => e.get("UID"));
    expect(new Set(uids).size).toBe(officeDays.length);
    const again = parseIcs((await browser.get(`/en/calendar/${ids.office}.ics`)).text);
    expect(again.events.map((e) => e.get("UID"))).toEqual(uids);
  });

  it("a building's calendar is the head office's to download; the PDF is a PDF", async () => {
    const ics = await browser.get(`/en/calendar/${ids.building}.ics`);
    expect(ics.status).toBe(200);
    expect(parseIcs(ics.text).events.map((e) => e.get("DTSTART;VALUE=DATE"))).toEqual([dayFromToday(2).replaceAll("-", "")]);
    const pdf = await browser.get(`/nl/calendar/${ids.office}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.response.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.response.headers.get("Content-Disposition")).toBe(`inline; filename="ophaalkalender-${office.contract}.pdf"`);
    expect(pdf.text.startsWith("%PDF-")).toBe(true);
  });

  it("another account's contract, a building asking for its head office's, or a tampered id → 404", async () => {
    for (const path of [`/en/calendar/${ids.stranger}.ics`, `/en/calendar/${ids.stranger}.pdf`, `/en/calendar/${ids.office}.exe`, `/en/calendar/0${ids.office}.ics`, "/en/calendar/99999999.ics"]) {
      const r = await browser.get(path);
      expect(r.status, path).toBe(404);
      expect(r.text).not.toContain("Vreemdeweg");
    }
    await browser.get("/en/calendar");
    const send = await browser.post(`/en/calendar/${ids.stranger}/send`, { request: "a".repeat(24) });
    expect(send.status).toBe(404);
    expect(await sql("SELECT id FROM outbox_messages WHERE recipient IN (?, ?) AND dedupe_key LIKE 'calendar:%'", [office.email, stranger.email])).toHaveLength(0);
    const buildingBrowser = await loggedInCustomer(building.number, building.contract, building.email);
    expect((await buildingBrowser.get(`/en/calendar/${ids.office}.ics`)).status).toBe(404);
    expect((await buildingBrowser.get(`/en/calendar/${ids.building}.ics`)).status).toBe(200);
  });

  it("send by e-mail: the PDF in R2, an e-mail with it to the profile address, audited, once per request", async () => {
    const page = await browser.get("/en/calendar");
    const request = page.text.match(new RegExp(`action="/en/calendar/${ids.office}/send"[\\s\\S]*?name="request" value="([^"]+)"`))?.[1];
    expect(request).toBeTruthy();
    const r = await browser.post(`/en/calendar/${ids.office}/send`, { request: request! });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/en/calendar?sent=${ids.office}`);
    const after = await browser.get(r.location!);
    expect(after.text).toContain(`The collection calendar has been sent to ${office.email}.`);

    const messages = await sql<{ recipient: string; subject: string; body: string; attachment_key: string; attachment_name: string }>(
      "SELECT recipient, subject, body, attachment_key, attachment_name FROM outbox_messages WHERE recipient = ? AND dedupe_key LIKE 'calendar:%'",
      [office.email],
    );
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.subject).toBe(`Your collection calendar – contract ${office.contract}`);
    expect(message!.body).toContain("Kalenderlaan 1, 9000 Gent");
    expect(message!.attachment_name).toBe(`collection-calendar-${office.contract}.pdf`);
    const object = await (env as unknown as Env).FILES!.get(message!.attachment_key);
    expect(object).not.toBeNull();
    expect(object!.httpMetadata?.contentType).toBe("application/pdf");
    expect(new TextDecoder().decode((await object!.arrayBuffer()).slice(0, 5))).toBe("%PDF-");

    const audit = await sql<{ actor: string; after: string }>(
      "SELECT a.actor, a.after FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND a.action = 'calendar.send'",
      [office.number],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`code:${office.number}`);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ contract: office.contract, recipient: office.email });

    // The same form sent again (a double click, a reload) sends and records nothing more.
    const again = await browser.post(`/en/calendar/${ids.office}/send`, { request: request! }, { "HX-Request": "true", "HX-Target": `section#calendar-${ids.office}` });
    expect(again.status).toBe(200);
    expect(again.text).toContain(`This request was already sent to ${office.email}.`);
    expect(again.text).not.toContain("<html");
    expect(await sql("SELECT id FROM outbox_messages WHERE recipient = ? AND dedupe_key LIKE 'calendar:%'", [office.email])).toHaveLength(1);
    expect(await sql("SELECT a.id FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND a.action = 'calendar.send'", [office.number])).toHaveLength(1);
  });

  it("without an e-mail address in the profile nothing is sent", async () => {
    await sql("UPDATE contact_details SET email = NULL WHERE customer_id = (SELECT id FROM customers WHERE customer_number = ?)", [office.number]);
    try {
      await browser.get("/en/calendar");
      const r = await browser.post(`/en/calendar/${ids.office}/send`, { request: "b".repeat(24) });
      expect(r.status).toBe(422);
      expect(r.text).toContain("Your profile has no e-mail address.");
      expect(await sql("SELECT id FROM outbox_messages WHERE dedupe_key LIKE ?", [`calendar:%:${ids.office}:${"b".repeat(24)}`])).toHaveLength(0);
    } finally {
      await sql("UPDATE contact_details SET email = ? WHERE customer_id = (SELECT id FROM customers WHERE customer_number = ?)", [office.email, office.number]);
    }
  });
});

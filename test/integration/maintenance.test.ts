import { SELF } from "cloudflare:test";
import { afterEach, describe, expect, inject, it } from "vitest";
import { allowedWhileReadOnly } from "../../src/features/maintenance/read-only.tsx";
import { brusselsLocalToUtc, forgetMaintenanceCache, utcToBrusselsLocal } from "../../src/features/maintenance/service.ts";
import { loggedIn, TestBrowser, testAccount } from "./browser.ts";
import { createStaff, deskLogin, deskPost } from "./desk-fixtures.ts";
import { roundTrips } from "./rights-fixtures.ts";
import { sql } from "./sql.ts";

// One database for the whole run: every notice made here is deleted after its test, and the
// portal's one-minute cache of notices forgotten, so no other file sees a banner or a read-only window.
const HOUR = 3600 * 1000;
const marker = () => `MT-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const made: string[] = [];

async function insertNotice(startsAt: number, endsAt: number, options: { readOnly?: boolean; cancelled?: boolean; severity?: string; tag?: string } = {}) {
  const tag = options.tag ?? marker();
  made.push(tag);
  const [row] = await sql<{ id: number }>(
    "INSERT INTO maintenance_notices (starts_at, ends_at, severity, read_only, text_nl, text_fr, text_en, published_by, published_at, cancelled_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'desk:test', ?, ?) RETURNING id",
    [startsAt, endsAt, options.severity ?? "outage", options.readOnly ? 1 : 0, `NL ${tag}`, `FR ${tag}`, `EN ${tag}`, Date.now(), options.cancelled ? Date.now() : null],
  );
  forgetMaintenanceCache();
  return { id: row!.id, tag };
}

afterEach(async () => {
  for (const tag of made.splice(0)) await sql("DELETE FROM maintenance_notices WHERE text_en LIKE ?", [`%${tag}%`]);
  forgetMaintenanceCache();
});

const stored = (tag: string) =>
  sql<{ id: number; starts_at: number; ends_at: number; severity: string; read_only: number; text_nl: string; published_by: string; cancelled_at: number | null }>(
    "SELECT * FROM maintenance_notices WHERE text_en LIKE ?",
    [`%${tag}%`],
  );

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const local = (ms: number) => utcToBrusselsLocal(ms);

describe("Brussels time", () => {
  it("converts Brussels wall-clock time to UTC across DST, both input forms", () => {
    expect(brusselsLocalToUtc("2026-12-01T23:00")).toBe(Date.parse("2026-12-01T22:00:00Z"));
    expect(brusselsLocalToUtc("2026-12-01 23:00")).toBe(Date.parse("2026-12-01T22:00:00Z"));
    expect(brusselsLocalToUtc("2026-07-01 23:00")).toBe(Date.parse("2026-07-01T21:00:00Z"));
    // The night of the change to winter time (25 October 2026, 03:00 → 02:00) and to summer time (29 March 2026).
    expect(brusselsLocalToUtc("2026-10-25 01:30")).toBe(Date.parse("2026-10-24T23:30:00Z"));
    expect(brusselsLocalToUtc("2026-10-25 04:00")).toBe(Date.parse("2026-10-25T03:00:00Z"));
    expect(brusselsLocalToUtc("2026-03-29 01:30")).toBe(Date.parse("2026-03-29T00:30:00Z"));
    expect(brusselsLocalToUtc("2026-03-29 04:00")).toBe(Date.parse("2026-03-29T02:00:00Z"));
    for (const bad of ["", "2026-02-30 23:00", "2026-12-01 24:00", "01/12/2026 23:00", "2026-12-01"]) expect(brusselsLocalToUtc(bad)).toBeNull();
    expect(utcToBrusselsLocal(Date.parse("2026-07-01T21:00:00Z"))).toBe("2026-07-01T23:00");
  });
});

describe("what a read-only window lets through", () => {
  it("the desk, dev, logging in and out, accepting terms, switching accounts; nothing else", () => {
    for (const path of [
      "/desk/login",
      "/en/desk/maintenance/3/cancel",
      "/dev/outbox",
      "/nl/login",
      "/fr/login/code",
      "/en/login/password",
      "/en/logout",
      "/nl/logout/everywhere",
      "/en/identity/login",
      "/fr/terms/accept",
      "/en/accounts/switch",
    ])
      expect(allowedWhileReadOnly(path), path).toBe(true);
    for (const path of ["/en/profile/contact", "/en/identity/register", "/en/documents/selection", "/en/login/codes", "/en/deskx", "/en/users/new", "/en/desk-not"])
      expect(allowedWhileReadOnly(path), path).toBe(false);
  });
});

describe("desk: maintenance notices", () => {
  it("a supervisor publishes a notice: stored, audited, confirmed; then cancels it", async () => {
    const staff = await createStaff("supervisor");
    const browser = await deskLogin(staff);
    const page = await browser.get("/en/desk/maintenance");
    expect(page.status).toBe(200);
    expect(page.text).toContain("23:00 to 06:00");
    const tag = marker();
    made.push(tag);
    const start = Date.now() + 30 * 24 * HOUR;
    const r = await deskPost(browser, "/en/desk/maintenance", "/en/desk/maintenance", {
      startsAt: local(start),
      endsAt: local(start + 3 * HOUR).replace("T", " "),
      severity: "warning",
      readOnly: "on",
      textNl: `NL ${tag}`,
      textFr: `FR ${tag}`,
      textEn: `EN ${tag}`,
    });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/en/desk/maintenance?done=published");
    const [row] = await stored(tag);
    expect(row).toMatchObject({ severity: "warning", read_only: 1, text_nl: `NL ${tag}`, published_by: `desk:${staff.username}`, cancelled_at: null });
    expect(row!.starts_at).toBe(Math.floor(start / 60_000) * 60_000);
    expect(row!.ends_at - row!.starts_at).toBe(3 * HOUR);
    const audit = await sql<{ after: string }>("SELECT after FROM audit_events WHERE actor = ? AND action = 'maintenance.published'", [`desk:${staff.username}`]);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ severity: "warning", readOnly: true });
    const after = await browser.get(r.location!);
    expect(after.text).toContain("The maintenance notice has been published.");
    expect(after.text).toContain(`EN ${tag}`);
    // 30 days ahead: listed on the public page, no banner yet.
    const open = await new TestBrowser().get("/en/maintenance");
    expect(open.status).toBe(200);
    expect(open.text).toContain(`EN ${tag}`);
    expect(open.text).not.toContain('class="notice maintenance"');

    const cancel = await deskPost(browser, "/en/desk/maintenance", `/en/desk/maintenance/${row!.id}/cancel`, {});
    expect(cancel.status).toBe(303);
    expect(cancel.location).toBe("/en/desk/maintenance?done=cancelled");
    expect((await stored(tag))[0]!.cancelled_at).toBeGreaterThan(0);
    expect(await sql("SELECT 1 FROM audit_events WHERE actor = ? AND action = 'maintenance.cancelled' AND subject = ?", [`desk:${staff.username}`, `maintenance:${row!.id}`])).toHaveLength(1);
    expect((await browser.get(cancel.location!)).text).toContain("The maintenance notice has been cancelled.");
    const listed = await new TestBrowser().get("/en/maintenance");
    expect(listed.text).toMatch(new RegExp(`Cancelled</strong> EN ${tag}`));
    // Twice: nothing more, the desk says so.
    const again = await deskPost(browser, "/en/desk/maintenance", `/en/desk/maintenance/${row!.id}/cancel`, {});
    expect(again.location).toBe("/en/desk/maintenance?already=1");
    // No such notice: 404.
    expect((await deskPost(browser, "/en/desk/maintenance", "/en/desk/maintenance/999999999/cancel", {})).status).toBe(404);
  });

  it("two staff cancelling at once: one cancel, one audit line, the other told it was already done", async () => {
    const notice = await insertNotice(Date.now() + 30 * 24 * HOUR, Date.now() + 30 * 24 * HOUR + HOUR);
    const [a, b] = await Promise.all([createStaff("agent").then((s) => deskLogin(s)), createStaff("supervisor").then((s) => deskLogin(s))]);
    await Promise.all([a.get("/en/desk/maintenance"), b.get("/en/desk/maintenance")]);
    const answers = await Promise.all([a, b].map((browser) => browser.post(`/en/desk/maintenance/${notice.id}/cancel`, { _desk: browser.lastHtml.match(/name="_desk" value="([^"]+)"/)![1]! })));
    expect(answers.map((r) => r.location).sort()).toEqual(["/en/desk/maintenance?already=1", "/en/desk/maintenance?done=cancelled"]);
    expect(await sql("SELECT 1 FROM audit_events WHERE action = 'maintenance.cancelled' AND subject = ?", [`maintenance:${notice.id}`])).toHaveLength(1);
  });

  it("an invalid form comes back with 422, its values and the messages, and stores nothing", async () => {
    const staff = await createStaff("agent", "Alex Agent", "fr");
    const browser = await deskLogin(staff, "fr");
    const tag = marker();
    made.push(tag);
    const start = Date.now() + 10 * 24 * HOUR;
    const valid = { startsAt: local(start), endsAt: local(start + 2 * HOUR), severity: "info", textNl: `NL ${tag}`, textFr: `FR ${tag}`, textEn: `EN ${tag}` };
    const cases: [Record<string, string>, string, string][] = [
      [{ ...valid, endsAt: local(start - HOUR) }, "endsAt", "La fin doit être après le début."],
      [{ ...valid, startsAt: local(Date.now() - 5 * HOUR), endsAt: local(Date.now() - 3 * HOUR) }, "endsAt", "La fin doit être dans le futur."],
      [{ ...valid, startsAt: "01/12/2026 23:00" }, "startsAt", "Indiquez une date et une heure, ex.\u00a0: 2026-12-01 23:00."],
      [{ ...valid, textFr: "  " }, "textFr", "Ce champ est obligatoire."],
      [{ ...valid, textEn: "x".repeat(501) }, "textEn", "C’est trop long (500 caractères au maximum)."],
      [{ ...valid, severity: "apocalypse" }, "severity", "Choisissez l’impact."],
    ];
    for (const [form, field, message] of cases) {
      const r = await deskPost(browser, "/fr/desk/maintenance", "/fr/desk/maintenance", form);
      expect(r.status, field).toBe(422);
      expect(r.text).toContain(message);
      expect(r.text).toContain(`NL ${tag}`);
      // The field itself is marked (a radio group names its error on the fieldset).
      expect(r.text).toMatch(field === "severity" ? /<fieldset aria-describedby="severity-error">/ : new RegExp(`name="${field}"[^>]*aria-invalid="true"`));
    }
    // Every mistake at once: a text and the window (its end before its start).
    const all = await deskPost(browser, "/fr/desk/maintenance", "/fr/desk/maintenance", { ...valid, endsAt: "2020-01-01 10:00", textNl: "" });
    expect(all.status).toBe(422);
    expect(all.text).toContain("La fin doit être après le début.");
    expect(all.text).toContain("Ce champ est obligatoire.");
    // A valid date typed with a space comes back as the datetime-local input shows it.
    const kept = await deskPost(browser, "/fr/desk/maintenance", "/fr/desk/maintenance", { ...valid, startsAt: valid.startsAt.replace("T", " "), textNl: "" });
    expect(kept.text).toContain(`value="${valid.startsAt}"`);
    expect(await stored(tag)).toHaveLength(0);
    expect(await sql("SELECT 1 FROM audit_events WHERE actor = ?", [`desk:${staff.username}`])).toHaveLength(0);
  });

  it("a customer reaches no desk maintenance route, and nothing is stored", async () => {
    const { browser } = await loggedIn(146);
    const tag = marker();
    made.push(tag);
    expect((await browser.get("/en/desk/maintenance")).status).toBe(403);
    await browser.get("/en/home");
    const start = Date.now() + 10 * 24 * HOUR;
    const r = await browser.post("/en/desk/maintenance", { startsAt: local(start), endsAt: local(start + HOUR), severity: "info", textNl: tag, textFr: tag, textEn: `EN ${tag}` });
    expect(r.status).toBe(403);
    expect(await stored(tag)).toHaveLength(0);
    // Nobody logged in: to the desk's login.
    const anonymous = await new TestBrowser().get("/en/desk/maintenance");
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe("/en/desk/login");
  });
});

describe("the banner", () => {
  it("shows from 24 hours before the start until the end, not when cancelled, logged in or not", async () => {
    const now = Date.now();
    const soon = await insertNotice(now + 23 * HOUR, now + 26 * HOUR);
    const later = await insertNotice(now + 25 * HOUR, now + 28 * HOUR);
    const cancelled = await insertNotice(now + HOUR, now + 3 * HOUR, { cancelled: true });
    const ended = await insertNotice(now - 3 * HOUR, now - 60_000);
    const anonymous = await new TestBrowser().get("/en/login");
    expect(anonymous.text).toContain('class="notice maintenance" role="status"');
    expect(anonymous.text).toContain(`EN ${soon.tag}`);
    expect(anonymous.text).toMatch(/Planned maintenance: \w+day \d{1,2} \w+ \d{4} from \d\d:\d\d to \d\d:\d\d \(Brussels time\)\./);
    expect(anonymous.text).toContain('href="/en/maintenance"');
    for (const hidden of [later, cancelled, ended]) expect(anonymous.text).not.toContain(`EN ${hidden.tag}`);

    const { browser } = await loggedIn(147);
    const home = await browser.get("/en/documents");
    expect(home.text).toContain(`EN ${soon.tag}`);
    expect(home.text).not.toContain(`EN ${later.tag}`);
    // The desk has no banner.
    const staff = await createStaff("agent");
    const desk = await deskLogin(staff);
    expect((await desk.get("/en/desk/complaints")).text).not.toContain(`EN ${soon.tag}`);
  });

  it("while it runs: in progress until its end, read-only said, in nl, fr and en", async () => {
    const now = Date.now();
    const end = now + 2 * HOUR;
    const running = await insertNotice(now - HOUR, end, { readOnly: false });
    const planned = await insertNotice(now + 5 * HOUR, now + 7 * HOUR, { readOnly: true });
    const clock = (ms: number) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);
    const en = await new TestBrowser().get("/en/login");
    expect(en.text).toContain(`Maintenance in progress until ${clock(end)} (Brussels time).`);
    expect(en.text).toContain(`EN ${planned.tag} Loket is read-only during this window.`);
    const nl = await new TestBrowser().get("/nl/login");
    expect(nl.text).toContain(`Onderhoud bezig tot ${clock(end)} (Belgische tijd).`);
    expect(nl.text).toContain(`NL ${running.tag}`);
    expect(nl.text).toMatch(/Gepland onderhoud: \w+dag \d{1,2} \w+ \d{4} van \d\d:\d\d tot \d\d:\d\d \(Belgische tijd\)\./);
    expect(nl.text).toContain("Tijdens dit onderhoud kunt u in Loket alleen gegevens raadplegen.");
    const fr = await new TestBrowser().get("/fr/login");
    expect(fr.text).toContain(`Maintenance en cours jusqu’à ${clock(end)} (heure de Bruxelles).`);
    expect(fr.text).toMatch(/Maintenance planifiée\u00a0: \S+ \d{1,2} \S+ \d{4} de \d\d:\d\d à \d\d:\d\d \(heure de Bruxelles\)\./);
    expect(fr.text).toContain(`FR ${planned.tag}`);
    expect(fr.text).toContain('<a href="/fr/maintenance">Maintenance</a>');
  });

  it("costs no database round trip on a warm isolate", async () => {
    const now = Date.now();
    await insertNotice(now + 2 * HOUR, now + 5 * HOUR);
    const browser = new TestBrowser();
    await browser.get("/en/login");
    const withBanner = await roundTrips(inject("dbUrl"), () => browser.get("/en/login"));
    await sql("DELETE FROM maintenance_notices WHERE text_en LIKE ?", [`%${made[0]}%`]);
    forgetMaintenanceCache();
    await browser.get("/en/login");
    const without = await roundTrips(inject("dbUrl"), () => browser.get("/en/login"));
    expect(withBanner).toBe(without);
  });
});

describe("the maintenance page", () => {
  it("lists planned windows soonest first and past ones most recent first, 20 a page", async () => {
    const now = Date.now();
    const second = await insertNotice(now + 40 * 24 * HOUR, now + 40 * 24 * HOUR + 3 * HOUR, { severity: "info" });
    const first = await insertNotice(now + 35 * 24 * HOUR, now + 35 * 24 * HOUR + 150 * 60_000, { readOnly: true });
    const batch = marker();
    const past: string[] = [];
    for (let i = 0; i < 25; i++) {
      const tag = `${batch}-${String(i).padStart(2, "0")}`;
      past.push(tag);
      // Several share their end: the keyset takes the id as the tie-breaker.
      const end = now - 200 * 24 * HOUR + Math.floor(i / 2) * HOUR;
      await insertNotice(end - 2 * HOUR, end, { tag });
    }
    // Older than 12 months: not listed.
    const old = await insertNotice(now - 400 * 24 * HOUR, now - 400 * 24 * HOUR + HOUR);
    const browser = new TestBrowser(undefined, "en");
    const page = await browser.get("/en/maintenance");
    expect(page.status).toBe(200);
    expect(page.text.indexOf(`EN ${first.tag}`)).toBeGreaterThan(0);
    expect(page.text.indexOf(`EN ${first.tag}`)).toBeLessThan(page.text.indexOf(`EN ${second.tag}`));
    expect(page.text).toContain("2 h 30 min");
    expect(page.text).toContain("Interruption");
    expect(await gzipSize(page.text)).toBeLessThanOrEqual(14 * 1024);
    // Follow the pages: every past notice once, most recent first.
    const seen: string[] = [];
    let html = page.text;
    for (let guard = 0; guard < 50; guard++) {
      for (const match of html.matchAll(new RegExp(`EN (${batch}-\\d\\d)`, "g"))) seen.push(match[1]!);
      const next = html.match(/href="([^"]+)" rel="next"/)?.[1]?.replaceAll("&amp;", "&");
      if (!next) break;
      html = (await browser.get(next)).text;
      // Pages after the first: the past list only.
      expect(html).not.toContain(`EN ${first.tag}`);
    }
    expect(seen).toEqual([...past].reverse());
    expect(html).not.toContain(`EN ${old.tag}`);
    expect(page.text).not.toContain(`EN ${old.tag}`);
  });

  it("takes at most 2 database round trips", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/maintenance");
    expect(await roundTrips(inject("dbUrl"), () => browser.get("/en/maintenance"))).toBeLessThanOrEqual(2);
  });
});

describe("a read-only window", () => {
  it("refuses a change with 503 and the message, keeps reads and logging in working", async () => {
    const { browser, account } = await loggedIn(148);
    const before = await sql<{ email: string | null }>("SELECT cd.email FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = ?", [account.customerNumber]);
    await browser.get("/en/profile");
    const now = Date.now();
    const end = now + 30 * 60_000;
    await insertNotice(now - 60_000, end, { readOnly: true });
    const r = await browser.post("/en/profile/contact", { email: "read.only@example.be", phone: "0470 12 34 56" });
    expect(r.status).toBe(503);
    const retry = Number(r.response.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(25 * 60);
    expect(retry).toBeLessThanOrEqual(30 * 60);
    const clock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(end);
    expect(r.text).toContain(`Loket is read-only for planned maintenance until ${clock} (Brussels time). Your change was not saved. Please try again after ${clock}.`);
    const after = await sql<{ email: string | null }>("SELECT cd.email FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = ?", [account.customerNumber]);
    expect(after).toEqual(before);
    // htmx: the whole frame, in place of the page.
    const hx = await browser.post("/en/profile/contact", { email: "read.only@example.be", phone: "" }, { "HX-Request": "true", "HX-Target": "section#profile-contact" });
    expect(hx.status).toBe(503);
    expect(hx.response.headers.get("HX-Retarget")).toBe("#page");
    expect(hx.text).not.toContain("<html");
    // In French.
    const fr = await browser.post("/fr/profile/contact", { email: "read.only@example.be", phone: "" });
    expect(fr.text).toContain(`Loket est en lecture seule pour une maintenance planifiée jusqu’à ${clock} (heure de Bruxelles).`);
    // Reads work.
    expect((await browser.get("/en/documents")).status).toBe(200);
    expect((await browser.get("/en/profile")).status).toBe(200);
    // Logging in works (a code, then the login).
    const other = await loggedIn(149);
    expect((await other.browser.get("/en/home")).status).toBe(200);
    // The window removed and the cache forgotten (from this file: the Worker's module is the same one),
    // changes work again at once: what afterEach relies on to leave no read-only window behind.
    await sql("DELETE FROM maintenance_notices WHERE text_en LIKE ?", [`%${made[0]}%`]);
    forgetMaintenanceCache();
    await browser.get("/en/profile");
    expect((await browser.post("/en/profile/contact", { email: before[0]?.email ?? "klant148@test.example", phone: "" })).status).toBe(303);
    // And logging out.
    await browser.get("/en/home");
    expect((await browser.post("/en/logout", {})).status).toBe(303);
  });

  it("10 parallel changes are all refused and nothing is stored; the desk still works", async () => {
    const { browser, account } = await loggedIn(150);
    await browser.get("/en/profile");
    const now = Date.now();
    const notice = await insertNotice(now - 60_000, now + 20 * 60_000, { readOnly: true });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => browser.post("/en/profile/contact", { email: `parallel.${i}@example.be`, phone: "" })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(503));
    expect(await sql("SELECT 1 FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = ? AND cd.email LIKE 'parallel.%'", [account.customerNumber])).toHaveLength(
      0,
    );
    expect(await sql("SELECT 1 FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND a.action = 'profile.contact'", [account.customerNumber])).toHaveLength(0);
    // Staff end it from the desk; changes work again.
    const staff = await createStaff("supervisor");
    const desk = await deskLogin(staff);
    const cancel = await deskPost(desk, "/en/desk/maintenance", `/en/desk/maintenance/${notice.id}/cancel`, {});
    expect(cancel.status).toBe(303);
    await browser.get("/en/profile");
    const saved = await browser.post("/en/profile/contact", { email: "after.maintenance@example.be", phone: "" });
    expect(saved.status).toBe(303);
    expect(testAccount(150).customerNumber).toBe(account.customerNumber);
  });
});

describe("the maintenance page without notices of this test", () => {
  it("answers direct GET without a session, in each language, with no key names", async () => {
    for (const language of ["nl", "fr", "en"]) {
      const r = await SELF.fetch(`https://loket.test/${language}/maintenance`, { redirect: "manual" });
      expect(r.status).toBe(200);
      const text = await r.text();
      expect(text).not.toMatch(/maintenance\.(desk|banner|columns)\./);
      expect(text).toContain(`lang="${language}"`);
    }
  });
});

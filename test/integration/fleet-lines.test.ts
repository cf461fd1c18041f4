import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import { and } from "drizzle-orm";
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { type Cell, xlsxStream } from "../../src/features/fleet/export.ts";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { pageQuery, type SortKey } from "../../src/features/fleet/lines-service.ts";
import { linesInScope } from "../../src/features/fleet/scope.ts";
import { filterCondition } from "../../src/features/fleet/selection.ts";
import * as schema from "../../src/db/schema/index.ts";
import { fleetEn } from "../../src/i18n/fleet/en.ts";
import { fleetFr } from "../../src/i18n/fleet/fr.ts";
import { fleetNl } from "../../src/i18n/fleet/nl.ts";
import type { Principal } from "../../src/lib/principal.ts";
import { hashPassword } from "../../src/lib/password.ts";
import { DEMO_PASSWORD, loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

// Own lines of the lines part: numbers 0461…, ICCID bodies 8932046…, on the mobile demo customer 100457319.
const ids = { mobile: 0, contract: 0, billing: 0, foreignCustomer: 0, foreignContract: 0 };
const plans: Record<string, number> = {};
const STATUSES = ["ACTIVE", "ACTIVE", "SUSPENDED", "PENDING", "STOPPED"] as const;
const PLAN_CYCLE = ["mobile_contact", "mobile_europe", "mobile_1", "mobile_limitless"];
const own: { id: number; msisdn: string; plan: number; status: string; description: string }[] = [];
let foreignLine = 0;
let margaux: TestBrowser;

async function one(statement: string, args: (string | number | null)[] = []): Promise<number> {
  const [row] = await sql<Record<string, unknown>>(statement, args);
  return Number(Object.values(row!)[0]);
}

const shownIds = (html: string) => [...html.matchAll(/name="shown" value="(\d+)"/g)].map((m) => Number(m[1]));
const checkedIds = (html: string) => [...html.matchAll(/<input type="checkbox" name="selected" value="(\d+)" checked=""/g)].map((m) => Number(m[1]));
const numbers = (html: string) => [...html.matchAll(/<tr data-line="(\d*)">/g)].map((m) => m[1]!);
const nextHref = (html: string) => html.match(/name="page" value="([^"]+)">Next page</)?.[1]?.replace(/&amp;/g, "&") ?? null;
const previousHref = (html: string) => html.match(/name="page" value="([^"]+)">Previous page</)?.[1]?.replace(/&amp;/g, "&") ?? null;
const selectedText = (html: string) => html.match(/data-selection-count="">([^<]+)</)?.[1];

/** Every page of a list, following "Next page" (the pager's buttons carry the address). */
async function allPages(browser: TestBrowser, first: string): Promise<{ pages: string[][]; ids: number[] }> {
  const pages: string[][] = [];
  const all: number[] = [];
  let href: string | null = first;
  while (href) {
    const page = await browser.get(href);
    expect(page.status).toBe(200);
    pages.push(numbers(page.text));
    all.push(...shownIds(page.text));
    href = nextHref(page.text);
    if (pages.length > 10) throw new Error("too many pages");
  }
  return { pages, ids: all };
}

async function memberWith(lines: number[]): Promise<TestBrowser> {
  const username = `fleetlines${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  const user = await one(
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, created_by_label, created_at) VALUES (?, ?, ?, 'Lines', 'Member', 'x', 'en', ?, 'VALIDATED', 'margaux', ?) RETURNING id",
    [username, username, `${username}@test.example`, await hashPassword(DEMO_PASSWORD), now],
  );
  const membership = await one("INSERT INTO memberships (user_id, customer_id, profile, fleet_role, created_at) VALUES (?, ?, 'portal', 'MEMBER', ?) RETURNING id", [user, ids.mobile, now]);
  for (const fn of ["view", "manage"]) {
    await sql(
      `INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at)
       SELECT ?, a.id, 'function', f.id, ? FROM applications a JOIN application_functions f ON f.application_id = a.id WHERE a.code = 'fleet' AND f.code = ?`,
      [membership, now, fn],
    );
  }
  for (const line of lines) await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [line, user]);
  return loggedInAs(username);
}

beforeAll(async () => {
  ids.mobile = await one("SELECT id FROM customers WHERE customer_number = '100457319'");
  ids.contract = await one("SELECT id FROM contracts WHERE contract_number = '0000025351'");
  ids.billing = await one("SELECT id FROM billing_accounts WHERE number = '100457319'");
  for (const row of await sql<{ id: number; code: string }>("SELECT id, code FROM tariff_plans")) plans[row.code] = Number(row.id);
  const option = await one("SELECT id FROM fleet_options WHERE code = 'data_asia_business_600mb'");
  // 120 lines: plans and statuses in cycles, descriptions in reverse order of the numbers, a few named users.
  for (let i = 1; i <= 120; i++) {
    const msisdn = `0461${String(i).padStart(6, "0")}`;
    const plan = plans[PLAN_CYCLE[i % PLAN_CYCLE.length]!]!;
    const status = STATUSES[i % STATUSES.length]!;
    const description = `Team ${String(200 - i).padStart(3, "0")}`;
    const user: (string | null)[] = i === 7 ? ["Quentin", "Vandamme"] : [null, null];
    const id = await one(
      `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, user_first_name, user_last_name, activation_date, search_text, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        ids.mobile,
        ids.contract,
        msisdn,
        description,
        plan,
        status,
        status === "PENDING" ? null : ids.billing,
        withCheckDigit(`8932046${String(i).padStart(12, "0")}`),
        user[0] ?? null,
        user[1] ?? null,
        status === "PENDING" ? null : "2026-03-30",
        [msisdn, description, ...user].filter(Boolean).join(" ").toLowerCase(),
        Date.now(),
        Date.now(),
      ],
    );
    if (i === 1) await sql("INSERT INTO line_options (line_id, option_id, added_at) VALUES (?, ?, ?)", [id, option, Date.now()]);
    own.push({ id, msisdn, plan, status, description });
  }
  // A line of another customer (the waste head office), with a number that matches the search.
  ids.foreignCustomer = await one("SELECT id FROM customers WHERE customer_number = '439561'");
  ids.foreignContract = await one("SELECT id FROM contracts WHERE customer_id = ? LIMIT 1", [ids.foreignCustomer]);
  foreignLine = await one(
    `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, iccid, search_text, created_at, updated_at)
     VALUES (?, ?, '0461999999', 'Foreign', ?, 'ACTIVE', ?, '0461999999 foreign', ?, ?) RETURNING id`,
    [ids.foreignCustomer, ids.foreignContract, plans.mobile_contact!, withCheckDigit("8932046999999999999"), Date.now(), Date.now()],
  );
  margaux = await loggedInAs("margaux");
}, 60_000);

describe("fleet home and overview", () => {
  it("the home tile opens the fleet dashboard; margaux sees Manage SIM cards and Add a SIM card", async () => {
    const home = await margaux.get("/en/home");
    expect(home.text).toMatch(/<li data-app="fleet"><a href="\/en\/fleet">/);
    const dashboard = await margaux.get("/en/fleet");
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('href="/en/fleet/lines">Manage SIM cards</a>');
    expect(dashboard.text).toContain('href="/en/fleet/lines/new">Add a SIM card</a>');
  });

  it.each([
    ["nl", fleetNl],
    ["fr", fleetFr],
    ["en", fleetEn],
  ] as const)("shows the three demo lines of 003 with translated statuses (%s)", async (lang, words) => {
    const browser = lang === "en" ? margaux : await loggedInAs("margaux", undefined, lang);
    const page = await browser.get(`/${lang}/fleet/lines?q=048`);
    expect(page.status).toBe(200);
    for (const [number, plan, status] of [
      ["0489 74 43 65", "Mobile Contact", "ACTIVE"],
      ["0488 26 83 65", "Mobile Europe", "PENDING"],
      ["0488 26 70 74", "Mobile Contact", "ACTIVE"],
    ] as const) {
      const row = page.text.match(new RegExp(`<tr data-line="${number.replace(/ /g, "")}">(.*?)</tr>`, "s"))?.[1] ?? "";
      expect(row).toContain(`>${number}</a>`);
      expect(row).toContain(`<td>${plan}</td>`);
      expect(row).toContain(`<td>${words.statuses[status]}</td>`);
    }
    expect(page.text).toContain('aria-sort="ascending"');
  });
});

describe("search, filter, sort, keyset pages", () => {
  it("searches the number with or without spaces, the description and the user's name", async () => {
    const spaced = await margaux.get(`/en/fleet/lines?q=${encodeURIComponent("0461 00 005")}`);
    expect(numbers(spaced.text)).toEqual(["0461000050", "0461000051", "0461000052", "0461000053", "0461000054", "0461000055", "0461000056", "0461000057", "0461000058", "0461000059"]);
    expect(spaced.text).toContain("10 SIM cards match");
    const name = await margaux.get("/en/fleet/lines?q=VANDAMME");
    expect(numbers(name.text)).toEqual(["0461000007"]);
    const description = await margaux.get(`/en/fleet/lines?q=${encodeURIComponent("team 193")}`);
    expect(numbers(description.text)).toEqual(["0461000007"]);
    // Another customer's line never shows, whatever the search.
    const foreign = await margaux.get("/en/fleet/lines?q=0461999999");
    expect(numbers(foreign.text)).toEqual([]);
    expect(foreign.text).toContain("No SIM cards match these criteria.");
  });

  it("pages through 120 lines by 50 with keyset cursors, forwards and back, nothing twice", async () => {
    const { pages, ids: seen } = await allPages(margaux, "/en/fleet/lines?q=0461000");
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat()).toEqual(own.map((l) => l.msisdn));
    expect(new Set(seen).size).toBe(120);
    // Back from the third page: the second page again.
    let page = await margaux.get("/en/fleet/lines?q=0461000");
    page = await margaux.get(nextHref(page.text)!);
    page = await margaux.get(nextHref(page.text)!);
    const back = await margaux.get(previousHref(page.text)!);
    expect(numbers(back.text)).toEqual(own.slice(50, 100).map((l) => l.msisdn));
  });

  it.each([
    ["plan", "asc", (a: (typeof own)[number], b: (typeof own)[number]) => a.plan - b.plan || a.id - b.id],
    ["plan", "desc", (a: (typeof own)[number], b: (typeof own)[number]) => b.plan - a.plan || b.id - a.id],
    ["description", "asc", (a: (typeof own)[number], b: (typeof own)[number]) => (a.description < b.description ? -1 : 1)],
    ["status", "desc", (a: (typeof own)[number], b: (typeof own)[number]) => (a.status === b.status ? b.id - a.id : a.status < b.status ? 1 : -1)],
    ["msisdn", "desc", (a: (typeof own)[number], b: (typeof own)[number]) => (a.msisdn < b.msisdn ? 1 : -1)],
  ] as const)("sorts by %s %s across pages (aria-sort on its header)", async (sort, dir, compare) => {
    const { pages } = await allPages(margaux, `/en/fleet/lines?q=0461000&sort=${sort}&dir=${dir}`);
    expect(pages.flat()).toEqual([...own].sort(compare).map((l) => l.msisdn));
    const first = await margaux.get(`/en/fleet/lines?q=0461000&sort=${sort}&dir=${dir}`);
    expect(first.text).toContain(`aria-sort="${dir === "asc" ? "ascending" : "descending"}"`);
  });

  it("sorts by billing account with the lines without one (pending) in their place", async () => {
    const { pages } = await allPages(margaux, "/en/fleet/lines?q=0461000&sort=billing");
    const pending = own.filter((l) => l.status === "PENDING").map((l) => l.msisdn);
    expect(pages.flat().slice(0, pending.length)).toEqual(pending);
    expect(pages.flat()).toHaveLength(120);
  });

  it("filters by status and by plan", async () => {
    const suspended = await allPages(margaux, "/en/fleet/lines?q=0461000&status=SUSPENDED");
    expect(suspended.pages.flat()).toEqual(own.filter((l) => l.status === "SUSPENDED").map((l) => l.msisdn));
    const europe = await allPages(margaux, `/en/fleet/lines?q=0461000&plan=${plans.mobile_europe}`);
    expect(europe.pages.flat()).toEqual(own.filter((l) => l.plan === plans.mobile_europe).map((l) => l.msisdn));
  });

  it("reads each sort of the overview through its index, without a temporary b-tree", async () => {
    const client = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
    const db = drizzle(client, { schema }) as never;
    const principal = { customerId: ids.mobile, fleetRole: "MANAGER", userId: 1 } as unknown as Principal;
    try {
      for (const sort of ["msisdn", "description", "plan", "status", "billing"] as SortKey[]) {
        for (const ascending of [true, false]) {
          const query = pageQuery(db, and(linesInScope(principal), filterCondition({ q: null, status: null, plan: null })), sort, ascending, 51, null).toSQL();
          const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.params as never });
          const text = plan.rows.map((r) => String(r.detail)).join("\n");
          expect(text, `${sort} ${ascending}`).toMatch(/USING (COVERING )?INDEX mobile_lines_/);
          expect(text, `${sort} ${ascending}`).not.toContain("TEMP B-TREE");
        }
      }
    } finally {
      client.close();
    }
  });
});

describe("search through the trigram index", () => {
  it("finds a substring of 3 characters or more through mobile_lines_search, kept in step with a changed description", async () => {
    const client = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
    const db = drizzle(client, { schema }) as never;
    const principal = { customerId: ids.mobile, fleetRole: "MANAGER", userId: 1 } as unknown as Principal;
    try {
      const query = pageQuery(db, and(linesInScope(principal), filterCondition({ q: "0488", status: null, plan: null })), "msisdn", true, 51, null).toSQL();
      const plan = (await client.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args: query.params as never })).rows.map((r) => String(r.detail)).join("\n");
      expect(plan).toContain("VIRTUAL TABLE INDEX");
      expect(plan).toContain("mobile_lines_search");
    } finally {
      client.close();
    }
    // The line page writes search_text when the description changes: the trigger re-indexes it.
    const [line] = await sql<{ id: number }>("SELECT id FROM mobile_lines WHERE msisdn = '0461000003'");
    await sql("UPDATE mobile_lines SET search_text = '0461000003 kwartiermeester zuid' WHERE id = ?", [line!.id]);
    expect(numbers((await margaux.get("/en/fleet/lines?q=kwartiermeester")).text)).toEqual(["0461000003"]);
    expect(numbers((await margaux.get("/en/fleet/lines?q=Team%20197")).text)).toEqual([]);
    // Two characters have no trigram: still found, by reading the lines.
    expect(numbers((await margaux.get("/en/fleet/lines?q=zu")).text)).toContain("0461000003");
  });
});

describe("selection", () => {
  it("keeps ticks across pages without JavaScript (form posts, 303 back), and counts them in place with htmx", async () => {
    const browser = await loggedInAs("margaux");
    let page = await browser.get("/en/fleet/lines?q=0461000");
    const firstShown = shownIds(page.text);
    const post = await browser.post("/en/fleet/selection", { back: "/en/fleet/lines?q=0461000", q: "0461000", shown: "", selected: "" });
    expect(post.status).toBe(303);
    // Ticks of page 1 (two), then the pager button: saved, then page 2 is shown.
    const form = new URLSearchParams([
      ["_csrf", browser.csrfToken()],
      ["back", "/en/fleet/lines?q=0461000"],
      ["q", "0461000"],
      ...firstShown.map((id) => ["shown", String(id)]),
      ["selected", String(firstShown[0])],
      ["selected", String(firstShown[1])],
      ["page", nextHref(page.text)!],
    ]);
    const { SELF } = await import("cloudflare:test");
    const headers = (extra: Record<string, string> = {}) => ({
      "CF-Connecting-IP": browser.ip,
      Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "https://loket.test",
      ...extra,
    });
    const paged = await SELF.fetch("https://loket.test/en/fleet/selection", { method: "POST", body: form, headers: headers(), redirect: "manual" });
    expect(paged.status).toBe(303);
    expect(paged.headers.get("Location")).toBe(nextHref(page.text));
    page = await browser.get(paged.headers.get("Location")!);
    expect(selectedText(page.text)).toBe("2 SIM cards selected");
    // On page 2, with htmx: one tick answers the bar alone, counted.
    const second = shownIds(page.text);
    const htmx = await SELF.fetch("https://loket.test/en/fleet/selection", {
      method: "POST",
      body: new URLSearchParams([
        ["_csrf", browser.csrfToken()],
        ["back", "/en/fleet/lines?q=0461000"],
        ["q", "0461000"],
        ...second.map((id) => ["shown", String(id)]),
        ["selected", String(second[5])],
      ]),
      headers: headers({ "HX-Request": "true" }),
      redirect: "manual",
    });
    expect(htmx.status).toBe(200);
    const bar = await htmx.text();
    expect(bar).toMatch(/^<section class="card selection-bar" id="fleet-selection"/);
    expect(selectedText(bar)).toBe("3 SIM cards selected");
    expect(bar).toContain('href="/en/fleet/bulk/new?kind=plan"');
    // Back on page 1: its two ticks are still there.
    page = await browser.get("/en/fleet/lines?q=0461000");
    expect(checkedIds(page.text)).toEqual([firstShown[0], firstShown[1]]);
    // Clear.
    const cleared = await browser.post("/en/fleet/selection/clear", { back: "/en/fleet/lines?q=0461000" });
    expect(cleared.status).toBe(303);
    page = await browser.get("/en/fleet/lines?q=0461000");
    expect(selectedText(page.text)).toBe("No SIM cards selected");
  });

  it("selects all N matching (not only the page); an untick is an exception; the bulk link and the export carry it", async () => {
    const browser = await loggedInAs("margaux");
    const active = own.filter((l) => l.status === "ACTIVE");
    let page = await browser.get("/en/fleet/lines?q=0461000&status=ACTIVE");
    expect(page.text).toContain(`Select all ${active.length} matching SIM cards`);
    const all = await browser.post("/en/fleet/selection/all", { back: "/en/fleet/lines?q=0461000&status=ACTIVE", q: "0461000", status: "ACTIVE", plan: "" });
    expect(all.status).toBe(303);
    page = await browser.get(all.location!);
    expect(selectedText(page.text)).toBe(`${active.length} SIM cards selected`);
    expect(checkedIds(page.text)).toEqual(shownIds(page.text));
    // Untick the first line of the page.
    const shown = shownIds(page.text);
    await browser.post("/en/fleet/selection", { back: "/en/fleet/lines?q=0461000&status=ACTIVE", q: "0461000", status: "ACTIVE", plan: "", shown: String(shown[0]) });
    page = await browser.get("/en/fleet/lines?q=0461000&status=ACTIVE");
    expect(selectedText(page.text)).toBe(`${active.length - 1} SIM cards selected`);
    expect(checkedIds(page.text)).toEqual(shown.slice(1));
    expect(page.text).toContain('href="/en/fleet/bulk/new?kind=options_add"');
    // The bulk part reads the same selection.
    const bulk = await browser.get("/en/fleet/bulk/new?kind=plan");
    expect(bulk.status).toBe(200);
    // The selection's export: exactly those lines.
    const { sheet } = await workbook(browser, "/en/fleet/lines.xlsx?selection=1");
    expect(sheetRows(sheet).length - 1).toBe(active.length - 1);
    expect(sheet).not.toContain(shown.length > 0 ? `>${own.find((l) => l.id === shown[0])!.msisdn}<` : "-");
  });

  it("ignores another customer's line ids in the selection form", async () => {
    const browser = await loggedInAs("margaux");
    await browser.get("/en/fleet/lines?q=0461000");
    const post = await browser.post("/en/fleet/selection", { back: "/en/fleet/lines?q=0461000", q: "0461000", shown: String(foreignLine), selected: String(foreignLine) });
    expect(post.status).toBe(303);
    const page = await browser.get("/en/fleet/lines?q=0461000");
    expect(selectedText(page.text)).toBe("No SIM cards selected");
  });
});

describe("who sees what", () => {
  it("a MEMBER sees only the lines delegated to them, no Add a SIM card, no export", async () => {
    const member = await memberWith([own[2]!.id, own[3]!.id]);
    const page = await member.get("/en/fleet/lines");
    expect(numbers(page.text)).toEqual([own[2]!.msisdn, own[3]!.msisdn]);
    expect(page.text).toContain("2 SIM cards match");
    expect(page.text).not.toContain("lines.xlsx");
    expect(page.text).not.toContain("/en/fleet/lines/new");
    const dashboard = await member.get("/en/fleet");
    expect(dashboard.text).not.toContain("Add a SIM card");
    expect((await member.get("/en/fleet/lines.xlsx")).status).toBe(403);
    // A line not delegated to them, ticked by hand: ignored.
    await member.post("/en/fleet/selection", { back: "/en/fleet/lines", shown: String(own[4]!.id), selected: String(own[4]!.id) });
    expect(selectedText((await member.get("/en/fleet/lines")).text)).toBe("No SIM cards selected");
  });
});

/** A download of the export, unzipped: the files of the workbook. */
async function workbook(browser: TestBrowser, path: string) {
  const { SELF } = await import("cloudflare:test");
  const response = await SELF.fetch(`https://loket.test${path}`, { headers: { Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "CF-Connecting-IP": browser.ip } });
  expect(response.status).toBe(200);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return { response, files, sheet: strFromU8(files["xl/worksheets/sheet1.xml"]!) };
}
const sheetRows = (xml: string) => [...xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)];
/** What a cell style (an index into styles.xml's cellXfs) means: its number format code and whether its font is bold. */
function cellStyle(styles: string, index: number): { format: string | null; bold: boolean } {
  const xf = [...styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/)![1]!.matchAll(/<xf [^>]*>/g)][index]![0];
  const numFmtId = xf.match(/numFmtId="(\d+)"/)![1];
  const fontId = Number(xf.match(/fontId="(\d+)"/)![1]);
  const format = styles.match(new RegExp(`<numFmt numFmtId="${numFmtId}" formatCode="([^"]*)"/>`))?.[1]?.replace(/&quot;/g, '"') ?? null;
  const fonts = [...styles.match(/<fonts[^>]*>(.*?)<\/fonts>/)![1]!.matchAll(/<font\/>|<font>(.*?)<\/font>/g)];
  return { format, bold: fonts[fontId]![0].includes("<b/>") };
}
/** Column A's text of each data row (the header left out). */
const firstColumn = (xml: string) =>
  sheetRows(xml)
    .slice(1)
    .map((row) => row[2]!.match(/<c r="A\d+"[^>]*><v>([^<]*)<\/v><\/c>/)?.[1]);

describe("export", () => {
  it("streams every matching row as a real .xlsx: header, widths, text, number and date cells", async () => {
    const { response, files, sheet: xml } = await workbook(margaux, "/en/fleet/lines.xlsx?q=0461000&status=ACTIVE");
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="sim-cards-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"]));
    const styles = strFromU8(files["xl/styles.xml"]!);
    const rows = sheetRows(xml);
    const active = own.filter((l) => l.status === "ACTIVE");
    expect(rows).toHaveLength(active.length + 1);
    expect(rows.map((row) => Number(row[1]))).toEqual(rows.map((_, i) => i + 1));
    // The header: text cells in a bold style, frozen above the rows.
    const header = rows[0]![2]!.match(/<c r="A1" s="(\d+)" t="str"><v>Phone number<\/v><\/c>/);
    expect(header).not.toBeNull();
    expect(cellStyle(styles, Number(header![1]))).toEqual({ format: null, bold: true });
    expect(rows[0]![2]).toContain("<v>Activation date</v>");
    expect(xml).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    expect(xml).toMatch(/<col min="1" max="1" width="14" customWidth="1"\/>/);
    expect(xml).toMatch(/<col min="2" max="2" width="28" customWidth="1"\/>/);
    const first = rows[1]![2]!;
    // Text cells are inline (no shared strings table), in a plain style.
    expect(first).toContain(`<c r="A2" t="str"><v>${active[0]!.msisdn}</v></c>`);
    expect(files["xl/sharedStrings.xml"]).toBeUndefined();
    // 2026-03-30 as Excel's day number with a date format; the plan's price as a number with a € format.
    const date = first.match(/<c r="I2" s="(\d+)"><v>46111<\/v><\/c>/);
    expect(date).not.toBeNull();
    expect(cellStyle(styles, Number(date![1]))).toEqual({ format: "dd/mm/yyyy", bold: false });
    const money = first.match(/<c r="J2" s="(\d+)"><v>\d+(\.\d+)?<\/v><\/c>/);
    expect(money).not.toBeNull();
    expect(cellStyle(styles, Number(money![1]))).toEqual({ format: '#,##0.00 "€"', bold: false });
  });

  it("exports all 1,100 matching lines of a filter in keyset chunks of 1,000, each once, in the overview's order", async () => {
    // 1,100 own lines 0465…, ICCID bodies 8932045…, in one INSERT … SELECT; descriptions repeat (ties across the chunk's edge).
    const lines = Array.from({ length: 1100 }, (_, i) => ({
      msisdn: `0465${String(i + 1).padStart(6, "0")}`,
      iccid: withCheckDigit(`8932045${String(i + 1).padStart(12, "0")}`),
      description: `Bulk ${String(i % 7).padStart(2, "0")}`,
    }));
    await sql(
      `INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, activation_date, search_text, created_at, updated_at)
       SELECT ?, ?, json_extract(value, '$.msisdn'), json_extract(value, '$.description'), ?, 'ACTIVE', ?, json_extract(value, '$.iccid'), '2026-03-30',
              json_extract(value, '$.msisdn') || ' ' || lower(json_extract(value, '$.description')), ?, ?
       FROM json_each(?)`,
      [ids.mobile, ids.contract, plans.mobile_1!, ids.billing, Date.now(), Date.now(), JSON.stringify(lines)],
    );
    const { sheet: xml } = await workbook(margaux, "/en/fleet/lines.xlsx?q=046500&sort=description");
    const rows = sheetRows(xml);
    expect(rows).toHaveLength(1100 + 1);
    expect(rows.map((row) => Number(row[1]))).toEqual(rows.map((_, i) => i + 1));
    const numbers = firstColumn(xml);
    expect(new Set(numbers).size).toBe(1100);
    expect([...numbers].sort()).toEqual(lines.map((l) => l.msisdn).sort());
    const descriptions = rows.slice(1).map((row) => row[2]!.match(/<c r="B\d+"[^>]*><v>([^<]*)<\/v><\/c>/)?.[1] ?? "");
    expect(descriptions).toEqual([...descriptions].sort());
    expect(rows[1100]![2]).toContain("<v>Bulk 06</v>");
  });

  it("pulls the rows from their source one chunk at a time as the client reads (10,000 rows never all in memory)", async () => {
    let pulled = 0;
    async function* chunks(): AsyncGenerator<Cell[][]> {
      for (let c = 0; c < 10; c++) {
        pulled++;
        yield Array.from({ length: 1000 }, (_, i): Cell[] => [`Line ${c * 1000 + i}`, c * 1000 + i, { date: "2026-03-30" }, { money: 4550 }]);
      }
    }
    const columns = ["Text", "Number", "Date", "Money"].map((header) => ({ header, width: 12 }));
    const reader = xlsxStream("Test", columns, chunks()).getReader();
    const parts: Uint8Array[] = [];
    let read = await reader.read();
    expect(read.done).toBe(false);
    // The first bytes leave while most of the rows have not been asked for, and nothing more is
    // asked for while the client does not read.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pulled).toBeLessThanOrEqual(2);
    // Each further read asks for the next chunk: the count of chunks pulled grows read by read.
    const pulledAtRead = new Set<number>();
    for (; !read.done; read = await reader.read()) {
      parts.push(read.value);
      pulledAtRead.add(pulled);
    }
    expect(pulledAtRead.size).toBeGreaterThanOrEqual(8);
    expect(pulled).toBe(10);
    const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
    const sheet = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]!);
    expect(sheetRows(sheet)).toHaveLength(10_001);
    expect(sheet).toContain('<c r="A10001" t="str"><v>Line 9999</v></c><c r="B10001"><v>9999</v></c>');
  });
});

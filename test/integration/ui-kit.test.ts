/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import { loggedIn, loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

/**
 * The module views' source (views/<module>/, not the kit), as text: every module, the desk included
 * (it keeps its own Layout and document, but its forms, tables and pagers are the kit's).
 */
const checkedModules = [
  "accounts",
  "auth",
  "billing",
  "calendar",
  "complaints",
  "desk",
  "dev",
  "documents",
  "einvoice",
  "history",
  "home",
  "identification",
  "password",
  "profile",
  "rights",
  "routers",
  "services",
  "terms",
  "threads",
  "tickets",
  "users",
];
const moduleViews = Object.entries(import.meta.glob(["../../views/**/*.tsx", "!../../views/ui/**"], { query: "?raw", import: "default", eager: true }) as Record<string, string>).filter(([path]) =>
  checkedModules.includes(path.split("/")[3] ?? ""),
);

/**
 * The UI kit (views/ui) reads the CSRF token, the language and the principal from the request's
 * context; these tests check what it promises on real pages, whatever module renders them.
 */
let owner: TestBrowser;

beforeAll(async () => {
  owner = await loggedInAs("DATATEAM");
}, 60_000);

const postForms = (html: string) => [...html.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1] ?? "");
const tokensIn = (form: string) => [...form.matchAll(/<input type="hidden" name="_csrf" value="([^"]*)"\/>/g)].map((m) => m[1]);

describe("UI kit", () => {
  it("every post form on every page of the menu carries the request's CSRF token (CsrfField)", async () => {
    const home = await owner.get("/en/home");
    const links = [
      ...new Set([...home.text.matchAll(/<nav aria-label="Main menu">([\s\S]*?)<\/nav>/g)].flatMap((nav) => [...(nav[1] ?? "").matchAll(/href="(\/en\/[^"]+)"/g)].map((m) => m[1] ?? ""))),
    ];
    expect(links.length).toBeGreaterThan(5);
    const tokens = new Set<string>();
    let forms = 0;
    for (const path of [...links, "/en/users/new"]) {
      const page = await owner.get(path);
      expect(page.status, path).toBe(200);
      for (const form of postForms(page.text)) {
        forms++;
        const found = tokensIn(form);
        expect(found, `${path}: ${form.slice(0, 120)}`).toHaveLength(1);
        tokens.add(found[0] ?? "");
      }
    }
    // Log out (header) on each page at least, and the pages' own forms.
    expect(forms).toBeGreaterThan(links.length);
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).toMatch(/^[\w-]{16,}$/);
  });

  it("a Field with an error has aria-invalid and aria-describedby naming the error shown", async () => {
    await owner.get("/en/users/new");
    const r = await owner.post("/en/users/new", { firstName: "", lastName: "", email: "not-an-email", language: "xx", profile: "portal" });
    expect(r.status).toBe(422);
    const invalid = [...r.text.matchAll(/<(input|select)\b[^>]*aria-invalid="true"[^>]*>/g)].map((m) => m[0]);
    expect(invalid.length).toBeGreaterThanOrEqual(3);
    for (const control of invalid) {
      const ids = control.match(/aria-describedby="([^"]+)"/)?.[1]?.split(" ") ?? [];
      const errorId = ids.find((id) => id.endsWith("-error"));
      expect(errorId, control).toBeDefined();
      expect(r.text).toMatch(new RegExp(`<p class="field-error" id="${errorId}">[^<]+</p>`));
    }
  });

  it("a choice group is a fieldset with a legend; its error is tied to the fieldset", async () => {
    await owner.get("/en/users/new");
    const r = await owner.post("/en/users/new", { firstName: "A", lastName: "B", email: "a@b.be", language: "en", gender: "q", profile: "portal" });
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/<fieldset aria-describedby="gender-error"><legend>Gender \*<\/legend>/);
    expect(r.text).toMatch(/<p class="field-error" id="gender-error">[^<]+<\/p>/);
  });

  it("the DataTable's headers have scope=col, and the sorted column (only it) has aria-sort", async () => {
    const asc = await owner.get("/en/users");
    const headers = [...asc.text.matchAll(/<th\b[^>]*>/g)].map((m) => m[0]);
    expect(headers.length).toBeGreaterThanOrEqual(6);
    for (const th of headers) expect(th).toContain('scope="col"');
    expect(headers.filter((th) => th.includes("aria-sort"))).toEqual(['<th scope="col" aria-sort="ascending">']);
    const desc = await owner.get("/en/users?sort=name&dir=desc");
    expect(desc.text).toMatch(/<th scope="col" aria-sort="descending"><a href="[^"]*">Name/);
    expect([...desc.text.matchAll(/aria-sort=/g)]).toHaveLength(1);
  });

  it("the Pager links to the pages before and after with rel=prev/next and says where the user is", async () => {
    const first = await owner.get("/en/users");
    const pages = Number(first.text.match(/Page 1 of (\d+)/)?.[1] ?? "1");
    if (pages < 2) {
      expect(first.text).not.toContain('rel="next"');
      return;
    }
    expect(first.text).toMatch(/<a href="\/en\/users\?page=2" rel="next">Next page<\/a>/);
    expect(first.text).not.toContain('rel="prev"');
    const second = await owner.get("/en/users?page=2");
    expect(second.text).toContain(`Page 2 of ${pages}`);
    expect(second.text).toMatch(/<a href="\/en\/users" rel="prev">Previous page<\/a>/);
  });

  it("the kit speaks the request's language (context), not a default", async () => {
    const nl = await owner.get("/nl/users");
    expect(nl.text).toContain('<nav aria-label="Hoofdmenu">');
    expect(nl.text).toContain('<html lang="nl">');
  });

  it("module views write no choice or pager markup of their own: radios are a RadioGroup, pages a Pager", () => {
    expect(moduleViews.length).toBeGreaterThan(10);
    const handWritten = moduleViews.filter(([, source]) => /type="radio"|rel="(?:next|prev)"|name="page"|\{h\.older\}|\{d\.next\}/.test(source)).map(([path]) => path);
    expect(handWritten).toEqual([]);
  });

  it("a keyset list's pages (History) are the kit Pager: a nav with rel=next, then a way back to the newest", async () => {
    const { browser, account } = await loggedIn(29);
    const [customer] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [account.customerNumber]);
    for (let i = 0; i < 27; i++) {
      await sql("INSERT INTO audit_events (at, actor, customer_id, action, before, after) VALUES (?, ?, ?, 'profile.contact', NULL, ?)", [
        Date.now() - 86_400_000 + i,
        `code:${account.customerNumber}`,
        customer!.id,
        JSON.stringify({ email: `kit${i}@example.be` }),
      ]);
    }
    const first = await browser.get("/en/history");
    const next = first.text.match(/<nav aria-label="Pages"><p><a href="(\/en\/history\?before=[^"]+)" rel="next">Older events<\/a><\/p><\/nav>/)?.[1];
    expect(next).toBeDefined();
    const second = await browser.get(next!.replaceAll("&amp;", "&"));
    expect(second.text).toMatch(/<nav aria-label="Pages"><p><a href="\/en\/history">Newest events<\/a>/);
    const nl = await browser.get(`/nl${next!.replaceAll("&amp;", "&").slice(3)}`);
    expect(nl.text).toMatch(/<nav aria-label="Pagina&#39;s"><p><a href="\/nl\/history">/);
  });

  it("the user form's profile is a kit RadioGroup: a fieldset with its legend, one choice a line, the error tied to it", async () => {
    await owner.get("/en/users/new");
    const r = await owner.post("/en/users/new", { username: "kit.profile", firstName: "A", lastName: "B", email: "a@b.be", language: "en", gender: "x", profile: "emperor" });
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/<fieldset aria-describedby="profile-error"><legend>Profile \*<\/legend><div class="check"><input type="radio" id="profile-owner" name="profile" value="owner"\/>/);
    expect(r.text).toMatch(/<p class="field-error" id="profile-error">[^<]+<\/p><\/fieldset>/);
    expect(await sql("SELECT id FROM users WHERE username_key = 'kit.profile'")).toEqual([]);
  });
});

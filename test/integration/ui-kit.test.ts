import { beforeAll, describe, expect, it } from "vitest";
import { loggedInAs, type TestBrowser } from "./browser.ts";

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
});

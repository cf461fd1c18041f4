import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.ts";
import { catalogs } from "../../src/lib/i18n.ts";
import { loggedIn, TestBrowser } from "./browser.ts";

function keys(value: object, prefix = ""): string[] {
  return Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe("languages", () => {
  it("every key exists and is filled in nl, fr, en, with the same placeholders", () => {
    const reference = keys(en).sort();
    for (const [locale, catalog] of Object.entries(catalogs)) {
      expect(keys(catalog).sort(), locale).toEqual(reference);
      for (const key of reference) {
        const get = (o: object) => key.split(".").reduce<unknown>((acc, part) => (acc as Record<string, unknown>)[part], o) as string;
        expect(get(catalog).length, `${locale}.${key}`).toBeGreaterThan(0);
        expect(
          get(catalog)
            .match(/\{\w+\}/g)
            ?.sort(),
          `${locale}.${key}`,
        ).toEqual(
          get(en)
            .match(/\{\w+\}/g)
            ?.sort(),
        );
      }
    }
  });

  it("/ redirects by cookie first, then Accept-Language, then Dutch", async () => {
    const byHeader = await SELF.fetch("https://loket.test/", { headers: { "Accept-Language": "fr-BE,fr;q=0.9,en;q=0.8" }, redirect: "manual" });
    expect(byHeader.headers.get("Location")).toBe("/fr");
    const byCookie = await SELF.fetch("https://loket.test/", { headers: { "Accept-Language": "fr-BE", Cookie: "loket_lang=en" }, redirect: "manual" });
    expect(byCookie.headers.get("Location")).toBe("/en");
    const fallback = await SELF.fetch("https://loket.test/", { headers: { "Accept-Language": "de-DE" }, redirect: "manual" });
    expect(fallback.headers.get("Location")).toBe("/nl");
    const anonymous = await SELF.fetch("https://loket.test/nl/", { redirect: "manual" });
    expect(anonymous.headers.get("Location")).toBe("/nl/login");
  });

  it("the language switch keeps the page and the choice is remembered", async () => {
    const browser = new TestBrowser();
    const page = await browser.get("/nl/login?customerNumber=439561");
    expect(page.text).toContain('href="/fr/login?customerNumber=439561"');
    expect(page.text).toContain('href="/en/login?customerNumber=439561"');
    const fr = await browser.get("/fr/login");
    expect(fr.response.headers.getSetCookie().join()).toContain("loket_lang=fr");
  });

  it.each(["nl", "fr", "en"] as const)("pages in %s hold no key names and use the language", async (locale) => {
    const { browser } = await loggedIn(30 + ["nl", "fr", "en"].indexOf(locale), locale);
    for (const path of ["home", "profile", "terms"]) {
      const page = await browser.get(`/${locale}/${path}`);
      expect(page.status, path).toBe(200);
      expect(page.text).toContain(`<html lang="${locale}">`);
      expect(page.text).not.toMatch(/\b(app|login|code|home|profile|terms|errors|dev)\.[a-z]+[A-Z]?\w*\b(?![^<]*>)/);
      expect(page.text).not.toMatch(/\{\w+\}/);
    }
    const login = await new TestBrowser().get(`/${locale}/login`);
    expect(login.text).toContain(catalogs[locale].login.contractNumber);
  });

  it("a full page without HX-Request, only the frame with it", async () => {
    const browser = new TestBrowser();
    const full = await browser.get("/en/login");
    expect(full.text.startsWith("<!doctype html>")).toBe(true);
    expect(full.response.headers.get("Vary")).toContain("HX-Request");
    const fragment = await browser.get("/en/login", { "HX-Request": "true", "HX-Request-Type": "partial" });
    expect(fragment.text).not.toContain("<html");
    expect(fragment.text.startsWith("<title>")).toBe(true);
    expect(fragment.text).toContain('<main id="main"');
  });

  it("an unknown page is a 404 in the user's language", async () => {
    const r = await SELF.fetch("https://loket.test/fr/nowhere");
    expect(r.status).toBe(404);
    expect(await r.text()).toContain(catalogs.fr.errors.notFound.replaceAll("'", "&#39;"));
  });
});

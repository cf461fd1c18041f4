import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loggedInAs, TestBrowser } from "./browser.ts";

/**
 * The attack of issue #7: bursts of concurrent requests, a quarter password logins with unknown
 * names, a quarter code logins with wrong codes, half pages. Every answer must be ours (2xx/3xx/4xx, or the 503 page), and the portal must
 * work normally right after.
 */
async function burst(size: number) {
  const attacker = new TestBrowser("198.51.100.7");
  await attacker.get("/en/login/password");
  const token = attacker.csrfToken();
  const cookie = `__Host-loket_csrf=${attacker.cookies.get("__Host-loket_csrf")}`;
  const requests = Array.from({ length: size }, (_, i) => {
    const ip = `198.51.${Math.floor(i / 250)}.${i % 250}`;
    if (i % 4 === 2) {
      // A code login reads the database before the code is checked.
      const body = new URLSearchParams({ _csrf: token, contractNumber: String(800000 + i), customerNumber: String(900000 + i), code: "aaaaaa", acceptTerms: "on" });
      return SELF.fetch("https://loket.test/en/login", {
        method: "POST",
        body,
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test", "CF-Connecting-IP": ip },
        redirect: "manual",
      });
    }
    if (i % 4 === 0) {
      const body = new URLSearchParams({ _csrf: token, identifier: `nobody-${size}-${i}`, password: "Wrong-Password-1" });
      return SELF.fetch("https://loket.test/en/login/password", {
        method: "POST",
        body,
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test", "CF-Connecting-IP": ip },
        redirect: "manual",
      });
    }
    return SELF.fetch(`https://loket.test/en/${i % 4 === 1 ? "login" : "terms"}`, { headers: { Cookie: cookie }, redirect: "manual" });
  });
  const answers = await Promise.all(
    requests.map(async (pending) => {
      const response = await pending;
      return { status: response.status, body: await response.text() };
    }),
  );
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  const foreign = answers.filter(({ status, body }) => status >= 500 && !(status === 503 && body.toLowerCase().startsWith("<!doctype html>")));
  return { counts, foreign };
}

describe("bursts of concurrent requests (issue #7)", () => {
  for (const size of [40, 200]) {
    it(`${size} at once answer only our statuses, and a normal login works right after`, async () => {
      for (let round = 0; round < 3; round++) {
        const { counts, foreign } = await burst(size);
        expect(foreign, JSON.stringify(counts)).toEqual([]);
        expect(
          Object.keys(counts).every((status) => Number(status) < 500 || Number(status) === 503),
          JSON.stringify(counts),
        ).toBe(true);
      }
      const browser = await loggedInAs("DATATEAM");
      const home = await browser.get("/en/home");
      expect(home.status).toBe(200);
      expect(home.text).toContain("Log out");
      const terms = await new TestBrowser().get("/en/terms");
      expect(terms.status).toBe(200);
    }, 60_000);
  }
});

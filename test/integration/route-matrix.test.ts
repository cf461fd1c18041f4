import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.tsx";
import type { Env } from "../../src/lib/env.ts";
import { declarations, isAllowed, routeKey, type Need } from "../../src/lib/routes.ts";
import { loadSession } from "../../src/lib/session.ts";
import { loggedIn, loggedInAs, TestBrowser } from "./browser.ts";

// Every route the app serves, from Hono's own table: a route added without a declaration shows up here.
const app = createApp();
const served = [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => routeKey(r.method, r.path)))].sort();

// Logging out ends the very sessions the matrix uses; they are public and checked in login.test.ts.
const skipped = new Set(["POST /logout", "POST /logout/everywhere"]);

/** A concrete URL for a declared path: ids that exist nowhere, so an allowed request ends in 404 or 422. */
function concrete(path: string): string {
  return path
    .replace(/:app\b/g, "emasspost")
    .replace(/:token\b/g, "no-such-token")
    .replace(/:(\w+)(\{[^}]*\})?/g, "999999");
}

type Persona = { name: string; browser: TestBrowser | null };
const personas: Persona[] = [];

beforeAll(async () => {
  personas.push({ name: "anonymous", browser: null });
  personas.push({ name: "code login (owner)", browser: (await loggedIn(45)).browser });
  for (const [name, user] of [
    ["Access Owner", "DATATEAM"],
    ["Access Manager", "DEKKERSL"],
    ["Portal User", "B2B"],
    ["Service User", "Cleaning"],
    ["router (third party)", "ROUTER1"],
  ] as const) {
    personas.push({ name, browser: await loggedInAs(user) });
  }
}, 60_000);

async function principalOf(browser: TestBrowser | null) {
  const id = browser?.cookies.get("__Host-loket_session");
  if (!id) return null;
  return (await loadSession((env as unknown as Env).KV, id))?.session.principal ?? null;
}

describe("route × profile matrix", () => {
  it("every served route has a declaration", () => {
    const undeclared = served.filter((key) => !declarations.has(key));
    expect(undeclared).toEqual([]);
    expect(served.length).toBeGreaterThan(10);
  });

  it("every route answers each profile as its declaration says: allowed, or 403 (303 to login without a session)", async () => {
    const failures: string[] = [];
    for (const key of served) {
      if (skipped.has(key)) continue;
      const need = declarations.get(key) as Need;
      const [method, path] = key.split(" ") as [string, string];
      const url = path === "/dev/outbox" || path === "/health" || path === "/" ? path : `/en${path === "/" ? "" : concrete(path)}`;
      for (const persona of personas) {
        const browser = persona.browser ?? new TestBrowser();
        if (method === "POST") await browser.get("/en/login");
        const principal = await principalOf(persona.browser);
        const response = method === "GET" ? await browser.get(url) : await browser.post(url, {});
        const allowed = isAllowed(principal, need);
        const status = response.status;
        let ok: boolean;
        if (allowed) ok = status !== 403 && status < 500;
        else if (!principal) ok = status === 303 && (response.location ?? "").includes("/login");
        else ok = status === 403;
        if (!ok) failures.push(`${key} as ${persona.name}: ${status} (${allowed ? "allowed" : "denied"})`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("spot checks that do not rely on the declarations", async () => {
    const manager = personas.find((p) => p.name === "Access Manager")!.browser!;
    // An Access Manager manages users but sees no customer data (002 §8).
    expect((await manager.get("/en/profile")).status).toBe(403);
    const owner = personas.find((p) => p.name === "Access Owner")!.browser!;
    expect((await owner.get("/en/profile")).status).toBe(200);
  });
});

/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import { fail, failureStatus, found, ok } from "../../src/lib/result.ts";
import { loggedIn, loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";
import { userIdOf } from "./users-fixtures.ts";

/**
 * Services answer a Result; the routes turn a failure into a status and a page in one place
 * (src/lib/result.ts `failureStatus`, src/lib/render.tsx `renderFailure`), not each by hand.
 */
const routeFiles = Object.entries(import.meta.glob("../../src/features/*/routes.tsx", { query: "?raw", import: "default", eager: true }) as Record<string, string>);
/** The modules moved onto the mapping (documents' contest handlers belong to the complaints work); the desk maps with renderDeskFailure. */
const moved = ["billing", "users", "accounts", "rights", "routers", "history", "services", "complaints", "tickets", "desk"];

let owner: TestBrowser;
beforeAll(async () => {
  owner = await loggedInAs("DATATEAM");
}, 60_000);

describe("one mapping from a service's failure to a status (issue #8)", () => {
  it("four words, four statuses; a scoped lookup that finds nothing is not found", () => {
    expect(failureStatus).toEqual({ not_found: 404, forbidden: 403, conflict: 409, invalid: 422 });
    expect(found(null)).toEqual({ ok: false, error: "not_found" });
    expect(found(undefined)).toEqual({ ok: false, error: "not_found" });
    expect(found(0)).toEqual({ ok: true, value: 0 });
    expect(ok({ changed: true })).toEqual({ ok: true, value: { changed: true } });
    // Details say why; they never override what the failure is.
    expect(fail("conflict", { reason: "notInvited", ok: true, error: "x" })).toEqual({ ok: false, error: "conflict", reason: "notInvited" });
  });

  it("the moved modules' routes write no refusal status or error page of their own", () => {
    const files = routeFiles.filter(([path]) => moved.some((module) => path.includes(`/features/${module}/`)));
    expect(files).toHaveLength(moved.length);
    const byHand = files.flatMap(([path, source]) =>
      source
        .split("\n")
        .filter((line) => !line.trim().startsWith("//") && /renderError\(|\b40[34]\b|\b409\b|status: 422|422 as const/.test(line))
        .map((line) => `${path}: ${line.trim()}`),
    );
    expect(byHand).toEqual([]);
  });

  it("through the routes: not found 404, forbidden 403, conflict 409, invalid 422, each with its page", async () => {
    const missing = await owner.get("/en/users/999999999999/edit");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("This page does not exist, or you may not see it.");
    const b2b = await userIdOf("B2B");
    await owner.get("/en/users");
    const resend = await owner.post(`/en/users/${b2b}/resend`, {});
    expect(resend.status).toBe(409);
    expect(resend.text).toContain("B2B");
    const rights = await owner.get(`/en/users/${b2b}/rights`);
    const app = rights.text.match(/href="\/en\/users\/\d+\/rights\/([a-z_-]+)"/)?.[1];
    expect(app).toBeDefined();
    await owner.get(`/en/users/${b2b}/rights/${app}`);
    const before = await sql("SELECT count(*) AS n FROM audit_events WHERE action = 'rights.changed'");
    const invalid = await owner.post(`/en/users/${b2b}/rights/${app}`, { item: "no-such-item" });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('class="notice error"');
    expect(await sql("SELECT count(*) AS n FROM audit_events WHERE action = 'rights.changed'")).toEqual(before);
    const margaux = await loggedInAs("margaux");
    const foreign = await margaux.get(`/en/users/${b2b}/rights/${app}`);
    expect(foreign.status).toBe(404);
  });

  it("services and complaints through the mapping: another account's order 404, a reply to a closed complaint 409 with its page, a bad form 422", async () => {
    const { browser: first } = await loggedIn(93);
    const { browser: second } = await loggedIn(94);
    const form = await first.get("/en/services/order");
    const product = form.text.match(/name="product" value="([^"]+)"/)?.[1] ?? "";
    const [row] = await sql<{ step: number }>("SELECT step FROM products WHERE code = ?", [product]);
    const site = form.text.match(/<select id="order-site"[^>]*>[\s\S]*?<option value="(\d+)"/)?.[1] ?? "";
    const placed = await first.post("/en/services/order", { product, quantity: String(row?.step ?? 1), site });
    const order = placed.location?.match(/\/orders\/(\d+)/)?.[1];
    expect(order).toBeDefined();
    expect((await first.get(`/en/services/orders/${order}`)).status).toBe(200);
    const foreign = await second.get(`/en/services/orders/${order}`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).toContain("This page does not exist, or you may not see it.");
    // Another account's site in the order form is "not found", as in the address bar; nothing stored.
    const before = await sql("SELECT count(*) AS n FROM orders");
    expect((await second.post("/en/services/order", { product, quantity: String(row?.step ?? 1), site })).status).toBe(404);
    expect(await sql("SELECT count(*) AS n FROM orders")).toEqual(before);

    const complaints = await first.get("/en/complaints");
    const contract = complaints.text.match(/<select id="complaint-contract"[^>]*>[\s\S]*?<option value="(\d+)"/)?.[1] ?? "";
    const service = complaints.text.match(/<select id="complaint-service"[^>]*>[\s\S]*?<option value="([^"]+)"/)?.[1]?.replaceAll("&amp;", "&") ?? "";
    const invalid = await first.post("/en/complaints", { contract, service, nature: "", comment: "", serviceDate: "" });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('class="notice error"');
    const filed = await first.post("/en/complaints", { contract, service, nature: "other", comment: "Results test", serviceDate: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10) });
    const id = filed.location?.match(/\/complaints\/(\d+)/)?.[1];
    expect(id).toBeDefined();
    expect((await second.get(`/en/complaints/${id}`)).status).toBe(404);
    expect((await first.post(`/en/complaints/${id}/close`, {})).status).toBe(303);
    const reply = await first.post(`/en/complaints/${id}/messages`, { message: "After closing" });
    expect(reply.status).toBe(409);
    expect(reply.text).toContain("Results test");
    expect(await sql("SELECT count(*) AS n FROM thread_messages WHERE body = 'After closing'")).toEqual([{ n: 0 }]);
  });
});

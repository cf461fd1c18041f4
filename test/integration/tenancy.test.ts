import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.tsx";
import { routeKey } from "../../src/lib/routes.ts";
import { loggedInAs } from "./browser.ts";
import { sql } from "./sql.ts";

// Every route that takes a user id, from the app's own route table: a new one is covered at once.
const userRoutes = [
  ...new Set(
    createApp()
      .routes.filter((r) => r.method !== "ALL")
      .map((r) => routeKey(r.method, r.path)),
  ),
].filter((key) => / \/users\/:id/.test(key));

describe("tenancy: another account's id is a 404", () => {
  it("covers the routes that take a user id", () => {
    expect(userRoutes.length).toBeGreaterThan(3);
  });

  it.each(userRoutes)("%s with a user of another account → 404, nothing changed", async (key) => {
    // margaux belongs to the mobile account; DATATEAM administers the postal account.
    const [margaux] = await sql<{ id: number; status: string }>("SELECT id, status FROM users WHERE username = 'margaux'");
    const before = await sql("SELECT * FROM grants g JOIN memberships m ON m.id = g.membership_id WHERE m.user_id = ?", [margaux!.id]);
    const owner = await loggedInAs("DATATEAM");
    const [method, path] = key.split(" ") as [string, string];
    const url = `/en${path.replace(":id", String(margaux!.id)).replace(":app", "fleet")}`;
    if (method === "POST") await owner.get("/en/users");
    const response = method === "GET" ? await owner.get(url) : await owner.post(url, { firstName: "X", lastName: "Y", email: "x@example.be", language: "en", gender: "x", profile: "portal" });
    expect(response.status).toBe(404);
    const [after] = await sql<{ status: string }>("SELECT status FROM users WHERE id = ?", [margaux!.id]);
    expect(after!.status).toBe(margaux!.status);
    expect(await sql("SELECT * FROM grants g JOIN memberships m ON m.id = g.membership_id WHERE m.user_id = ?", [margaux!.id])).toEqual(before);
  });
});

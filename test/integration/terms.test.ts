import { describe, expect, it } from "vitest";
import { forgetTermsCache } from "../../src/lib/terms.ts";
import { loggedIn, TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";

describe("terms of use", () => {
  it("login records acceptance of the current version", async () => {
    const { account } = await loggedIn(40);
    const rows = await sql<{ version: string }>(
      "SELECT v.version FROM terms_acceptances a JOIN terms_versions v ON v.id = a.terms_version_id JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ?",
      [account.customerNumber],
    );
    expect(rows.map((r) => r.version)).toEqual(["2025.1"]);
  });

  it("login without accepting the terms is refused", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/login");
    const r = await browser.post("/en/login", { contractNumber: "800041", customerNumber: "700041", code: "abcdef" });
    expect(r.status).toBe(422);
    expect(r.text).toContain("Accept the terms and conditions to log in.");
  });

  it("a newer version is shown and must be accepted before anything else", async () => {
    const { browser, account } = await loggedIn(42);
    expect((await browser.get("/en/home")).status).toBe(200);
    // In force from now (a version applies from its effective_at, not from its id).
    const now = Date.now();
    await sql(
      "INSERT INTO terms_versions (version, published_at, effective_at, body_nl, body_fr, body_en) VALUES ('2026.1', ?, ?, 'Nieuwe voorwaarden', 'Nouvelles conditions', 'New terms, version 2026')",
      [now, now],
    );
    forgetTermsCache();
    try {
      const blocked = await browser.get("/en/home");
      expect(blocked.status).toBe(303);
      expect(blocked.location).toBe("/en/terms/accept");
      const page = await browser.get("/en/terms/accept");
      expect(page.text).toContain("New terms, version 2026");
      const versionId = page.text.match(/name="version" value="(\d+)"/)![1]!;
      const refused = await browser.post("/en/terms/accept", { version: versionId });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain("Tick the box");
      const accepted = await browser.post("/en/terms/accept", { version: versionId, accept: "on" });
      expect(accepted.status).toBe(303);
      expect((await browser.get("/en/home")).status).toBe(200);
      const rows = await sql("SELECT 1 FROM terms_acceptances a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND a.terms_version_id = ?", [
        account.customerNumber,
        Number(versionId),
      ]);
      expect(rows).toHaveLength(1);
    } finally {
      // Other test files log in against the original version.
      await sql("DELETE FROM terms_acceptances WHERE terms_version_id = (SELECT id FROM terms_versions WHERE version = '2026.1')");
      await sql("DELETE FROM terms_versions WHERE version = '2026.1'");
      forgetTermsCache();
    }
  });
});

import { describe, expect, it } from "vitest";
import { loggedInAs } from "./browser.ts";
import { billingFr } from "../../src/i18n/billing/fr.ts";

describe("colons come from the catalogs, with French typography", () => {
  it("Balance in French: the open amount and the payment method labels end in a no-break space and a colon", async () => {
    const browser = await loggedInAs("margaux", undefined, "fr");
    const page = await browser.get("/fr/balance");
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<strong>${billingFr.openAmount}\u00a0:</strong>`);
    expect(page.text).toContain(`<strong>${billingFr.method}\u00a0:</strong>`);
    expect(page.text).not.toMatch(/[^\u00a0]:<\/strong>/);
  });
});

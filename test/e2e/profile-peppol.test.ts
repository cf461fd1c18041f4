import { createClient } from "@libsql/client/web";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import type { Seller } from "../../src/features/documents/ubl.ts";
import { deliverNewDocuments } from "../../src/features/einvoice/deliveries.ts";
import { devPeppolSender } from "../../src/features/einvoice/peppol-sender.ts";
import { catalogs, fill } from "../../src/lib/i18n.ts";
import { expectAccessible, launch, logInWithPassword, newContext } from "./chromium.ts";

/**
 * #12: the postal customer's Access Owner chooses Peppol in My profile, sees the confirmation,
 * and after the next delivery run the documents list and the document's page say how the new
 * invoice went out. JavaScript on (htmx swaps the block; axe-core clean) and off (plain forms).
 */
const t = catalogs.en;
const e = t.einvoice;
const POSTAL = "0001023456";
const PASSWORD = "Loket-Demo-2026";
// The demo provider of wrangler.toml [vars].
const seller: Seller = {
  name: "Loket Demo",
  enterpriseNumber: "0123456749",
  vatNumber: "BE0123456749",
  street: "Rue de l'Exemple 1",
  postcode: "1000",
  city: "Brussel",
  country: "BE",
  iban: "BE68539007547034",
  bic: "GKCCBEBB",
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function sql(statement: string, args: (string | number)[] = []) {
  const client = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
  try {
    return (await client.execute({ sql: statement, args })).rows;
  } finally {
    client.close();
  }
}

describe("Peppol: choose it in the profile, see the invoice delivered", () => {
  for (const javaScript of [true, false]) {
    it(`JavaScript ${javaScript ? "on" : "off"}`, async () => {
      const typed = javaScript ? "0208:0403170701" : "BE0123.456.749";
      const id = javaScript ? "0208:0403170701" : "0208:0123456749";
      const reference = javaScript ? "E2E-PEPPOL-ON" : "E2E-PEPPOL-OFF";
      const page: Page = await (await newContext(browser, { javaScript })).newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        // The expected 422 of the wrong identifier is an answer, not an error.
        if (m.type() === "error" && !m.text().includes("status of 422")) errors.push(m.text());
      });
      await logInWithPassword(page, "DATATEAM", PASSWORD);
      await page.goto("/en/profile");
      const block = page.locator("#profile-zoomit");
      // A wrong check digit first: the message next to the field, what was typed kept.
      await block.getByLabel(e.channelPeppol, { exact: true }).check();
      await block.getByLabel(e.peppolId, { exact: true }).fill("0208:0403170702");
      await block.getByRole("button", { name: t.profile.update, exact: true }).click();
      await expect.poll(() => page.locator("#profile-zoomit").textContent()).toContain(t.errors.peppolCheckDigits);
      expect(await page.locator("#profile-zoomit").getByLabel(e.peppolId, { exact: true }).inputValue()).toBe("0208:0403170702");
      if (javaScript) await expectAccessible(page);

      await page.locator("#profile-zoomit").getByLabel(e.peppolId, { exact: true }).fill(typed);
      await page.locator("#profile-zoomit").getByRole("button", { name: t.profile.update, exact: true }).click();
      await expect.poll(() => page.locator("#profile-zoomit").textContent()).toContain(fill(e.peppolSaved, { id }));
      expect(await page.locator("#profile-zoomit").getByLabel(e.channelPeppol, { exact: true }).isChecked()).toBe(true);
      if (javaScript) await expectAccessible(page);

      // A new invoice, then the cron's delivery run (here called directly, for this customer only).
      const [customer] = await sql("SELECT id FROM customers WHERE customer_number = ?", [POSTAL]);
      const customerId = Number(customer!.id);
      await sql(
        "INSERT INTO documents (customer_id, kind, reference, document_date, available_at, amount_cents, vat_cents, open_cents, due_date) VALUES (?, 'invoice', ?, '2026-11-30', ?, 12100, 2100, 12100, '2026-12-30')",
        [customerId, reference, Date.now()],
      );
      const db = createDb(inject("dbUrl"), inject("dbToken"));
      const run = await deliverNewDocuments(db, devPeppolSender(db), seller, Date.now(), { customerIds: [customerId] });
      expect(run.sent).toBe(1);

      await page.goto("/en/documents?tab=invoice");
      const cell = page.locator(`td[data-delivery="${reference}"]`);
      await expect.poll(() => cell.textContent()).toMatch(/^Peppol · sent \d{2}\/\d{2}\/\d{4}$/);
      if (javaScript) await expectAccessible(page);
      await cell.getByRole("link").click();
      await page.waitForURL(/\/en\/documents\/\d+$/);
      await expect.poll(() => page.locator("main h1").textContent()).toBe(`Invoice ${reference}`);
      const row = page.locator('tr[data-delivery="peppol"]');
      expect(await row.textContent()).toContain(id);
      expect(await row.textContent()).toContain(e.statuses.sent);
      if (javaScript) await expectAccessible(page);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loggedIn } from "./browser.ts";
import { sql } from "./sql.ts";

describe("profile (manual p.9)", () => {
  it("shows the three blocks with their values; N.A. for the national number under code login", async () => {
    const { browser, account } = await loggedIn(20);
    const page = await browser.get("/en/profile");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Contact information for the customer area");
    expect(page.text).toContain("How do you like to receive our offers?");
    expect(page.text).toContain("Zoomit settings");
    expect(page.text).toContain(`value="${account.email}"`);
    expect(page.text).toContain("N.A. (login by code)");
  });

  it("updates the contact block, stores it and audits before → after", async () => {
    const { browser, account } = await loggedIn(21);
    await browser.get("/en/profile");
    const r = await browser.post("/en/profile/contact", { email: "new.address@example.be", phone: "0470 12 34 56" });
    expect(r.status).toBe(303);
    expect(r.location).toBe("/en/profile?saved=contact");
    const page = await browser.get(r.location!);
    expect(page.text).toContain("Your changes have been saved.");
    expect(page.text).toContain('value="new.address@example.be"');
    expect(page.text).toContain('value="0470 12 34 56"');
    const [stored] = await sql<{ email: string; phone: string }>("SELECT email, phone FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = ?", [
      account.customerNumber,
    ]);
    expect(stored).toEqual({ email: "new.address@example.be", phone: "+32470123456" });
    const audit = await sql<{ action: string; before: string; after: string }>(
      "SELECT action, before, after FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND action = 'profile.contact'",
      [account.customerNumber],
    );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before)).toEqual({ email: account.email, phone: account.phone });
    expect(JSON.parse(audit[0]!.after)).toEqual({ email: "new.address@example.be", phone: "+32470123456" });
    // The same form sent twice (a double click) writes and audits nothing more.
    await browser.get("/en/profile");
    const again = await browser.post("/en/profile/contact", { email: "new.address@example.be", phone: "0470 12 34 56" });
    expect(again.location).toBe("/en/profile?unchanged=contact");
    expect(await sql("SELECT a.id FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND action = 'profile.contact'", [account.customerNumber])).toHaveLength(1);
  });

  it("htmx gets only the block back, swapped in place", async () => {
    const { browser } = await loggedIn(22);
    await browser.get("/en/profile");
    const r = await browser.post("/en/profile/offers", { offerChannel: "sms" }, { "HX-Request": "true", "HX-Target": "section#profile-offers" });
    expect(r.status).toBe(200);
    expect(r.text.startsWith('<section class="card" id="profile-offers"')).toBe(true);
    expect(r.text).not.toContain("<html");
    expect(r.text).toContain('value="sms" checked');
    expect(r.response.headers.get("Vary")).toContain("HX-Request");
  });

  it.each([
    ["contact", { email: "not-an-email", phone: "" }, "email", "Enter a valid e-mail address"],
    ["contact", { email: "", phone: "" }, "email", "This field is required."],
    ["contact", { email: "a@b.be", phone: "12345" }, "phone", "Enter a Belgian phone number"],
    ["offers", { offerChannel: "pigeon" }, "offerChannel", "Choose one of the options."],
    ["zoomit", { einvoiceChannel: "zoomit", iban: "BE68 5390 0754 7035" }, "iban", "Enter a valid IBAN"],
    ["zoomit", { einvoiceChannel: "fax", iban: "" }, "einvoiceChannel", "Choose one of the options."],
  ])("%s: a bad %j is refused with 422 and an inline message, nothing stored", async (block, form, _field, message) => {
    const n = 23 + ["contact", "offers", "zoomit"].indexOf(block);
    const { browser, account } = await loggedIn(n);
    await browser.get("/en/profile");
    const before = await sql("SELECT * FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = ?", [account.customerNumber]);
    const r = await browser.post(`/en/profile/${block}`, form as Record<string, string>);
    expect(r.status).toBe(422);
    expect(r.text).toContain(message);
    expect(r.text).toContain("Please correct the fields marked below.");
    const fragment = await browser.post(`/en/profile/${block}`, form as Record<string, string>, { "HX-Request": "true", "HX-Target": `section#profile-${block}` });
    expect(fragment.status).toBe(422);
    expect(fragment.text).toContain(message);
    expect(fragment.text).not.toContain("<html");
    const after = await sql("SELECT * FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = ?", [account.customerNumber]);
    expect(after).toEqual(before);
  });

  it("Zoomit with a valid IBAN is stored normalized", async () => {
    const { browser, account } = await loggedIn(26);
    await browser.get("/en/profile");
    const r = await browser.post("/en/profile/zoomit", { einvoiceChannel: "zoomit", iban: "be68 5390 0754 7034" });
    expect(r.status).toBe(303);
    const [row] = await sql<{ einvoice_channel: string; zoomit_iban: string }>(
      "SELECT einvoice_channel, zoomit_iban FROM contact_details cd JOIN customers c ON c.id = cd.customer_id WHERE c.customer_number = ?",
      [account.customerNumber],
    );
    expect(row).toEqual({ einvoice_channel: "zoomit", zoomit_iban: "BE68539007547034" });
  });

  it("stores an XSS payload as text and shows it escaped", async () => {
    const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const { browser, account } = await loggedIn(27);
    await sql("UPDATE customers SET name = ? WHERE customer_number = ?", [payload, account.customerNumber]);
    const home = await browser.get("/en/home");
    expect(home.text).not.toContain("<script>alert");
    expect(home.text).not.toContain("<img src=x");
    expect(home.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    // Reflected input is escaped too.
    await browser.get("/en/profile");
    const r = await browser.post("/en/profile/contact", { email: `"><script>alert(1)</script>`, phone: "" });
    expect(r.status).toBe(422);
    expect(r.text).not.toContain("<script>alert(1)");
    expect(r.text).toContain("&lt;script&gt;");
    expect(r.response.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
  });

  it("profile pages need a session", async () => {
    const response = await SELF.fetch("https://loket.test/en/profile", { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/en/login");
  });
});

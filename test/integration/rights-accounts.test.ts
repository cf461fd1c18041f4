import { describe, expect, it } from "vitest";
import { loggedIn, loggedInAs, TestBrowser } from "./browser.ts";
import { addUser, customerIdOf, logIn, userIdOf } from "./rights-fixtures.ts";
import { sql } from "./sql.ts";

const SESSION = "__Host-loket_session";

/** Home after a switch; the terms gate asks first when that account has not accepted the current terms. */
async function homeOf(browser: TestBrowser) {
  let home = await browser.get("/en/home");
  if (home.location?.endsWith("/terms/accept")) {
    const page = await browser.get("/en/terms/accept");
    const version = page.text.match(/name="version" value="(\d+)"/)?.[1] ?? "";
    await browser.post("/en/terms/accept", { version, accept: "on" });
    home = await browser.get("/en/home");
  }
  return home;
}

async function switchTo(browser: TestBrowser, customerNumber: string) {
  await browser.get("/en/accounts");
  return browser.post("/en/accounts/switch", { customerId: String(await customerIdOf(customerNumber)) });
}

describe("My accounts (004)", () => {
  it("a syndic sees the customers they manage and switches between them, keeping the login", async () => {
    const syndic = await loggedInAs("syndic.zavel");
    const page = await syndic.get("/en/accounts");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<td>439563<\/td><td>Apparthotels NV – Residentie Zavel<\/td><td>Grote Zavel 30, 1000 Brussel<\/td><td>Access Owner<\/td><td><strong>Active account<\/strong>/);
    expect(page.text).toMatch(/<td>439562<\/td><td>Apparthotels NV – Residentie Kunst<\/td><td>Kunstlaan 8, 1000 Brussel<\/td><td>Portal User<\/td>/);
    expect(page.text).not.toContain("<td>439561</td>");
    expect(page.text).toContain('Switch to this account<span class="skip"> (439562)</span>');

    const before = syndic.cookies.get(SESSION);
    const switched = await switchTo(syndic, "439562");
    expect(switched.status).toBe(303);
    expect(switched.location).toBe("/en/home");
    expect(syndic.cookies.get(SESSION)).not.toBe(before);
    const home = await homeOf(syndic);
    expect(home.status).toBe(200);
    expect(home.text).toContain("Apparthotels NV – Residentie Kunst");
    expect(home.text).toContain("Customer number: 439562");
    // The old session id is worth nothing now.
    const stranger = new TestBrowser();
    stranger.cookies.set(SESSION, before!);
    expect((await stranger.get("/en/home")).status).toBe(303);
    // As a Portal User of 439562 the syndic has no owner pages there.
    expect((await syndic.get("/en/history")).status).toBe(403);
    const [audit] = await sql<{ actor: string; before: string; after: string }>(
      "SELECT a.actor, a.before, a.after FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = '439562' AND a.action = 'account.switched' ORDER BY a.id DESC LIMIT 1",
    );
    expect(audit?.actor).toBe(`user:${await userIdOf("syndic.zavel")}`);
    expect(JSON.parse(audit!.before)).toEqual({ customer: "439563" });
    expect(JSON.parse(audit!.after)).toEqual({ customer: "439562" });

    // Not theirs: the head office.
    const session = syndic.cookies.get(SESSION);
    const refused = await switchTo(syndic, "439561");
    expect(refused.status).toBe(404);
    expect(syndic.cookies.get(SESSION)).toBe(session);
    expect((await syndic.get("/en/home")).text).toContain("Customer number: 439562");
    expect((await syndic.post("/en/accounts/switch", { customerId: "999999" })).status).toBe(404);
    expect((await syndic.post("/en/accounts/switch", { customerId: "abc" })).status).toBe(404);

    // And back.
    expect((await switchTo(syndic, "439563")).status).toBe(303);
    expect((await homeOf(syndic)).text).toContain("Customer number: 439563");
  });

  it("the head office's owner switches to a building", async () => {
    const head = await loggedInAs("apparthotels");
    expect((await homeOf(head)).text).toContain("Customer number: 439561");
    expect((await switchTo(head, "439563")).status).toBe(303);
    const home = await homeOf(head);
    expect(home.text).toContain("Apparthotels NV – Residentie Zavel");
    expect(home.text).toContain("Customer number: 439563");
  });

  it("an owner of a head office only reaches its buildings through it, as their Access Owner", async () => {
    const owner = await addUser({ account: "439561", profile: "owner" });
    const browser = await logIn(owner);
    const page = await browser.get("/en/accounts");
    expect(page.text).toContain("Buildings and affiliated companies of your head office");
    expect(page.text).toMatch(/<td>439562<\/td><td>Apparthotels NV – Residentie Kunst<\/td><td>[^<]*<\/td><td>Access Owner, through 439561<\/td>/);
    expect(page.text).toContain("<td>439563</td>");
    // Search narrows both lists.
    const searched = await browser.get("/en/accounts?q=Kunst");
    expect(searched.text).toContain("<td>439562</td>");
    expect(searched.text).not.toContain("<td>439563</td>");

    expect((await switchTo(browser, "439562")).status).toBe(303);
    const home = await homeOf(browser);
    expect(home.text).toContain("Customer number: 439562");
    // Acting as the building's Access Owner: its history is theirs to see.
    expect((await browser.get("/en/history")).status).toBe(200);
    // A building is not a way up to another head office's buildings, nor to an unrelated account.
    expect((await switchTo(browser, "0001023456")).status).toBe(404);
  });

  it("a login by code has its one account: shown, no switching", async () => {
    const { browser, account } = await loggedIn(57);
    const page = await browser.get("/en/accounts");
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<td>${account.customerNumber}</td>`);
    expect(page.text).toContain("You logged in with a login code");
    expect(page.text).not.toContain('action="/en/accounts/switch"');
    const session = browser.cookies.get(SESSION);
    const refused = await browser.post("/en/accounts/switch", { customerId: String(await customerIdOf("439561")) });
    expect(refused.status).toBe(404);
    expect(browser.cookies.get(SESSION)).toBe(session);
    expect((await browser.get("/en/home")).text).toContain(`Customer number: ${account.customerNumber}`);
  });

  it("My accounts needs a session", async () => {
    const anonymous = new TestBrowser();
    const page = await anonymous.get("/en/accounts");
    expect(page.status).toBe(303);
    expect(page.location).toBe("/en/login");
  });
});

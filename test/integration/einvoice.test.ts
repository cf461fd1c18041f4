import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sha256Hex } from "../../src/lib/crypto.ts";
import { outbox, TestBrowser } from "./browser.ts";
import { addCustomer, loggedInCustomer } from "./calendar-fixtures.ts";
import { sql } from "./sql.ts";

const account = { number: "952001", contract: "9952001", email: "beheer@einvoice.test" };
const first = "facturen@einvoice.test";
const second = "boekhouding@einvoice.test";
let browser: TestBrowser;

type Row = { einvoice_channel: string; einvoice_email: string | null; einvoice_email_pending: string | null };
const stored = async () =>
  (
    await sql<Row>("SELECT einvoice_channel, einvoice_email, einvoice_email_pending FROM contact_details WHERE customer_id = (SELECT id FROM customers WHERE customer_number = ?)", [account.number])
  )[0];
const audit = async (action: string) =>
  sql<{ actor: string; before: string; after: string }>(
    "SELECT a.actor, a.before, a.after FROM audit_events a JOIN customers c ON c.id = a.customer_id WHERE c.customer_number = ? AND a.action = ? ORDER BY a.id",
    [account.number, action],
  );

/** The confirmation link as the recipient reads it in the newest message to them. */
async function linkSentTo(recipient: string): Promise<string> {
  const message = (await outbox()).find((m) => m.recipient === recipient);
  const link = message?.body.match(/https:\/\/loket\.test(\/en\/einvoice\/confirm\/[A-Za-z0-9_-]+)/)?.[1];
  if (!link) throw new Error(`no confirmation link sent to ${recipient}`);
  return link;
}

async function ask(email: string) {
  await browser.get("/en/profile");
  return browser.post("/en/profile/zoomit", { einvoiceChannel: "email", einvoiceEmail: email, iban: "" });
}

beforeAll(async () => {
  await addCustomer(account.number, account.contract, { street: "Factuurstraat 1", postcode: "2000", city: "Antwerpen" }, account.email);
  browser = await loggedInCustomer(account.number, account.contract, account.email);
}, 30_000);

afterEach(() => {
  vi.useRealTimers();
});

describe("e-invoicing by e-mail (002 GreenBill): active only after the link is followed", () => {
  it("offers paper, by e-mail and Zoomit", async () => {
    const page = await browser.get("/en/profile");
    expect(page.text).toContain('name="einvoiceChannel" value="paper" checked');
    expect(page.text).toContain('value="email"');
    expect(page.text).toContain('value="zoomit"');
    expect(page.text).toContain("E-mail address for invoices");
  });

  it("an invalid address is refused inline, nothing stored or sent", async () => {
    const r = await ask("not-an-address");
    expect(r.status).toBe(422);
    expect(r.text).toContain("Enter a valid e-mail address");
    expect((await stored())!.einvoice_email_pending).toBeNull();
    expect(await sql("SELECT id FROM email_confirmations WHERE email = 'not-an-address'")).toHaveLength(0);
  });

  it("asking sends a link to that address; the channel stays as it was until the link is followed; reuse is refused", async () => {
    const r = await ask(first);
    expect(r.status).toBe(303);
    expect(r.location).toBe("/en/profile?confirmationSent=zoomit");
    const page = await browser.get(r.location!);
    expect(page.text).toContain(`We sent a confirmation link to ${first}.`);
    expect(page.text).toContain('name="einvoiceChannel" value="paper" checked');
    expect(await stored()).toEqual({ einvoice_channel: "paper", einvoice_email: null, einvoice_email_pending: first });

    // The link goes to the new address, not to the profile's contact address; only its hash is stored.
    const link = await linkSentTo(first);
    const token = link.split("/").at(-1)!;
    const [confirmation] = await sql<{ token_hash: string; expires_at: number; created_at: number; used_at: number | null }>(
      "SELECT token_hash, expires_at, created_at, used_at FROM email_confirmations WHERE email = ?",
      [first],
    );
    expect(confirmation!.token_hash).toBe(await sha256Hex(token));
    expect(confirmation!.expires_at - confirmation!.created_at).toBe(24 * 3600 * 1000);
    expect(await sql("SELECT id FROM email_confirmations WHERE token_hash = ?", [token])).toHaveLength(0);
    const requested = await audit("profile.einvoice.request");
    expect(requested).toHaveLength(1);
    expect(JSON.parse(requested[0]!.before)).toEqual({ einvoiceEmailPending: null });
    expect(JSON.parse(requested[0]!.after)).toEqual({ einvoiceEmailPending: first });

    // A double submit sends no second link.
    const again = await ask(first);
    expect(again.location).toBe("/en/profile?unchanged=zoomit");
    expect(await sql("SELECT id FROM email_confirmations WHERE email = ?", [first])).toHaveLength(1);

    const waiting = await browser.get("/en/profile");
    expect(waiting.text).toContain(`Waiting for confirmation of ${first}`);

    // Following the link needs no session: the token is the authorization.
    const stranger = new TestBrowser();
    const confirmed = await stranger.get(link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain(`From now on your invoices are sent by e-mail to ${first}.`);
    expect(await stored()).toEqual({ einvoice_channel: "email", einvoice_email: first, einvoice_email_pending: null });
    const [used] = await sql<{ used_at: number | null }>("SELECT used_at FROM email_confirmations WHERE email = ?", [first]);
    expect(used!.used_at).not.toBeNull();
    const confirmedAudit = await audit("profile.einvoice.confirm");
    expect(confirmedAudit).toHaveLength(1);
    expect(JSON.parse(confirmedAudit[0]!.before)).toEqual({ einvoiceChannel: "paper", einvoiceEmail: null, einvoiceEmailPending: first });
    expect(JSON.parse(confirmedAudit[0]!.after)).toEqual({ einvoiceChannel: "email", einvoiceEmail: first, einvoiceEmailPending: null });

    const reused = await stranger.get(link);
    expect(reused.status).toBe(410);
    expect(reused.text).toContain("This confirmation link is no longer valid");
    expect(await audit("profile.einvoice.confirm")).toHaveLength(1);

    const profile = await browser.get("/en/profile");
    expect(profile.text).toContain(`Your invoices are sent by e-mail to ${first}.`);
    expect(profile.text).toContain('name="einvoiceChannel" value="email" checked');
  });

  it("a link followed after 24 hours is refused and changes nothing", async () => {
    await ask(second);
    const link = await linkSentTo(second);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 3600 * 1000 + 1000);
    const late = await new TestBrowser().get(link);
    expect(late.status).toBe(410);
    expect(late.text).toContain("it has expired (after 24 hours)");
    vi.useRealTimers();
    expect(await stored()).toEqual({ einvoice_channel: "email", einvoice_email: first, einvoice_email_pending: second });
    expect(await audit("profile.einvoice.confirm")).toHaveLength(1);
  });

  it("choosing paper voids a waiting link and is audited", async () => {
    await ask("nieuw@einvoice.test");
    const link = await linkSentTo("nieuw@einvoice.test");
    await browser.get("/en/profile");
    const r = await browser.post("/en/profile/zoomit", { einvoiceChannel: "paper", einvoiceEmail: "", iban: "" });
    expect(r.location).toBe("/en/profile?saved=zoomit");
    expect(await stored()).toEqual({ einvoice_channel: "paper", einvoice_email: null, einvoice_email_pending: null });
    const changes = await audit("profile.zoomit");
    expect(JSON.parse(changes.at(-1)!.before)).toEqual({ einvoiceChannel: "email", einvoiceEmail: first, einvoiceEmailPending: "nieuw@einvoice.test" });
    expect(JSON.parse(changes.at(-1)!.after)).toEqual({ einvoiceChannel: "paper", einvoiceEmail: null, einvoiceEmailPending: null });
    expect((await new TestBrowser().get(link)).status).toBe(410);
    expect((await stored())!.einvoice_channel).toBe("paper");
  });

  it("an unknown token is refused with a clear page", async () => {
    const r = await new TestBrowser().get("/nl/einvoice/confirm/bestaat-niet-bestaat-niet-123");
    expect(r.status).toBe(410);
    expect(r.text).toContain("Deze bevestigingslink is niet meer geldig");
  });
});

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/lib/env.ts";
import { addDocument, billingCustomer, codeLogin } from "./billing-fixtures.ts";
import { loggedIn, loggedInAs, type TestBrowser } from "./browser.ts";
import { addCustomer, addDays, dayFromToday, loggedInCustomer } from "./calendar-fixtures.ts";
import { pdfText } from "./pdf-text.ts";
import { addUser, userIdOf } from "./users-fixtures.ts";
import { sql } from "./sql.ts";

const E = env as unknown as Env;
const NBSP = "\u00A0";

/** Text as a reader sees it: tags dropped, the entities the renderer writes decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t\r\n]+/g, " ");

async function bytesOf(browser: TestBrowser, path: string): Promise<{ status: number; bytes: Uint8Array }> {
  const { SELF } = await import("cloudflare:test");
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await SELF.fetch(`https://loket.test${path}`, { headers: { Cookie: cookie, "CF-Connecting-IP": browser.ip } });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe("every user-visible value in the user's language (issue #8, item 3)", () => {
  it("user statuses and profile names are words of the page's language, not codes", async () => {
    const invited = await addUser({ prefix: "invited.", status: "INVITED" });
    const owner = await loggedInAs("DATATEAM", undefined, "nl");
    const nl = text((await owner.get(`/nl/users?q=${invited.username}`)).text);
    expect(nl).toContain("Uitgenodigd");
    expect(nl).not.toContain("INVITED");
    const fr = text((await owner.get(`/fr/users?q=${invited.username}`)).text);
    expect(fr).toContain("Invité");
    expect(fr).not.toContain("INVITED");
    const edit = text((await owner.get(`/fr/users/${invited.id}/edit`)).text);
    expect(edit).toContain("Utilisateur du portail (Portal User)");
    const accounts = text((await owner.get("/fr/accounts")).text);
    expect(accounts).toContain("Propriétaire des accès");
    expect(accounts).not.toContain("Access Owner");
  });

  it("offers no language the portal lacks: no Deutsch to choose, and 'de' is refused", async () => {
    const owner = await loggedInAs("DATATEAM");
    const form = await owner.get("/en/users/new");
    expect(form.text).toContain('<option value="en"');
    expect(form.text).not.toContain("Deutsch");
    expect(form.text).not.toContain('value="de"');
    const refused = await owner.post("/en/users/new", {
      username: `de.${crypto.randomUUID().slice(0, 8)}`,
      email: "de@users.example",
      firstName: "Dora",
      lastName: "Deutsch",
      gender: "f",
      language: "de",
      profile: "portal",
    });
    expect(refused.status).toBe(422);
  });

  it("History shows actions, fields and values as a person reads them, with names instead of ids", async () => {
    const { browser, account } = await loggedIn(59, "en");
    const [customer] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [account.customerNumber]);
    const datateam = await userIdOf("DATATEAM");
    const [app] = await sql<{ name_en: string; name_fr: string }>("SELECT name_en, name_fr FROM applications WHERE code = 'emasspost'");
    const [fn] = await sql<{ name_en: string; name_fr: string }>(
      "SELECT f.name_en, f.name_fr FROM application_functions f JOIN applications a ON a.id = f.application_id WHERE a.code = 'emasspost' AND f.code = 'price_view'",
    );
    await sql("INSERT INTO scopes (customer_id, application_id, kind, ref, label) SELECT ?, id, 'product', 'P1', 'Brief' FROM applications WHERE code = 'emasspost'", [customer!.id]);
    const at = Date.now() + 60_000;
    const created = {
      id: 999_999,
      username: "Nadia.Readable",
      firstName: "Nadia",
      language: "fr",
      status: "INVITED",
      profile: "portal",
      manageUsers: true,
      thirdPartyId: null,
      createdByUserId: datateam,
      createdByLabel: "DATATEAM",
    };
    const rights = (functions: string[], scopes: string[]) => JSON.stringify({ user: "Nadia.Readable", application: "emasspost", functions, scopes });
    await sql("INSERT INTO audit_events (at, actor, customer_id, action, before, after) VALUES (?, ?, ?, 'user.created', NULL, ?)", [at, `user:${datateam}`, customer!.id, JSON.stringify(created)]);
    await sql("INSERT INTO audit_events (at, actor, customer_id, action, before, after) VALUES (?, ?, ?, 'rights.changed', ?, ?)", [
      at + 1,
      `user:${datateam}`,
      customer!.id,
      rights([], []),
      rights(["price_view"], ["P1"]),
    ]);

    const en = text((await browser.get("/en/history")).text);
    expect(en).toContain("User created");
    expect(en).toContain("created by: DATATEAM");
    expect(en).toContain("status: Invited");
    expect(en).toContain("profile: Portal User");
    expect(en).toContain("language: Français");
    expect(en).toContain("manages users: yes");
    expect(en).toContain(`application: ${app!.name_en}`);
    expect(en).toContain(`access rights: — → ${fn!.name_en}`);
    expect(en).toContain("scopes: — → Brief");
    for (const raw of ["user.created", "createdByUserId", "createdByLabel", "INVITED", "price_view", "P1", "999999"]) expect(en).not.toContain(raw);

    const fr = text((await browser.get("/fr/history")).text);
    expect(fr).toContain("Utilisateur créé");
    expect(fr).toContain(`statut${NBSP}: Invité`);
    expect(fr).toContain(`créé par${NBSP}: DATATEAM`);
    expect(fr).toContain(`application${NBSP}: ${app!.name_fr}`);
    expect(fr).toContain(`accès${NBSP}: — → ${fn!.name_fr}`);
    expect(fr).not.toContain("user.created");
  });

  it("waste fractions in the page, the .ics and the PDF are in the user's language", async () => {
    const ids = await addCustomer("960301", "860301", { street: "Afvalstraat 3", postcode: "1000", city: "Brussel" }, "kal960301@test.example");
    await addDays(ids.contractId, [
      { date: dayFromToday(1), fraction: "Restafval" },
      { date: dayFromToday(2), fraction: "Papier-karton" },
    ]);
    const browser = await loggedInCustomer("960301", "860301", "kal960301@test.example", "en");
    const page = await browser.get("/en/calendar");
    expect(page.text).toContain("<td>Residual waste</td>");
    expect(page.text).toContain("<td>Paper and cardboard</td>");
    expect(page.text).not.toContain("<td>Restafval</td>");
    const ics = await browser.get(`/en/calendar/${ids.contractId}.ics`);
    expect(ics.text).toContain("SUMMARY:Residual waste");
    const pdf = await pdfText((await bytesOf(browser, `/en/calendar/${ids.contractId}.pdf`)).bytes);
    expect(pdf).toContain("Residual waste");
    expect(pdf).not.toContain("Restafval\n");
    const fr = await pdfText((await bytesOf(browser, `/fr/calendar/${ids.contractId}.pdf`)).bytes);
    expect(fr).toContain("Déchets résiduels");
    expect(fr).toContain(`Identification du contrat${NBSP}: 860301`);
  });

  it("an invoice PDF is in the reader's language, stored once per language, French amounts with no-break spaces", async () => {
    const customer = await billingCustomer(8);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
    const id = await addDocument(customer, { reference: "LANG-PDF-1", date: today, amountCents: 1_234_560, openCents: 1_234_560, communication: "090933755493" });
    const browser = await codeLogin(customer, 8, "fr");

    const fr = await bytesOf(browser, `/fr/documents/${id}/pdf`);
    expect(fr.status).toBe(200);
    const frText = await pdfText(fr.bytes);
    expect(frText).toContain("Facture LANG-PDF-1");
    expect(frText).toContain(`12${NBSP}345,60${NBSP}€`);
    expect(frText).not.toContain("12?345");
    expect(frText).toContain("Veuillez payer par virement sur le compte");

    const en = await pdfText((await bytesOf(browser, `/en/documents/${id}/pdf`)).bytes);
    expect(en).toContain("Invoice LANG-PDF-1");
    expect(en).toContain("Please pay by transfer to");
    const nl = await pdfText((await bytesOf(browser, `/nl/documents/${id}/pdf`)).bytes);
    expect(nl).toContain("Factuur LANG-PDF-1");

    for (const locale of ["fr", "en", "nl"]) expect(await E.FILES!.get(`documents/${customer.customerId}/${id}.${locale}.pdf`), locale).not.toBeNull();
    const again = await bytesOf(browser, `/fr/documents/${id}/pdf`);
    expect(again.bytes).toEqual(fr.bytes);
  });

  it("labels carry their colon from the catalog: a no-break space before it in French", async () => {
    const { browser } = await loggedIn(60, "fr");
    const profile = (await browser.get("/fr/profile")).text;
    expect(profile).toContain(`Numéro de registre national${NBSP}:`);
    expect(profile).toContain("Sans objet (connexion par code)");
    expect(profile).not.toContain("Numéro de registre national:");
  });

  it("a count reads as a plural only when it is one: the document selection", async () => {
    const customer = await billingCustomer(9);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
    const id = await addDocument(customer, { reference: "PLURAL-1", date: today, amountCents: 1000, openCents: 0 });
    const browser = await codeLogin(customer, 9, "fr");
    await browser.get("/fr/documents?tab=invoice");
    const after = await browser.post("/fr/documents/selection", { shown: String(id), selected: String(id) });
    const page = after.location ? await browser.get(after.location) : after;
    expect(text(page.text)).toContain("1 document sélectionné");
    expect(page.text).not.toContain("sélectionné(s)");
  });
});

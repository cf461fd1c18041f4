import { beforeAll, describe, expect, it } from "vitest";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { loggedInAs, type TestBrowser } from "./browser.ts";
import { createLine, memberWithLine, nextChristmas, nextIccid, nextSaturday, nextWorkingDay, typed } from "./fleet-actions-fixtures.ts";
import { sql } from "./sql.ts";

const NEW = "/en/fleet/lines/new";
let margaux: TestBrowser;
let ids: { dataNational: number; dataAsia: number; voice: number; limitless: number; mobile1: number; billing: number };

beforeAll(async () => {
  margaux = await loggedInAs("margaux");
  const [row] = await sql<typeof ids>(
    `SELECT (SELECT id FROM fleet_options WHERE code = 'data_national_10gb') AS dataNational, (SELECT id FROM fleet_options WHERE code = 'data_asia_business_600mb') AS dataAsia,
            (SELECT id FROM fleet_options WHERE code = 'voice_national_100min') AS voice, (SELECT id FROM tariff_plans WHERE code = 'mobile_limitless') AS limitless,
            (SELECT id FROM tariff_plans WHERE code = 'mobile_1') AS mobile1, (SELECT id FROM billing_accounts WHERE number = '100457319') AS billing`,
  );
  ids = row!;
}, 30_000);

const stored = async (iccid: string) => (await sql<{ n: number }>("SELECT count(*) AS n FROM mobile_lines WHERE iccid = ?", [iccid]))[0]!.n;

/** Walks the steps up to (not including) `until`, each answering 303 to the next. */
async function walk(browser: TestBrowser, iccid: string, until: string, number: Record<string, string> = { numberChoice: "new" }) {
  const steps: [string, Record<string, string>][] = [
    ["sim", { iccid }],
    ["split", { splitBill: "no" }],
    ["user", { description: "Sales 12", title: "mrs", firstName: "Nora", lastName: "Nieuw", birthDate: "2000-02-01", email: "nora.nieuw@havenlogistiek.be", phone: "0470 12 34 56", language: "nl" }],
    ["plan", { plan: String(ids.mobile1) }],
    ["options", { options: String(ids.voice) }],
    ["billing", { billingAccount: String(ids.billing) }],
    ["number", number],
  ];
  const startAt = await browser.get(NEW);
  expect(startAt.status).toBe(303);
  for (const [step, form] of steps) {
    if (step === until) return;
    await browser.get(`${NEW}/${step}`);
    const answer = await browser.post(`${NEW}/${step}`, form);
    expect(answer.status, `${step}: ${answer.text.slice(0, 200)}`).toBe(303);
  }
}

describe("add a SIM card (wizard of 003), without JavaScript", () => {
  it("goes through every step with 303s, Back keeps the values, and creates the line PENDING with its options and audit event", async () => {
    const iccid = nextIccid();
    const start = await margaux.get(NEW);
    expect(start.status).toBe(303);
    expect(start.location).toBe(`${NEW}/sim`);
    // A step further on cannot be opened before the ones before it.
    expect((await margaux.get(`${NEW}/plan`)).location).toBe(`${NEW}/sim`);

    const sim = await margaux.get(`${NEW}/sim`);
    expect(sim.status).toBe(200);
    expect(sim.text).toContain("Configure the SIM card");
    expect(sim.text).toContain('action="/en/fleet/lines/new/sim"');
    const afterSim = await margaux.post(`${NEW}/sim`, { iccid: iccid.replace(/(\d{4})/g, "$1 ") });
    expect(afterSim.status).toBe(303);
    expect(afterSim.location).toBe(`${NEW}/split`);

    await margaux.get(`${NEW}/split`);
    expect((await margaux.post(`${NEW}/split`, { splitBill: "yes", splitProfile: "" })).status).toBe(422);
    expect(margaux.lastHtml).toContain("This field is required.");
    expect((await margaux.post(`${NEW}/split`, { splitBill: "yes", splitProfile: "New Split Billing Profile #1" })).location).toBe(`${NEW}/user`);

    await margaux.get(`${NEW}/user`);
    const missing = await margaux.post(`${NEW}/user`, { description: "", firstName: "Nora", lastName: "", email: "nope", language: "" });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain("Enter a valid e-mail address");
    expect(missing.text).toContain('value="Nora"');
    const user = { description: "Sales 12", title: "mrs", firstName: "Nora", lastName: "Nieuw", birthDate: "01/02/2000", email: "nora.nieuw@havenlogistiek.be", phone: "", language: "nl" };
    expect((await margaux.post(`${NEW}/user`, user)).location).toBe(`${NEW}/plan`);

    const plans = await margaux.get(`${NEW}/plan`);
    expect(plans.text).toContain("Mobile 1 – €5.00 per month");
    expect(plans.text).toContain("Mobile Limitless – €33.00 per month");
    expect(plans.text).toContain("Mobile data subscriptions");
    expect((await margaux.post(`${NEW}/plan`, { plan: String(ids.limitless) })).location).toBe(`${NEW}/options`);

    // Data National 10 GB is "not applicable" to Mobile Limitless: shown so, and refused when sent anyway.
    const options = await margaux.get(`${NEW}/options`);
    expect(options.text).toMatch(/id="wizard-option-data_national_10gb"[^>]*disabled/);
    expect(options.text).toContain("Data National 10 GB – Not applicable");
    const refused = await margaux.post(`${NEW}/options`, { options: String(ids.dataNational) });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("not applicable to this tariff plan");

    // Back: the steps before keep what was entered.
    const back = await margaux.get(`${NEW}/plan`);
    expect(back.text).toMatch(new RegExp(`value="${ids.limitless}"[^>]*checked`));
    const backUser = await margaux.get(`${NEW}/user`);
    expect(backUser.text).toContain('value="Nieuw"');
    expect(backUser.text).toContain('value="2000-02-01"');
    expect(backUser.text).toContain("Tariff plan: Mobile Limitless");

    expect((await margaux.post(`${NEW}/options`, { options: String(ids.dataAsia) })).location).toBe(`${NEW}/billing`);
    const billing = await margaux.get(`${NEW}/billing`);
    expect(billing.text).toContain("100457319 Katwilgweg");
    expect((await margaux.post(`${NEW}/billing`, { billingAccount: String(ids.billing) })).location).toBe(`${NEW}/number`);
    const number = await margaux.get(`${NEW}/number`);
    expect(number.text).toMatch(/You get the next free number: 0463 0\d \d\d \d\d\./);
    expect((await margaux.post(`${NEW}/number`, { numberChoice: "new" })).location).toBe(`${NEW}/review`);

    const review = await margaux.get(`${NEW}/review`);
    expect(review.text).toContain(iccid);
    expect(review.text).toContain("Mobile Limitless");
    expect(review.text).toContain("Data Asia business 600 MB");
    expect(review.text).toContain("New Split Billing Profile #1");
    expect(await stored(iccid)).toBe(0);

    const created = await margaux.post(`${NEW}/review`, {});
    expect(created.status).toBe(303);
    const lineId = Number(created.location?.match(/\/en\/fleet\/lines\/(\d+)\/activate\?added=1$/)?.[1]);
    expect(lineId).toBeGreaterThan(0);
    const [line] = await sql<Record<string, string | number | null>>("SELECT * FROM mobile_lines WHERE id = ?", [lineId]);
    expect(line).toMatchObject({
      iccid,
      status: "PENDING",
      description: "Sales 12",
      user_first_name: "Nora",
      user_last_name: "Nieuw",
      user_birth_date: "2000-02-01",
      user_language: "nl",
      split_bill: 1,
      split_bill_profile: "New Split Billing Profile #1",
      billing_account_id: ids.billing,
      porting_number: null,
    });
    expect(String(line!.msisdn)).toMatch(/^04630\d{5}$/);
    expect(String(line!.search_text)).toContain("nora nieuw");
    const lineOptions = await sql<{ option_id: number }>("SELECT option_id FROM line_options WHERE line_id = ?", [lineId]);
    expect(lineOptions.map((o) => o.option_id)).toEqual([ids.dataAsia]);
    const audit = await sql<{ action: string; actor: string; subject: string }>("SELECT action, actor, subject FROM audit_events WHERE subject = ?", [`line:${lineId}`]);
    expect(audit).toEqual([{ action: "fleet.line_added", actor: expect.stringMatching(/^user:\d+$/), subject: `line:${lineId}` }]);

    // The next page: the activation's confirmation, saying the line was added; the draft is gone.
    const next = await margaux.get(created.location!);
    expect(next.status).toBe(200);
    expect(next.text).toContain("The SIM card was added with number 0463 0");
    expect((await margaux.get(NEW)).location).toBe(`${NEW}/sim`);
    expect((await margaux.get(`${NEW}/review`)).location).toBe(`${NEW}/sim`);
  });

  it("refuses a bad ICCID format, a wrong check digit and an ICCID in use (422, nothing kept)", async () => {
    await margaux.get(NEW);
    await margaux.get(`${NEW}/sim`);
    const format = await margaux.post(`${NEW}/sim`, { iccid: "8932 0300 12" });
    expect(format.status).toBe(422);
    expect(format.text).toContain("Enter the 19 or 20 digits of the SIM card number.");
    expect(format.text).toContain('value="8932 0300 12"');
    expect(format.text).toContain('aria-invalid="true"');
    const good = nextIccid();
    const wrong = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    const luhn = await margaux.post(`${NEW}/sim`, { iccid: wrong });
    expect(luhn.status).toBe(422);
    expect(luhn.text).toContain("check digit");
    const demo = withCheckDigit("893204100000000001");
    const taken = await margaux.post(`${NEW}/sim`, { iccid: demo });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain("This SIM card number is already in use.");
    // Nothing moved on: the next step still sends back to the SIM number.
    expect((await margaux.get(`${NEW}/split`)).location).toBe(`${NEW}/sim`);
    expect(await stored(wrong)).toBe(0);
  });

  it("an existing number is ported: number, operator and donor customer number checked, stored on the line", async () => {
    const iccid = nextIccid();
    await walk(margaux, iccid, "number");
    await margaux.get(`${NEW}/number`);
    const bad = await margaux.post(`${NEW}/number`, { numberChoice: "existing", portingNumber: "02 123 45 67", portingOperator: "", portingCustomerNumber: "" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Enter a Belgian mobile number");
    expect(bad.text).toContain("This field is required.");
    const taken = await margaux.post(`${NEW}/number`, { numberChoice: "existing", portingNumber: "0489 74 43 65", portingOperator: "Proximus", portingCustomerNumber: "P-1" });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain("already a line");
    const number = `0463${String(Date.now()).slice(-6)}`.replace(/^04630/, "04639");
    const ok = await margaux.post(`${NEW}/number`, { numberChoice: "existing", portingNumber: number, portingOperator: "Orange Belgium", portingCustomerNumber: "OB-778" });
    expect(ok.location).toBe(`${NEW}/review`);
    const created = await margaux.post(`${NEW}/review`, {});
    expect(created.status).toBe(303);
    const [line] = await sql<{ msisdn: string; porting_number: string; porting_operator: string; porting_customer_number: string }>(
      "SELECT msisdn, porting_number, porting_operator, porting_customer_number FROM mobile_lines WHERE iccid = ?",
      [iccid],
    );
    expect(line).toEqual({ msisdn: number, porting_number: number, porting_operator: "Orange Belgium", porting_customer_number: "OB-778" });
  });

  it("the ICCID taken between its step and the review: the review sends back to the SIM step with the error, nothing stored twice", async () => {
    const iccid = nextIccid();
    await walk(margaux, iccid, "none");
    await sql("UPDATE mobile_lines SET iccid = ? WHERE id = ?", [iccid, (await createLine()).id]);
    const created = await margaux.post(`${NEW}/review`, {});
    expect(created.status).toBe(422);
    expect(created.text).toContain("This SIM card number is already in use.");
    expect(await stored(iccid)).toBe(1);
  });

  it("porting: activation refused on a Saturday and on 25 December (422), accepted on a working day", async () => {
    const line = await createLine({ status: "PENDING", porting: true });
    const path = `/en/fleet/lines/${line.id}/activate`;
    await margaux.get(path);
    for (const day of [nextSaturday(), nextChristmas()]) {
      const refused = await margaux.post(path, { date: typed(day) });
      expect(refused.status, day).toBe(422);
      expect(refused.text).toContain("brought over on a working day");
    }
    expect((await sql("SELECT id FROM line_changes WHERE line_id = ?", [line.id])).length).toBe(0);
    const day = nextWorkingDay();
    const ok = await margaux.post(path, { date: day });
    expect(ok.status).toBe(303);
    expect(await sql("SELECT kind, effective_date, status FROM line_changes WHERE line_id = ?", [line.id])).toEqual([{ kind: "activate", effective_date: day, status: "pending" }]);
  });

  it("the wizard is the fleet manager's: a MEMBER gets 403; its pages work in French and Dutch", async () => {
    const member = await memberWithLine((await createLine()).id);
    expect((await member.get(NEW)).status).toBe(403);
    expect((await member.get(`${NEW}/sim`)).status).toBe(403);
    expect((await margaux.get("/en/fleet/lines/new/nope")).status).toBe(404);
    await margaux.get(NEW);
    const fr = await margaux.get("/fr/fleet/lines/new/sim");
    expect(fr.text).toContain("Numéro de carte SIM");
    expect(fr.text).toContain("Vous avez suivi ces étapes\u00a0:");
    const nl = await margaux.get("/nl/fleet/lines/new/sim");
    expect(nl.text).toContain("Simkaartnummer");
    expect(nl.text).not.toMatch(/fleetWizard\./);
  });
});

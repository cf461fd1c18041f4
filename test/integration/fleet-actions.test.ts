import { beforeAll, describe, expect, it } from "vitest";
import { applyDueChanges } from "../../src/features/fleet/changes.ts";
import { withCheckDigit } from "../../src/features/fleet/iccid.ts";
import { loggedInAs, type TestBrowser } from "./browser.ts";
import { createStaff, deskLogin, deskPost } from "./desk-fixtures.ts";
import { createLine, inDays, memberWithLine, nextIccid, testDb, today, typed } from "./fleet-actions-fixtures.ts";
import { sql } from "./sql.ts";

let margaux: TestBrowser;
beforeAll(async () => {
  margaux = await loggedInAs("margaux");
}, 30_000);

const lineRow = async (id: number) =>
  (await sql<{ status: string; iccid: string; activation_date: string | null; stop_date: string | null }>("SELECT status, iccid, activation_date, stop_date FROM mobile_lines WHERE id = ?", [id]))[0]!;
const changesOf = (id: number) =>
  sql<{ kind: string; status: string; effective_date: string; done_by: string | null }>("SELECT kind, status, effective_date, done_by FROM line_changes WHERE line_id = ? ORDER BY id", [id]);
const auditOf = (id: number) => sql<{ action: string; actor: string }>("SELECT action, actor FROM audit_events WHERE subject = ? ORDER BY id", [`line:${id}`]);

/** Asks for an action as a person does: opens its confirmation page, then confirms. */
async function ask(browser: TestBrowser, id: number, action: string, form: Record<string, string> = {}) {
  const page = await browser.get(`/en/fleet/lines/${id}/${action}`);
  const answer = await browser.post(`/en/fleet/lines/${id}/${action}`, form);
  return { page, answer };
}

describe("line actions: confirmation, pending change, completion by the cron", () => {
  it("activate a PENDING line: a date in the past is refused (422, nothing stored); today is pending until applyDueChanges makes it ACTIVE", async () => {
    const line = await createLine({ status: "PENDING" });
    const { page, answer: past } = await ask(margaux, line.id, "activate", { date: typed(inDays(-1)) });
    expect(page.status).toBe(200);
    expect(page.text).toContain("Activate the SIM card for 0463");
    expect(page.text).toContain(">Confirm</button>");
    expect(past.status).toBe(422);
    expect(past.text).toContain("Choose today or a later date.");
    expect(await changesOf(line.id)).toEqual([]);
    expect((await margaux.post(`/en/fleet/lines/${line.id}/activate`, { date: "31/02/2030" })).status).toBe(422);

    const ok = await margaux.post(`/en/fleet/lines/${line.id}/activate`, { date: today() });
    expect(ok.status).toBe(303);
    const shown = await margaux.get(ok.location!);
    expect(shown.text).toContain("Activation requested: the SIM card will be activated on");
    expect(shown.text).toContain("Pending: Activation on");
    expect(await changesOf(line.id)).toEqual([{ kind: "activate", status: "pending", effective_date: today(), done_by: null }]);
    expect((await lineRow(line.id)).status).toBe("PENDING");

    await applyDueChanges(testDb(), today());
    expect(await lineRow(line.id)).toMatchObject({ status: "ACTIVE", activation_date: today() });
    expect(await changesOf(line.id)).toEqual([{ kind: "activate", status: "done", effective_date: today(), done_by: "system" }]);
    expect(await auditOf(line.id)).toEqual([
      { action: "fleet.activate_requested", actor: expect.stringMatching(/^user:\d+$/) },
      { action: "fleet.change_done", actor: "system" },
    ]);
    // Once active, activating again does not apply (409).
    expect((await margaux.get(`/en/fleet/lines/${line.id}/activate`)).status).toBe(409);
  });

  it("suspend then reactivate, each pending until the cron; a second identical request while pending is a 409 with the message", async () => {
    const line = await createLine();
    const { answer } = await ask(margaux, line.id, "suspend");
    expect(answer.status).toBe(303);
    const again = await margaux.post(`/en/fleet/lines/${line.id}/suspend`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain("A change is already pending for this line: Suspension on");
    expect((await margaux.get(`/en/fleet/lines/${line.id}/stop`)).status).toBe(409);
    await applyDueChanges(testDb(), today());
    expect((await lineRow(line.id)).status).toBe("SUSPENDED");
    // Suspend no longer applies; reactivate does.
    expect((await margaux.get(`/en/fleet/lines/${line.id}/suspend`)).status).toBe(409);
    expect((await ask(margaux, line.id, "reactivate")).answer.status).toBe(303);
    await applyDueChanges(testDb(), today());
    expect((await lineRow(line.id)).status).toBe("ACTIVE");
    expect((await auditOf(line.id)).map((a) => a.action)).toEqual(["fleet.suspend_requested", "fleet.change_done", "fleet.reactivate_requested", "fleet.change_done"]);
  });

  it("replace the SIM: format, check digit, an ICCID in use and the same SIM are refused (422); a good one is applied by the cron", async () => {
    const line = await createLine();
    const good = nextIccid();
    const wrong = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    for (const [iccid, text] of [
      ["12345", "Enter the 19 or 20 digits"],
      [wrong, "check digit"],
      [withCheckDigit("893204100000000001"), "already in use"],
      [line.iccid, "the line already has"],
    ] as const) {
      const { answer } = await ask(margaux, line.id, "replace-sim", { iccid });
      expect(answer.status, iccid).toBe(422);
      expect(answer.text).toContain(text);
    }
    expect(await changesOf(line.id)).toEqual([]);
    const { answer } = await ask(margaux, line.id, "replace-sim", { iccid: good });
    expect(answer.status).toBe(303);
    expect((await margaux.get(answer.location!)).text).toContain(`the operator moves the number to SIM card ${good}`);
    expect((await lineRow(line.id)).iccid).toBe(line.iccid);
    await applyDueChanges(testDb(), today());
    expect((await lineRow(line.id)).iccid).toBe(good);
  });

  it("stop the number on a date: pending until that date; then STOPPED and every action refused (409)", async () => {
    const line = await createLine();
    const day = inDays(3);
    expect((await ask(margaux, line.id, "stop", { date: typed(inDays(-2)) })).answer.status).toBe(422);
    const { answer } = await ask(margaux, line.id, "stop", { date: typed(day) });
    expect(answer.status).toBe(303);
    await applyDueChanges(testDb(), today());
    expect((await lineRow(line.id)).status).toBe("ACTIVE");
    await applyDueChanges(testDb(), day);
    expect(await lineRow(line.id)).toMatchObject({ status: "STOPPED", stop_date: day });
    for (const action of ["activate", "replace-sim", "suspend", "reactivate", "stop"]) {
      const page = await margaux.get(`/en/fleet/lines/${line.id}/${action}`);
      expect(page.status, action).toBe(409);
      expect(page.text).toContain("This number is stopped. The line can no longer be changed.");
      expect(page.text).not.toContain(">Confirm</button>");
      expect((await margaux.post(`/en/fleet/lines/${line.id}/${action}`, { date: typed(inDays(5)), iccid: nextIccid() })).status, action).toBe(409);
    }
    expect((await changesOf(line.id)).length).toBe(1);
  });

  it("8 identical requests at once store one change and one audit event; the others are 409", async () => {
    const line = await createLine();
    await margaux.get(`/en/fleet/lines/${line.id}/suspend`);
    const answers = await Promise.all(Array.from({ length: 8 }, () => margaux.post(`/en/fleet/lines/${line.id}/suspend`, {})));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([303, 409, 409, 409, 409, 409, 409, 409]);
    expect((await changesOf(line.id)).length).toBe(1);
    expect((await auditOf(line.id)).length).toBe(1);
  });

  it("tenancy: another customer's line and a MEMBER's non-delegated line are 404; the MEMBER acts on their delegated line", async () => {
    const foreign = await createLine({ customerNumber: "439561" });
    expect((await margaux.get(`/en/fleet/lines/${foreign.id}/suspend`)).status).toBe(404);
    expect((await margaux.post(`/en/fleet/lines/${foreign.id}/suspend`, {})).status).toBe(404);
    expect((await margaux.get("/en/fleet/lines/abc/suspend")).status).toBe(404);
    const mine = await createLine();
    const other = await createLine();
    const member = await memberWithLine(mine.id);
    expect((await member.get(`/en/fleet/lines/${other.id}/suspend`)).status).toBe(404);
    expect((await member.post(`/en/fleet/lines/${other.id}/suspend`, {})).status).toBe(404);
    expect((await ask(member, mine.id, "suspend")).answer.status).toBe(303);
    expect(await changesOf(other.id)).toEqual([]);
    expect(await changesOf(foreign.id)).toEqual([]);
  });

  it("the confirmation pages read in French and Dutch", async () => {
    const line = await createLine();
    const fr = await margaux.get(`/fr/fleet/lines/${line.id}/stop`);
    expect(fr.text).toContain("Arrêter le numéro de téléphone pour 0463");
    const nl = await margaux.get(`/nl/fleet/lines/${line.id}/replace-sim`);
    expect(nl.text).toContain("Nieuw simkaartnummer");
  });

  it("the desk's Fleet actions queue lists a pending change and Complete carries it out before its date (audited as the desk); a second Complete says it is done", async () => {
    const line = await createLine({ status: "PENDING" });
    const day = inDays(10);
    expect((await ask(margaux, line.id, "activate", { date: typed(day) })).answer.status).toBe(303);
    const [change] = await sql<{ id: number }>("SELECT id FROM line_changes WHERE line_id = ?", [line.id]);
    const agent = await createStaff("agent");
    const desk = await deskLogin(agent);
    const queue = await desk.get("/en/desk/fleet");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain("Fleet actions");
    expect(queue.text).toContain(`data-change="${change!.id}"`);
    const completed = await deskPost(desk, "/en/desk/fleet", `/en/desk/fleet/${change!.id}/complete`, {});
    expect(completed.status).toBe(303);
    expect(completed.location).toBe(`/en/desk/fleet?completed=${change!.id}`);
    const after = await desk.get(completed.location!);
    expect(after.text).toContain("Activation for 0463");
    expect(after.text).not.toContain(`data-change="${change!.id}"`);
    expect(await lineRow(line.id)).toMatchObject({ status: "ACTIVE", activation_date: day });
    expect((await changesOf(line.id))[0]).toMatchObject({ status: "done", done_by: `desk:${agent.username}` });
    expect((await auditOf(line.id)).at(-1)).toEqual({ action: "fleet.change_done", actor: `desk:${agent.username}` });
    const again = await deskPost(desk, "/en/desk/fleet", `/en/desk/fleet/${change!.id}/complete`, {});
    expect(again.location).toBe("/en/desk/fleet?already=1");
    expect((await auditOf(line.id)).filter((a) => a.action === "fleet.change_done").length).toBe(1);
    // A customer's session is no desk session.
    expect((await margaux.get("/en/desk/fleet")).status).not.toBe(200);
  });
});

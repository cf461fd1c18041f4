import { beforeAll, describe, expect, it } from "vitest";
import { formatMsisdn } from "../../src/features/fleet/msisdn.ts";
import { lastVisibleDay } from "../../src/features/fleet/periods.ts";
import { packUsage, rollUpUsage } from "../../src/features/fleet/usage.ts";
import { parseEuroAmount, readUsageAlert, saveUsageAlert } from "../../src/features/fleet/usage-alerts.ts";
import { checkUsageAlerts } from "../../src/features/fleet/usage-cron.ts";
import { formatMoney } from "../../src/lib/i18n.ts";
import { at, foreignCustomer, mobileCustomer, one, ownContract, principal, usageDb, usageLine, usageUser, useDay } from "./fleet-usage-fixtures.ts";
import { sql } from "./sql.ts";

// Simulated clocks in 2042: no one else's usage is there. Every test has its own month.
const db = usageDb();
const ORIGIN = "https://loket.test";
let customer = 0;
let contract = 0;

type Sent = { recipient: string; subject: string; body: string };
const messagesOf = (alertId: number) => sql<Sent>("SELECT recipient, subject, body FROM outbox_messages WHERE dedupe_key LIKE ? ORDER BY id", [`usage-alert:${alertId}:%`]);
const sendsOf = (alertId: number) =>
  sql<{ period: string; threshold_cents: number; amount_cents: number }>("SELECT period, threshold_cents, amount_cents FROM usage_alert_sends WHERE alert_id = ? ORDER BY period, threshold_cents", [
    alertId,
  ]);
const alertIdOf = (column: "line_id" | "pack_id", id: number) => one(`SELECT id FROM usage_alerts WHERE ${column} = ?`, [id]);

/** One cron run at `now`: the rollup, then the check (as src/worker.ts does). */
async function cron(now: number): Promise<number> {
  await rollUpUsage(db, now);
  return checkUsageAlerts(db, now, ORIGIN);
}

beforeAll(async () => {
  customer = await mobileCustomer();
  contract = await ownContract(customer);
});

describe("out-of-bundle notifications", () => {
  it("a line alert at € 25 fires once across two cron runs above the threshold and not below; a new period and a changed threshold fire again", async () => {
    const line = await usageLine(customer, contract);
    const user = await usageUser(customer, "en");
    const manager = principal(customer, "MANAGER", user.id);
    expect(await saveUsageAlert(db, manager, { lineId: line.id }, { enabled: true, amount: "25" })).toEqual({ ok: true, value: { enabled: true, thresholdCents: 2500 } });
    const alert = await alertIdOf("line_id", line.id);

    // € 20 on 5 January: below, nothing sent.
    await useDay(line.id, customer, "2042-01-05", { cents: 2000 });
    await cron(at("2042-01-06T09:00:00+01:00"));
    expect(await messagesOf(alert)).toEqual([]);

    // € 10 more on the 6th: € 30, above; two runs send one message.
    await useDay(line.id, customer, "2042-01-06", { cents: 1000 });
    await cron(at("2042-01-07T09:00:00+01:00"));
    await cron(at("2042-01-07T09:05:00+01:00"));
    expect(await sendsOf(alert)).toEqual([{ period: "2042-01", threshold_cents: 2500, amount_cents: 3000 }]);
    const [message, ...more] = await messagesOf(alert);
    expect(more).toEqual([]);
    expect(message!.recipient).toBe(user.email);
    expect(message!.subject).toBe(`Line ${formatMsisdn(line.msisdn)}: out-of-bundle use above ${formatMoney("en", 2500)}`);
    expect(message!.body).toContain(`line ${formatMsisdn(line.msisdn)} has reached ${formatMoney("en", 3000)} in the billing period January 2042`);
    expect(message!.body).toContain(`${ORIGIN}/en/fleet/lines/${line.id}/usage`);

    // More use the same period: still one message.
    await useDay(line.id, customer, "2042-01-07", { cents: 5000 });
    await cron(at("2042-01-08T09:00:00+01:00"));
    expect(await messagesOf(alert)).toHaveLength(1);

    // A new period: once again when it passes the threshold.
    await useDay(line.id, customer, "2042-02-02", { cents: 2600 });
    await cron(at("2042-02-03T09:00:00+01:00"));
    await cron(at("2042-02-04T09:00:00+01:00"));
    expect((await sendsOf(alert)).map((s) => s.period)).toEqual(["2042-01", "2042-02"]);
    expect(await messagesOf(alert)).toHaveLength(2);

    // A changed threshold (€ 26) is a new warning in the same period.
    await saveUsageAlert(db, manager, { lineId: line.id }, { enabled: true, amount: "26,00" });
    await cron(at("2042-02-04T10:00:00+01:00"));
    expect(await sendsOf(alert)).toEqual([
      { period: "2042-01", threshold_cents: 2500, amount_cents: 3000 },
      { period: "2042-02", threshold_cents: 2500, amount_cents: 2600 },
      { period: "2042-02", threshold_cents: 2600, amount_cents: 2600 },
    ]);
    expect(await messagesOf(alert)).toHaveLength(3);

    // Switched off: nothing more, whatever the use.
    await saveUsageAlert(db, manager, { lineId: line.id }, { enabled: false, amount: "" });
    expect(await readUsageAlert(db, manager, { lineId: line.id })).toEqual({ enabled: false, thresholdCents: 2600 });
    await saveUsageAlert(db, manager, { lineId: line.id }, { enabled: false, thresholdCents: 2700 });
    await useDay(line.id, customer, "2042-02-04", { cents: 100 });
    await cron(at("2042-02-05T10:00:00+01:00"));
    expect(await messagesOf(alert)).toHaveLength(3);
  });

  it("eight cron runs at once send one message", async () => {
    const line = await usageLine(customer, contract);
    const user = await usageUser(customer, "nl");
    await saveUsageAlert(db, principal(customer, "MANAGER", user.id), { lineId: line.id }, { enabled: true, thresholdCents: 500 });
    const alert = await alertIdOf("line_id", line.id);
    await useDay(line.id, customer, "2042-03-10", { cents: 800 });
    const now = at("2042-03-11T09:00:00+01:00");
    await rollUpUsage(db, now);
    const sent = await Promise.all(Array.from({ length: 8 }, () => checkUsageAlerts(db, now, ORIGIN)));
    expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await sendsOf(alert)).toHaveLength(1);
    const messages = await messagesOf(alert);
    expect(messages).toHaveLength(1);
    // In the user's language.
    expect(messages[0]!.subject).toBe(`Lijn ${formatMsisdn(line.msisdn)}: verbruik buiten bundel hoger dan ${formatMoney("nl", 500)}`);
    expect(messages[0]!.body).toContain(`${ORIGIN}/nl/fleet/lines/${line.id}/usage`);
  });

  it("a pack alert fires on the extra use beyond the pack (packUsage), to the account's contact for a code login", async () => {
    const packContract = await ownContract(customer);
    const contractNumber = (await sql<{ n: string }>("SELECT contract_number AS n FROM contracts WHERE id = ?", [packContract]))[0]!.n;
    const [a, b] = [await usageLine(customer, packContract), await usageLine(customer, packContract)];
    const pack = await one(
      "INSERT INTO group_packs (customer_id, contract_id, offer_id, status, starts_on, created_at, updated_at) SELECT ?, ?, id, 'active', '2042-05-01', ?, ? FROM pack_offers WHERE code = 'group_data_25' RETURNING id",
      [customer, packContract, Date.now(), Date.now()],
    );
    const code = principal(customer, "MANAGER", null);
    expect((await saveUsageAlert(db, code, { packId: pack }, { enabled: true, amount: "€ 10" })).ok).toBe(true);
    const alert = await alertIdOf("pack_id", pack);

    // 25 GB + 1 MB: one started GB beyond = € 5, below € 10.
    await useDay(a.id, customer, "2042-05-03", { dataMb: 20 * 1024 });
    await useDay(b.id, customer, "2042-05-04", { dataMb: 5 * 1024 + 1 });
    await cron(at("2042-05-05T09:00:00+02:00"));
    expect((await packUsage(db, customer, pack, "2042-05")).extraCents).toBe(500);
    expect(await messagesOf(alert)).toEqual([]);

    // 1 GB more: two started GB = € 10, the threshold.
    await useDay(a.id, customer, "2042-05-05", { dataMb: 1024 });
    await cron(at("2042-05-06T09:00:00+02:00"));
    await cron(at("2042-05-06T10:00:00+02:00"));
    expect((await packUsage(db, customer, pack, "2042-05")).extraCents).toBe(1000);
    const messages = await messagesOf(alert);
    expect(messages).toHaveLength(1);
    // The customer 100457319 reads Dutch; its contact e-mail.
    expect(messages[0]!.recipient).toBe("fleet@havenlogistiek.be");
    expect(messages[0]!.subject).toBe(`Groepspakket Group Data 25 GB: extra verbruik hoger dan ${formatMoney("nl", 1000)}`);
    expect(messages[0]!.body).toContain(`contract ${contractNumber} heeft ${formatMoney("nl", 1000)} bereikt`);
    expect(messages[0]!.body).toContain(`${ORIGIN}/nl/fleet/usage`);
  });
});

describe("the Worker's cron", () => {
  it("rolls up today's visible usage and sends the notification, with a link on the public origin", async () => {
    const line = await usageLine(customer, contract);
    const user = await usageUser(customer, "fr");
    await saveUsageAlert(db, principal(customer, "MANAGER", user.id), { lineId: line.id }, { enabled: true, amount: "25" });
    const alert = await alertIdOf("line_id", line.id);
    await useDay(line.id, customer, lastVisibleDay(Date.now()), { cents: 2550 });
    const { createExecutionContext, createScheduledController, env, waitOnExecutionContext } = await import("cloudflare:test");
    const worker = (await import("../../src/worker.ts")).default;
    for (let run = 0; run < 2; run++) {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), env as never, ctx);
      await waitOnExecutionContext(ctx);
    }
    const messages = await messagesOf(alert);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.recipient).toBe(user.email);
    expect(messages[0]!.subject).toBe(`Ligne ${formatMsisdn(line.msisdn)}\u00a0: consommation hors abonnement supérieure à ${formatMoney("fr", 2500)}`);
    const origin = (env as { PUBLIC_ORIGIN: string }).PUBLIC_ORIGIN.replace(/\/+$/, "");
    expect(messages[0]!.body).toContain(`${origin}/fr/fleet/lines/${line.id}/usage`);
    // Importing the whole Worker into the test takes long on a busy machine; the two cron runs take well under a second.
  }, 120_000);
});

describe("saving an alert", () => {
  let line = { id: 0, msisdn: "" };
  let foreign = { id: 0, msisdn: "" };
  beforeAll(async () => {
    line = await usageLine(customer, contract);
    const other = await foreignCustomer();
    foreign = await usageLine(other.customer, other.contract);
  });
  const alertsOf = (lineId: number) => sql("SELECT id FROM usage_alerts WHERE line_id = ?", [lineId]);
  const auditsOf = (lineId: number) => sql<{ action: string; actor: string; after: string }>("SELECT action, actor, after FROM audit_events WHERE subject = ? ORDER BY id", [`line:${lineId}`]);

  it("reads amounts in euros as typed, with a comma or a dot", () => {
    expect(["25", "25,50", "25.5", "€ 25", " 1 ", "100000"].map(parseEuroAmount)).toEqual([2500, 2550, 2550, 2500, 100, 10_000_000]);
    expect(["abc", "", "1.000", "25,555", "-5", "2 5"].map(parseEuroAmount)).toEqual([null, null, null, null, null, null]);
  });

  it("refuses another customer's line, a MEMBER's non-delegated line or any pack, and amounts outside 1–100,000 euros; nothing stored", async () => {
    const manager = principal(customer, "MANAGER", null);
    expect(await saveUsageAlert(db, manager, { lineId: foreign.id }, { enabled: true, amount: "25" })).toEqual({ ok: false, error: "not_found" });
    expect(await readUsageAlert(db, manager, { lineId: foreign.id })).toBeNull();

    const member = await usageUser(customer);
    const asMember = principal(customer, "MEMBER", member.id);
    expect(await saveUsageAlert(db, asMember, { lineId: line.id }, { enabled: true, amount: "25" })).toEqual({ ok: false, error: "not_found" });
    const pack = await one(
      "INSERT INTO group_packs (customer_id, contract_id, offer_id, status, created_at, updated_at) SELECT ?, ?, id, 'requested', ?, ? FROM pack_offers WHERE code = 'group_data_50' RETURNING id",
      [customer, await ownContract(customer), Date.now(), Date.now()],
    );
    expect(await saveUsageAlert(db, asMember, { packId: pack }, { enabled: true, amount: "25" })).toEqual({ ok: false, error: "not_found" });
    expect(await saveUsageAlert(db, principal(await foreignCustomer().then((f) => f.customer), "MANAGER", null), { packId: pack }, { enabled: true, amount: "25" })).toEqual({
      ok: false,
      error: "not_found",
    });

    for (const amount of ["abc", "0", "0,99", "100000,01", ""]) {
      expect(await saveUsageAlert(db, manager, { lineId: line.id }, { enabled: true, amount })).toEqual({ ok: false, error: "invalid", field: "threshold" });
    }
    expect(await saveUsageAlert(db, manager, { lineId: line.id }, { enabled: true, thresholdCents: 0 })).toMatchObject({ ok: false, error: "invalid" });
    expect(await alertsOf(line.id)).toEqual([]);
    expect(await alertsOf(foreign.id)).toEqual([]);
    expect(await sql("SELECT id FROM usage_alerts WHERE pack_id = ?", [pack])).toEqual([]);
    expect(await auditsOf(line.id)).toEqual([]);

    // Delegated, the MEMBER may; saved once, changed in place, audited each time.
    await sql("INSERT INTO line_delegations (line_id, user_id) VALUES (?, ?)", [line.id, member.id]);
    expect(await saveUsageAlert(db, asMember, { lineId: line.id }, { enabled: true, amount: "1" })).toEqual({ ok: true, value: { enabled: true, thresholdCents: 100 } });
    expect(await saveUsageAlert(db, asMember, { lineId: line.id }, { enabled: true, amount: "100000" })).toEqual({ ok: true, value: { enabled: true, thresholdCents: 10_000_000 } });
    expect(await alertsOf(line.id)).toHaveLength(1);
    expect(await readUsageAlert(db, asMember, { lineId: line.id })).toEqual({ enabled: true, thresholdCents: 10_000_000 });
    const audits = await auditsOf(line.id);
    expect(audits.map((a) => [a.action, a.actor])).toEqual([
      ["line.usage_alert", `user:${member.id}`],
      ["line.usage_alert", `user:${member.id}`],
    ]);
    expect(JSON.parse(audits[1]!.after)).toEqual({ enabled: true, thresholdCents: 10_000_000 });
  });
});

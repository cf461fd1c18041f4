import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { auditEvents, billingAccounts, fleetOptions, lineBlocks, lineChanges, lineOptions, mobileLines, planOptions, tariffPlans, users } from "../../db/schema/index.ts";
import { LINE_BLOCKS, type LineBlock, type LineChangeKind, type LineChangeStatus, type LineStatus, type PlanKind } from "../../db/schema/enums.ts";
import { auditInsert } from "../../lib/audit.ts";
import { fleetRoleOf, type Principal } from "../../lib/principal.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";
import { brusselsDate } from "../../lib/workdays.ts";
import { luhnCheckDigit } from "./iccid.ts";
import { linesInScope } from "./scope.ts";

/**
 * One line's page (003 "Gérer la carte SIM") and the changes made on it, one section at a time.
 * Every query is scoped by linesInScope: a line outside it is "not found". Every change is written
 * with its audit event (subject `line:ID`, before → after) in one batch; a STOPPED line is read-only.
 */

/**
 * PayByMobile limits the provider allows, in cents. Telenet/Proximus let the customer pick a monthly
 * ceiling from a fixed list (0 = PayByMobile blocked); the manuals name no amounts, so the list is
 * the demo's: multiples of € 25 up to € 100 (the seed uses 0–75) and € 150.
 */
export const PAY_BY_MOBILE_LIMITS = [0, 2500, 5000, 7500, 10000, 15000] as const;

export const HISTORY_PAGE_SIZE = 10;
export const TITLES = ["mr", "mrs"] as const;

export type LineDetail = {
  id: number;
  customerId: number;
  msisdn: string | null;
  description: string;
  status: LineStatus;
  iccid: string;
  planId: number;
  planName: string;
  billingAccountId: number | null;
  billingNumber: string | null;
  splitBill: boolean;
  splitBillProfile: string | null;
  userTitle: string | null;
  userFirstName: string | null;
  userLastName: string | null;
  userBirthDate: string | null;
  userEmail: string | null;
  userPhone: string | null;
  userLanguage: "nl" | "fr" | "en" | null;
  userConfirmed: boolean;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  payByMobileLimitCents: number;
  deviceCompanyOwned: boolean;
  imei: string | null;
  deviceBrand: string | null;
  deviceType: string | null;
};

export type PlanChoice = { id: number; name: string; kind: PlanKind; monthlyCents: number };
/** An option as the line's plan sees it: its price there (null = not applicable), and whether the line has it. */
export type LineOption = { id: number; name: string; monthlyCents: number | null; onLine: boolean };
export type HistoryEvent = { id: number; at: Date; actor: string; username: string | null; action: string };
export type OperatorChange = { id: number; kind: LineChangeKind; status: LineChangeStatus; effectiveDate: string; createdAt: Date };
export type LinePage = {
  line: LineDetail;
  plans: PlanChoice[];
  options: LineOption[];
  billingAccounts: { id: number; number: string; name: string }[];
  blocks: LineBlock[];
  history: { rows: HistoryEvent[]; next: string | null; previous: string | null };
  changes: OperatorChange[];
};

const lineColumns = {
  id: mobileLines.id,
  customerId: mobileLines.customerId,
  msisdn: mobileLines.msisdn,
  description: mobileLines.description,
  status: mobileLines.status,
  iccid: mobileLines.iccid,
  planId: mobileLines.planId,
  planName: tariffPlans.name,
  billingAccountId: mobileLines.billingAccountId,
  billingNumber: billingAccounts.number,
  splitBill: mobileLines.splitBill,
  splitBillProfile: mobileLines.splitBillProfile,
  userTitle: mobileLines.userTitle,
  userFirstName: mobileLines.userFirstName,
  userLastName: mobileLines.userLastName,
  userBirthDate: mobileLines.userBirthDate,
  userEmail: mobileLines.userEmail,
  userPhone: mobileLines.userPhone,
  userLanguage: mobileLines.userLanguage,
  userConfirmed: mobileLines.userConfirmed,
  street: mobileLines.street,
  houseNumber: mobileLines.houseNumber,
  postcode: mobileLines.postcode,
  city: mobileLines.city,
  country: mobileLines.country,
  payByMobileLimitCents: mobileLines.payByMobileLimitCents,
  deviceCompanyOwned: mobileLines.deviceCompanyOwned,
  imei: mobileLines.imei,
  deviceBrand: mobileLines.deviceBrand,
  deviceType: mobileLines.deviceType,
};

/** The line's id if the principal may see it, as a subquery (every read of the page goes through it). */
function scopedLineId(principal: Principal, id: number): SQL {
  return sql`(SELECT ${mobileLines.id} FROM ${mobileLines} WHERE ${mobileLines.id} = ${id} AND ${linesInScope(principal)})`;
}

function lineQuery(db: Db, principal: Principal, id: number) {
  return db
    .select(lineColumns)
    .from(mobileLines)
    .innerJoin(tariffPlans, eq(tariffPlans.id, mobileLines.planId))
    .leftJoin(billingAccounts, eq(billingAccounts.id, mobileLines.billingAccountId))
    .where(and(eq(mobileLines.id, id), linesInScope(principal)))
    .limit(1);
}

/** "at~id" of an audit event: the keyset cursor of the history (newest first). */
export function parseHistoryCursor(value: string | null | undefined): [number, number] | null {
  const match = value?.match(/^(\d{1,15})~(\d{1,15})$/);
  return match ? [Number(match[1]), Number(match[2])] : null;
}
const cursorOf = (row: { at: Date; id: number }) => `${row.at.getTime()}~${row.id}`;

/** Everything the page shows, in one round trip; null when the line is not the principal's to see. */
export async function getLinePage(db: Db, principal: Principal, id: number, cursor: { after?: string | null; before?: string | null } = {}): Promise<LinePage | null> {
  const lineId = scopedLineId(principal, id);
  const after = parseHistoryCursor(cursor.after);
  const before = after ? null : parseHistoryCursor(cursor.before);
  const historyConditions = [eq(auditEvents.subject, `line:${id}`), eq(auditEvents.customerId, principal.customerId), sql`${lineId} IS NOT NULL`];
  if (after) historyConditions.push(sql`(${auditEvents.at}, ${auditEvents.id}) < (${after[0]}, ${after[1]})`);
  if (before) historyConditions.push(sql`(${auditEvents.at}, ${auditEvents.id}) > (${before[0]}, ${before[1]})`);
  const [lines, plans, options, accounts, blocks, events, changes] = await db.batch([
    lineQuery(db, principal, id),
    db
      .select({ id: tariffPlans.id, name: tariffPlans.name, kind: tariffPlans.kind, monthlyCents: tariffPlans.monthlyCents })
      .from(tariffPlans)
      .orderBy(asc(tariffPlans.kind), asc(tariffPlans.sortOrder)),
    db
      .select({ id: fleetOptions.id, name: fleetOptions.name, monthlyCents: planOptions.monthlyCents, onLine: sql<number>`${lineOptions.lineId} IS NOT NULL` })
      .from(fleetOptions)
      .leftJoin(planOptions, and(eq(planOptions.optionId, fleetOptions.id), sql`${planOptions.planId} = (SELECT ${mobileLines.planId} FROM ${mobileLines} WHERE ${mobileLines.id} = ${lineId})`))
      .leftJoin(lineOptions, and(eq(lineOptions.optionId, fleetOptions.id), sql`${lineOptions.lineId} = ${lineId}`))
      .orderBy(asc(fleetOptions.sortOrder)),
    db
      .select({ id: billingAccounts.id, number: billingAccounts.number, name: billingAccounts.name })
      .from(billingAccounts)
      .where(eq(billingAccounts.customerId, principal.customerId))
      .orderBy(asc(billingAccounts.number)),
    db.select({ block: lineBlocks.block }).from(lineBlocks).where(sql`${lineBlocks.lineId} = ${lineId}`),
    db
      .select({ id: auditEvents.id, at: auditEvents.at, actor: auditEvents.actor, username: users.username, action: auditEvents.action })
      .from(auditEvents)
      .leftJoin(users, sql`${auditEvents.actor} = 'user:' || ${users.id}`)
      .where(and(...historyConditions))
      .orderBy(...(before ? [asc(auditEvents.at), asc(auditEvents.id)] : [desc(auditEvents.at), desc(auditEvents.id)]))
      .limit(HISTORY_PAGE_SIZE + 1),
    db
      .select({ id: lineChanges.id, kind: lineChanges.kind, status: lineChanges.status, effectiveDate: lineChanges.effectiveDate, createdAt: lineChanges.createdAt })
      .from(lineChanges)
      .where(sql`${lineChanges.lineId} = ${lineId}`)
      .orderBy(desc(lineChanges.createdAt), desc(lineChanges.id))
      .limit(20),
  ]);
  const line = lines[0];
  if (!line) return null;
  const more = events.length > HISTORY_PAGE_SIZE;
  const page = events.slice(0, HISTORY_PAGE_SIZE);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    line,
    plans,
    options: options.map((o) => ({ ...o, onLine: Boolean(o.onLine) })),
    billingAccounts: accounts,
    blocks: LINE_BLOCKS.filter((block) => blocks.some((b) => b.block === block)),
    history: {
      rows: page,
      next: last && (before || more) ? cursorOf(last) : null,
      previous: first && (after || (before && more)) ? cursorOf(first) : null,
    },
    changes,
  };
}

export async function getLine(db: Db, principal: Principal, id: number): Promise<LineDetail | null> {
  const [line] = await lineQuery(db, principal, id);
  return line ?? null;
}

// ——— Changes ———

export type Section = "user" | "address" | "plan" | "billing" | "optionsAdd" | "optionsRemove" | "splitBill" | "blocks" | "payByMobile" | "device";
/** Field → a message key of the fleetLine catalog. */
export type FieldProblems = Partial<Record<string, "imeiInvalid" | "amountNotAllowed" | "optionNotAllowedError" | "chooseOption" | "splitBillProfileRequired" | "invalidDate">>;
export type ChangeFailure =
  | Fail<"not_found">
  | Fail<"forbidden">
  | Fail<"conflict", { reason: "stopped" | "confirmed" }>
  | Fail<"invalid", { problems: FieldProblems; names?: string[]; plan?: string }>;
export type ChangeResult = Result<{ changed: boolean }, ChangeFailure>;

/** Whether the principal may change a section of a line they see (the route has checked fleet.manage). */
export function mayChangeSection(principal: Principal, section: Section): boolean {
  // 002: the device's data are the company's; only a fleet manager (not the end user) keeps them.
  if (section === "device") return fleetRoleOf(principal) !== null;
  return true;
}

type Loaded = Result<LineDetail, ChangeFailure>;

async function loadForChange(db: Db, principal: Principal, id: number, section: Section): Promise<Loaded> {
  const line = await getLine(db, principal, id);
  if (!line) return fail("not_found");
  if (!mayChangeSection(principal, section)) return fail("forbidden");
  if (line.status === "STOPPED") return fail("conflict", { reason: "stopped" as const });
  return ok(line);
}

/** The update of the line's own columns, only while it is still in scope and not stopped (the batch then writes nothing on a race). */
function updateLine(db: Db, principal: Principal, id: number, values: Partial<typeof mobileLines.$inferInsert>, now: number) {
  return db
    .update(mobileLines)
    .set({ ...values, updatedAt: new Date(now) })
    .where(and(eq(mobileLines.id, id), linesInScope(principal), sql`${mobileLines.status} <> 'STOPPED'`));
}

const audit = (db: Db, principal: Principal, line: LineDetail, action: string, before: unknown, after: unknown, now: number) =>
  auditInsert(db, { actor: principal.actor, customerId: principal.customerId, action, before, after, subject: `line:${line.id}` }, now);

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}
const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

/** A change of the line's own columns: nothing written when nothing changes. */
async function changeColumns<K extends keyof LineDetail & keyof typeof mobileLines.$inferInsert>(
  db: Db,
  principal: Principal,
  line: LineDetail,
  action: string,
  keys: readonly K[],
  next: Pick<LineDetail, K>,
  extra: Partial<typeof mobileLines.$inferInsert> = {},
  now = Date.now(),
): Promise<ChangeResult> {
  const before = pick(line, keys);
  const after = pick({ ...line, ...next }, keys);
  if (same(before, after)) return ok({ changed: false });
  await db.batch([updateLine(db, principal, line.id, { ...after, ...extra } as Partial<typeof mobileLines.$inferInsert>, now), audit(db, principal, line, action, before, after, now)]);
  return ok({ changed: true });
}

export type UserDetails = Pick<LineDetail, "description" | "userTitle" | "userFirstName" | "userLastName" | "userBirthDate" | "userEmail" | "userPhone" | "userLanguage">;
const USER_KEYS = ["description", "userTitle", "userFirstName", "userLastName", "userBirthDate", "userEmail", "userPhone", "userLanguage"] as const;

/** 003: "Uniquement possible si l'utilisateur n'a pas encore confirmé ses données". */
export async function changeUserDetails(db: Db, principal: Principal, id: number, input: UserDetails, now = Date.now()): Promise<ChangeResult> {
  const loaded = await loadForChange(db, principal, id, "user");
  if (!loaded.ok) return loaded;
  const line = loaded.value;
  if (line.userConfirmed) return fail("conflict", { reason: "confirmed" as const });
  const name = [input.userFirstName, input.userLastName].filter(Boolean).join(" ");
  const searchText = `${line.msisdn ?? ""} ${input.description} ${name}`.toLowerCase();
  return changeColumns(db, principal, line, "line.user", USER_KEYS, input, { searchText }, now);
}

export type Address = Pick<LineDetail, "street" | "houseNumber" | "postcode" | "city" | "country">;
export async function changeAddress(db: Db, principal: Principal, id: number, input: Address, now = Date.now()): Promise<ChangeResult> {
  const loaded = await loadForChange(db, principal, id, "address");
  if (!loaded.ok) return loaded;
  return changeColumns(db, principal, loaded.value, "line.address", ["street", "houseNumber", "postcode", "city", "country"] as const, input, {}, now);
}

export async function changeBillingAccount(db: Db, principal: Principal, id: number, billingAccountId: number, now = Date.now()): Promise<ChangeResult> {
  const loaded = await loadForChange(db, principal, id, "billing");
  if (!loaded.ok) return loaded;
  const line = loaded.value;
  const [account] = await db
    .select({ id: billingAccounts.id, number: billingAccounts.number })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.id, billingAccountId), eq(billingAccounts.customerId, principal.customerId)))
    .limit(1);
  // Another customer's billing account is no such thing.
  if (!account) return fail("not_found");
  if (account.id === line.billingAccountId) return ok({ changed: false });
  await db.batch([
    updateLine(db, principal, line.id, { billingAccountId: account.id }, now),
    audit(db, principal, line, "line.billing_account", { billingAccount: line.billingNumber }, { billingAccount: account.number }, now),
  ]);
  return ok({ changed: true });
}

export async function changeSplitBill(db: Db, principal: Principal, id: number, input: { splitBill: boolean; splitBillProfile: string | null }, now = Date.now()): Promise<ChangeResult> {
  const loaded = await loadForChange(db, principal, id, "splitBill");
  if (!loaded.ok) return loaded;
  const next = { splitBill: input.splitBill, splitBillProfile: input.splitBill ? input.splitBillProfile : null };
  return changeColumns(db, principal, loaded.value, "line.split_bill", ["splitBill", "splitBillProfile"] as const, next, {}, now);
}

export async function changePayByMobile(db: Db, principal: Principal, id: number, cents: number, now = Date.now()): Promise<ChangeResult> {
  if (!(PAY_BY_MOBILE_LIMITS as readonly number[]).includes(cents)) return fail("invalid", { problems: { payByMobileLimit: "amountNotAllowed" } });
  const loaded = await loadForChange(db, principal, id, "payByMobile");
  if (!loaded.ok) return loaded;
  return changeColumns(db, principal, loaded.value, "line.pay_by_mobile", ["payByMobileLimitCents"] as const, { payByMobileLimitCents: cents }, {}, now);
}

/** IMEI: 15 digits, the last a Luhn check digit over the other 14 (3GPP TS 23.003). */
export function checkImei(input: string): string | null {
  const digits = input.replace(/[\s-]+/g, "");
  if (!/^\d{15}$/.test(digits)) return null;
  return luhnCheckDigit(digits.slice(0, 14)) === Number(digits[14]) ? digits : null;
}

export async function changeDevice(db: Db, principal: Principal, id: number, input: { imei: string; deviceBrand: string | null; deviceType: string | null }, now = Date.now()): Promise<ChangeResult> {
  const imei = input.imei === "" ? null : checkImei(input.imei);
  if (input.imei !== "" && imei === null) return fail("invalid", { problems: { imei: "imeiInvalid" } });
  const loaded = await loadForChange(db, principal, id, "device");
  if (!loaded.ok) return loaded;
  // 002: only a device marked company-owned is the portal's business.
  if (!loaded.value.deviceCompanyOwned) return fail("not_found");
  return changeColumns(db, principal, loaded.value, "line.device", ["imei", "deviceBrand", "deviceType"] as const, { imei, deviceBrand: input.deviceBrand, deviceType: input.deviceType }, {}, now);
}

export async function changeBlocks(db: Db, principal: Principal, id: number, blocks: LineBlock[], now = Date.now()): Promise<ChangeResult> {
  const loaded = await loadForChange(db, principal, id, "blocks");
  if (!loaded.ok) return loaded;
  const line = loaded.value;
  const current = (await db.select({ block: lineBlocks.block }).from(lineBlocks).where(eq(lineBlocks.lineId, line.id))).map((r) => r.block);
  const before = LINE_BLOCKS.filter((b) => current.includes(b));
  const after = LINE_BLOCKS.filter((b) => blocks.includes(b));
  if (same(before, after)) return ok({ changed: false });
  const added = after.filter((b) => !before.includes(b));
  const removed = before.filter((b) => !after.includes(b));
  await db.batch([
    db.delete(lineBlocks).where(and(eq(lineBlocks.lineId, line.id), removed.length > 0 ? inArray(lineBlocks.block, removed) : sql`0`)),
    ...added.map((block) =>
      db.run(sql`INSERT OR IGNORE INTO line_blocks (line_id, block, since) SELECT ${mobileLines.id}, ${block}, ${now} FROM ${mobileLines}
        WHERE ${mobileLines.id} = ${line.id} AND ${linesInScope(principal)} AND ${mobileLines.status} <> 'STOPPED'`),
    ),
    updateLine(db, principal, line.id, {}, now),
    audit(db, principal, line, "line.blocks", { blocks: before }, { blocks: after }, now),
  ]);
  return ok({ changed: true });
}

/** The plan's allowed options and the line's, for the options and plan changes. */
async function optionsOf(db: Db, planId: number, lineId: number) {
  const [allowed, onLine, names] = await db.batch([
    db.select({ optionId: planOptions.optionId }).from(planOptions).where(eq(planOptions.planId, planId)),
    db.select({ optionId: lineOptions.optionId }).from(lineOptions).where(eq(lineOptions.lineId, lineId)),
    db.select({ id: fleetOptions.id, name: fleetOptions.name }).from(fleetOptions).orderBy(asc(fleetOptions.sortOrder)),
  ]);
  const nameOf = new Map(names.map((o) => [o.id, o.name]));
  return { allowed: new Set(allowed.map((r) => r.optionId)), onLine: new Set(onLine.map((r) => r.optionId)), nameOf, all: names };
}

export async function addOptions(db: Db, principal: Principal, id: number, optionIds: number[], now = Date.now()): Promise<ChangeResult> {
  const loaded = await loadForChange(db, principal, id, "optionsAdd");
  if (!loaded.ok) return loaded;
  const line = loaded.value;
  const { allowed, onLine, nameOf } = await optionsOf(db, line.planId, line.id);
  const unknown = optionIds.filter((o) => !nameOf.has(o));
  if (unknown.length > 0 || optionIds.length === 0) return fail("invalid", { problems: { options: "chooseOption" } });
  // Plan × option "Sans objet": refused whole, nothing added.
  const refused = optionIds.filter((o) => !allowed.has(o));
  if (refused.length > 0) return fail("invalid", { problems: { options: "optionNotAllowedError" }, names: refused.map((o) => nameOf.get(o)!), plan: line.planName });
  const added = optionIds.filter((o) => !onLine.has(o));
  if (added.length === 0) return ok({ changed: false });
  await db.batch([
    updateLine(db, principal, line.id, {}, now),
    ...added.map((optionId) =>
      db.run(sql`INSERT OR IGNORE INTO line_options (line_id, option_id, added_at) SELECT ${mobileLines.id}, ${optionId}, ${now} FROM ${mobileLines}
        WHERE ${mobileLines.id} = ${line.id} AND ${linesInScope(principal)} AND ${mobileLines.status} <> 'STOPPED'`),
    ),
    audit(db, principal, line, "line.options_added", { options: [...onLine].map((o) => nameOf.get(o)) }, { added: added.map((o) => nameOf.get(o)) }, now),
  ]);
  return ok({ changed: true });
}

export async function removeOptions(db: Db, principal: Principal, id: number, optionIds: number[], now = Date.now()): Promise<ChangeResult> {
  const loaded = await loadForChange(db, principal, id, "optionsRemove");
  if (!loaded.ok) return loaded;
  const line = loaded.value;
  if (optionIds.length === 0) return fail("invalid", { problems: { removeOptions: "chooseOption" } });
  const { onLine, nameOf } = await optionsOf(db, line.planId, line.id);
  const removed = optionIds.filter((o) => onLine.has(o));
  if (removed.length === 0) return ok({ changed: false });
  await db.batch([
    db.delete(lineOptions).where(and(eq(lineOptions.lineId, line.id), inArray(lineOptions.optionId, removed))),
    updateLine(db, principal, line.id, {}, now),
    audit(db, principal, line, "line.options_removed", { options: [...onLine].map((o) => nameOf.get(o)) }, { removed: removed.map((o) => nameOf.get(o)) }, now),
  ]);
  return ok({ changed: true });
}

export type PlanReview = { line: LineDetail; from: PlanChoice; to: PlanChoice; removed: string[] };

/** The review step: the new plan and the options of the line it does not allow (they will be removed). */
export async function reviewPlanChange(db: Db, principal: Principal, id: number, planId: number): Promise<Result<PlanReview, ChangeFailure>> {
  const loaded = await loadForChange(db, principal, id, "plan");
  if (!loaded.ok) return loaded;
  const line = loaded.value;
  const plans = await db.select({ id: tariffPlans.id, name: tariffPlans.name, kind: tariffPlans.kind, monthlyCents: tariffPlans.monthlyCents }).from(tariffPlans);
  const to = plans.find((p) => p.id === planId);
  const from = plans.find((p) => p.id === line.planId)!;
  if (!to) return fail("invalid", { problems: { plan: "chooseOption" } });
  const { allowed, onLine, nameOf } = await optionsOf(db, to.id, line.id);
  const removed = [...onLine].filter((o) => !allowed.has(o)).map((o) => nameOf.get(o)!);
  return ok({ line, from, to, removed });
}

/** A single line's plan change applies at once; a line_changes row (done, today) keeps it in the operator's history. */
export async function changePlan(db: Db, principal: Principal, id: number, planId: number, now = Date.now()): Promise<ChangeResult> {
  const review = await reviewPlanChange(db, principal, id, planId);
  if (!review.ok) return review;
  const { line, from, to } = review.value;
  if (from.id === to.id) return ok({ changed: false });
  const { allowed, onLine } = await optionsOf(db, to.id, line.id);
  const dropped = [...onLine].filter((o) => !allowed.has(o));
  await db.batch([
    updateLine(db, principal, line.id, { planId: to.id }, now),
    db.delete(lineOptions).where(and(eq(lineOptions.lineId, line.id), dropped.length > 0 ? inArray(lineOptions.optionId, dropped) : sql`0`)),
    db.insert(lineChanges).values({
      lineId: line.id,
      customerId: line.customerId,
      kind: "plan",
      payload: { from: from.id, to: to.id, removedOptions: dropped },
      effectiveDate: brusselsDate(now),
      status: "done",
      createdAt: new Date(now),
      createdBy: principal.actor,
      doneAt: new Date(now),
      doneBy: principal.actor,
    }),
    audit(db, principal, line, "line.plan", { plan: from.name }, { plan: to.name, removedOptions: review.value.removed }, now),
  ]);
  return ok({ changed: true });
}

import { asc, eq, sql } from "drizzle-orm";
import { type Db, isUniqueViolation } from "../../db/client.ts";
import type { PlanKind } from "../../db/schema/enums.ts";
import { billingAccounts, fleetOptions, planOptions, tariffPlans } from "../../db/schema/index.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { normalizeBelgianPhone } from "../../lib/phone.ts";
import type { Principal } from "../../lib/principal.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";
import type { Session } from "../../lib/session.ts";
import { brusselsDate, parseDay } from "../../lib/workdays.ts";
import { checkIccid } from "./iccid.ts";

/**
 * "Ajouter une carte SIM" (003): one step per screen, in the manual's order, then a review. What
 * was entered so far is a draft in KV under the session (1 h): it is the user's scratch pad, never
 * shared, needs no schema and no clean-up, and is gone with the session's hour; nothing reaches
 * the database until "Create" on the review. Every step is checked again at that moment.
 */
export const STEPS = ["sim", "split", "user", "plan", "options", "billing", "number", "review"] as const;
export type Step = (typeof STEPS)[number];
export const isStep = (value: string | undefined): value is Step => (STEPS as readonly string[]).includes(value ?? "");

export const TITLES = ["mr", "mrs", "mx"] as const;
export const LANGUAGES = ["nl", "fr", "en"] as const;
export const OPERATORS = ["Proximus", "Orange Belgium", "BASE", "Telenet", "Scarlet", "Mobile Vikings", "Lycamobile", "other"] as const;
/** New numbers come from this demo range of the operator ("0463 0x xx xx"), the next free one. */
export const NEW_NUMBER_PREFIX = "04630";
export const MAX_TEXT = 100;

export type Draft = {
  done: Step[];
  iccid?: string;
  splitBill?: "yes" | "no";
  splitProfile?: string;
  description?: string;
  title?: string;
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  email?: string;
  phone?: string;
  language?: string;
  planId?: number;
  optionIds?: number[];
  billingAccountId?: number;
  numberChoice?: "existing" | "new";
  portingNumber?: string;
  portingOperator?: string;
  portingCustomerNumber?: string;
};

const TTL_SECONDS = 3600;
// As the documents selection: the account is part of the key, and the session's subject and start survive an id rotation.
async function draftKey(session: Session): Promise<string> {
  return `fleet-wizard:${await sha256Hex(`${session.subject}|${session.createdAt}|${session.customerId}`)}`;
}

export async function readDraft(kv: KVNamespace, session: Session): Promise<Draft> {
  const raw = await kv.get(await draftKey(session));
  if (!raw) return { done: [] };
  try {
    const parsed = JSON.parse(raw) as Draft;
    return parsed && Array.isArray(parsed.done) ? parsed : { done: [] };
  } catch {
    return { done: [] };
  }
}

export async function writeDraft(kv: KVNamespace, session: Session, draft: Draft): Promise<void> {
  await kv.put(await draftKey(session), JSON.stringify(draft), { expirationTtl: TTL_SECONDS });
}

export async function clearDraft(kv: KVNamespace, session: Session): Promise<void> {
  await kv.delete(await draftKey(session));
}

/** The first step not done yet (a step further on cannot be opened before it). */
export function firstOpenStep(draft: Draft): Step {
  return STEPS.find((step) => step !== "review" && !draft.done.includes(step)) ?? "review";
}

export function stepAllowed(draft: Draft, step: Step): boolean {
  return STEPS.indexOf(step) <= STEPS.indexOf(firstOpenStep(draft));
}

// ——— what the steps offer ———

export type Plan = { id: number; code: string; name: string; kind: PlanKind; monthlyCents: number };
export type OptionRow = { id: number; code: string; name: string; prices: Map<number, number> };
export type BillingAccount = { id: number; number: string; label: string };
export type Catalog = { plans: Plan[]; options: OptionRow[]; billing: BillingAccount[]; nextNumber: string; contractId: number | null };

/** Plans, options with their per-plan prices, the account's billing accounts and the next free new number: one round trip. */
export async function wizardCatalog(db: Db, principal: Principal): Promise<Catalog> {
  const [plans, options, prices, billing, next, contract] = await db.batch([
    db
      .select({ id: tariffPlans.id, code: tariffPlans.code, name: tariffPlans.name, kind: tariffPlans.kind, monthlyCents: tariffPlans.monthlyCents })
      .from(tariffPlans)
      .orderBy(asc(tariffPlans.sortOrder)),
    db.select({ id: fleetOptions.id, code: fleetOptions.code, name: fleetOptions.name }).from(fleetOptions).orderBy(asc(fleetOptions.sortOrder)),
    db.select().from(planOptions),
    db
      .select({
        id: billingAccounts.id,
        number: billingAccounts.number,
        label: sql<string>`${billingAccounts.number} || ' ' || ${billingAccounts.street} || ', ' || ${billingAccounts.postcode} || ' ' || ${billingAccounts.city}`,
      })
      .from(billingAccounts)
      .where(eq(billingAccounts.customerId, principal.customerId))
      .orderBy(asc(billingAccounts.number)),
    db.all<{ next: string }>(nextNumberSql()),
    // The new line is on the account's mobile contract (its first one not ended).
    db.all<{ id: number }>(sql`SELECT id FROM contracts WHERE customer_id = ${principal.customerId} ORDER BY status = 'ended', id LIMIT 1`),
  ]);
  return {
    plans,
    options: options.map((o) => ({ ...o, prices: new Map(prices.filter((p) => p.optionId === o.id).map((p) => [p.planId, p.monthlyCents])) })),
    billing,
    nextNumber: String(next[0]?.next ?? `${NEW_NUMBER_PREFIX}00000`),
    contractId: contract[0] ? Number(contract[0].id) : null,
  };
}

function nextNumberSql() {
  const start = NEW_NUMBER_PREFIX.length + 1;
  return sql`SELECT printf('%s%05d', ${NEW_NUMBER_PREFIX}, COALESCE(MAX(CAST(substr(msisdn, ${start}) AS INTEGER)) + 1, 0)) AS next
    FROM mobile_lines WHERE msisdn LIKE ${`${NEW_NUMBER_PREFIX}%`} AND length(msisdn) = 10`;
}

// ——— checking a step ———

export type WizardErrorKey =
  | "required"
  | "iccidFormat"
  | "iccidCheckDigit"
  | "iccidTaken"
  | "choice"
  | "tooLong"
  | "email"
  | "phone"
  | "birthDate"
  | "plan"
  | "optionNotAllowed"
  | "billing"
  | "mobileNumber"
  | "numberTaken";
export type WizardErrors = Partial<Record<string, WizardErrorKey>>;

const text = (value: string | undefined) => (value ?? "").trim();
const asList = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** A Belgian mobile number as typed ("0470 12 34 56", "+32 470…") → "0470123456"; else null. */
export function nationalMobile(value: string): string | null {
  const e164 = normalizeBelgianPhone(value);
  return e164?.startsWith("+324") ? `0${e164.slice(3)}` : null;
}

/**
 * Checks the fields of one step against the catalog and the database; the draft with that step's
 * values (and the step marked done) or the errors by field (the draft untouched).
 */
export async function checkStep(
  db: Db,
  catalog: Catalog,
  draft: Draft,
  step: Exclude<Step, "review">,
  form: Record<string, string | string[] | undefined>,
  now = Date.now(),
): Promise<{ draft: Draft; errors: WizardErrors }> {
  const errors: WizardErrors = {};
  const one = (name: string) => {
    const value = form[name];
    return Array.isArray(value) ? value[0] : value;
  };
  let next: Draft = { ...draft };
  switch (step) {
    case "sim": {
      const checked = checkIccid(one("iccid") ?? "");
      if (!checked.ok) errors.iccid = text(one("iccid")) === "" ? "required" : checked.problem === "format" ? "iccidFormat" : "iccidCheckDigit";
      else if (await iccidTaken(db, checked.iccid)) errors.iccid = "iccidTaken";
      next.iccid = checked.ok ? checked.iccid : text(one("iccid"));
      break;
    }
    case "split": {
      const split = one("splitBill");
      if (split !== "yes" && split !== "no") errors.splitBill = "choice";
      const profile = text(one("splitProfile"));
      if (split === "yes" && profile === "") errors.splitProfile = "required";
      if (profile.length > MAX_TEXT) errors.splitProfile = "tooLong";
      next = { ...next, splitBill: split === "yes" ? "yes" : split === "no" ? "no" : undefined, splitProfile: split === "yes" ? profile : "" };
      break;
    }
    case "user": {
      const fields = ["description", "title", "firstName", "lastName", "birthDate", "email", "phone", "language"] as const;
      const values = Object.fromEntries(fields.map((f) => [f, text(one(f))])) as Record<(typeof fields)[number], string>;
      for (const f of ["description", "firstName", "lastName", "email"] as const) if (values[f] === "") errors[f] = "required";
      for (const f of ["description", "firstName", "lastName"] as const) if (values[f].length > MAX_TEXT) errors[f] = "tooLong";
      if (values.title !== "" && !(TITLES as readonly string[]).includes(values.title)) errors.title = "choice";
      if (!(LANGUAGES as readonly string[]).includes(values.language)) errors.language = "choice";
      if (values.email !== "" && (values.email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email))) errors.email = "email";
      if (values.phone !== "" && !normalizeBelgianPhone(values.phone)) errors.phone = "phone";
      if (values.birthDate !== "") {
        const day = parseDay(values.birthDate);
        if (!day || day >= brusselsDate(now) || day < "1900-01-01") errors.birthDate = "birthDate";
        else values.birthDate = day;
      }
      next = { ...next, ...values };
      break;
    }
    case "plan": {
      const plan = catalog.plans.find((p) => String(p.id) === one("plan"));
      if (!plan) errors.plan = "plan";
      else next = { ...next, planId: plan.id, optionIds: (next.optionIds ?? []).filter((id) => catalog.options.find((o) => o.id === id)?.prices.has(plan.id)) };
      break;
    }
    case "options": {
      const planId = next.planId ?? -1;
      const ids = [...new Set(asList(form.options).map(Number))];
      const chosen = ids.map((id) => catalog.options.find((o) => o.id === id));
      if (chosen.some((o) => !o?.prices.has(planId))) errors.options = "optionNotAllowed";
      next.optionIds = chosen.filter((o): o is OptionRow => Boolean(o?.prices.has(planId))).map((o) => o.id);
      break;
    }
    case "billing": {
      const account = catalog.billing.find((b) => String(b.id) === one("billingAccount"));
      if (!account) errors.billingAccount = "billing";
      else next.billingAccountId = account.id;
      break;
    }
    case "number": {
      const choice = one("numberChoice");
      if (choice !== "existing" && choice !== "new") errors.numberChoice = "choice";
      const typed = text(one("portingNumber"));
      const operator = text(one("portingOperator"));
      const donorCustomer = text(one("portingCustomerNumber"));
      next = { ...next, numberChoice: choice === "existing" || choice === "new" ? choice : undefined, portingNumber: typed, portingOperator: operator, portingCustomerNumber: donorCustomer };
      if (choice === "existing") {
        const number = nationalMobile(typed);
        if (typed === "") errors.portingNumber = "required";
        else if (!number) errors.portingNumber = "mobileNumber";
        else if (await numberTaken(db, number)) errors.portingNumber = "numberTaken";
        else next.portingNumber = number;
        if (!(OPERATORS as readonly string[]).includes(operator)) errors.portingOperator = "choice";
        if (donorCustomer === "") errors.portingCustomerNumber = "required";
        else if (donorCustomer.length > 40) errors.portingCustomerNumber = "tooLong";
      }
      break;
    }
  }
  if (Object.keys(errors).length > 0) return { draft, errors };
  if (!next.done.includes(step)) next.done = [...next.done, step];
  return { draft: next, errors };
}

async function iccidTaken(db: Db, iccid: string): Promise<boolean> {
  const rows = await db.all(sql`SELECT 1 FROM mobile_lines WHERE iccid = ${iccid}
    UNION ALL SELECT 1 FROM line_changes WHERE status = 'pending' AND kind = 'replace_sim' AND json_extract(payload, '$.iccid') = ${iccid} LIMIT 1`);
  return rows.length > 0;
}

async function numberTaken(db: Db, msisdn: string): Promise<boolean> {
  const rows = await db.all(sql`SELECT 1 FROM mobile_lines WHERE msisdn = ${msisdn} AND status <> 'STOPPED' LIMIT 1`);
  return rows.length > 0;
}

// ——— creating the line ———

export type CreateRefused = Fail<"invalid", { step: Step; errors: WizardErrors }>;

/**
 * Creates the line PENDING from a complete draft: the line (with a new number from the demo range
 * or the ported number), its options and its audit event (subject line:ID) in one batch. The
 * ICCID's unique index decides between two drafts with the same SIM: the second gets its error.
 */
export async function createLine(db: Db, principal: Principal, catalog: Catalog, draft: Draft, now = Date.now()): Promise<Result<{ id: number }, CreateRefused>> {
  const open = firstOpenStep(draft);
  if (open !== "review") return fail("invalid", { step: open, errors: {} });
  // Every step again: the catalog or the database may have changed since it was entered.
  for (const step of STEPS) {
    if (step === "review") continue;
    const form = formOf(draft, step);
    const checked = await checkStep(db, catalog, draft, step, form, now);
    if (Object.keys(checked.errors).length > 0) return fail("invalid", { step, errors: checked.errors });
  }
  const plan = catalog.plans.find((p) => p.id === draft.planId)!;
  const contractId = catalog.contractId;
  if (contractId === null) return fail("invalid", { step: "billing" as Step, errors: { billingAccount: "billing" as const } });
  const iccid = draft.iccid!;
  const porting = draft.numberChoice === "existing";
  const name = `${draft.firstName ?? ""} ${draft.lastName ?? ""}`.trim();
  const lineOf = sql`(SELECT id FROM mobile_lines WHERE iccid = ${iccid})`;
  const msisdn = porting ? sql`${draft.portingNumber!}` : sql`(${nextNumberSql()})`;
  const optionIds = JSON.stringify(draft.optionIds ?? []);
  const after = JSON.stringify({
    iccid,
    plan: plan.name,
    options: catalog.options.filter((o) => draft.optionIds?.includes(o.id)).map((o) => o.name),
    description: draft.description,
    user: name,
    porting: porting ? { number: draft.portingNumber, operator: draft.portingOperator } : null,
  });
  try {
    await db.batch([
      db.run(sql`INSERT INTO mobile_lines (customer_id, contract_id, msisdn, description, plan_id, status, billing_account_id, iccid, split_bill, split_bill_profile,
          user_title, user_first_name, user_last_name, user_birth_date, user_email, user_phone, user_language, porting_number, porting_operator, porting_customer_number,
          search_text, created_at, updated_at)
        SELECT ${principal.customerId}, ${contractId}, m.msisdn, ${draft.description ?? ""}, ${plan.id}, 'PENDING', ${draft.billingAccountId ?? null}, ${iccid},
          ${draft.splitBill === "yes" ? 1 : 0}, ${draft.splitBill === "yes" ? (draft.splitProfile ?? null) : null},
          ${draft.title || null}, ${draft.firstName ?? null}, ${draft.lastName ?? null}, ${draft.birthDate || null}, ${draft.email ?? null}, ${draft.phone ? normalizeBelgianPhone(draft.phone) : null}, ${draft.language ?? null},
          ${porting ? draft.portingNumber! : null}, ${porting ? draft.portingOperator! : null}, ${porting ? draft.portingCustomerNumber! : null},
          lower(m.msisdn || ' ' || ${draft.description ?? ""} || ' ' || ${name}), ${now}, ${now}
        FROM (SELECT ${msisdn} AS msisdn) m`),
      db.run(sql`INSERT INTO line_options (line_id, option_id, added_at)
        SELECT ${lineOf}, po.option_id, ${now} FROM plan_options po WHERE po.plan_id = ${plan.id} AND po.option_id IN (SELECT value FROM json_each(${optionIds}))`),
      db.run(sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject)
        SELECT ${now}, ${principal.actor}, ${principal.customerId}, 'fleet.line_added', NULL, json_set(${after}, '$.msisdn', l.msisdn, '$.lineId', l.id), 'line:' || l.id
        FROM mobile_lines l WHERE l.iccid = ${iccid}`),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) return fail("invalid", { step: "sim" as Step, errors: { iccid: "iccidTaken" as const } });
    throw error;
  }
  const [row] = await db.all<{ id: number }>(sql`SELECT id FROM mobile_lines WHERE iccid = ${iccid} AND customer_id = ${principal.customerId}`);
  return ok({ id: Number(row!.id) });
}

/** A step's fields from the draft, as its form would send them (to check the whole draft again). */
export function formOf(draft: Draft, step: Step): Record<string, string | string[] | undefined> {
  switch (step) {
    case "sim":
      return { iccid: draft.iccid };
    case "split":
      return { splitBill: draft.splitBill, splitProfile: draft.splitProfile };
    case "user":
      return {
        description: draft.description,
        title: draft.title,
        firstName: draft.firstName,
        lastName: draft.lastName,
        birthDate: draft.birthDate,
        email: draft.email,
        phone: draft.phone,
        language: draft.language,
      };
    case "plan":
      return { plan: draft.planId === undefined ? undefined : String(draft.planId) };
    case "options":
      return { options: (draft.optionIds ?? []).map(String) };
    case "billing":
      return { billingAccount: draft.billingAccountId === undefined ? undefined : String(draft.billingAccountId) };
    case "number":
      return { numberChoice: draft.numberChoice, portingNumber: draft.portingNumber, portingOperator: draft.portingOperator, portingCustomerNumber: draft.portingCustomerNumber };
    case "review":
      return {};
  }
}

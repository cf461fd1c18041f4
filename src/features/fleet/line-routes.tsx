import { formatMsisdn } from "./msisdn.ts";
import { Hono, type Context } from "hono";
import * as z from "zod";
import { AddressBlock, BLOCK_OF, BlocksBlock, DeviceBlock, LinePage, PayByMobileBlock, ProductsBlock, UserBlock, type States } from "../../../views/fleet/line/LinePage.tsx";
import { LINE_BLOCKS } from "../../db/schema/enums.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { normalizeBelgianPhone } from "../../lib/phone.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { declare, right } from "../../lib/routes.ts";
import { validForm, type FormErrors, type InvalidForm } from "../../lib/validation.ts";
import {
  addOptions,
  changeAddress,
  changeBillingAccount,
  changeBlocks,
  changeDevice,
  changePayByMobile,
  changePlan,
  changeSplitBill,
  changeUserDetails,
  getLinePage,
  removeOptions,
  reviewPlanChange,
  TITLES,
  type ChangeFailure,
  type ChangeResult,
  type PlanReview,
  type Section,
} from "./line-service.ts";

/** Fleet, part "line": one line's page (003 "Gérer la carte SIM") and its per-line changes, section by section. */
export const fleetLineRoutes = new Hono<AppEnv>();

// Viewing needs fleet.view, every change fleet.manage; on top, the line must be in the principal's scope (404 otherwise).
declare({
  "GET /fleet/lines/:id": right("fleet", "view"),
  "POST /fleet/lines/:id/user": right("fleet", "manage"),
  "POST /fleet/lines/:id/address": right("fleet", "manage"),
  "POST /fleet/lines/:id/plan": right("fleet", "manage"),
  "POST /fleet/lines/:id/billing-account": right("fleet", "manage"),
  "POST /fleet/lines/:id/options/add": right("fleet", "manage"),
  "POST /fleet/lines/:id/options/remove": right("fleet", "manage"),
  "POST /fleet/lines/:id/split-bill": right("fleet", "manage"),
  "POST /fleet/lines/:id/blocks": right("fleet", "manage"),
  "POST /fleet/lines/:id/pay-by-mobile": right("fleet", "manage"),
  "POST /fleet/lines/:id/device": right("fleet", "manage"),
});

// ——— Schemas (messages are keys of t.errors) ———

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "tooLong" })
    .optional()
    .transform((value) => (value ? value : null));

const userSchema = z.object({
  description: z.string().trim().max(100, { error: "tooLong" }).default(""),
  userTitle: z
    .enum(["", ...TITLES], { error: "choice" })
    .default("")
    .transform((v) => v || null),
  userFirstName: text(100),
  userLastName: text(100),
  userBirthDate: z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && v >= "1900-01-01"), { error: "invalidDate" })
    .transform((v) => v || null),
  userEmail: z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || z.email().max(254).safeParse(v).success, { error: "email" })
    .transform((v) => v || null),
  userPhone: z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (value === "") return null;
      const phone = normalizeBelgianPhone(value);
      if (!phone) ctx.addIssue({ code: "custom", message: "phone" });
      return phone;
    }),
  userLanguage: z.enum(["nl", "fr", "en"], { error: "choice" }),
});

const addressSchema = z.object({ street: text(100), houseNumber: text(20), postcode: text(10), city: text(100), country: text(60) });
const planSchema = z.object({
  plan: z
    .string({ error: "choice" })
    .regex(/^[1-9]\d{0,8}$/, { error: "choice" })
    .transform(Number),
  confirm: z.string().optional(),
});
const billingSchema = z.object({
  billingAccount: z
    .string({ error: "choice" })
    .regex(/^[1-9]\d{0,14}$/, { error: "choice" })
    .transform(Number),
});
const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[1-9]\d{0,8}$/, { error: "choice" })
          .transform(Number),
      )
      .max(50, { error: "choice" }),
  );
const addOptionsSchema = z.object({ options: ids });
const removeOptionsSchema = z.object({ removeOptions: ids });
const splitBillSchema = z.object({ splitBill: z.enum(["yes", "no"], { error: "choice" }), splitBillProfile: text(60) });
const blocksSchema = z.object({
  blocks: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.enum(LINE_BLOCKS, { error: "choice" })).max(LINE_BLOCKS.length)),
});
const payByMobileSchema = z.object({
  payByMobileLimit: z
    .string({ error: "choice" })
    .regex(/^\d{1,7}$/, { error: "choice" })
    .transform(Number),
});
const deviceSchema = z.object({ imei: z.string().trim().max(20, { error: "tooLong" }).default(""), deviceBrand: text(60), deviceType: text(60) });

// ——— The page ———

async function linePage(c: Context<AppEnv>, states: States = {}, status: 200 | 409 | 422 = 200, review?: PlanReview, section?: Section) {
  const id = idParam(c.req.param("id"));
  const page = id === null ? null : await getLinePage(c.var.db, c.var.session!.principal, id, { after: c.req.query("after"), before: c.req.query("before") });
  if (!page) return renderFailure(c, "not_found");
  const l = c.var.t.fleetLine;
  // htmx swaps only the block of the form that was sent; without JavaScript the whole page comes back.
  const block = section ? BLOCK_OF[section] : null;
  if (block && c.req.header("HX-Request") === "true" && (c.req.header("HX-Target") === block || c.req.header("HX-Target")?.endsWith(`#${block}`))) {
    const state = section ? states[section] : undefined;
    const part =
      block === "line-user" ? (
        <UserBlock page={page} state={state} />
      ) : block === "line-address" ? (
        <AddressBlock page={page} state={state} />
      ) : block === "line-products" ? (
        <ProductsBlock page={page} states={states} review={review} />
      ) : block === "line-blocks" ? (
        <BlocksBlock page={page} state={state} />
      ) : block === "line-pay-by-mobile" ? (
        <PayByMobileBlock page={page} state={state} />
      ) : (
        <DeviceBlock page={page} state={state} />
      );
    return renderPartial(c, part, status);
  }
  const number = page.line.msisdn ? formatMsisdn(page.line.msisdn) : page.line.iccid;
  return renderPage(c, { title: page.line.msisdn ? fill(l.title, { number }) : fill(l.titleNoNumber, { iccid: number }), status }, <LinePage page={page} states={states} review={review} />);
}

const SECTIONS: Section[] = ["user", "address", "plan", "billing", "optionsAdd", "optionsRemove", "splitBill", "blocks", "payByMobile", "device"];

fleetLineRoutes.get("/fleet/lines/:id", (c) => {
  const states: States = {};
  for (const notice of ["saved", "unchanged"] as const) {
    const section = c.req.query(notice) as Section | undefined;
    if (section && SECTIONS.includes(section)) states[section] = { notice };
  }
  return linePage(c, states);
});

// ——— Changes: one handler shape for every section ———

/** Raw form values as posted (lists kept), to show the form again as it was sent. */
async function postedValues(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string") out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === "string");
  }
  return out;
}

/**
 * A form that does not pass its schema: the same page (or block) again, 422, with what was sent and
 * a message per field. The schema is asked again for its keys: they are t.errors' or the line's own.
 */
function invalid(section: Section, schema: z.ZodType): InvalidForm {
  return async (c) => {
    const values = await postedValues(c);
    const parsed = schema.safeParse(values);
    const errors: FormErrors = {};
    const l = c.var.t.fleetLine;
    const general = c.var.t.errors as Record<string, string>;
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      if (errors[field]) continue;
      const key = issue.message;
      errors[field] = key === "tooLong" ? l.tooLong : key === "invalidDate" ? l.invalidDate : (general[key] ?? general.required);
    }
    return linePage(c, { [section]: { values, errors } }, 422, undefined, section);
  };
}

async function outcome(c: Context<AppEnv>, section: Section, result: ChangeResult) {
  const l = c.var.t.fleetLine;
  if (result.ok) return redirectAfterPost(c, `/${c.var.locale}/fleet/lines/${c.req.param("id")}?${result.value.changed ? "saved" : "unchanged"}=${section}#${BLOCK_OF[section]}`);
  return failed(c, section, result, l);
}

async function failed(c: Context<AppEnv>, section: Section, failure: ChangeFailure, l = c.var.t.fleetLine) {
  if (failure.error === "not_found" || failure.error === "forbidden") return renderFailure(c, failure);
  const values = await postedValues(c);
  if (failure.error === "conflict") return linePage(c, { [section]: { values, notice: failure.reason } }, failure.reason === "stopped" ? 409 : 422, undefined, section);
  const errors: FormErrors = {};
  for (const [field, key] of Object.entries(failure.problems)) {
    if (!key) continue;
    errors[field] = key === "optionNotAllowedError" ? fill(l.optionNotAllowedError, { options: (failure.names ?? []).join(", "), plan: failure.plan ?? "" }) : l[key];
  }
  return linePage(c, { [section]: { values, errors } }, 422, undefined, section);
}

const lineId = (c: Context<AppEnv>) => idParam(c.req.param("id"));
const principalOf = (c: Context<AppEnv>) => c.var.session!.principal;

fleetLineRoutes.post("/fleet/lines/:id/user", validForm(userSchema, invalid("user", userSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  return outcome(c, "user", await changeUserDetails(c.var.db, principalOf(c), id, c.req.valid("form")));
});

fleetLineRoutes.post("/fleet/lines/:id/address", validForm(addressSchema, invalid("address", addressSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  return outcome(c, "address", await changeAddress(c.var.db, principalOf(c), id, c.req.valid("form")));
});

// A plan is chosen, then reviewed (the options it drops), then applied: the second post carries confirm=1.
fleetLineRoutes.post("/fleet/lines/:id/plan", validForm(planSchema, invalid("plan", planSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  const input = c.req.valid("form");
  if (input.confirm === "1") return outcome(c, "plan", await changePlan(c.var.db, principalOf(c), id, input.plan));
  const review = await reviewPlanChange(c.var.db, principalOf(c), id, input.plan);
  if (!review.ok) return failed(c, "plan", review);
  if (review.value.from.id === review.value.to.id) return linePage(c, { plan: { values: { plan: String(input.plan) }, errors: { plan: c.var.t.fleetLine.planSame } } }, 422, undefined, "plan");
  return linePage(c, {}, 200, review.value, "plan");
});

fleetLineRoutes.post("/fleet/lines/:id/billing-account", validForm(billingSchema, invalid("billing", billingSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  return outcome(c, "billing", await changeBillingAccount(c.var.db, principalOf(c), id, c.req.valid("form").billingAccount));
});

fleetLineRoutes.post("/fleet/lines/:id/options/add", validForm(addOptionsSchema, invalid("optionsAdd", addOptionsSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  const result = await addOptions(c.var.db, principalOf(c), id, c.req.valid("form").options);
  return outcome(c, "optionsAdd", result);
});

fleetLineRoutes.post("/fleet/lines/:id/options/remove", validForm(removeOptionsSchema, invalid("optionsRemove", removeOptionsSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  return outcome(c, "optionsRemove", await removeOptions(c.var.db, principalOf(c), id, c.req.valid("form").removeOptions));
});

fleetLineRoutes.post("/fleet/lines/:id/split-bill", validForm(splitBillSchema, invalid("splitBill", splitBillSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  const input = c.req.valid("form");
  if (input.splitBill === "yes" && !input.splitBillProfile) return failed(c, "splitBill", { ok: false, error: "invalid", problems: { splitBillProfile: "splitBillProfileRequired" } });
  return outcome(c, "splitBill", await changeSplitBill(c.var.db, principalOf(c), id, { splitBill: input.splitBill === "yes", splitBillProfile: input.splitBillProfile }));
});

fleetLineRoutes.post("/fleet/lines/:id/blocks", validForm(blocksSchema, invalid("blocks", blocksSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  return outcome(c, "blocks", await changeBlocks(c.var.db, principalOf(c), id, c.req.valid("form").blocks));
});

fleetLineRoutes.post("/fleet/lines/:id/pay-by-mobile", validForm(payByMobileSchema, invalid("payByMobile", payByMobileSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  return outcome(c, "payByMobile", await changePayByMobile(c.var.db, principalOf(c), id, c.req.valid("form").payByMobileLimit));
});

fleetLineRoutes.post("/fleet/lines/:id/device", validForm(deviceSchema, invalid("device", deviceSchema)), async (c) => {
  const id = lineId(c);
  if (id === null) return renderFailure(c, "not_found");
  return outcome(c, "device", await changeDevice(c.var.db, principalOf(c), id, c.req.valid("form")));
});

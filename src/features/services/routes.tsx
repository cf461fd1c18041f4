import { Hono, type Context } from "hono";
import type { Child } from "hono/jsx";
import * as z from "zod";
import { ChangePage, ChangeForm, CHANGE_FORM_ID, ContractsPage, type ChangeFormState } from "../../../views/services/ContractsPage.tsx";
import { ClosureForm, CLOSURE_FORM_ID, ClosuresPage, type ClosureFormState, type ClosuresNotice } from "../../../views/services/ClosuresPage.tsx";
import { OrderDetailPage, OrderForm, ORDER_FORM_ID, OrderPage, type OrderFormState } from "../../../views/services/OrderPage.tsx";
import { PurchasesPage } from "../../../views/services/PurchasesPage.tsx";
import { CHANGE_KINDS } from "../../db/schema/enums.ts";
import { hasWaste } from "../../lib/applications.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { orderNumber } from "../../lib/orders.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
import { declare, right } from "../../lib/routes.ts";
import { validForm, type InvalidForm } from "../../lib/validation.ts";
import { brusselsDate } from "../../lib/workdays.ts";
import { addClosure, deleteClosure, getContract, getOrder, listClosures, listContracts, listOrders, orderForm, placeOrder, requestChange } from "./service.ts";

export const servicesRoutes = new Hono<AppEnv>();

// Manual p.13: the 4 tabs of "Services". Seeing them and asking for a change (contract, closing
// dates) is the application's "view"; placing an order is its "order".
declare({
  "GET /services": right("services", "view"),
  "GET /services/contracts/:id/change": right("services", "view"),
  "POST /services/contracts/:id/change": right("services", "view"),
  "GET /services/purchases": right("services", "view"),
  "GET /services/orders/:id": right("services", "view"),
  "GET /services/order": right("services", "order"),
  "POST /services/order": right("services", "order"),
  "GET /services/closures": right("services", "view"),
  "POST /services/closures": right("services", "view"),
  "POST /services/closures/:id/delete": right("services", "view"),
});

const text = (error: "required" | "choice") => z.string({ error }).trim().min(1, { error });
const changeSchema = z.object({
  kind: z.enum(CHANGE_KINDS, { error: "choice" }),
  newSize: z.string().optional(),
  frequency: z.string().optional(),
  effectiveDate: text("required"),
  comment: z.string().optional(),
});
const orderSchema = z.object({ product: text("choice"), quantity: text("required"), site: text("choice") });
const closureSchema = z.object({ site: text("choice"), from: text("required"), to: text("required"), reason: z.string().optional() });

/** htmx swaps the form block alone (HX-Target names it); without JavaScript the whole page comes back. */
function respond(c: Context<AppEnv>, blockId: string, block: Child, page: Child, status: 200 | 422) {
  if (c.req.header("HX-Request") === "true" && c.req.header("HX-Target")?.endsWith(`#${blockId}`)) return renderPartial(c, block, status);
  return renderPage(c, { title: c.var.t.services.title, status }, page);
}

// ——— 1. Contracts ———

servicesRoutes.get("/services", async (c) => {
  const contracts = await listContracts(c.var.db, c.var.session!.principal);
  // The notice names the contract of a request that is really in the list, never a number from the address.
  const requested = idParam(c.req.query("requested"));
  const saved = requested === null ? undefined : contracts.find((k) => k.requests.some((r) => r.id === requested))?.contractNumber;
  return renderPage(c, { title: c.var.t.services.title }, <ContractsPage contracts={contracts} saved={saved} />);
});

/** The contract of the address, if it is one of the principal's. */
async function scopedContract(c: Context<AppEnv>) {
  const id = idParam(c.req.param("id"));
  return found(id === null ? null : await getContract(c.var.db, c.var.session!.principal, id));
}

async function changeForm(c: Context<AppEnv>, state: ChangeFormState | undefined, status: 200 | 422) {
  const contract = await scopedContract(c);
  if (!contract.ok) return renderFailure(c, contract);
  return respond(c, CHANGE_FORM_ID, <ChangeForm contract={contract.value} state={state} />, <ChangePage contract={contract.value} state={state} />, status);
}

servicesRoutes.get("/services/contracts/:id/change", (c) => changeForm(c, undefined, 200));

const invalidChange: InvalidForm = (c, values, fieldErrors) => changeForm(c, { values, fieldErrors }, 422);

servicesRoutes.post("/services/contracts/:id/change", validForm(changeSchema, invalidChange), async (c) => {
  const contract = await scopedContract(c);
  if (!contract.ok) return renderFailure(c, contract);
  const input = c.req.valid("form");
  const result = await requestChange(c.var.db, c.var.session!.principal, contract.value, input);
  if (!result.ok) return changeForm(c, { values: { ...input, comment: input.comment ?? "" } as Record<string, string>, errors: result.errors }, 422);
  return redirectAfterPost(c, `/${c.var.locale}/services?requested=${result.value.id}`);
});

// ——— 2. Current purchases ———

servicesRoutes.get("/services/purchases", async (c) => {
  const page = await listOrders(c.var.db, c.var.session!.principal, { after: c.req.query("after"), before: c.req.query("before") });
  return renderPage(c, { title: c.var.t.services.tab.purchases }, <PurchasesPage page={page} />);
});

servicesRoutes.get("/services/orders/:id", async (c) => {
  const id = idParam(c.req.param("id"));
  const order = found(id === null ? null : await getOrder(c.var.db, c.var.session!.principal, id));
  if (!order.ok) return renderFailure(c, order);
  return renderPage(c, { title: fill(c.var.t.services.placedTitle, { number: orderNumber(order.value.id) }) }, <OrderDetailPage order={order.value} placed={c.req.query("placed") === "1"} />);
});

// ——— 3. Order ———

async function orderPage(c: Context<AppEnv>, state: OrderFormState | undefined, status: 200 | 422) {
  const form = await orderForm(c.var.db, c.var.session!.principal);
  return respond(c, ORDER_FORM_ID, <OrderForm products={form.products} sites={form.sites} state={state} />, <OrderPage products={form.products} sites={form.sites} state={state} />, status);
}

servicesRoutes.get("/services/order", (c) => orderPage(c, undefined, 200));

/** A site id that is none of the account's is another customer's: not found, as in the address bar (a word that is no id is the form's error). */
const foreignSite = (sites: { id: number }[], value: string) => !sites.some((site) => String(site.id) === value) && idParam(value) !== null;

servicesRoutes.post(
  "/services/order",
  validForm(orderSchema, (c, values, fieldErrors) => orderPage(c, { values, fieldErrors }, 422)),
  async (c) => {
    const principal = c.var.session!.principal;
    const input = c.req.valid("form");
    const form = await orderForm(c.var.db, principal);
    if (foreignSite(form.sites, input.site)) return renderFailure(c, "not_found");
    const result = await placeOrder(c.var.db, principal, form, input);
    if (!result.ok) {
      const state = { values: input, errors: result.errors };
      return respond(c, ORDER_FORM_ID, <OrderForm products={form.products} sites={form.sites} state={state} />, <OrderPage products={form.products} sites={form.sites} state={state} />, 422);
    }
    return redirectAfterPost(c, `/${c.var.locale}/services/orders/${result.value.id}?placed=1`);
  },
);

// ——— 4. Closing dates (waste collection only) ———

async function closuresPage(c: Context<AppEnv>, state: ClosureFormState | undefined, status: 200 | 422, notice?: ClosuresNotice) {
  const principal = c.var.session!.principal;
  if (!hasWaste(principal)) return renderFailure(c, "not_found");
  const { sites, closures } = await listClosures(c.var.db, principal);
  const today = brusselsDate(Date.now());
  return respond(c, CLOSURE_FORM_ID, <ClosureForm sites={sites} state={state} />, <ClosuresPage sites={sites} closures={closures} today={today} state={state} notice={notice} />, status);
}

servicesRoutes.get("/services/closures", async (c) => {
  const added = idParam(c.req.query("added"));
  if (added === null) return closuresPage(c, undefined, 200, { deleted: c.req.query("deleted") === "1" });
  // The notice names a closure that is really in the list, never dates from the address.
  const principal = c.var.session!.principal;
  if (!hasWaste(principal)) return renderFailure(c, "not_found");
  const { sites, closures } = await listClosures(c.var.db, principal);
  const closure = closures.find((x) => x.id === added);
  const notice = closure ? { saved: { site: closure.siteName, from: closure.fromDate, to: closure.toDate } } : undefined;
  return renderPage(c, { title: c.var.t.services.title }, <ClosuresPage sites={sites} closures={closures} today={brusselsDate(Date.now())} notice={notice} />);
});

servicesRoutes.post(
  "/services/closures",
  validForm(closureSchema, (c, values, fieldErrors) => closuresPage(c, { values, fieldErrors }, 422)),
  async (c) => {
    const principal = c.var.session!.principal;
    if (!hasWaste(principal)) return renderFailure(c, "not_found");
    const input = c.req.valid("form");
    const { sites } = await listClosures(c.var.db, principal);
    if (foreignSite(sites, input.site)) return renderFailure(c, "not_found");
    const result = await addClosure(c.var.db, principal, sites, input);
    if (!result.ok) return closuresPage(c, { values: { ...input, reason: input.reason ?? "" }, errors: result.errors }, 422);
    return redirectAfterPost(c, `/${c.var.locale}/services/closures?added=${result.value.id}`);
  },
);

servicesRoutes.post("/services/closures/:id/delete", async (c) => {
  const principal = c.var.session!.principal;
  const id = idParam(c.req.param("id"));
  if (!hasWaste(principal) || id === null) return renderFailure(c, "not_found");
  const deleted = await deleteClosure(c.var.db, principal, id);
  if (!deleted.ok) return renderFailure(c, deleted);
  return redirectAfterPost(c, `/${c.var.locale}/services/closures?deleted=1`);
});

import { sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import * as z from "zod";
import type { PacksState } from "../../../views/fleet/packs/PacksTab.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { redirectAfterPost, renderFailure } from "../../lib/render.tsx";
import { declare, right } from "../../lib/routes.ts";
import { validForm, type InvalidForm } from "../../lib/validation.ts";
import { contractPage, type Done } from "./contract-routes.tsx";
import { cancelPackRequest, modifyPack, orderPack, type PackFailure, stopPack } from "./packs-service.ts";
import { managesFleet } from "./scope.ts";
import { saveUsageAlert } from "./usage-alerts.ts";

/**
 * Fleet, part "group packs" (issue #11): order, change or stop a contract's group data pack (a
 * request for the next billing period, confirmed by the provider), cancel a pending request, and
 * the pack's out-of-bundle notification. Every answer is the contract page's packs tab.
 */
export const fleetPacksRoutes = new Hono<AppEnv>();

declare({
  "POST /fleet/packs/order": right("fleet", "manage"),
  "POST /fleet/packs/:id/modify": right("fleet", "manage"),
  "POST /fleet/packs/:id/stop": right("fleet", "manage"),
  "POST /fleet/packs/requests/:id/cancel": right("fleet", "manage"),
  "POST /fleet/packs/:id/alert": right("fleet", "manage"),
});

const id = z
  .string({ error: "choice" })
  .regex(/^[1-9]\d{0,14}$/, { error: "choice" })
  .transform(Number);
const orderSchema = z.object({ contract: id, offer: id });
const modifySchema = z.object({ offer: id });

// The amount is the usage engineer's to read ("25", "25,50"; none needed to switch off): saveUsageAlert answers invalid.
const alertSchema = z.object({ enabled: z.enum(["on", "off"], { error: "choice" }), amount: z.string().trim().max(20).default("") });

const back = (c: Context<AppEnv>, contractId: number, done: Done) => redirectAfterPost(c, `/${c.var.locale}/fleet/contract?contract=${contractId}&tab=packs&done=${done}`);

/** The contract a pack belongs to (for the page to show again), within the customer. */
async function contractOfPack(c: Context<AppEnv>, packId: number | null): Promise<number | null> {
  if (packId === null) return null;
  const [row] = await c.var.db.all<{ contractId: number }>(sql`SELECT contract_id AS contractId FROM group_packs WHERE id = ${packId} AND customer_id = ${c.var.session!.principal.customerId}`);
  return row?.contractId ?? null;
}

/** A form that does not pass: the packs tab again (422) with what was sent and the message next to its field. */
function invalid(form: NonNullable<PacksState["form"]>, contractOf: (c: Context<AppEnv>, values: Record<string, string>) => Promise<number | null>): InvalidForm {
  return async (c, values, errors) => {
    const k = c.var.t.fleetContract.packs;
    const contractId = await contractOf(c, values);
    if (contractId === null) return renderFailure(c, "not_found");
    const messages: Record<string, string> = {};
    for (const field of Object.keys(errors)) messages[field] = field === "amount" ? k.amountInvalid : field === "offer" ? k.offerInvalid : c.var.t.errors.choice;
    return contractPage(c, contractId, "packs", { form, values, errors: messages }, 422);
  };
}

/** A refusal of the service as the packs tab (409 / 422) or the error page (403 / 404). */
async function refused(c: Context<AppEnv>, contractId: number | null, form: NonNullable<PacksState["form"]>, failure: PackFailure, values: Record<string, string> = {}) {
  if (failure.error === "not_found" || failure.error === "forbidden" || contractId === null) return renderFailure(c, failure.error === "forbidden" ? "forbidden" : "not_found");
  const k = c.var.t.fleetContract.packs;
  const provider = c.env.PROVIDER_NAME;
  if (failure.error === "invalid") return contractPage(c, contractId, "packs", { form, values, errors: { offer: k[failure.reason] } }, 422);
  const text = failure.reason === "open" ? fill(k.conflict, { provider }) : failure.reason === "orderOpen" ? k.conflictOrder : failure.reason === "notActive" ? k.notActive : k.notPending;
  return contractPage(c, contractId, "packs", { notice: { kind: "error", text } }, 409);
}

const principalOf = (c: Context<AppEnv>) => c.var.session!.principal;

fleetPacksRoutes.post(
  "/fleet/packs/order",
  validForm(
    orderSchema,
    invalid("order", async (_c, values) => idParam(values.contract) ?? null),
  ),
  async (c) => {
    const input = c.req.valid("form");
    const result = await orderPack(c.var.db, principalOf(c), input.contract, input.offer);
    if (!result.ok) return refused(c, input.contract, "order", result, { offer: String(input.offer) });
    return back(c, result.value.contractId, "ordered");
  },
);

fleetPacksRoutes.post(
  "/fleet/packs/:id/modify",
  validForm(
    modifySchema,
    invalid("modify", (c) => contractOfPack(c, idParam(c.req.param("id")))),
  ),
  async (c) => {
    const packId = idParam(c.req.param("id"));
    if (packId === null) return renderFailure(c, "not_found");
    const offer = c.req.valid("form").offer;
    const result = await modifyPack(c.var.db, principalOf(c), packId, offer);
    if (!result.ok) return refused(c, await contractOfPack(c, packId), "modify", result, { offer: String(offer) });
    return back(c, result.value.contractId, "modified");
  },
);

fleetPacksRoutes.post("/fleet/packs/:id/stop", async (c) => {
  const packId = idParam(c.req.param("id"));
  if (packId === null) return renderFailure(c, "not_found");
  const result = await stopPack(c.var.db, principalOf(c), packId);
  if (!result.ok) return refused(c, await contractOfPack(c, packId), "order", result);
  return back(c, result.value.contractId, "stopped");
});

fleetPacksRoutes.post("/fleet/packs/requests/:id/cancel", async (c) => {
  const requestId = idParam(c.req.param("id"));
  if (requestId === null) return renderFailure(c, "not_found");
  const result = await cancelPackRequest(c.var.db, principalOf(c), requestId);
  if (!result.ok) {
    if (result.error !== "conflict") return renderFailure(c, result.error === "forbidden" ? "forbidden" : "not_found");
    const [row] = await c.var.db.all<{ contractId: number }>(
      sql`SELECT p.contract_id AS contractId FROM pack_requests r JOIN group_packs p ON p.id = r.pack_id WHERE r.id = ${requestId} AND r.customer_id = ${principalOf(c).customerId}`,
    );
    return refused(c, row?.contractId ?? null, "order", result);
  }
  return back(c, result.value.contractId, "cancelled");
});

fleetPacksRoutes.post(
  "/fleet/packs/:id/alert",
  validForm(
    alertSchema,
    invalid("alert", (c) => contractOfPack(c, idParam(c.req.param("id")))),
  ),
  async (c) => {
    const packId = idParam(c.req.param("id"));
    const contractId = await contractOfPack(c, packId);
    if (packId === null || contractId === null) return renderFailure(c, "not_found");
    if (!managesFleet(principalOf(c))) return renderFailure(c, "forbidden");
    const input = c.req.valid("form");
    const result = await saveUsageAlert(c.var.db, principalOf(c), { packId }, { enabled: input.enabled === "on", amount: input.amount });
    if (!result.ok) {
      if (result.error === "invalid") return contractPage(c, contractId, "packs", { form: "alert", values: input, errors: { amount: c.var.t.fleetContract.packs.amountInvalid } }, 422);
      return renderFailure(c, result);
    }
    return back(c, contractId, "alertSaved");
  },
);

import { type Context, Hono } from "hono";
import * as z from "zod";
import { ConsumptionPage, TopLinesPage } from "../../../views/fleet/usage/ConsumptionPage.tsx";
import { ALERT_BLOCK, AlertBlock, type AlertState, lineLabel, LineUsagePage } from "../../../views/fleet/usage/LineUsagePage.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { declare, right } from "../../lib/routes.ts";
import { type FormErrors, validForm } from "../../lib/validation.ts";
import { fleetConsumption, lineUsage, topLines } from "./consumption-service.ts";
import { parseEuroAmount, saveUsageAlert, validThreshold } from "./usage-alerts.ts";

/** Fleet, part "consumption" (issue #11): the fleet's totals, the lines by out-of-bundle amount, one line's consumption and its notification. */
export const fleetUsageRoutes = new Hono<AppEnv>();

// Seeing consumption needs fleet.view (and the line in scope: 404 otherwise); a notification is a change: fleet.manage.
declare({
  "GET /fleet/usage": right("fleet", "view"),
  "GET /fleet/usage/top": right("fleet", "view"),
  "GET /fleet/lines/:id/usage": right("fleet", "view"),
  "POST /fleet/lines/:id/usage/alert": right("fleet", "manage"),
});

/**
 * 003: the amount is in euros, 1 to 100,000 ("25", "25,50"), read by the usage alerts' own parser;
 * switched off with the field left empty, the amount saved before is kept. Messages are keys of
 * t.fleetUsage.
 */
const alertSchema = z
  .object({ enabled: z.literal("on", { error: "alertAmountInvalid" }).optional(), amount: z.string().trim().max(20, { error: "alertAmountInvalid" }).default("") })
  .superRefine((form, ctx) => {
    if (form.amount === "") {
      if (form.enabled === "on") ctx.addIssue({ code: "custom", path: ["amount"], message: "alertAmountRequired" });
      return;
    }
    const cents = parseEuroAmount(form.amount);
    if (cents === null || !validThreshold(cents)) ctx.addIssue({ code: "custom", path: ["amount"], message: "alertAmountInvalid" });
  });

const principalOf = (c: Context<AppEnv>) => c.var.session!.principal;

fleetUsageRoutes.get("/fleet/usage", async (c) => {
  const data = await fleetConsumption(c.var.db, principalOf(c));
  return renderPage(c, { title: c.var.t.fleetUsage.title }, <ConsumptionPage {...data} />);
});

fleetUsageRoutes.get("/fleet/usage/top", async (c) => {
  const after = c.req.query("after");
  const before = c.req.query("before");
  const { period, page } = await topLines(c.var.db, principalOf(c), { after, before });
  return renderPage(c, { title: c.var.t.fleetUsage.topTitle }, <TopLinesPage period={period} page={page} first={!after && !before} />);
});

/** The line's consumption page (or, for htmx, only its notification block) with the alert form's state. */
async function usagePage(c: Context<AppEnv>, alert: AlertState = {}, status: 200 | 422 = 200) {
  const id = idParam(c.req.param("id"));
  const usage = id === null ? null : await lineUsage(c.var.db, principalOf(c), id);
  if (!usage) return renderFailure(c, "not_found");
  const target = c.req.header("HX-Target");
  if (c.req.header("HX-Request") === "true" && (target === ALERT_BLOCK || target?.endsWith(`#${ALERT_BLOCK}`))) return renderPartial(c, <AlertBlock usage={usage} state={alert} />, status);
  return renderPage(c, { title: fill(c.var.t.fleetUsage.lineTitle, { number: lineLabel(usage.line) }), status }, <LineUsagePage usage={usage} alert={alert} />);
}

fleetUsageRoutes.get("/fleet/lines/:id/usage", (c) => usagePage(c, { saved: c.req.query("saved") === "alert" }));

/** A 422 in the user's language, the values as typed, the message next to the field. */
function invalidAlert(c: Context<AppEnv>, values: Record<string, string>) {
  const u = c.var.t.fleetUsage;
  const parsed = alertSchema.safeParse(values);
  const errors: FormErrors = {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = String(issue.path[0] ?? "amount");
    if (!errors[field]) errors[field] = issue.message === "alertAmountRequired" ? u.alertAmountRequired : u.alertAmountInvalid;
  }
  return usagePage(c, { values, errors }, 422);
}

fleetUsageRoutes.post(
  "/fleet/lines/:id/usage/alert",
  validForm(alertSchema, (c, values) => invalidAlert(c, values)),
  async (c) => {
    const id = idParam(c.req.param("id"));
    if (id === null) return renderFailure(c, "not_found");
    const input = c.req.valid("form");
    const result = await saveUsageAlert(c.var.db, principalOf(c), { lineId: id }, { enabled: input.enabled === "on", amount: input.amount });
    if (!result.ok) {
      if (result.error === "not_found") return renderFailure(c, result);
      return usagePage(c, { values: { enabled: input.enabled ?? "", amount: input.amount }, errors: { amount: c.var.t.fleetUsage.alertAmountInvalid } }, 422);
    }
    return redirectAfterPost(c, `/${c.var.locale}/fleet/lines/${id}/usage?saved=alert#${ALERT_BLOCK}`);
  },
);

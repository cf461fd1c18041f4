import { Hono, type Context } from "hono";
import { ActionPage, type ActionView } from "../../../views/fleet/actions/ActionPage.tsx";
import { actionPath } from "../../../views/fleet/actions/LineActions.tsx";
import { stepPath, WizardPage, type StepState } from "../../../views/fleet/wizard/WizardPage.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { can } from "../../lib/principal.ts";
import { redirectAfterPost, renderFailure, renderPage } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
import { declare, right } from "../../lib/routes.ts";
import { actionBlocked, lineForAction, requestAction } from "./actions-service.ts";
import { isActionKind, type ActionKind } from "./changes.ts";
import { managesFleet } from "./scope.ts";
import { checkStep, clearDraft, createLine, firstOpenStep, isStep, readDraft, stepAllowed, wizardCatalog, writeDraft, type Step } from "./wizard-service.ts";

/**
 * Fleet, part "wizard" (003): adding a SIM card, one step per screen (/fleet/lines/new/<step>),
 * and a line's actions, each on its confirmation page (/fleet/lines/:id/activate, replace-sim,
 * suspend, reactivate, stop). Mounted before the line router, so these paths are served here.
 */
export const fleetWizardRoutes = new Hono<AppEnv>();

const ACTION_SEGMENTS = { activate: "activate", replace_sim: "replace-sim", suspend: "suspend", reactivate: "reactivate", stop: "stop" } as const satisfies Record<ActionKind, string>;

declare({
  "GET /fleet/lines/new": right("fleet", "manage"),
  "GET /fleet/lines/new/:step": right("fleet", "manage"),
  "POST /fleet/lines/new/:step": right("fleet", "manage"),
});
for (const segment of Object.values(ACTION_SEGMENTS)) {
  declare({ [`GET /fleet/lines/:id/${segment}`]: right("fleet", "manage"), [`POST /fleet/lines/:id/${segment}`]: right("fleet", "manage") });
}

// ——— Add a SIM card ———

/** Adding SIM cards is the fleet manager's (MANAGER with "manage"); others are refused. */
const mayAdd = (c: Context<AppEnv>) => {
  const principal = c.var.session!.principal;
  return can(principal, "fleet", "manage") && managesFleet(principal);
};

fleetWizardRoutes.get("/fleet/lines/new", async (c) => {
  if (!mayAdd(c)) return renderFailure(c, "forbidden");
  // A new start: the draft of an earlier wizard is dropped unless the user comes back to it (?resume=1).
  if (c.req.query("resume") !== "1") await clearDraft(c.env.KV, c.var.session!);
  return c.redirect(stepPath(c.var.locale, c.req.query("resume") === "1" ? firstOpenStep(await readDraft(c.env.KV, c.var.session!)) : "sim"), 303);
});

async function wizardStep(c: Context<AppEnv>, step: Step, state: StepState | undefined, status: 200 | 422) {
  const [catalog, draft] = await Promise.all([wizardCatalog(c.var.db, c.var.session!.principal), readDraft(c.env.KV, c.var.session!)]);
  return renderPage(c, { title: `${c.var.t.fleetWizard.steps[step]} – ${c.var.t.fleetWizard.title}`, status }, <WizardPage step={step} catalog={catalog} draft={draft} state={state} />);
}

fleetWizardRoutes.get("/fleet/lines/new/:step", async (c) => {
  if (!mayAdd(c)) return renderFailure(c, "forbidden");
  const step = c.req.param("step");
  if (!isStep(step)) return renderFailure(c, "not_found");
  const draft = await readDraft(c.env.KV, c.var.session!);
  // A step further on than the first one not done yet: back to that one.
  if (!stepAllowed(draft, step)) return c.redirect(stepPath(c.var.locale, firstOpenStep(draft)), 303);
  return wizardStep(c, step, undefined, 200);
});

fleetWizardRoutes.post("/fleet/lines/new/:step", async (c) => {
  if (!mayAdd(c)) return renderFailure(c, "forbidden");
  const step = c.req.param("step");
  if (!isStep(step)) return renderFailure(c, "not_found");
  const session = c.var.session!;
  const principal = session.principal;
  const [catalog, draft, body] = await Promise.all([wizardCatalog(c.var.db, principal), readDraft(c.env.KV, session), c.req.parseBody({ all: true })]);
  if (!stepAllowed(draft, step)) return redirectAfterPost(c, stepPath(c.var.locale, firstOpenStep(draft)));
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "_csrf") continue;
    if (typeof value === "string") form[key] = value;
    else if (Array.isArray(value)) form[key] = value.filter((v): v is string => typeof v === "string").slice(0, 50);
  }
  const render = (s: Step, state: StepState) =>
    renderPage(c, { title: `${c.var.t.fleetWizard.steps[s]} – ${c.var.t.fleetWizard.title}`, status: 422 }, <WizardPage step={s} catalog={catalog} draft={draft} state={state} />);

  if (step === "review") {
    const created = await createLine(c.var.db, principal, catalog, draft);
    if (!created.ok) {
      if (Object.keys(created.errors).length === 0) return redirectAfterPost(c, stepPath(c.var.locale, created.step));
      return render(created.step, { errors: created.errors });
    }
    await clearDraft(c.env.KV, session);
    return redirectAfterPost(c, `${actionPath(c.var.locale, created.value.id, "activate")}?added=1`);
  }
  const checked = await checkStep(c.var.db, catalog, draft, step, form);
  if (Object.keys(checked.errors).length > 0) return render(step, { values: form, errors: checked.errors });
  await writeDraft(c.env.KV, session, checked.draft);
  // The next step not done yet, or the review when all are (a change made from the review goes back to it).
  return redirectAfterPost(c, stepPath(c.var.locale, firstOpenStep(checked.draft)));
});

// ——— A line's actions ———

async function scopedLine(c: Context<AppEnv>) {
  const id = idParam(c.req.param("id"));
  return found(id === null ? null : await lineForAction(c.var.db, c.var.session!.principal, id));
}

function actionResponse(c: Context<AppEnv>, line: Awaited<ReturnType<typeof lineForAction>> & object, kind: ActionKind, view: ActionView, status: 200 | 409 | 422 | 403) {
  const w = c.var.t.fleetWizard;
  const title = fill(w.actionFor, { action: w.actions[kind], number: line.msisdn ?? w.noNumber });
  const content = <ActionPage line={line} kind={kind} view={view} />;
  if (status === 200) return renderPage(c, { title }, content);
  return renderFailure(c, status === 409 ? "conflict" : status === 403 ? "forbidden" : "invalid", { title, content });
}

for (const [kind, segment] of Object.entries(ACTION_SEGMENTS)) {
  if (!isActionKind(kind)) continue;

  fleetWizardRoutes.get(`/fleet/lines/:id/${segment}`, async (c) => {
    const line = await scopedLine(c);
    if (!line.ok) return renderFailure(c, line);
    const requested = c.req.query("requested");
    // The notice of a change just asked for names the change that is really pending, never values from the address.
    if (requested !== undefined && line.value.pending?.kind === kind && String(line.value.pending.id) === requested) {
      const iccid = kind === "replace_sim" ? c.req.query("iccid") : undefined;
      return actionResponse(c, line.value, kind, { requested: { kind, date: line.value.pending.effectiveDate, iccid: iccid && /^\d{19,20}$/.test(iccid) ? iccid : "" } }, 200);
    }
    const blocked = actionBlocked(line.value, kind);
    if (blocked) return actionResponse(c, line.value, kind, { refused: blocked }, 409);
    return actionResponse(c, line.value, kind, { added: c.req.query("added") === "1" && line.value.status === "PENDING" }, 200);
  });

  fleetWizardRoutes.post(`/fleet/lines/:id/${segment}`, async (c) => {
    const line = await scopedLine(c);
    if (!line.ok) return renderFailure(c, line);
    const body = await c.req.parseBody();
    const input = { date: typeof body.date === "string" ? body.date : undefined, iccid: typeof body.iccid === "string" ? body.iccid : undefined };
    const result = await requestAction(c.var.db, c.var.session!.principal, line.value, kind, input);
    if (!result.ok) {
      if (result.error === "conflict") {
        // Between the page and the confirm, another request may have asked first: show what is pending now.
        const fresh = (await lineForAction(c.var.db, c.var.session!.principal, line.value.id)) ?? line.value;
        return actionResponse(c, fresh, kind, { refused: result.reason }, 409);
      }
      return actionResponse(c, line.value, kind, { values: input, errors: result.errors }, 422);
    }
    const iccid = kind === "replace_sim" && input.iccid ? `&iccid=${encodeURIComponent(input.iccid.replace(/\s+/g, ""))}` : "";
    return redirectAfterPost(c, `${actionPath(c.var.locale, line.value.id, kind)}?requested=${result.value.changeId}${iccid}`);
  });
}

import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { FleetActionsPage, type FleetActionsNotice } from "../../../views/desk/FleetActionsPage.tsx";
import { showNumber } from "../../../views/fleet/wizard/WizardPage.tsx";
import type { LineChangeKind } from "../../db/schema/enums.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { redirectAfterPost } from "../../lib/render.tsx";
import { declare, staffRoles } from "../../lib/routes.ts";
import { applyChange, pendingChange, pendingChangesForDesk } from "../fleet/changes.ts";
import { ALL_STAFF } from "./auth.ts";
import { renderDesk, renderDeskFailure } from "./render.tsx";
import { actorOf } from "./service.ts";

/**
 * The desk's "Fleet actions" queue (issue #10): pending line changes (activate, SIM swap,
 * suspend/reactivate, stop) across every customer, oldest effective date first; "Complete" carries
 * one out now (before its date, as the operator did it), as the cron does on the date.
 */
export const deskFleetRoutes = new Hono<AppEnv>();

const EVERYONE = staffRoles(...ALL_STAFF);
declare({
  "GET /desk/fleet": EVERYONE,
  "POST /desk/fleet/:id/complete": EVERYONE,
});

deskFleetRoutes.get("/desk/fleet", async (c) => {
  const after = c.req.query("after") ?? null;
  const w = c.var.t.fleetWizard.desk;
  const completed = idParam(c.req.query("completed"));
  // The notice names the change that was really completed, never words from the address.
  const [page, done] = await Promise.all([
    pendingChangesForDesk(c.var.db, after),
    completed === null
      ? Promise.resolve([])
      : c.var.db.all<{ kind: LineChangeKind; msisdn: string | null }>(
          sql`SELECT c.kind AS kind, l.msisdn AS msisdn FROM line_changes c JOIN mobile_lines l ON l.id = c.line_id WHERE c.id = ${completed} AND c.status = 'done'`,
        ),
  ]);
  const notice: FleetActionsNotice | undefined = done[0]
    ? { kind: "ok", text: fill(w.completed, { change: c.var.t.fleet.changeKinds[done[0].kind], number: done[0].msisdn ? showNumber(done[0].msisdn) : c.var.t.fleetWizard.noNumber }) }
    : c.req.query("already") === "1"
      ? { kind: "error", text: w.alreadyDone }
      : undefined;
  return renderDesk(c, { title: w.title }, <FleetActionsPage rows={page.rows} next={page.next} after={after} notice={notice} />);
});

deskFleetRoutes.post("/desk/fleet/:id/complete", async (c) => {
  const id = idParam(c.req.param("id"));
  const base = `/${c.var.locale}/desk/fleet`;
  const change = id === null ? null : await pendingChange(c.var.db, id);
  if (!change) {
    // Completed meanwhile (by a colleague or the cron), or no such change.
    const done = id === null ? [] : await c.var.db.all(sql`SELECT 1 FROM line_changes WHERE id = ${id} AND status = 'done'`);
    return done.length > 0 ? redirectAfterPost(c, `${base}?already=1`) : renderDeskFailure(c, "not_found");
  }
  const result = await applyChange(c.var.db, change, actorOf(c.var.deskSession!));
  if (!result.ok) {
    if (result.error === "conflict") return redirectAfterPost(c, `${base}?already=1`);
    return renderDeskFailure(c, "invalid", c.var.t.fleetWizard.desk.iccidTaken);
  }
  return redirectAfterPost(c, `${base}?completed=${change.id}`);
});

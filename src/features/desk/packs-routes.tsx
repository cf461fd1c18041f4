import { Hono } from "hono";
import { PackRequestsPage, type PackRequestsNotice } from "../../../views/desk/PackRequestsPage.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { redirectAfterPost } from "../../lib/render.tsx";
import { declare, staffRoles } from "../../lib/routes.ts";
import { decidePackRequest, packRequestForDesk, pendingPackRequestsForDesk } from "../fleet/packs-service.ts";
import { ALL_STAFF } from "./auth.ts";
import { renderDesk, renderDeskFailure } from "./render.tsx";
import { actorOf } from "./service.ts";

/**
 * The desk's "Group packs" queue (issue #11): pending requests to order, change or stop a group
 * data pack across every customer, oldest first; staff confirm (the cron applies it on its
 * effective date) or refuse, with a note. Audited with the customer's id.
 */
export const deskPacksRoutes = new Hono<AppEnv>();

const EVERYONE = staffRoles(...ALL_STAFF);
declare({
  "GET /desk/packs": EVERYONE,
  "POST /desk/packs/:id/confirm": EVERYONE,
  "POST /desk/packs/:id/refuse": EVERYONE,
});

deskPacksRoutes.get("/desk/packs", async (c) => {
  const after = c.req.query("after") ?? null;
  const p = c.var.t.fleetContract.desk;
  const decided = idParam(c.req.query("decided"));
  // The notice names the request that was really decided, never words from the address.
  const [page, request] = await Promise.all([pendingPackRequestsForDesk(c.var.db, after), decided === null ? Promise.resolve(null) : packRequestForDesk(c.var.db, decided)]);
  const notice: PackRequestsNotice | undefined =
    request && (request.status === "confirmed" || request.status === "refused" || request.status === "applied")
      ? { kind: "ok", text: fill(request.status === "refused" ? p.refused : p.confirmed, { kind: p.kinds[request.kind], contract: request.contractNumber }) }
      : c.req.query("already") === "1"
        ? { kind: "error", text: p.already }
        : undefined;
  return renderDesk(c, { title: p.title }, <PackRequestsPage rows={page.rows} next={page.next} after={after} notice={notice} />);
});

for (const decision of ["confirm", "refuse"] as const) {
  deskPacksRoutes.post(`/desk/packs/:id/${decision}`, async (c) => {
    const id = idParam(c.req.param("id"));
    const base = `/${c.var.locale}/desk/packs`;
    if (id === null) return renderDeskFailure(c, "not_found");
    const form = await c.req.parseBody();
    const note = typeof form.note === "string" && form.note.trim() ? form.note.trim().slice(0, 500) : null;
    const result = await decidePackRequest(c.var.db, id, decision === "confirm" ? "confirmed" : "refused", actorOf(c.var.deskSession!), note);
    if (!result.ok) return result.error === "conflict" ? redirectAfterPost(c, `${base}?already=1`) : renderDeskFailure(c, "not_found");
    return redirectAfterPost(c, `${base}?decided=${id}`);
  });
}

import { Hono, type Context } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderError, renderPage } from "../../lib/render.tsx";
import { declare, manage } from "../../lib/routes.ts";
import { markRightsChanged } from "../../lib/session.ts";
import { UserAppRightsPage, UserRightsOverviewPage } from "../../../views/rights/UserRightsPage.tsx";
import { idParam } from "../../lib/ids.ts";
import { checkedItems, noticeFrom } from "./http.ts";
import { getUserAppRights, getUserRightsOverview, saveUserAppRights, type SaveOutcome } from "./service.ts";

export const rightsRoutes = new Hono<AppEnv>();

// Whoever may manage users opens their rights; what they may grant is limited in the service.
declare({
  "GET /users/:id/rights": manage("users"),
  "GET /users/:id/rights/:app": manage("users"),
  "POST /users/:id/rights/:app": manage("users"),
  "POST /users/:id/rights/:app/copy": manage("users"),
});

rightsRoutes.get("/users/:id/rights", async (c) => {
  const id = idParam(c.req.param("id"));
  const overview = id && (await getUserRightsOverview(c.var.db, c.var.session!.principal, id));
  if (!overview) return renderError(c, 404, c.var.t.errors.notFound);
  return renderPage(c, { title: c.var.t.rights.manageTitle }, <UserRightsOverviewPage overview={overview} />);
});

rightsRoutes.get("/users/:id/rights/:app", async (c) => {
  const id = idParam(c.req.param("id"));
  const page = id && (await getUserAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app")));
  if (!page) return renderError(c, 404, c.var.t.errors.notFound);
  return renderPage(c, { title: c.var.t.rights.manageTitle }, <UserAppRightsPage page={page} notice={noticeFrom(c)} />);
});

async function respond(c: Context<AppEnv>, outcome: SaveOutcome, done: "saved" | "copied") {
  const { t, locale } = c.var;
  if (outcome.kind === "notFound") return renderError(c, 404, t.errors.notFound);
  const location = `/${locale}/users/${outcome.page.target.userId}/rights/${outcome.page.app.code}`;
  if (outcome.kind === "saved") {
    // The user's open sessions pick up the new rights on their next request, under a new session id.
    await markRightsChanged(c.env.KV, outcome.subject);
    return redirectAfterPost(c, `${location}?${done}=1`);
  }
  if (outcome.kind === "unchanged") return redirectAfterPost(c, `${location}?unchanged=1`);
  const refused = {
    locked: { status: 403 as const, text: outcome.page.lock ? t.rights.locked[outcome.page.lock] : t.errors.forbidden },
    notHeld: { status: 403 as const, text: t.rights.notHeld },
    invalid: { status: 422 as const, text: t.rights.invalidItem },
  }[outcome.kind];
  return renderPage(c, { title: t.rights.manageTitle, status: refused.status }, <UserAppRightsPage page={outcome.page} notice={{ kind: "error", text: refused.text }} />);
}

rightsRoutes.post("/users/:id/rights/:app", async (c) => {
  const id = idParam(c.req.param("id"));
  if (!id) return renderError(c, 404, c.var.t.errors.notFound);
  const outcome = await saveUserAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app"), { mode: "set", values: await checkedItems(c) });
  return respond(c, outcome, "saved");
});

rightsRoutes.post("/users/:id/rights/:app/copy", async (c) => {
  const id = idParam(c.req.param("id"));
  if (!id) return renderError(c, 404, c.var.t.errors.notFound);
  const outcome = await saveUserAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app"), { mode: "copy" });
  return respond(c, outcome, "copied");
});

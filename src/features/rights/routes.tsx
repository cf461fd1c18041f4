import { Hono, type Context } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderFailure, renderPage } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
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
  const overview = found(id === null ? null : await getUserRightsOverview(c.var.db, c.var.session!.principal, id));
  if (!overview.ok) return renderFailure(c, overview);
  return renderPage(c, { title: c.var.t.rights.manageTitle }, <UserRightsOverviewPage overview={overview.value} />);
});

rightsRoutes.get("/users/:id/rights/:app", async (c) => {
  const id = idParam(c.req.param("id"));
  const page = found(id === null ? null : await getUserAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app")));
  if (!page.ok) return renderFailure(c, page);
  return renderPage(c, { title: c.var.t.rights.manageTitle }, <UserAppRightsPage page={page.value} notice={noticeFrom(c)} />);
});

async function respond(c: Context<AppEnv>, outcome: SaveOutcome, done: "saved" | "copied") {
  const { t, locale } = c.var;
  if (!outcome.ok) {
    if (outcome.error === "not_found") return renderFailure(c, outcome);
    const { page } = outcome;
    const text = outcome.error === "invalid" ? t.rights.invalidItem : outcome.reason === "notHeld" ? t.rights.notHeld : page.lock ? t.rights.locked[page.lock] : t.errors.forbidden;
    return renderFailure(c, outcome, { title: t.rights.manageTitle, content: <UserAppRightsPage page={page} notice={{ kind: "error", text }} /> });
  }
  const { page, changed, subject } = outcome.value;
  const location = `/${locale}/users/${page.target.userId}/rights/${page.app.code}`;
  if (!changed) return redirectAfterPost(c, `${location}?unchanged=1`);
  // The user's open sessions pick up the new rights on their next request, under a new session id.
  await markRightsChanged(c.env.KV, subject);
  return redirectAfterPost(c, `${location}?${done}=1`);
}

rightsRoutes.post("/users/:id/rights/:app", async (c) => {
  const id = idParam(c.req.param("id"));
  if (!id) return renderFailure(c, "not_found");
  const outcome = await saveUserAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app"), { mode: "set", values: await checkedItems(c) });
  return respond(c, outcome, "saved");
});

rightsRoutes.post("/users/:id/rights/:app/copy", async (c) => {
  const id = idParam(c.req.param("id"));
  if (!id) return renderFailure(c, "not_found");
  const outcome = await saveUserAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app"), { mode: "copy" });
  return respond(c, outcome, "copied");
});

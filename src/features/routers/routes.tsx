import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
import { declare, NAMED_OWNER } from "../../lib/routes.ts";
import { markRightsChanged } from "../../lib/session.ts";
import { RouterAppRightsPage, RouterOverviewPage } from "../../../views/routers/RouterRightsPage.tsx";
import { RouterResults, RoutersPage } from "../../../views/routers/RoutersPage.tsx";
import { idParam } from "../../lib/ids.ts";
import { checkedItems, noticeFrom } from "../rights/http.ts";
import { getRouterAppRights, getRouterOverview, listRouters, saveRouterAppRights, type RouterFilter } from "./service.ts";

export const routersRoutes = new Hono<AppEnv>();

// Delegation to a third party is the Access Owner's (002 §9.2: "De Klant heeft, via zijn Access
// Owner, het recht ... aan een derde te delegeren"); the nav shows Routeurs to owners only.
declare({
  "GET /routers": NAMED_OWNER,
  "GET /routers/:id/rights": NAMED_OWNER,
  "GET /routers/:id/rights/:app": NAMED_OWNER,
  "POST /routers/:id/rights/:app": NAMED_OWNER,
});

const MAX_PAGE = 10_000;

routersRoutes.get("/routers", async (c) => {
  const page = Number(c.req.query("page") ?? "1");
  const filter: RouterFilter = {
    q: (c.req.query("q") ?? "").trim().slice(0, 100),
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
    withRights: c.req.query("mine") === "1",
  };
  const list = await listRouters(c.var.db, c.var.session!.principal, filter);
  // Active search swaps only the results; everything else gets the page.
  if (c.req.header("HX-Request") === "true" && (c.req.header("HX-Target") ?? "").endsWith("#router-results")) {
    return renderPartial(c, <RouterResults filter={filter} list={list} />);
  }
  return renderPage(c, { title: c.var.t.rights.routers.title }, <RoutersPage filter={filter} list={list} />);
});

routersRoutes.get("/routers/:id/rights", async (c) => {
  const id = idParam(c.req.param("id"));
  const overview = found(id === null ? null : await getRouterOverview(c.var.db, c.var.session!.principal, id));
  if (!overview.ok) return renderFailure(c, overview);
  return renderPage(c, { title: c.var.t.rights.manageTitle }, <RouterOverviewPage overview={overview.value} />);
});

routersRoutes.get("/routers/:id/rights/:app", async (c) => {
  const id = idParam(c.req.param("id"));
  const page = found(id === null ? null : await getRouterAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app")));
  if (!page.ok) return renderFailure(c, page);
  return renderPage(c, { title: c.var.t.rights.manageTitle }, <RouterAppRightsPage page={page.value} notice={noticeFrom(c)} />);
});

routersRoutes.post("/routers/:id/rights/:app", async (c) => {
  const { t, locale } = c.var;
  const id = idParam(c.req.param("id"));
  if (!id) return renderFailure(c, "not_found");
  const outcome = await saveRouterAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app"), await checkedItems(c));
  if (!outcome.ok) {
    if (outcome.error === "not_found") return renderFailure(c, outcome);
    const text = outcome.error === "invalid" ? t.rights.invalidItem : t.rights.notHeld;
    return renderFailure(c, outcome, { title: t.rights.manageTitle, content: <RouterAppRightsPage page={outcome.page} notice={{ kind: "error", text }} /> });
  }
  const { page, changed, subjects } = outcome.value;
  const location = `/${locale}/routers/${id}/rights/${page.app.code}`;
  if (!changed) return redirectAfterPost(c, `${location}?unchanged=1`);
  await Promise.all(subjects.map((subject) => markRightsChanged(c.env.KV, subject)));
  return redirectAfterPost(c, `${location}?saved=1`);
});

import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderError, renderPage, renderPartial } from "../../lib/render.tsx";
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
  const overview = id && (await getRouterOverview(c.var.db, c.var.session!.principal, id));
  if (!overview) return renderError(c, 404, c.var.t.errors.notFound);
  return renderPage(c, { title: c.var.t.rights.manageTitle }, <RouterOverviewPage overview={overview} />);
});

routersRoutes.get("/routers/:id/rights/:app", async (c) => {
  const id = idParam(c.req.param("id"));
  const page = id && (await getRouterAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app")));
  if (!page) return renderError(c, 404, c.var.t.errors.notFound);
  return renderPage(c, { title: c.var.t.rights.manageTitle }, <RouterAppRightsPage page={page} notice={noticeFrom(c)} />);
});

routersRoutes.post("/routers/:id/rights/:app", async (c) => {
  const { t, locale } = c.var;
  const id = idParam(c.req.param("id"));
  if (!id) return renderError(c, 404, t.errors.notFound);
  const outcome = await saveRouterAppRights(c.var.db, c.var.session!.principal, id, c.req.param("app"), await checkedItems(c));
  if (outcome.kind === "notFound") return renderError(c, 404, t.errors.notFound);
  const location = `/${locale}/routers/${id}/rights/${outcome.page.app.code}`;
  if (outcome.kind === "saved") {
    await Promise.all(outcome.subjects.map((subject) => markRightsChanged(c.env.KV, subject)));
    return redirectAfterPost(c, `${location}?saved=1`);
  }
  if (outcome.kind === "unchanged") return redirectAfterPost(c, `${location}?unchanged=1`);
  const refused = outcome.kind === "notHeld" ? { status: 403 as const, text: t.rights.notHeld } : { status: 422 as const, text: t.rights.invalidItem };
  return renderPage(c, { title: t.rights.manageTitle, status: refused.status }, <RouterAppRightsPage page={outcome.page} notice={{ kind: "error", text: refused.text }} />);
});

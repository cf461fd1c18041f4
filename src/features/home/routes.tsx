import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { renderError, renderPage } from "../../lib/render.tsx";
import { declare, SESSION } from "../../lib/routes.ts";
import { HomePage } from "../../../views/home/HomePage.tsx";
import { getHome } from "./service.ts";

export const homeRoutes = new Hono<AppEnv>();

declare({ "GET /home": SESSION });

homeRoutes.get("/home", async (c) => {
  const home = await getHome(c.var.db, c.var.session!);
  if (!home) return renderError(c, 404, c.var.t.errors.notFound);
  return renderPage(c, { title: c.var.t.home.title }, <HomePage home={home} />);
});

import { Hono } from "hono";
import { MaintenancePage } from "../../../views/maintenance/MaintenancePage.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { renderPage } from "../../lib/render.tsx";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { parseCursor } from "../../lib/keyset.ts";
import { listNotices } from "./service.ts";

/** The maintenance page (002 §5.4: "a page on the Support Portal"): public, logged in or not. */
export const maintenanceRoutes = new Hono<AppEnv>();

declare({ "GET /maintenance": PUBLIC });

maintenanceRoutes.get("/maintenance", async (c) => {
  const cursor = parseCursor(c.req.query("after"));
  const now = Date.now();
  const lists = await listNotices(c.var.db, cursor, now);
  c.header("Cache-Control", "no-store");
  return renderPage(c, { title: c.var.t.maintenance.title }, <MaintenancePage {...lists} after={cursor ? c.req.query("after")! : null} now={now} />);
});

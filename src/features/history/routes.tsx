import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { renderFailure, renderPage } from "../../lib/render.tsx";
import { declare, profiles } from "../../lib/routes.ts";
import { HistoryPage } from "../../../views/history/HistoryPage.tsx";
import { parseCursor } from "../../lib/keyset.ts";
import { historyNames, listHistory, type HistoryFilter } from "./service.ts";

export const historyRoutes = new Hono<AppEnv>();

// An Access Owner sees everything of the account, its audit log included (002 §8.2).
declare({ "GET /history": profiles("owner") });

historyRoutes.get("/history", async (c) => {
  const query = (name: string) => (c.req.query(name) ?? "").trim().slice(0, 100);
  const filter: HistoryFilter = { action: query("action"), actor: query("actor"), from: query("from"), to: query("to"), cursor: parseCursor(c.req.query("before")) };
  const customerId = c.var.session!.customerId;
  const { rows, next, errors } = await listHistory(c.var.db, customerId, filter);
  const names = await historyNames(c.var.db, customerId, rows);
  const title = c.var.t.rights.history.title;
  const content = <HistoryPage filter={filter} rows={rows} names={names} next={next} errors={errors} />;
  // A filter that cannot be applied (a date that is none, from after to): the same page, 422.
  return Object.keys(errors).length > 0 ? renderFailure(c, "invalid", { title, content }) : renderPage(c, { title }, content);
});

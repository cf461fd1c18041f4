import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { renderError, renderPage } from "../../lib/render.tsx";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { OutboxPage } from "../../../views/dev/OutboxPage.tsx";
import { listOutbox } from "./service.ts";
import { DevTotpPage } from "../../../views/desk/DevTotpPage.tsx";
import { currentStaffCodes } from "../desk/service.ts";

/** Only in development: the outbox is where a developer reads the codes the portal "sends". */
export const devRoutes = new Hono<AppEnv>();

declare({ "GET /dev/outbox": PUBLIC, "GET /dev/totp": PUBLIC });

devRoutes.get("/outbox", async (c) => {
  if (c.env.ENVIRONMENT !== "development") return renderError(c, 404, c.var.t.errors.notFound);
  const messages = await listOutbox(c.var.db);
  if (c.req.header("Accept")?.includes("application/json")) return c.json({ messages });
  return renderPage(c, { title: c.var.t.dev.outbox }, <OutboxPage messages={messages} />);
});

/** Only in development: the desk staff's current TOTP codes (what their authenticator app would show). */
devRoutes.get("/totp", async (c) => {
  if (c.env.ENVIRONMENT !== "development") return renderError(c, 404, c.var.t.errors.notFound);
  const staff = await currentStaffCodes(c.var.db);
  c.header("Cache-Control", "no-store");
  if (c.req.header("Accept")?.includes("application/json")) return c.json({ staff });
  return renderPage(c, { title: c.var.t.desk.devTotp.title }, <DevTotpPage staff={staff} />);
});

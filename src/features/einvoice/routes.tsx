import { Hono } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { renderError, renderPage } from "../../lib/render.tsx";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { EinvoiceConfirmedPage } from "../../../views/einvoice/EinvoiceConfirmedPage.tsx";
import { confirmEinvoiceEmail } from "./service.ts";

/** E-invoicing by e-mail: the profile asks for it (src/features/profile); the link in the e-mail lands here. */
export const einvoiceRoutes = new Hono<AppEnv>();

// The link works signed in or not: whoever holds it reads the address it confirms, nothing more.
declare({ "GET /einvoice/confirm/:token": PUBLIC });

einvoiceRoutes.get("/einvoice/confirm/:token", async (c) => {
  c.header("Cache-Control", "no-store");
  const result = await confirmEinvoiceEmail(c.var.db, c.req.param("token"));
  if (!result.ok) return renderError(c, 410, c.var.t.profile.einvoiceLinkInvalid);
  return renderPage(c, { title: c.var.t.profile.einvoiceConfirmedTitle }, <EinvoiceConfirmedPage email={result.email} />);
});

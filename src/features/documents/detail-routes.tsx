import { Hono } from "hono";
import { DocumentPage } from "../../../views/documents/DocumentPage.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { renderFailure, renderPage } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
import { declare, right } from "../../lib/routes.ts";
import { deliveriesOf } from "../einvoice/deliveries.ts";
import { getDocument, retentionCutoff } from "./service.ts";

/** A document's own page (#12): its details, its PDF and how it was delivered, channel by channel. */
export const documentDetailRoutes = new Hono<AppEnv>();

// Digits only: /documents/selection.zip is another route, and the gate reads the last route that matches.
declare({ "GET /documents/:id{[0-9]+}": right("documents", "view") });

documentDetailRoutes.get("/documents/:id{[0-9]+}", async (c) => {
  const id = idParam(c.req.param("id"));
  if (id === null) return renderFailure(c, "not_found");
  const months = Number(c.env.RETENTION_INVOICE_MONTHS);
  const cutoff = retentionCutoff(Number.isInteger(months) && months > 0 ? months : 24);
  // Both reads at once; the deliveries are shown only when the document is in the reader's scope.
  const [doc, deliveries] = await Promise.all([getDocument(c.var.db, c.var.session!.principal, id, cutoff), deliveriesOf(c.var.db, id)]);
  const lookup = found(doc);
  if (!lookup.ok) return renderFailure(c, lookup);
  const title = fill(c.var.t.einvoice.document.title, { kind: c.var.t.documents.pdf.kinds[lookup.value.kind], reference: lookup.value.reference });
  return renderPage(c, { title }, <DocumentPage doc={lookup.value} deliveries={deliveries} />);
});

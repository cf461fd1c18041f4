import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { declare, PUBLIC, SESSION } from "../../lib/routes.ts";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderError, renderPage } from "../../lib/render.tsx";
import { SESSION_COOKIE, updateSession } from "../../lib/session.ts";
import { currentTerms, termsState } from "../../lib/terms.ts";
import { AcceptTermsPage, TermsPage } from "../../../views/terms/TermsPage.tsx";
import { acceptTerms } from "./service.ts";

export const termsRoutes = new Hono<AppEnv>();

declare({ "GET /terms": PUBLIC, "GET /terms/accept": SESSION, "POST /terms/accept": SESSION });

termsRoutes.get("/terms", async (c) => {
  const { current, nextEffectiveAt } = await termsState(c.var.db);
  if (!current) return renderError(c, 404, c.var.t.errors.notFound);
  return renderPage(c, { title: c.var.t.terms.title }, <TermsPage terms={current} nextEffectiveAt={nextEffectiveAt} />);
});

termsRoutes.get("/terms/accept", async (c) => {
  const terms = await currentTerms(c.var.db);
  if (!terms || terms.id === c.var.session!.termsVersionId) return c.redirect(`/${c.var.locale}/home`, 303);
  return renderPage(c, { title: c.var.t.terms.title }, <AcceptTermsPage terms={terms} />);
});

termsRoutes.post("/terms/accept", async (c) => {
  const { t, locale } = c.var;
  const session = c.var.session!;
  const form = await c.req.parseBody();
  const terms = await currentTerms(c.var.db);
  if (!terms) return renderError(c, 404, t.errors.notFound);
  // The version shown must still be the current one: accepting what one did not read is no acceptance.
  if (form.accept !== "on" || form.version !== String(terms.id)) {
    return renderPage(c, { title: t.terms.title, status: 422 }, <AcceptTermsPage terms={terms} error={t.terms.mustAccept} />);
  }
  await acceptTerms(c.var.db, session, terms);
  await updateSession(c.env.KV, getCookie(c, SESSION_COOKIE)!, { ...session, termsVersionId: terms.id });
  return redirectAfterPost(c, `/${locale}/home`);
});

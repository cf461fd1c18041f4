import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { getCookie, setCookie } from "hono/cookie";
import { dbFromEnv } from "./db/client.ts";
import { accountsRoutes } from "./features/accounts/routes.tsx";
import { authRoutes } from "./features/auth/routes.tsx";
import { billingRoutes } from "./features/billing/routes.tsx";
import { calendarRoutes } from "./features/calendar/routes.tsx";
import { documentsRoutes } from "./features/documents/routes.tsx";
import { documentDetailRoutes } from "./features/documents/detail-routes.tsx";
import { einvoiceRoutes } from "./features/einvoice/routes.tsx";
import { historyRoutes } from "./features/history/routes.tsx";
import { identificationRoutes } from "./features/identification/routes.tsx";
import { passwordRoutes } from "./features/password/routes.tsx";
import { rightsRoutes } from "./features/rights/routes.tsx";
import { routersRoutes } from "./features/routers/routes.tsx";
import { usersRoutes } from "./features/users/routes.tsx";
import { devRoutes } from "./features/dev/routes.tsx";
import { deskEntryRoutes, deskRoutes } from "./features/desk/routes.tsx";
import { deskFleetRoutes } from "./features/desk/fleet-routes.tsx";
import { deskPacksRoutes } from "./features/desk/packs-routes.tsx";
import { deskMaintenanceRoutes } from "./features/desk/maintenance-routes.tsx";
import { maintenanceRoutes } from "./features/maintenance/routes.tsx";
import { maintenanceMiddleware } from "./features/maintenance/read-only.tsx";
import { deskTermsRoutes } from "./features/desk/terms-routes.tsx";
import { homeRoutes } from "./features/home/routes.tsx";
import { profileRoutes } from "./features/profile/routes.tsx";
import { termsRoutes } from "./features/terms/routes.tsx";
import { complaintsRoutes } from "./features/complaints/routes.tsx";
import { ticketsRoutes } from "./features/tickets/routes.tsx";
import { servicesRoutes } from "./features/services/routes.tsx";
import { fleetRoutes } from "./features/fleet/routes.tsx";
import { identityRoutes, oidcCallbackRoutes } from "./features/identity/routes.tsx";
import { sessionMiddleware } from "./lib/auth.ts";
import { authorize, declare, PUBLIC } from "./lib/routes.ts";
import type { AppEnv } from "./lib/env.ts";
import { catalogs, fill, isLocale, LOCALE_COOKIE, locales, negotiateLocale, type Locale } from "./lib/i18n.ts";
import { deliverPending, senderFor } from "./lib/outbox.ts";
import { renderError } from "./lib/render.tsx";
import { limitBody, limitText } from "./lib/body-limit.ts";
import { csrf, csrfAfterAuthorize, CsrfRefused, headers } from "./lib/security.ts";

function localeOf(c: Context<AppEnv>): Locale {
  const first = c.req.path.split("/")[1];
  return isLocale(first) ? first : negotiateLocale(getCookie(c, LOCALE_COOKIE), c.req.header("Accept-Language"));
}

declare({ "GET /": PUBLIC, "GET /health": PUBLIC });

export function createApp() {
  const app = new Hono<AppEnv>({ strict: false });

  // Order matters: headers on every answer; locale before anything that may render an error.
  app.use("*", headers);
  app.use("*", async (c, next) => {
    const locale = localeOf(c);
    c.set("locale", locale);
    c.set("t", catalogs[locale]);
    c.set("db", dbFromEnv(c.env));
    c.set("deliverOutbox", () => {
      const sender = senderFor(c.env);
      if (sender) c.executionCtx.waitUntil(deliverPending(c.var.db, sender).catch((error) => console.error("outbox", error)));
    });
    await next();
  });
  app.use("*", limitBody);
  app.use("*", csrf);
  app.use("*", sessionMiddleware);
  app.use("*", authorize);
  app.use("*", csrfAfterAuthorize);
  // Planned maintenance: the banner's notices (cached) on every request; changes refused while a read-only window runs.
  app.use("*", maintenanceMiddleware);

  app.get("/", (c) => c.redirect(`/${c.var.locale}`, 302));
  app.get("/health", (c) => c.text("ok"));
  app.route("/dev", devRoutes);
  // The OpenID providers' way back (itsme, eID): one address, the language travels in the transaction.
  app.route("/", oidcCallbackRoutes);
  // The provider's desk: its own login, session and declarations (src/features/desk/auth.ts).
  app.route("/", deskEntryRoutes);

  const localized = new Hono<AppEnv>({ strict: false });
  // The chosen language is remembered, so "/" brings the user back to it next time.
  localized.use("*", async (c, next) => {
    if (getCookie(c, LOCALE_COOKIE) !== c.var.locale) {
      setCookie(c, LOCALE_COOKIE, c.var.locale, { path: "/", sameSite: "Lax", secure: true, maxAge: 365 * 24 * 3600 });
    }
    await next();
  });
  localized.get("/", (c) => c.redirect(`/${c.var.locale}/${c.var.session ? "home" : "login"}`, 302));
  localized.route("/", authRoutes);
  localized.route("/", identityRoutes);
  localized.route("/", passwordRoutes);
  localized.route("/", usersRoutes);
  localized.route("/", rightsRoutes);
  localized.route("/", routersRoutes);
  localized.route("/", accountsRoutes);
  localized.route("/", historyRoutes);
  localized.route("/", identificationRoutes);
  localized.route("/", einvoiceRoutes);
  localized.route("/", documentsRoutes);
  // After the documents' own routes: /documents/selection.zip is theirs, /documents/:id the detail page.
  localized.route("/", documentDetailRoutes);
  localized.route("/", deskRoutes);
  localized.route("/", deskFleetRoutes);
  localized.route("/", deskPacksRoutes);
  localized.route("/", deskMaintenanceRoutes);
  localized.route("/", maintenanceRoutes);
  localized.route("/", deskTermsRoutes);
  localized.route("/", billingRoutes);
  localized.route("/", calendarRoutes);
  localized.route("/", termsRoutes);
  localized.route("/", homeRoutes);
  localized.route("/", profileRoutes);
  localized.route("/", complaintsRoutes);
  localized.route("/", ticketsRoutes);
  localized.route("/", servicesRoutes);
  localized.route("/", fleetRoutes);
  for (const locale of locales) app.route(`/${locale}`, localized);

  app.notFound((c) => renderError(c, 404, c.var.t.errors.notFound));
  app.onError((error, c) => {
    const t = c.var.t ?? catalogs.nl;
    // Middleware throws; only here does an error become a page, in the user's language.
    if (error instanceof HTTPException && error.status < 500) {
      switch (error.status) {
        case 403:
          return renderError(c, 403, error instanceof CsrfRefused ? t.errors.csrf : t.errors.forbidden);
        case 404:
          return renderError(c, 404, t.errors.notFound);
        case 413:
          return renderError(c, 413, fill(t.errors.tooLarge, { max: limitText(Number(error.message), c.var.locale ?? "nl") }));
        default:
          return renderError(c, 400, t.errors.badRequest);
      }
    }
    console.error(error);
    // A database or KV failure: say so in the user's language, never a stack trace.
    return renderError(c, 503, t.errors.unavailable);
  });
  return app;
}

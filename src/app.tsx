import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createDb } from "./db/client.ts";
import { authRoutes } from "./features/auth/routes.tsx";
import { billingRoutes } from "./features/billing/routes.tsx";
import { calendarRoutes } from "./features/calendar/routes.tsx";
import { documentsRoutes } from "./features/documents/routes.tsx";
import { passwordRoutes } from "./features/password/routes.tsx";
import { rightsRoutes } from "./features/rights/routes.tsx";
import { usersRoutes } from "./features/users/routes.tsx";
import { devRoutes } from "./features/dev/routes.tsx";
import { homeRoutes } from "./features/home/routes.tsx";
import { profileRoutes } from "./features/profile/routes.tsx";
import { termsRoutes } from "./features/terms/routes.tsx";
import { sessionMiddleware } from "./lib/auth.ts";
import { authorize, declare, PUBLIC } from "./lib/routes.ts";
import type { AppEnv } from "./lib/env.ts";
import { catalogs, isLocale, LOCALE_COOKIE, locales, negotiateLocale, type Locale } from "./lib/i18n.ts";
import { deliverPending, senderFor } from "./lib/outbox.ts";
import { renderError } from "./lib/render.tsx";
import { csrf, headers } from "./lib/security.ts";

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
    c.set("db", createDb(c.env.TURSO_DATABASE_URL, c.env.TURSO_AUTH_TOKEN));
    c.set("deliverOutbox", () => {
      const sender = senderFor(c.env);
      if (sender) c.executionCtx.waitUntil(deliverPending(c.var.db, sender).catch((error) => console.error("outbox", error)));
    });
    await next();
  });
  app.use("*", csrf);
  app.use("*", sessionMiddleware);
  app.use("*", authorize);

  app.get("/", (c) => c.redirect(`/${c.var.locale}`, 302));
  app.get("/health", (c) => c.text("ok"));
  app.route("/dev", devRoutes);

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
  localized.route("/", passwordRoutes);
  localized.route("/", usersRoutes);
  localized.route("/", rightsRoutes);
  localized.route("/", documentsRoutes);
  localized.route("/", billingRoutes);
  localized.route("/", calendarRoutes);
  localized.route("/", termsRoutes);
  localized.route("/", homeRoutes);
  localized.route("/", profileRoutes);
  for (const locale of locales) app.route(`/${locale}`, localized);

  app.notFound((c) => renderError(c, 404, c.var.t.errors.notFound));
  app.onError((error, c) => {
    console.error(error);
    // A database or KV failure: say so in the user's language, never a stack trace.
    return renderError(c, 503, (c.var.t ?? catalogs.nl).errors.unavailable);
  });
  return app;
}

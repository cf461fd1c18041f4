import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./env.ts";
import { randomToken, timingSafeEqual } from "./crypto.ts";
import { renderError } from "./render.tsx";

export const CSRF_COOKIE = "__Host-loket_csrf";
export const CSRF_FIELD = "_csrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: "same-origin",
});

/**
 * Double-submit token: an HttpOnly cookie and the same value in every form (or the
 * X-CSRF-Token header). It works before login too, so the login form is covered.
 * A cross-site Origin is refused outright.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  let token = getCookie(c, CSRF_COOKIE);
  if (UNSAFE.has(c.req.method)) {
    const origin = c.req.header("Origin");
    const sameOrigin = !origin || origin === new URL(c.req.url).origin;
    let sent = c.req.header("X-CSRF-Token");
    if (!sent) {
      const type = c.req.header("Content-Type") ?? "";
      if (type.includes("form")) {
        const value = (await c.req.parseBody())[CSRF_FIELD];
        sent = typeof value === "string" ? value : undefined;
      }
    }
    if (!sameOrigin || !token || !sent || !timingSafeEqual(token, sent)) {
      return renderError(c, 403, c.var.t.errors.csrf);
    }
  }
  if (!token) {
    token = randomToken(24);
    setCookie(c, CSRF_COOKIE, token, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
  }
  c.set("csrfToken", token);
  await next();
};

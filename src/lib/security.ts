import { configuredProviders } from "./identity-providers.ts";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { inlineCss } from "../generated/assets.ts";
import type { AppEnv } from "./env.ts";
import { randomToken, timingSafeEqual } from "./crypto.ts";

export const CSRF_COOKIE = "__Host-loket_csrf";
export const CSRF_FIELD = "_csrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The origins of the OpenID providers the login page offers. */
function oidcOrigins(env: AppEnv["Bindings"] | undefined): string {
  const origins = (env ? configuredProviders(env) : []).flatMap(({ issuer }) => {
    try {
      return [new URL(issuer).origin];
    } catch {
      return [];
    }
  });
  return [...new Set(origins)].join(" ");
}

export const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // The inlined stylesheet of cold pages (views/ui/Document.tsx), by its hash only.
    styleSrc: ["'self'", `'${inlineCss.hash}'`],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    // The itsme / eID buttons post here and are redirected to the provider (issue #13): its origin too.
    formAction: ["'self'", (c) => oidcOrigins(c.env as AppEnv["Bindings"] | undefined)],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: "same-origin",
});

/** Thrown by the CSRF check; the app's onError answers it with the localized 403 page. */
export class CsrfRefused extends HTTPException {
  constructor() {
    super(403, { message: "csrf" });
  }
}

/** A body the form parser cannot read (multipart without boundary, broken encoding) is the sender's fault: 400. */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody();
  } catch {
    throw new HTTPException(400, { message: "malformed body" });
  }
}

function tokenMatches(c: Context<AppEnv>, sent: unknown): boolean {
  const token = getCookie(c, CSRF_COOKIE);
  return typeof sent === "string" && !!token && timingSafeEqual(token, sent);
}

const isMultipart = (c: Context<AppEnv>) => (c.req.header("Content-Type") ?? "").toLowerCase().startsWith("multipart/");

/**
 * Double-submit token: an HttpOnly cookie and the same value in every form (or the
 * X-CSRF-Token header). It works before login too, so the login form is covered.
 * A cross-site Origin is refused outright. An upload (multipart) without the header must come
 * with this site's Origin; its token field is read only after authorization (csrfAfterAuthorize),
 * so nobody can make the Worker read a large body before it knows who sends it.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  let token = getCookie(c, CSRF_COOKIE);
  if (UNSAFE.has(c.req.method)) {
    const origin = c.req.header("Origin");
    const ownOrigin = new URL(c.req.url).origin;
    if (origin && origin !== ownOrigin) throw new CsrfRefused();
    const header = c.req.header("X-CSRF-Token");
    if (header !== undefined) {
      if (!tokenMatches(c, header)) throw new CsrfRefused();
    } else if (isMultipart(c)) {
      if (origin !== ownOrigin) throw new CsrfRefused();
      c.set("csrfPending", true);
    } else {
      const type = (c.req.header("Content-Type") ?? "").toLowerCase();
      const sent = type.includes("form") ? (await readForm(c))[CSRF_FIELD] : undefined;
      if (!tokenMatches(c, sent)) throw new CsrfRefused();
    }
  }
  if (!token) {
    token = randomToken(24);
    setCookie(c, CSRF_COOKIE, token, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
  }
  c.set("csrfToken", token);
  await next();
};

/** The deferred token check of an upload, once the route's authorization has passed. */
export const csrfAfterAuthorize: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.csrfPending && !tokenMatches(c, (await readForm(c))[CSRF_FIELD])) throw new CsrfRefused();
  await next();
};

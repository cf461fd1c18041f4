import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "./env.ts";
import { redirectAfterPost } from "./render.tsx";
import { createSession, destroySession, loadSession, SESSION_COOKIE, type Session } from "./session.ts";
import { currentTerms } from "./terms.ts";

/** Reads the session cookie; every later step sees c.var.session (or null). */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = getCookie(c, SESSION_COOKIE);
  c.set("session", id ? await loadSession(c.env.KV, id) : null);
  await next();
};

function redirectTo(c: Context<AppEnv>, location: string) {
  if (c.req.header("HX-Request") === "true") return redirectAfterPost(c, location);
  return c.redirect(location, 303);
}

/** Pages behind login: no session → login page (saying why when a cookie had expired). */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { locale } = c.var;
  const session = c.var.session;
  if (!session) {
    const hadCookie = Boolean(getCookie(c, SESSION_COOKIE));
    if (hadCookie) deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return redirectTo(c, `/${locale}/login${hadCookie ? "?expired=1" : ""}`);
  }
  const terms = await currentTerms(c.var.db);
  if (terms && terms.id !== session.termsVersionId && !c.req.path.endsWith("/terms/accept")) {
    return redirectTo(c, `/${locale}/terms/accept`);
  }
  await next();
};

/** A new id at every login, so a cookie planted before login is worth nothing after it. */
export async function startSession(c: Context<AppEnv>, data: Omit<Session, "createdAt" | "lastSeenAt" | "generation">) {
  const old = getCookie(c, SESSION_COOKIE);
  if (old) await destroySession(c.env.KV, old);
  const id = await createSession(c.env.KV, data);
  setCookie(c, SESSION_COOKIE, id, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
}

export async function endSession(c: Context<AppEnv>) {
  const id = getCookie(c, SESSION_COOKIE);
  if (id) await destroySession(c.env.KV, id);
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
}

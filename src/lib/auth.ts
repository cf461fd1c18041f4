import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "./env.ts";
import { codePrincipal, personPrincipal, userPrincipal, type Principal } from "./principal.ts";
import { redirectAfterPost } from "./render.tsx";
import { createSession, destroySession, loadSession, SESSION_COOKIE, type NewSession, type Session } from "./session.ts";
import { currentTerms } from "./terms.ts";

function setSessionCookie(c: Context<AppEnv>, id: string) {
  setCookie(c, SESSION_COOKIE, id, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
}

/** Rebuilds a session's principal from the database (after a change of rights or an account switch). */
export async function reloadPrincipal(c: Context<AppEnv>, session: Session, customerId = session.customerId): Promise<Principal | null> {
  if (session.personId) return personPrincipal(c.var.db, session.personId, customerId);
  if (session.userId === null) return codePrincipal(c.var.db, customerId, session.customerNumber);
  return userPrincipal(c.var.db, session.userId, customerId);
}

/**
 * Reads the session cookie; every later step sees c.var.session (or null). A session whose
 * rights changed gets its principal reloaded under a new id, so an old cookie cannot keep them.
 */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = getCookie(c, SESSION_COOKIE);
  const loaded = id ? await loadSession(c.env.KV, id) : null;
  let session = loaded?.session ?? null;
  if (loaded?.rightsChanged && id) {
    const principal = await reloadPrincipal(c, loaded.session);
    await destroySession(c.env.KV, id);
    if (principal) {
      const { id: newId, session: rotated } = await createSession(c.env.KV, { ...loaded.session, principal }, Date.now(), loaded.session.createdAt);
      setSessionCookie(c, newId);
      session = rotated;
    } else session = null;
  }
  c.set("session", session);
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
export async function startSession(c: Context<AppEnv>, data: NewSession) {
  const old = getCookie(c, SESSION_COOKIE);
  if (old) await destroySession(c.env.KV, old);
  const { id, session } = await createSession(c.env.KV, data);
  setSessionCookie(c, id);
  return session;
}

export async function endSession(c: Context<AppEnv>) {
  const id = getCookie(c, SESSION_COOKIE);
  if (id) await destroySession(c.env.KV, id);
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
}

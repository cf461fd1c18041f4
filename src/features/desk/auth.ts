import type { Context } from "hono";
import type { StaffRole } from "../../db/schema/enums.ts";
import { timingSafeEqual } from "../../lib/crypto.ts";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost } from "../../lib/render.tsx";
import { clientKey, hit, type Limit } from "../../lib/rate-limit.ts";
import { registerStaffGate } from "../../lib/routes.ts";
import { readForm } from "../../lib/security.ts";
import { DESK_CSRF_FIELD } from "../../../views/desk/Layout.tsx";
import { renderDeskError } from "./render.tsx";
import { loadDeskSession, type DeskSession } from "./session.ts";

/** Desk logins, counted exactly (Durable Objects) before the password or the code is checked. */
export const deskLimits = {
  loginPerClient: { name: "desk-login-client", max: 20, windowSeconds: 15 * 60 },
  loginPerUser: { name: "desk-login-user", max: 5, windowSeconds: 15 * 60 },
  codePerUser: { name: "desk-totp-user", max: 5, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

/** True while the client and the typed username are within their limits (both are counted). */
export async function loginAllowed(c: Context<AppEnv>, username: string, now = Date.now()): Promise<boolean> {
  const [client, user] = await Promise.all([
    hit(c.env.COUNTERS, deskLimits.loginPerClient, clientKey(c.req.raw), now),
    hit(c.env.COUNTERS, deskLimits.loginPerUser, username.trim().toLowerCase(), now),
  ]);
  return client && user;
}

export const codeAllowed = (c: Context<AppEnv>, staffId: number, now = Date.now()) => hit(c.env.COUNTERS, deskLimits.codePerUser, String(staffId), now);

/** The desk's token sent with a form (or the X-Desk-CSRF header) matches the desk session's. */
export async function deskTokenMatches(c: Context<AppEnv>, session: DeskSession): Promise<boolean> {
  const sent = c.req.header("X-Desk-CSRF") ?? (await readForm(c))[DESK_CSRF_FIELD];
  return typeof sent === "string" && timingSafeEqual(sent, session.csrf);
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function toLogin(c: Context<AppEnv>) {
  const location = `/${c.var.locale}/desk/login`;
  if (c.req.header("HX-Request") === "true") return redirectAfterPost(c, location);
  return c.redirect(location, 303);
}

/**
 * Every desk route (need kind "staff") passes here from the app's authorize middleware: a full
 * desk session (password and TOTP) with one of the route's roles, and on a POST the desk
 * session's own CSRF token. A customer's session is no way in: 403, never data.
 */
registerStaffGate(async (c, need, next) => {
  const session = await loadDeskSession(c);
  c.set("deskSession", session);
  if (session?.stage !== "full") {
    if (c.var.session) return renderDeskError(c, 403, c.var.t.desk.customerRefused, true);
    return toLogin(c);
  }
  if (!need.roles.includes(session.role)) return renderDeskError(c, 403, c.var.t.errors.forbidden);
  if (UNSAFE.has(c.req.method) && !(await deskTokenMatches(c, session))) return renderDeskError(c, 403, c.var.t.errors.csrf);
  await next();
});

export const ALL_STAFF: StaffRole[] = ["agent", "supervisor"];

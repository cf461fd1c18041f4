import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { requireSession } from "./auth.ts";
import type { AppEnv } from "./env.ts";
import type { StaffRole } from "../db/schema/enums.ts";
import { can, type Principal, type Profile } from "./principal.ts";
import { renderError } from "./render.tsx";

/**
 * What a route needs. Every route declares one; the authorize middleware refuses a route that
 * did not, and the matrix test checks every route against every profile from these declarations.
 */
export type Need =
  | { kind: "public" }
  | { kind: "session" }
  /** A named user (password login): their own identity, password and accounts. */
  | { kind: "named" }
  | { kind: "right"; app: string; fn: string }
  | { kind: "manage"; what: "users" | "admins" }
  | { kind: "profile"; profiles: Profile[]; named?: true }
  /** The provider's staff in the desk (/desk), by role: never a customer's principal, whatever its rights. */
  | { kind: "staff"; roles: StaffRole[] };

export const PUBLIC: Need = { kind: "public" };
export const SESSION: Need = { kind: "session" };
export const NAMED: Need = { kind: "named" };
export const right = (app: string, fn: string): Need => ({ kind: "right", app, fn });
export const manage = (what: "users" | "admins"): Need => ({ kind: "manage", what });
/** For the account's own data (home, profile): who of the account may see or change it. */
export const profiles = (...list: Profile[]): Need => ({ kind: "profile", profiles: list });
/** An Access Owner who logged in by name: passing rights on is an administrator's act, never a code login's. */
export const NAMED_OWNER: Need = { kind: "profile", profiles: ["owner"], named: true };
/** A desk route: staff with one of these roles, logged in to the desk with its own session. */
export const staffRoles = (...roles: StaffRole[]): Need => ({ kind: "staff", roles });

type StaffGate = (c: Parameters<MiddlewareHandler<AppEnv>>[0], need: Extract<Need, { kind: "staff" }>, next: () => Promise<void>) => Promise<Response | undefined>;
let staffGate: StaffGate | null = null;
/** The desk registers how a staff route is checked (its own session and roles, src/features/desk/auth.ts). */
export function registerStaffGate(gate: StaffGate): void {
  staffGate = gate;
}

/** "GET /users/:id" (the path within a locale) → what it needs. */
export const declarations = new Map<string, Need>();

export function declare(table: Record<string, Need>): void {
  for (const [key, need] of Object.entries(table)) {
    if (declarations.has(key)) throw new Error(`route declared twice: ${key}`);
    declarations.set(key, need);
  }
}

/** The locale prefix is not part of a declaration: /nl/home and /fr/home are one route. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/^\/(nl|fr|en)(?=\/|$)/, "") || "/"}`;
}

/** Whether a principal meets a route's need (the matrix test asks the same question for every route). */
export function isAllowed(principal: Principal | null | undefined, need: Need): boolean {
  if (need.kind === "public") return true;
  if (!principal) return false;
  switch (need.kind) {
    case "session":
      return true;
    case "named":
      return principal.userId !== null;
    case "right":
      return can(principal, need.app, need.fn);
    case "manage":
      return need.what === "admins" ? principal.flags.manageAdmins : principal.flags.manageUsers || principal.flags.manageAdmins;
    case "profile":
      return need.profiles.includes(principal.profile) && (!need.named || principal.userId !== null);
    case "staff":
      return false;
  }
}

/** Looks up the matched route's declaration; no declaration is a server error, never an open door. */
export const authorize: MiddlewareHandler<AppEnv> = async (c, next) => {
  const target = matchedRoutes(c).findLast((route) => route.method !== "ALL");
  if (!target) return next();
  const need = declarations.get(routeKey(target.method, target.path));
  if (!need) throw new Error(`undeclared route ${target.method} ${target.path}`);
  if (need.kind === "public") return next();
  // A desk route is the desk's: its own session, never the customer's (no gate registered: refused).
  if (need.kind === "staff") {
    if (!staffGate) throw new Error(`no staff gate for ${target.method} ${target.path}`);
    return staffGate(c, need, next);
  }
  let signedIn = false;
  const redirect = await requireSession(c, async () => {
    signedIn = true;
  });
  if (!signedIn) return redirect;
  if (!isAllowed(c.var.session?.principal, need)) return renderError(c, 403, c.var.t.errors.forbidden);
  await next();
};

import { can, type Principal } from "./principal.ts";

/**
 * Where each of the portal's own applications opens (its module's first page) and the function it
 * needs there. An application without an entry has no module yet:
 * its tile says so. External e-applications open the `url` of the catalog instead.
 */
export const modules: Record<string, { path: string; fn: string }> = {
  documents: { path: "/documents", fn: "view" },
  billing: { path: "/balance", fn: "view" },
  waste: { path: "/calendar", fn: "view" },
  access: { path: "/users", fn: "manage_users" },
  complaints: { path: "/complaints", fn: "view" },
  services: { path: "/services", fn: "view" },
  fleet: { path: "/fleet", fn: "view" },
};

/** Waste collection's screens (calendar, deliveries, old account statements, building filter) are for its subscribers only. */
export function hasWaste(principal: Principal | null | undefined): boolean {
  return Boolean(principal && can(principal, "waste", "view"));
}

/** Whether the principal may open an internal module; user management also needs the flags to manage users. */
export function mayOpen(principal: Principal, code: string): boolean {
  const module = modules[code];
  if (!module) return false;
  if (code === "access") return principal.flags.manageUsers || principal.flags.manageAdmins;
  return can(principal, code, module.fn);
}

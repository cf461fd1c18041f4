import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { accountApplications, applicationFunctions, applications, customers, grants, memberships, personAccounts, scopes } from "../db/schema/index.ts";

export type { Profile } from "../db/schema/enums.ts";
import type { FleetRole, Profile } from "../db/schema/enums.ts";

/** What one application allows: the granted function codes and scope ids ("*" = all of them). */
export type AppRights = { functions: string[] | "*"; scopes: number[] | "*" };

/**
 * Who acts, for which account, with which rights. Built at login and on a change of rights,
 * kept in the session, and passed to every service: services scope their queries by it.
 */
export type Principal = {
  actor: string;
  userId: number | null;
  customerId: number;
  membershipId: number | null;
  profile: Profile;
  thirdPartyId: number | null;
  flags: { manageAdmins: boolean; manageUsers: boolean; resetPasswords: boolean; ftpAccess: boolean; purchaser: boolean; incidentManager: boolean; financialManager: boolean };
  apps: Record<string, AppRights>;
  /**
   * 003's fleet manager role: MANAGER sees the account's whole fleet, MEMBER only the lines
   * delegated to them; null (a Service User, or no fleet) sees only their own line. Sessions from
   * before the fleet module lack it: read it with `fleetRoleOf`.
   */
  fleetRole?: FleetRole | null;
};

/** An Access Owner (and a code login, the account's main contact) manages the whole fleet unless a role says otherwise. */
export function fleetRoleOf(principal: Principal): FleetRole | null {
  if (principal.fleetRole !== undefined) return principal.fleetRole;
  return principal.profile === "owner" ? "MANAGER" : null;
}

const allFlags = { manageAdmins: true, manageUsers: true, resetPasswords: true, ftpAccess: false, purchaser: true, incidentManager: true, financialManager: true };

/**
 * The applications an account has: the catalog's included ones (documents, balance, user
 * management) and those it subscribes to (waste collection, the mobile fleet, e-applications).
 * They drive the whole portal: menu, home tiles, document tabs, calendar.
 */
export async function subscribedApps(db: Db, customerId: number): Promise<string[]> {
  return subscribedCodes(await subscribedAppsQuery(db, customerId));
}

/** The batchable query behind subscribedApps; `subscribedCodes` reads its rows. */
function subscribedAppsQuery(db: Db, customerId: number) {
  return db
    .select({ code: applications.code, included: applications.included, subscribed: accountApplications.customerId })
    .from(applications)
    .leftJoin(accountApplications, and(eq(accountApplications.applicationId, applications.id), eq(accountApplications.customerId, customerId)));
}

const subscribedCodes = (rows: { code: string; included: boolean; subscribed: number | null }[]) => rows.filter((r) => r.included || r.subscribed !== null).map((r) => r.code);

/** An owner's rights: every function and scope of each application the account has. */
export const allRightsOn = (codes: string[]): Record<string, AppRights> => Object.fromEntries(codes.map((code) => [code, { functions: "*", scopes: "*" } as AppRights]));

/**
 * Code login is "temporary single access" for the account's main contact: Access Owner of
 * everything the account has, to consult and act on its own data, but not an administrator:
 * it creates no users, grants no rights and edits no named user. Named administrators do that.
 */
const codeLoginFlags = { ...allFlags, manageAdmins: false, manageUsers: false, resetPasswords: false };

export async function codePrincipal(db: Db, customerId: number, customerNumber: string): Promise<Principal> {
  const apps = allRightsOn(await subscribedApps(db, customerId));
  return { actor: `code:${customerNumber}`, userId: null, customerId, membershipId: null, profile: "owner", thirdPartyId: null, flags: codeLoginFlags, apps, fleetRole: "MANAGER" };
}

/**
 * A person who logged in with itsme or the eID card (issue #13) acts for an account linked to
 * them as a code login does: owner of what the account has, no user administration. Null when
 * the account is not (or no longer) linked to the person.
 */
export async function personPrincipal(db: Db, personId: number, customerId: number): Promise<Principal | null> {
  const [links, rows] = await db.batch([
    db
      .select({ customerId: personAccounts.customerId })
      .from(personAccounts)
      .where(and(eq(personAccounts.personId, personId), eq(personAccounts.customerId, customerId)))
      .limit(1),
    subscribedAppsQuery(db, customerId),
  ]);
  if (!links[0]) return null;
  const apps = allRightsOn(subscribedCodes(rows));
  return { actor: `person:${personId}`, userId: null, customerId, membershipId: null, profile: "owner", thirdPartyId: null, flags: codeLoginFlags, apps, fleetRole: "MANAGER" };
}

/** A named user's rights for one account, from their membership and grants. Null: no membership. */
export async function userPrincipal(db: Db, userId: number, customerId: number): Promise<Principal | null> {
  const [membership] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.customerId, customerId)))
    .limit(1);
  if (!membership) return headOfficeOwner(db, userId, customerId);
  const base = {
    actor: `user:${userId}`,
    userId,
    customerId,
    membershipId: membership.id,
    profile: membership.profile,
    thirdPartyId: membership.thirdPartyId,
    fleetRole: membership.fleetRole ?? (membership.profile === "owner" ? ("MANAGER" as const) : null),
  };
  const flags = {
    manageAdmins: membership.manageAdmins,
    manageUsers: membership.manageUsers,
    resetPasswords: membership.resetPasswords,
    ftpAccess: membership.ftpAccess,
    purchaser: membership.purchaser,
    incidentManager: membership.incidentManager,
    financialManager: membership.financialManager,
  };
  if (membership.profile === "owner") {
    const apps = allRightsOn(await subscribedApps(db, customerId));
    return { ...base, flags: { ...flags, manageAdmins: true, manageUsers: true, resetPasswords: true }, apps };
  }
  // An Access Manager manages users but sees no customer data (002 §8).
  if (membership.profile === "manager") return { ...base, flags: { ...flags, manageUsers: true }, apps: { access: { functions: ["manage_users"], scopes: "*" } } };

  const rows = await db
    .select({ app: applications.code, itemKind: grants.itemKind, itemId: grants.itemId, fn: applicationFunctions.code })
    .from(grants)
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .leftJoin(applicationFunctions, and(eq(grants.itemKind, "function"), eq(applicationFunctions.id, grants.itemId)))
    .where(eq(grants.membershipId, membership.id));
  // A grant counts only for an application the account has (a grant may outlive a subscription).
  const subscribed = new Set(await subscribedApps(db, customerId));
  const apps: Record<string, AppRights> = {};
  for (const row of rows) {
    if (!subscribed.has(row.app)) continue;
    apps[row.app] ??= { functions: [], scopes: [] };
    const entry = apps[row.app] as { functions: string[]; scopes: number[] };
    if (row.itemKind === "function" && row.fn) entry.functions.push(row.fn);
    if (row.itemKind === "scope") entry.scopes.push(row.itemId);
  }
  if (flags.manageUsers || flags.manageAdmins) apps.access = { functions: ["manage_users"], scopes: "*" };
  return { ...base, flags, apps };
}

/**
 * The owner of a head office (or a group) acts as Access Owner for its buildings and affiliated
 * accounts without a membership of their own on each (004 "Mijn accounts", 002 §9.1).
 */
async function headOfficeOwner(db: Db, userId: number, customerId: number): Promise<Principal | null> {
  const [parent] = await db
    .select({ membershipId: memberships.id })
    .from(customers)
    .innerJoin(memberships, and(eq(memberships.customerId, customers.parentId), eq(memberships.userId, userId), eq(memberships.profile, "owner")))
    .where(eq(customers.id, customerId))
    .limit(1);
  if (!parent) return null;
  const apps = allRightsOn(await subscribedApps(db, customerId));
  return { actor: `user:${userId}`, userId, customerId, membershipId: parent.membershipId, profile: "owner", thirdPartyId: null, flags: { ...allFlags }, apps, fleetRole: "MANAGER" };
}

export function can(principal: Principal, app: string, fn: string): boolean {
  const rights = principal.apps[app];
  if (!rights) return false;
  return rights.functions === "*" || rights.functions.includes(fn);
}

/** The scope ids of one kind a principal may see in an application; "*" means all of the account's. */
export async function allowedScopes(db: Db, principal: Principal, app: string, kind: "contract" | "billing_address" | "product" | "borderel_type"): Promise<number[] | "*"> {
  const rights = principal.apps[app];
  if (!rights) return [];
  if (rights.scopes === "*") return "*";
  if (rights.scopes.length === 0) return [];
  const rows = await db
    .select({ id: scopes.id })
    .from(scopes)
    .where(and(inArray(scopes.id, rights.scopes), eq(scopes.kind, kind), eq(scopes.customerId, principal.customerId)));
  return rows.map((r) => r.id);
}

import { and, count, eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client.ts";
import { applications, customers, grants, memberships, users } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import type { Principal } from "../../lib/principal.ts";
import { accountAppQuery, accountAppsQuery, appFunctionsQuery, appScopesQuery, catalogKeys, itemKey, type AppRow, type Catalog } from "../../lib/catalog.ts";
import { describeItems, heldItems, parseItems, planCopy, planSave, splitKey, type Plan } from "./rule.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";

export type Account = { name: string; billingStreet: string; billingPostcode: string; billingCity: string };
export type RightsTarget = { userId: number; username: string; firstName: string; lastName: string; membershipId: number; profile: Principal["profile"]; manageUsers: boolean; manageAdmins: boolean };

/**
 * Why the rights of this user cannot be changed by this principal (null: they can). An owner holds
 * everything and a manager sees no customer data, so grants mean nothing for them; nobody raises
 * their own rights; administrators are managed only with the right to manage administrators (004 §2.2.4).
 */
export type Lock = "self" | "owner" | "manager" | "administrator" | null;

function lockOf(principal: Principal, target: RightsTarget): Lock {
  if (target.userId === principal.userId) return "self";
  if (target.profile === "owner") return "owner";
  if (target.profile === "manager") return "manager";
  if ((target.manageUsers || target.manageAdmins) && !principal.flags.manageAdmins) return "administrator";
  return null;
}

/**
 * A user with a membership on the principal's account; a third party's administrator sees only
 * the staff of their own third party.
 */
function targetQuery(db: Db, principal: Principal, userId: number) {
  const ownParty = principal.thirdPartyId === null ? undefined : eq(users.thirdPartyId, principal.thirdPartyId);
  return db
    .select({
      userId: users.id,
      username: users.username,
      firstName: users.firstName,
      lastName: users.lastName,
      membershipId: memberships.id,
      profile: memberships.profile,
      manageUsers: memberships.manageUsers,
      manageAdmins: memberships.manageAdmins,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, userId), eq(memberships.customerId, principal.customerId), ownParty))
    .limit(1);
}

export function accountQuery(db: Db, customerId: number) {
  return db
    .select({ name: customers.name, billingStreet: customers.billingStreet, billingPostcode: customers.billingPostcode, billingCity: customers.billingCity })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
}

/** Whether the principal holds anything at all in an application: only then is there something to copy. */
export function holdsAnything(principal: Principal, appCode: string): boolean {
  const rights = principal.apps[appCode];
  if (!rights) return false;
  return rights.functions === "*" || rights.scopes === "*" || rights.functions.length > 0 || rights.scopes.length > 0;
}

export type OverviewApp = AppRow & { hasRights: boolean; canCopy: boolean };
export type UserRightsOverview = { target: RightsTarget; account: Account; lock: Lock; apps: OverviewApp[] };

/** 004 §2.3: the account's applications, which of them the user has rights in, in one round trip. */
export async function getUserRightsOverview(db: Db, principal: Principal, userId: number): Promise<UserRightsOverview | null> {
  const [targets, accountRows, apps, counts] = await db.batch([
    targetQuery(db, principal, userId),
    accountQuery(db, principal.customerId),
    accountAppsQuery(db, principal.customerId),
    db
      .select({ applicationId: grants.applicationId, n: count() })
      .from(grants)
      .innerJoin(memberships, eq(memberships.id, grants.membershipId))
      .where(and(eq(memberships.userId, userId), eq(memberships.customerId, principal.customerId)))
      .groupBy(grants.applicationId),
  ]);
  const target = targets[0];
  const account = accountRows[0];
  if (!target || !account) return null;
  const granted = new Map(counts.map((row) => [row.applicationId, row.n]));
  const lock = lockOf(principal, target);
  return {
    target,
    account,
    lock,
    apps: apps.map((app) => ({ ...app, hasRights: target.profile === "owner" || (granted.get(app.id) ?? 0) > 0, canCopy: lock === null && holdsAnything(principal, app.code) })),
  };
}

export type AppRights = { target: RightsTarget; account: Account; lock: Lock; app: AppRow; catalog: Catalog; current: Set<string>; held: Set<string> };

/** One application's functions and scopes, what the user has and what the principal may grant. */
export async function getUserAppRights(db: Db, principal: Principal, userId: number, appCode: string): Promise<AppRights | null> {
  const [targets, accountRows, appRows, functions, scopeRows, grantRows] = await db.batch([
    targetQuery(db, principal, userId),
    accountQuery(db, principal.customerId),
    accountAppQuery(db, principal.customerId, appCode),
    appFunctionsQuery(db, appCode),
    appScopesQuery(db, principal.customerId, appCode),
    db
      .select({ itemKind: grants.itemKind, itemId: grants.itemId })
      .from(grants)
      .innerJoin(memberships, eq(memberships.id, grants.membershipId))
      .innerJoin(applications, eq(applications.id, grants.applicationId))
      .where(and(eq(memberships.userId, userId), eq(memberships.customerId, principal.customerId), eq(applications.code, appCode))),
  ]);
  const target = targets[0];
  const account = accountRows[0];
  const app = appRows[0];
  if (!target || !account || !app) return null;
  const catalog: Catalog = { functions, scopes: scopeRows };
  return {
    target,
    account,
    lock: lockOf(principal, target),
    app,
    catalog,
    current: new Set(grantRows.map((row) => itemKey(row.itemKind, row.itemId))),
    held: heldItems(principal, appCode, catalog),
  };
}

/** Saved or unchanged (`changed`), with the page as it now is and whose sessions must pick the change up. */
export type SaveOutcome = Result<
  { changed: boolean; page: AppRights; subject: string },
  Fail<"not_found"> | Fail<"forbidden", { reason: "locked" | "notHeld"; page: AppRights }> | Fail<"invalid", { page: AppRights }>
>;

/**
 * Sets the user's grants in one application ("set": exactly the checked items the principal holds;
 * "copy": everything the principal holds added). Every item is checked against the principal's own
 * rights before anything is written; the change and its audit event are one batch.
 */
export async function saveUserAppRights(
  db: Db,
  principal: Principal,
  userId: number,
  appCode: string,
  change: { mode: "set"; values: unknown[] } | { mode: "copy" },
  now = Date.now(),
): Promise<SaveOutcome> {
  const page = await getUserAppRights(db, principal, userId, appCode);
  if (!page) return fail("not_found");
  if (page.lock) return fail("forbidden", { reason: "locked" as const, page });
  let plan: Plan;
  if (change.mode === "copy") plan = planCopy(page.current, page.held);
  else {
    const checked = parseItems(change.values, catalogKeys(page.catalog));
    if (!checked) return fail("invalid", { page });
    const planned = planSave(page.current, checked, page.held);
    if ("forged" in planned) return fail("forbidden", { reason: "notHeld" as const, page });
    plan = planned;
  }
  if (plan.added.length === 0 && plan.removed.length === 0) return ok({ changed: false, page, subject: `user:${userId}` });

  const { membershipId } = page.target;
  const applicationId = page.app.id;
  const writes: BatchItem<"sqlite">[] = [];
  for (const kind of ["function", "scope"] as const) {
    const ids = plan.removed
      .map(splitKey)
      .filter((item) => item.kind === kind)
      .map((item) => item.id);
    if (ids.length > 0)
      writes.push(db.delete(grants).where(and(eq(grants.membershipId, membershipId), eq(grants.applicationId, applicationId), eq(grants.itemKind, kind), inArray(grants.itemId, ids))));
  }
  if (plan.added.length > 0) {
    const rows = plan.added.map(splitKey).map((item) => ({ membershipId, applicationId, itemKind: item.kind, itemId: item.id, grantedByUserId: principal.userId, grantedAt: new Date(now) }));
    writes.push(db.insert(grants).values(rows).onConflictDoNothing());
  }
  const subject = { user: page.target.username, application: page.app.code };
  const audit = auditInsert(
    db,
    {
      actor: principal.actor,
      customerId: principal.customerId,
      action: change.mode === "copy" ? "rights.copied" : "rights.changed",
      before: { ...subject, ...describeItems(page.current, page.catalog) },
      after: { ...subject, ...describeItems(plan.next, page.catalog) },
    },
    now,
  );
  await db.batch([audit, ...writes]);
  return ok({ changed: true, page: { ...page, current: plan.next }, subject: `user:${userId}` });
}

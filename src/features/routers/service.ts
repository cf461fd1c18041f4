import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client.ts";
import { applications, grants, memberships, thirdParties, thirdPartyGrants } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import type { Principal } from "../../lib/principal.ts";
import { accountAppQuery, accountAppsQuery, appFunctionsQuery, appScopesQuery, catalogKeys, itemKey, type AppRow, type Catalog } from "../../lib/catalog.ts";
import { describeItems, heldItems, parseItems, planSave, splitKey } from "../rights/rule.ts";
import { accountQuery, type Account } from "../rights/service.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";

export const ROUTERS_PAGE_SIZE = 25;

export type RouterFilter = { q: string; page: number; withRights: boolean };
export type ThirdParty = { id: number; kind: "router" | "subcontractor"; name: string; street: string; postcode: string; city: string };
export type RouterRow = ThirdParty & { hasRights: boolean };

const partyColumns = { id: thirdParties.id, kind: thirdParties.kind, name: thirdParties.name, street: thirdParties.street, postcode: thirdParties.postcode, city: thirdParties.city };

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * 004 "Routeurs": the provider's directory of routers and subcontractors (thousands), searched on
 * name and city on the server, a page at a time, with which of them already act for this account.
 */
export async function listRouters(db: Db, principal: Principal, filter: RouterFilter) {
  const hasRights = sql<number>`EXISTS (SELECT 1 FROM ${thirdPartyGrants} WHERE ${thirdPartyGrants.customerId} = ${principal.customerId} AND ${thirdPartyGrants.thirdPartyId} = ${thirdParties.id})`;
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(sql`(${thirdParties.name} LIKE ${pattern} ESCAPE '\\' OR ${thirdParties.city} LIKE ${pattern} ESCAPE '\\')`);
  }
  if (filter.withRights) conditions.push(hasRights);
  const where = and(...conditions);
  const [rows, totals] = await db.batch([
    db
      .select({ ...partyColumns, hasRights })
      .from(thirdParties)
      .where(where)
      .orderBy(asc(thirdParties.name), asc(thirdParties.id))
      .limit(ROUTERS_PAGE_SIZE)
      .offset((filter.page - 1) * ROUTERS_PAGE_SIZE),
    db.select({ n: count() }).from(thirdParties).where(where),
  ]);
  const total = totals[0]?.n ?? 0;
  return { rows: rows.map((row): RouterRow => ({ ...row, hasRights: Boolean(row.hasRights) })), total, page: filter.page, pageCount: Math.max(1, Math.ceil(total / ROUTERS_PAGE_SIZE)) };
}

export type RoutersList = Awaited<ReturnType<typeof listRouters>>;

const partyQuery = (db: Db, partyId: number) => db.select(partyColumns).from(thirdParties).where(eq(thirdParties.id, partyId)).limit(1);

export type RouterOverview = { party: ThirdParty; account: Account; apps: (AppRow & { hasRights: boolean })[] };

export async function getRouterOverview(db: Db, principal: Principal, partyId: number): Promise<RouterOverview | null> {
  const [parties, accountRows, apps, counts] = await db.batch([
    partyQuery(db, partyId),
    accountQuery(db, principal.customerId),
    accountAppsQuery(db, principal.customerId),
    db
      .select({ applicationId: thirdPartyGrants.applicationId, n: count() })
      .from(thirdPartyGrants)
      .where(and(eq(thirdPartyGrants.customerId, principal.customerId), eq(thirdPartyGrants.thirdPartyId, partyId)))
      .groupBy(thirdPartyGrants.applicationId),
  ]);
  const party = parties[0];
  const account = accountRows[0];
  if (!party || !account) return null;
  const granted = new Map(counts.map((row) => [row.applicationId, row.n]));
  return { party, account, apps: apps.map((app) => ({ ...app, hasRights: (granted.get(app.id) ?? 0) > 0 })) };
}

type Member = { membershipId: number; userId: number; administrator: boolean };
export type RouterAppRights = { party: ThirdParty; account: Account; app: AppRow; catalog: Catalog; current: Set<string>; held: Set<string>; members: Member[] };

export async function getRouterAppRights(db: Db, principal: Principal, partyId: number, appCode: string): Promise<RouterAppRights | null> {
  const [parties, accountRows, appRows, functions, scopeRows, grantRows, memberRows] = await db.batch([
    partyQuery(db, partyId),
    accountQuery(db, principal.customerId),
    accountAppQuery(db, principal.customerId, appCode),
    appFunctionsQuery(db, appCode),
    appScopesQuery(db, principal.customerId, appCode),
    db
      .select({ itemKind: thirdPartyGrants.itemKind, itemId: thirdPartyGrants.itemId })
      .from(thirdPartyGrants)
      .innerJoin(applications, eq(applications.id, thirdPartyGrants.applicationId))
      .where(and(eq(thirdPartyGrants.customerId, principal.customerId), eq(thirdPartyGrants.thirdPartyId, partyId), eq(applications.code, appCode))),
    // The party's people acting for this account: its administrators receive the rights, all lose what is taken back.
    db
      .select({ membershipId: memberships.id, userId: memberships.userId, manageUsers: memberships.manageUsers, manageAdmins: memberships.manageAdmins })
      .from(memberships)
      .where(and(eq(memberships.customerId, principal.customerId), eq(memberships.thirdPartyId, partyId))),
  ]);
  const party = parties[0];
  const account = accountRows[0];
  const app = appRows[0];
  if (!party || !account || !app) return null;
  const catalog: Catalog = { functions, scopes: scopeRows };
  return {
    party,
    account,
    app,
    catalog,
    current: new Set(grantRows.map((row) => itemKey(row.itemKind, row.itemId))),
    held: heldItems(principal, appCode, catalog),
    members: memberRows.map((m) => ({ membershipId: m.membershipId, userId: m.userId, administrator: m.manageUsers || m.manageAdmins })),
  };
}

/** Saved or unchanged (`changed`), with the page as it now is and the sessions that must pick the change up. */
export type RouterSaveOutcome = Result<
  { changed: boolean; page: RouterAppRights; subjects: string[] },
  Fail<"not_found"> | Fail<"forbidden", { reason: "notHeld"; page: RouterAppRights }> | Fail<"invalid", { page: RouterAppRights }>
>;

/**
 * Sets what a third party may do for this account in one application (002 §9.2), under the same
 * rule as for users. The party's administrators get the rights to pass on (004: "De rechten
 * zullen enkel gegeven worden aan de administrator ... van de routeur"); what is taken back is
 * taken from every one of the party's people on this account, in the same batch.
 */
export async function saveRouterAppRights(db: Db, principal: Principal, partyId: number, appCode: string, values: unknown[], now = Date.now()): Promise<RouterSaveOutcome> {
  const page = await getRouterAppRights(db, principal, partyId, appCode);
  if (!page) return fail("not_found");
  const checked = parseItems(values, catalogKeys(page.catalog));
  if (!checked) return fail("invalid", { page });
  const plan = planSave(page.current, checked, page.held);
  if ("forged" in plan) return fail("forbidden", { reason: "notHeld" as const, page });
  if (plan.added.length === 0 && plan.removed.length === 0) return ok({ changed: false, page, subjects: [] });

  const customerId = principal.customerId;
  const applicationId = page.app.id;
  const memberIds = page.members.map((m) => m.membershipId);
  const writes: BatchItem<"sqlite">[] = [];
  for (const kind of ["function", "scope"] as const) {
    const ids = plan.removed
      .map(splitKey)
      .filter((item) => item.kind === kind)
      .map((item) => item.id);
    if (ids.length === 0) continue;
    writes.push(
      db
        .delete(thirdPartyGrants)
        .where(
          and(
            eq(thirdPartyGrants.customerId, customerId),
            eq(thirdPartyGrants.thirdPartyId, partyId),
            eq(thirdPartyGrants.applicationId, applicationId),
            eq(thirdPartyGrants.itemKind, kind),
            inArray(thirdPartyGrants.itemId, ids),
          ),
        ),
    );
    if (memberIds.length > 0)
      writes.push(db.delete(grants).where(and(inArray(grants.membershipId, memberIds), eq(grants.applicationId, applicationId), eq(grants.itemKind, kind), inArray(grants.itemId, ids))));
  }
  const added = plan.added.map(splitKey);
  if (added.length > 0) {
    writes.push(
      db
        .insert(thirdPartyGrants)
        .values(added.map((item) => ({ customerId, thirdPartyId: partyId, applicationId, itemKind: item.kind, itemId: item.id, grantedAt: new Date(now) })))
        .onConflictDoNothing(),
    );
    const admins = page.members.filter((m) => m.administrator);
    const rows = admins.flatMap((m) =>
      added.map((item) => ({ membershipId: m.membershipId, applicationId, itemKind: item.kind, itemId: item.id, grantedByUserId: principal.userId, grantedAt: new Date(now) })),
    );
    if (rows.length > 0) writes.push(db.insert(grants).values(rows).onConflictDoNothing());
  }
  const subject = { thirdParty: page.party.name, application: page.app.code };
  const audit = auditInsert(
    db,
    {
      actor: principal.actor,
      customerId,
      action: "third_party.rights_changed",
      before: { ...subject, ...describeItems(page.current, page.catalog) },
      after: { ...subject, ...describeItems(plan.next, page.catalog) },
    },
    now,
  );
  await db.batch([audit, ...writes]);
  const subjects = [...new Set(page.members.map((m) => `user:${m.userId}`))];
  return ok({ changed: true, page: { ...page, current: plan.next }, subjects });
}

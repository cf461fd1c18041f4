import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { applicationFunctions, applications, auditEvents, customers, persons, products, scopes, sites, staff, users } from "../../db/schema/index.ts";
import { brusselsMidnight } from "../../lib/brussels-time.ts";
import type { Cursor } from "../../lib/keyset.ts";
import type { Names } from "../../lib/catalog.ts";

export const HISTORY_PAGE_SIZE = 25;

/** The actions the filter offers; others (of modules added later) show as their code. */
export const KNOWN_ACTIONS = [
  "login.code_requested",
  "login.code",
  "login.password",
  "login.identity",
  "identity.registered",
  "identity.account_added",
  "session.logout_everywhere",
  "profile.contact",
  "profile.offers",
  "profile.zoomit",
  "profile.peppol",
  "terms.accepted",
  "rights.changed",
  "rights.copied",
  "third_party.rights_changed",
  "account.switched",
  "user.created",
  "user.updated",
  "user.deactivated",
  "user.invitation_resent",
  "user.validated",
  "user.identification",
  "user.deactivated_dormant",
  "password.changed",
  "password.reset_requested",
  "password.reset",
  "username.reminder_sent",
  "profile.einvoice.request",
  "profile.einvoice.confirm",
  "billing.payment_method",
  "billing.direct_debit_requested",
  "billing.statement_sent",
  "calendar.send",
  "document.contest",
  "complaint.filed",
  "complaint.message",
  "complaint.closed",
  "ticket.created",
  "ticket.message",
  "ticket.closed",
  "desk.complaint_answered",
  "desk.ticket_answered",
  "desk.complaint_status",
  "desk.ticket_status",
  "desk.complaint_assigned",
  "desk.ticket_assigned",
  "desk.order_confirmed",
  "desk.order_delivered",
  "desk.order_cancelled",
  "desk.change_accepted",
  "desk.change_refused",
  "desk.change_done",
  "order.placed",
  "contract.change_requested",
  "closure.added",
  "closure.deleted",
  "line.user",
  "line.address",
  "line.plan",
  "line.billing_account",
  "line.options_added",
  "line.options_removed",
  "line.split_bill",
  "line.blocks",
  "line.pay_by_mobile",
  "line.device",
  "fleet.line_added",
  "fleet.activate_requested",
  "fleet.replace_sim_requested",
  "fleet.suspend_requested",
  "fleet.reactivate_requested",
  "fleet.stop_requested",
  "fleet.change_done",
  "line.usage_alert",
  "pack.usage_alert",
  "pack.order_requested",
  "pack.modify_requested",
  "pack.stop_requested",
  "pack.request_cancelled",
  "pack.request_confirmed",
  "pack.request_refused",
  "pack.request_applied",
  "fleet.manager_created",
  "fleet.manager_role",
  "fleet.manager_lines",
  "maintenance.published",
  "maintenance.cancelled",
];

/** "third_party.rights_changed" → "thirdPartyRightsChanged", its key in the catalog. */
export const actionKey = (action: string) => action.replace(/[._](\w)/g, (_, ch: string) => ch.toUpperCase());

export type HistoryFilter = { action: string; actor: string; from: string; to: string; cursor: Cursor | null };
export type HistoryErrors = Partial<Record<"from" | "to", "invalidDate" | "invalidRange">>;
/** staffName: the desk staff member of an actor "desk:<username>"; personName: the person of an actor "person:<id>" (itsme / eID). */
export type HistoryRow = { id: number; at: Date; actor: string; username: string | null; staffName?: string | null; personName?: string | null; action: string; before: unknown; after: unknown };

const DAY_MS = 24 * 3600 * 1000;

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** An actor as stored ("user:12", "code:439561") is matched as such; anything else is a username. */
function actorCondition(actor: string): SQL {
  if (/^(user|code|code-request|desk|person):[\w.-]+$/.test(actor)) return eq(auditEvents.actor, actor);
  return sql`${auditEvents.actor} = 'user:' || (SELECT ${users.id} FROM ${users} WHERE ${users.usernameKey} = ${actor.toLowerCase()})`;
}

/**
 * The audit log of the principal's account, newest first, a page at a time. Pages are keyed on
 * (at, id) so that the index on (customer_id, at) serves both the order and the date range; the
 * acting user's name comes along by primary key in the same query.
 */
export async function listHistory(db: Db, customerId: number, filter: HistoryFilter): Promise<{ rows: HistoryRow[]; next: Cursor | null; errors: HistoryErrors }> {
  const errors: HistoryErrors = {};
  const from = filter.from ? brusselsMidnight(filter.from) : null;
  const to = filter.to ? brusselsMidnight(filter.to) : null;
  if (filter.from && from === null) errors.from = "invalidDate";
  if (filter.to && to === null) errors.to = "invalidDate";
  if (from !== null && to !== null && from > to) errors.to = "invalidRange";
  if (Object.keys(errors).length > 0) return { rows: [], next: null, errors };

  const conditions: (SQL | undefined)[] = [eq(auditEvents.customerId, customerId)];
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.actor) conditions.push(actorCondition(filter.actor));
  if (from !== null) conditions.push(gte(auditEvents.at, new Date(from)));
  // "To" includes that whole day; a day may be 23 or 25 hours long, so the end is the next midnight.
  const end = to !== null ? brusselsMidnight(nextDay(filter.to)) : null;
  if (end !== null) conditions.push(lt(auditEvents.at, new Date(end)));
  if (filter.cursor) {
    const at = new Date(filter.cursor.at);
    conditions.push(or(lt(auditEvents.at, at), and(eq(auditEvents.at, at), lt(auditEvents.id, filter.cursor.id))));
  }
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actor: auditEvents.actor,
      username: users.username,
      staffName: staff.name,
      personName: sql<string | null>`${persons.firstName} || ' ' || ${persons.lastName}`,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(users, sql`${auditEvents.actor} LIKE 'user:%' AND ${users.id} = CAST(substr(${auditEvents.actor}, 6) AS INTEGER)`)
    .leftJoin(staff, sql`${auditEvents.actor} LIKE 'desk:%' AND ${staff.usernameKey} = lower(substr(${auditEvents.actor}, 6))`)
    .leftJoin(persons, sql`${auditEvents.actor} LIKE 'person:%' AND ${persons.id} = CAST(substr(${auditEvents.actor}, 8) AS INTEGER)`)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(HISTORY_PAGE_SIZE + 1);
  const page = rows.slice(0, HISTORY_PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > HISTORY_PAGE_SIZE && last ? { at: last.at.getTime(), id: last.id } : null, errors };
}

/** What the rows name by id or code, as a person reads it: users by name, applications, functions and scopes by their catalog names. */
export type HistoryNames = {
  users: Map<number, string>;
  apps: Map<string, Names>;
  /** By "appCode:functionCode". */
  functions: Map<string, Names>;
  /** The account's scopes by reference (P1, BA5…). */
  scopes: Map<string, string>;
  /** Ordered articles by product code (order.placed). */
  products: Map<string, Names>;
  /** The sites of the account and its buildings by id (closures name their site by id). */
  sites: Map<number, string>;
};

/** The fields of an audit event that hold a user's id. */
export const USER_ID_FIELDS = ["id", "userId", "createdByUserId"];

/** Events of the issue #9 modules name their own rows by `id` (a closure): no user there. */
const OWN_ID_PREFIXES = ["closure.", "order.", "contract.", "complaint.", "ticket.", "desk."];
export const userIdFields = (action: string) => (OWN_ID_PREFIXES.some((prefix) => action.startsWith(prefix)) ? USER_ID_FIELDS.filter((field) => field !== "id") : USER_ID_FIELDS);

const objectOf = (value: unknown) => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/**
 * Looks up the names the page's rows refer to, in one batch, only when there is something to look
 * up (a page of logins and contact changes costs no extra round trip).
 */
export async function historyNames(db: Db, customerId: number, rows: HistoryRow[]): Promise<HistoryNames> {
  const names: HistoryNames = { users: new Map(), apps: new Map(), functions: new Map(), scopes: new Map(), products: new Map(), sites: new Map() };
  const userIds = new Set<number>();
  const appCodes = new Set<string>();
  const scopeRefs = new Set<string>();
  const productCodes = new Set<string>();
  const siteIds = new Set<number>();
  for (const row of rows) {
    for (const side of [objectOf(row.before), objectOf(row.after)]) {
      if (!side) continue;
      for (const field of userIdFields(row.action)) if (Number.isInteger(side[field])) userIds.add(side[field] as number);
      if (typeof side.application === "string") appCodes.add(side.application);
      for (const ref of strings(side.scopes)) scopeRefs.add(ref);
      if (row.action === "order.placed" && typeof side.product === "string") productCodes.add(side.product);
      if (row.action.startsWith("closure.") && typeof side.site !== "string" && Number.isInteger(side.siteId)) siteIds.add(side.siteId as number);
    }
  }
  if (userIds.size === 0 && appCodes.size === 0 && scopeRefs.size === 0 && productCodes.size === 0 && siteIds.size === 0) return names;
  const none = sql`0`;
  const [userRows, appRows, functionRows, scopeRows, productRows, siteRows] = await db.batch([
    db
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(userIds.size > 0 ? inArray(users.id, [...userIds]) : none),
    db
      .select({ code: applications.code, nameNl: applications.nameNl, nameFr: applications.nameFr, nameEn: applications.nameEn, nameDe: applications.nameDe })
      .from(applications)
      .where(appCodes.size > 0 ? inArray(applications.code, [...appCodes]) : none),
    db
      .select({
        app: applications.code,
        code: applicationFunctions.code,
        nameNl: applicationFunctions.nameNl,
        nameFr: applicationFunctions.nameFr,
        nameEn: applicationFunctions.nameEn,
        nameDe: applicationFunctions.nameDe,
      })
      .from(applicationFunctions)
      .innerJoin(applications, eq(applications.id, applicationFunctions.applicationId))
      .where(appCodes.size > 0 ? inArray(applications.code, [...appCodes]) : none),
    db
      .select({ ref: scopes.ref, label: scopes.label })
      .from(scopes)
      .where(scopeRefs.size > 0 ? and(eq(scopes.customerId, customerId), inArray(scopes.ref, [...scopeRefs])) : none),
    db
      .select({ code: products.code, nameNl: products.nameNl, nameFr: products.nameFr, nameEn: products.nameEn })
      .from(products)
      .where(productCodes.size > 0 ? inArray(products.code, [...productCodes]) : none),
    db
      .select({ id: sites.id, name: sites.name })
      .from(sites)
      .where(
        siteIds.size > 0
          ? and(
              inArray(sites.id, [...siteIds]),
              or(eq(sites.customerId, customerId), inArray(sites.customerId, db.select({ id: customers.id }).from(customers).where(eq(customers.parentId, customerId)))),
            )
          : none,
      ),
  ]);
  for (const row of userRows) names.users.set(row.id, row.username);
  for (const { code, ...row } of appRows) names.apps.set(code, row);
  for (const { app, code, ...row } of functionRows) names.functions.set(`${app}:${code}`, row);
  for (const row of scopeRows) names.scopes.set(row.ref, row.label);
  for (const { code, ...row } of productRows) names.products.set(code, { ...row, nameDe: row.nameEn });
  for (const row of siteRows) names.sites.set(row.id, row.name);
  return names;
}

import { and, asc, eq, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { accountApplications, applicationFunctions, applications, scopes } from "../db/schema/index.ts";
import type { Locale } from "./i18n.ts";

export type ScopeKind = "product" | "billing_address" | "contract" | "borderel_type";
/** The order of the blocks on a rights page (004 §2.3.1–2.3.6). */
export const scopeKinds: ScopeKind[] = ["product", "billing_address", "contract", "borderel_type"];

export type Names = { nameNl: string; nameFr: string; nameEn: string; nameDe: string };
export type AppRow = Names & { id: number; code: string; kind: "portal" | "postal" };
export type FunctionRow = Names & { id: number; code: string };
export type ScopeRow = { id: number; kind: ScopeKind; ref: string; label: string };

/** The catalog stores every name; the user reads the one of their language. */
export function localName(row: Names, locale: Locale): string {
  return locale === "fr" ? row.nameFr : locale === "en" ? row.nameEn : row.nameNl;
}

const appColumns = {
  id: applications.id,
  code: applications.code,
  kind: applications.kind,
  nameNl: applications.nameNl,
  nameFr: applications.nameFr,
  nameEn: applications.nameEn,
  nameDe: applications.nameDe,
};

// User-management rights are the flags of the membership, set with the user (004 §2.2.4), not grants.
const grantable = ne(applications.code, "access");
// The included modules come with every account; every other application only with a subscription.
const offeredTo = or(eq(applications.included, true), isNotNull(accountApplications.customerId));
const subscription = (customerId: number) => and(eq(accountApplications.applicationId, applications.id), eq(accountApplications.customerId, customerId));

export function accountAppsQuery(db: Db, customerId: number) {
  return db.select(appColumns).from(applications).leftJoin(accountApplications, subscription(customerId)).where(and(grantable, offeredTo)).orderBy(asc(applications.id));
}

export function accountAppQuery(db: Db, customerId: number, code: string) {
  return db
    .select(appColumns)
    .from(applications)
    .leftJoin(accountApplications, subscription(customerId))
    .where(and(grantable, offeredTo, eq(applications.code, code)))
    .limit(1);
}

export function appFunctionsQuery(db: Db, code: string) {
  return db
    .select({
      id: applicationFunctions.id,
      code: applicationFunctions.code,
      nameNl: applicationFunctions.nameNl,
      nameFr: applicationFunctions.nameFr,
      nameEn: applicationFunctions.nameEn,
      nameDe: applicationFunctions.nameDe,
    })
    .from(applicationFunctions)
    .innerJoin(applications, eq(applications.id, applicationFunctions.applicationId))
    .where(eq(applications.code, code))
    .orderBy(asc(applicationFunctions.id));
}

/**
 * What an application's rights can be limited to, for one account: its own products and borderel
 * types, and the account's billing addresses and contracts (shared by every application).
 */
export function appScopesQuery(db: Db, customerId: number, code: string) {
  const appId = sql`(SELECT ${applications.id} FROM ${applications} WHERE ${applications.code} = ${code})`;
  return db
    .select({ id: scopes.id, kind: scopes.kind, ref: scopes.ref, label: scopes.label })
    .from(scopes)
    .where(and(eq(scopes.customerId, customerId), or(and(inArray(scopes.kind, ["product", "borderel_type"]), eq(scopes.applicationId, appId)), inArray(scopes.kind, ["billing_address", "contract"]))))
    .orderBy(asc(scopes.id));
}

/** Every grantable item of one application for one account, as keys "function:ID" / "scope:ID". */
export type Catalog = { functions: FunctionRow[]; scopes: ScopeRow[] };

export const itemKey = (kind: "function" | "scope", id: number) => `${kind}:${id}`;

export function catalogKeys(catalog: Catalog): Set<string> {
  return new Set([...catalog.functions.map((f) => itemKey("function", f.id)), ...catalog.scopes.map((s) => itemKey("scope", s.id))]);
}

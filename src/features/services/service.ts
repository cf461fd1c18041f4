import { and, asc, desc, eq, gt, gte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { changeRequests, contracts, customers, orders, products, siteClosures, sites } from "../../db/schema/index.ts";
import type { ChangeKind, ChangeStatus, OrderStatus } from "../../db/schema/enums.ts";
import { auditInsert } from "../../lib/audit.ts";
import { contractAllowed } from "../../lib/contract-scope.ts";
import { prepareOrder, quantityAllowed } from "../../lib/orders.ts";
import type { Principal } from "../../lib/principal.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";
import { brusselsDate, parseDay } from "../../lib/workdays.ts";

/** Container sizes a change of size may ask for, in litres (the sizes of the catalog's containers and the usual bins). */
export const CONTAINER_SIZES = ["120", "240", "360", "660", "770", "1100"] as const;
/** Collection frequencies a change of frequency may ask for; their words are in the catalog. */
export const FREQUENCIES = ["weekly", "twice_weekly", "fortnightly", "monthly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const MAX_COMMENT = 1000;
export const MAX_REASON = 200;
export const ORDERS_PAGE_SIZE = 20;
/** A form sent again within this time with the same content is the same request (a double submit). */
const DOUBLE_SUBMIT_MS = 10_000;
/** A contract shows its latest change requests; older ones stay stored (and in the history). */
const REQUESTS_SHOWN = 200;

/** What a form field did wrong: a key of the services catalog's errors and the values its message names. */
export type ServiceError = {
  key: "date" | "pastDate" | "toBeforeFrom" | "overlap" | "size" | "frequency" | "commentRequired" | "tooLong" | "product" | "quantity" | "quantityStep" | "site" | "closureSite";
  values?: Record<string, string | number>;
};
export type ServiceErrors = Partial<Record<string, ServiceError>>;
/** What a write of this module refuses: what was sent cannot be applied, field by field (nothing stored). */
export type Refused = Fail<"invalid", { errors: ServiceErrors }>;

/** The principal's account and, for a head office, its buildings' accounts (as documents scope them). */
function accountsOf(principal: Principal): SQL {
  const id = principal.customerId;
  return sql`(SELECT id FROM customers WHERE id = ${id} OR parent_id = ${id})`;
}
const inScope = (column: SQL, principal: Principal) => sql`${column} IN ${accountsOf(principal)}`;

// ——— 1. Contracts ———

export type ChangeRequestRow = {
  id: number;
  contractId: number;
  kind: ChangeKind;
  newValue: string | null;
  effectiveDate: string;
  comment: string | null;
  status: ChangeStatus;
  createdAt: Date;
  decidedAt: Date | null;
};
export type ContractRow = {
  id: number;
  contractNumber: string;
  service: string;
  status: "active" | "pending" | "ended";
  customerName: string;
  siteName: string | null;
  siteAddress: string | null;
  requests: ChangeRequestRow[];
};

const contractColumns = {
  id: contracts.id,
  contractNumber: contracts.contractNumber,
  service: contracts.service,
  status: contracts.status,
  customerId: contracts.customerId,
  customerName: customers.name,
  siteName: sites.name,
  siteAddress: sql<string | null>`${sites.street} || ', ' || ${sites.postcode} || ' ' || ${sites.city}`,
};
const requestColumns = {
  id: changeRequests.id,
  contractId: changeRequests.contractId,
  kind: changeRequests.kind,
  newValue: changeRequests.newValue,
  effectiveDate: changeRequests.effectiveDate,
  comment: changeRequests.comment,
  status: changeRequests.status,
  createdAt: changeRequests.createdAt,
  decidedAt: changeRequests.decidedAt,
};

function contractsQuery(db: Db, principal: Principal, id?: number) {
  return db
    .select(contractColumns)
    .from(contracts)
    .innerJoin(customers, eq(customers.id, contracts.customerId))
    .leftJoin(sites, eq(sites.id, contracts.siteId))
    .where(and(inScope(sql`${contracts.customerId}`, principal), contractAllowed(principal, "services", sql`${contracts.id}`), id === undefined ? undefined : eq(contracts.id, id)))
    .orderBy(asc(contracts.contractNumber));
}

function withRequests(rows: Awaited<ReturnType<typeof contractsQuery>>, requests: ChangeRequestRow[]): ContractRow[] {
  return rows.map(({ customerId: _, ...row }) => ({ ...row, requests: requests.filter((r) => r.contractId === row.id) }));
}

/** The contracts tab: the account's contracts (a head office's buildings' too), each with its change requests; one round trip. */
export async function listContracts(db: Db, principal: Principal): Promise<ContractRow[]> {
  const [rows, requests] = await db.batch([
    contractsQuery(db, principal),
    db
      .select(requestColumns)
      .from(changeRequests)
      .where(and(inScope(sql`${changeRequests.customerId}`, principal), contractAllowed(principal, "services", sql`${changeRequests.contractId}`)))
      .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id))
      .limit(REQUESTS_SHOWN),
  ]);
  return withRequests(rows, requests);
}

/** One contract the principal may change (not ended), with its requests; null when out of scope. */
export async function getContract(db: Db, principal: Principal, id: number): Promise<(ContractRow & { customerId: number }) | null> {
  const [rows, requests] = await db.batch([
    contractsQuery(db, principal, id),
    db
      .select(requestColumns)
      .from(changeRequests)
      .where(and(eq(changeRequests.contractId, id), inScope(sql`${changeRequests.customerId}`, principal)))
      .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id))
      .limit(REQUESTS_SHOWN),
  ]);
  const row = rows[0];
  if (!row || row.status === "ended") return null;
  return { ...withRequests([row], requests)[0]!, customerId: row.customerId };
}

export type ChangeInput = { kind: ChangeKind; newSize?: string; frequency?: string; effectiveDate: string; comment?: string };

/** Checks a change request by the manual's rules; the errors by field, none when it may be stored. */
export function checkChange(input: ChangeInput, now = Date.now()): { errors: ServiceErrors; effectiveDate: string | null; newValue: string | null; comment: string | null } {
  const errors: ServiceErrors = {};
  const effectiveDate = parseDay(input.effectiveDate);
  if (!effectiveDate) errors.effectiveDate = { key: "date" };
  else if (effectiveDate < brusselsDate(now)) errors.effectiveDate = { key: "pastDate" };
  let newValue: string | null = null;
  if (input.kind === "container_size") {
    if ((CONTAINER_SIZES as readonly string[]).includes(input.newSize ?? "")) newValue = input.newSize!;
    else errors.newSize = { key: "size" };
  }
  if (input.kind === "frequency") {
    if ((FREQUENCIES as readonly string[]).includes(input.frequency ?? "")) newValue = input.frequency!;
    else errors.frequency = { key: "frequency" };
  }
  const comment = input.comment?.trim() || null;
  if (input.kind === "other" && !comment) errors.comment = { key: "commentRequired" };
  if (comment && comment.length > MAX_COMMENT) errors.comment = { key: "tooLong", values: { max: MAX_COMMENT } };
  return { errors, effectiveDate, newValue, comment };
}

/** Stores a change request and its audit event in one batch; errors (nothing stored) when the rules say no. */
export async function requestChange(
  db: Db,
  principal: Principal,
  contract: { id: number; contractNumber: string; customerId: number },
  input: ChangeInput,
  now = Date.now(),
): Promise<Result<{ id: number }, Refused>> {
  const checked = checkChange(input, now);
  if (Object.keys(checked.errors).length > 0 || !checked.effectiveDate) return fail("invalid", { errors: checked.errors });
  const values = { kind: input.kind, newValue: checked.newValue, effectiveDate: checked.effectiveDate, comment: checked.comment };
  const [repeated] = await db
    .select({ id: changeRequests.id })
    .from(changeRequests)
    .where(
      and(
        eq(changeRequests.contractId, contract.id),
        eq(changeRequests.kind, values.kind),
        sql`${changeRequests.newValue} IS ${values.newValue}`,
        eq(changeRequests.effectiveDate, values.effectiveDate),
        eq(changeRequests.createdBy, principal.actor),
        gt(changeRequests.createdAt, new Date(now - DOUBLE_SUBMIT_MS)),
      ),
    )
    .limit(1);
  if (repeated) return ok({ id: repeated.id });
  const [inserted] = await db.batch([
    db
      .insert(changeRequests)
      .values({ customerId: contract.customerId, contractId: contract.id, ...values, status: "requested", createdAt: new Date(now), createdBy: principal.actor })
      .returning({ id: changeRequests.id }),
    auditInsert(db, { actor: principal.actor, customerId: principal.customerId, action: "contract.change_requested", after: { contractNumber: contract.contractNumber, ...values } }, now),
  ]);
  return ok({ id: inserted[0]!.id });
}

// ——— 2. Current purchases ———

export type OrderRow = {
  id: number;
  contractNumber: string;
  article: string;
  nameNl: string | null;
  nameFr: string | null;
  nameEn: string | null;
  quantity: number;
  address: string;
  createdAt: Date;
  deliveryDate: string | null;
  status: OrderStatus;
  totalCents: number | null;
  confirmedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
};

const orderColumns = {
  id: orders.id,
  contractNumber: contracts.contractNumber,
  article: orders.article,
  nameNl: products.nameNl,
  nameFr: products.nameFr,
  nameEn: products.nameEn,
  quantity: orders.quantity,
  address: orders.address,
  createdAt: orders.createdAt,
  deliveryDate: orders.deliveryDate,
  status: orders.status,
  totalCents: orders.totalCents,
  confirmedAt: orders.confirmedAt,
  deliveredAt: orders.deliveredAt,
  cancelledAt: orders.cancelledAt,
};

/** The query of an order list (home's last orders too): newest first, with the product's names when it came from the catalog. */
export function ordersQuery(db: Db, principal: Principal, where?: SQL) {
  return db
    .select(orderColumns)
    .from(orders)
    .innerJoin(contracts, eq(contracts.id, orders.contractId))
    .leftJoin(products, eq(products.id, orders.productId))
    .where(and(inScope(sql`${orders.customerId}`, principal), contractAllowed(principal, "services", sql`${orders.contractId}`), where));
}

export type OrdersPage = { rows: OrderRow[]; next: string | null; previous: string | null };

/** Keyset cursor "createdAtMs~id". */
export function parseOrderCursor(value: string | null | undefined): [number, number] | null {
  const match = value?.match(/^(\d{1,15})~(\d{1,15})$/);
  return match ? [Number(match[1]), Number(match[2])] : null;
}
const orderCursor = (row: { createdAt: Date; id: number }) => `${row.createdAt.getTime()}~${row.id}`;

/** One page of orders, newest first, by keyset on (created_at, id): after = older (next page), before = newer (previous). */
export async function listOrders(db: Db, principal: Principal, cursor: { after?: string | null; before?: string | null }): Promise<OrdersPage> {
  const after = parseOrderCursor(cursor.after);
  const before = after ? null : parseOrderCursor(cursor.before);
  const where = after ? sql`(${orders.createdAt}, ${orders.id}) < (${after[0]}, ${after[1]})` : before ? sql`(${orders.createdAt}, ${orders.id}) > (${before[0]}, ${before[1]})` : undefined;
  const found = await ordersQuery(db, principal, where)
    .orderBy(...(before ? [asc(orders.createdAt), asc(orders.id)] : [desc(orders.createdAt), desc(orders.id)]))
    .limit(ORDERS_PAGE_SIZE + 1);
  const more = found.length > ORDERS_PAGE_SIZE;
  const rows = found.slice(0, ORDERS_PAGE_SIZE);
  if (before) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    next: last && (before || more) ? orderCursor(last) : null,
    previous: first && (after || (before && more)) ? orderCursor(first) : null,
  };
}

/** One order of the principal's accounts; null when out of scope. */
export async function getOrder(db: Db, principal: Principal, id: number): Promise<OrderRow | null> {
  const [row] = await ordersQuery(db, principal, eq(orders.id, id)).limit(1);
  return row ?? null;
}

// ——— 3. Order ———

export type Product = typeof products.$inferSelect;
export type SiteOption = { id: number; label: string };

const siteOptions = (db: Db, principal: Principal) =>
  db
    .select({ id: sites.id, label: sql<string>`${sites.name} || ' – ' || ${sites.street} || ', ' || ${sites.postcode} || ' ' || ${sites.city}` })
    .from(sites)
    .where(inScope(sql`${sites.customerId}`, principal))
    .orderBy(asc(sites.customerId), asc(sites.name));

/** The catalog for the principal's applications (active products only) and the delivery sites: one round trip. */
export async function orderForm(db: Db, principal: Principal): Promise<{ products: Product[]; sites: SiteOption[] }> {
  const apps = Object.keys(principal.apps);
  const [catalog, siteRows] = await db.batch([
    db
      .select()
      .from(products)
      .where(and(eq(products.active, true), sql`${products.application} IN (SELECT value FROM json_each(${JSON.stringify(apps)}))`))
      .orderBy(asc(products.application), asc(products.id)),
    siteOptions(db, principal),
  ]);
  return { products: catalog, sites: siteRows };
}

export type OrderInput = { product: string; quantity: string; site: string };

/**
 * Places an order: the product from the principal's catalog, the quantity by its step and maximum,
 * a delivery site of the principal's accounts (its contract carries the order). The order and its
 * audit event are written in one batch (src/lib/orders.ts).
 */
export async function placeOrder(
  db: Db,
  principal: Principal,
  form: { products: Product[]; sites: SiteOption[] },
  input: OrderInput,
  now = Date.now(),
): Promise<Result<{ id: number; deliveryDate: string }, Refused>> {
  const errors: ServiceErrors = {};
  const product = form.products.find((p) => p.code === input.product);
  if (!product) errors.product = { key: "product" };
  const quantity = /^\d{1,9}$/.test(input.quantity.trim()) ? Number(input.quantity.trim()) : Number.NaN;
  if (product && !quantityAllowed(product, quantity))
    errors.quantity = product.step > 1 ? { key: "quantityStep", values: { step: product.step, max: product.maxQuantity } } : { key: "quantity", values: { max: product.maxQuantity } };
  const siteId = Number(input.site);
  const site = form.sites.find((s) => s.id === siteId);
  if (!site) errors.site = { key: "site" };
  if (!product || !site || Object.keys(errors).length > 0) return fail("invalid", { errors });
  // The site's contract carries the order (one not ended first), else any contract of the site's account.
  // (Columns of the outer row are named in full: drizzle writes a lone table's columns unqualified.)
  const [target] = await db
    .select({
      customerId: sites.customerId,
      address: sql<string>`${sites.street} || ', ' || ${sites.postcode} || ' ' || ${sites.city}`,
      contractId: sql<number | null>`COALESCE(
        (SELECT k.id FROM contracts k WHERE k.site_id = sites.id ORDER BY k.status = 'ended', k.id LIMIT 1),
        (SELECT k.id FROM contracts k WHERE k.customer_id = sites.customer_id ORDER BY k.status = 'ended', k.id LIMIT 1))`,
      // The same line sent again by the same person moments ago (a double click): that order, not a second one.
      repeated: sql<number | null>`(SELECT o.id FROM orders o WHERE o.site_id = sites.id AND o.product_id = ${product.id} AND o.quantity = ${quantity}
        AND o.created_by = ${principal.actor} AND o.created_at > ${now - DOUBLE_SUBMIT_MS} ORDER BY o.id DESC LIMIT 1)`,
    })
    .from(sites)
    .where(and(eq(sites.id, site.id), inScope(sql`${sites.customerId}`, principal)))
    .limit(1);
  if (!target || target.contractId === null) return fail("invalid", { errors: { site: { key: "site" } } });
  if (target.repeated !== null) return ok({ id: Number(target.repeated), deliveryDate: "" });
  const prepared = await prepareOrder(
    db,
    principal,
    { customerId: target.customerId, contractId: Number(target.contractId), productCode: product.code, quantity, address: target.address, siteId: site.id, createdBy: principal.actor },
    now,
  );
  if (!prepared.ok) return fail("invalid", { errors: prepared.error === "product" ? { product: { key: "product" } } : { quantity: { key: "quantity", values: { max: product.maxQuantity } } } });
  const [inserted] = await db.batch(prepared.statements);
  return ok({ id: (inserted as { id: number }[])[0]!.id, deliveryDate: prepared.deliveryDate });
}

// ——— 4. Closing dates ———

export type ClosureRow = { id: number; siteId: number; siteName: string; fromDate: string; toDate: string; reason: string | null };

/** The sites of the principal's accounts and their closures that are not over yet; one round trip. */
export async function listClosures(db: Db, principal: Principal, now = Date.now()): Promise<{ sites: SiteOption[]; closures: ClosureRow[] }> {
  const [siteRows, closures] = await db.batch([
    siteOptions(db, principal),
    db
      .select({ id: siteClosures.id, siteId: siteClosures.siteId, siteName: sites.name, fromDate: siteClosures.fromDate, toDate: siteClosures.toDate, reason: siteClosures.reason })
      .from(siteClosures)
      .innerJoin(sites, eq(sites.id, siteClosures.siteId))
      .where(and(inScope(sql`${siteClosures.customerId}`, principal), gte(siteClosures.toDate, brusselsDate(now))))
      .orderBy(asc(siteClosures.fromDate), asc(siteClosures.id))
      .limit(200),
  ]);
  return { sites: siteRows, closures };
}

export type ClosureInput = { site: string; from: string; to: string; reason?: string };

/**
 * Adds a closure: a site of the principal's accounts, from today on, to ≥ from, and no overlap
 * with another closure of the same site (the error names that period). Stored with its audit event.
 */
export async function addClosure(
  db: Db,
  principal: Principal,
  siteList: SiteOption[],
  input: ClosureInput,
  now = Date.now(),
): Promise<Result<{ id: number; site: string; from: string; to: string }, Refused>> {
  const errors: ServiceErrors = {};
  const today = brusselsDate(now);
  const site = siteList.find((s) => s.id === Number(input.site));
  if (!site) errors.site = { key: "closureSite" };
  const from = parseDay(input.from);
  const to = parseDay(input.to);
  if (!from) errors.from = { key: "date" };
  else if (from < today) errors.from = { key: "pastDate" };
  if (!to) errors.to = { key: "date" };
  else if (to < today) errors.to = { key: "pastDate" };
  else if (from && to < from) errors.to = { key: "toBeforeFrom" };
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > MAX_REASON) errors.reason = { key: "tooLong", values: { max: MAX_REASON } };
  if (!site || !from || !to || Object.keys(errors).length > 0) return fail("invalid", { errors });
  const [target] = await db
    .select({
      customerId: sites.customerId,
      overlapFrom: sql<string | null>`(SELECT c.from_date FROM site_closures c WHERE c.site_id = sites.id AND c.from_date <= ${to} AND c.to_date >= ${from} ORDER BY c.from_date LIMIT 1)`,
      overlapTo: sql<string | null>`(SELECT c.to_date FROM site_closures c WHERE c.site_id = sites.id AND c.from_date <= ${to} AND c.to_date >= ${from} ORDER BY c.from_date LIMIT 1)`,
    })
    .from(sites)
    .where(and(eq(sites.id, site.id), inScope(sql`${sites.customerId}`, principal)))
    .limit(1);
  if (!target) return fail("invalid", { errors: { site: { key: "closureSite" } } });
  if (target.overlapFrom && target.overlapTo) return fail("invalid", { errors: { from: { key: "overlap", values: { from: target.overlapFrom, to: target.overlapTo } } } });
  // The overlap is checked again inside the insert itself: two requests at the same moment cannot both pass.
  const after = JSON.stringify({ siteId: site.id, site: site.label, from, to, reason });
  const [inserted] = await db.batch([
    db.all<{ id: number }>(sql`INSERT INTO site_closures (customer_id, site_id, from_date, to_date, reason, created_at)
      SELECT ${target.customerId}, ${site.id}, ${from}, ${to}, ${reason}, ${now}
      WHERE NOT EXISTS (SELECT 1 FROM site_closures c WHERE c.site_id = ${site.id} AND c.from_date <= ${to} AND c.to_date >= ${from})
      RETURNING id`),
    db.run(sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after)
      SELECT ${now}, ${principal.actor}, ${principal.customerId}, 'closure.added', NULL, ${after} WHERE changes() = 1`),
  ]);
  if (!inserted[0]) return addClosure(db, principal, siteList, input, now);
  return ok({ id: inserted[0]!.id, site: site.label, from, to });
}

/** Deletes a closure that has not begun yet (from after today); "not found" when out of scope or begun. */
export async function deleteClosure(db: Db, principal: Principal, id: number, now = Date.now()): Promise<Result<{ id: number }, Fail<"not_found">>> {
  const where = and(eq(siteClosures.id, id), inScope(sql`${siteClosures.customerId}`, principal), gt(siteClosures.fromDate, brusselsDate(now)));
  const [closure] = await db
    .select({ id: siteClosures.id, siteId: siteClosures.siteId, fromDate: siteClosures.fromDate, toDate: siteClosures.toDate, reason: siteClosures.reason })
    .from(siteClosures)
    .where(where)
    .limit(1);
  if (!closure) return fail("not_found");
  await db.batch([db.delete(siteClosures).where(where), auditInsert(db, { actor: principal.actor, customerId: principal.customerId, action: "closure.deleted", before: closure }, now)]);
  return ok({ id: closure.id });
}

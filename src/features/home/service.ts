import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { applications, contracts, customers, orders, products } from "../../db/schema/index.ts";
import { mayOpen, modules } from "../../lib/applications.ts";
import type { Principal } from "../../lib/principal.ts";
import type { Session } from "../../lib/session.ts";
import type { Names } from "../../lib/catalog.ts";

export const HOME_ORDER_COUNT = 4;

/**
 * One tile of the dashboard: an application of the account that the user has rights in. An
 * internal one links to its module (null: no module yet), an external e-application opens its URL.
 */
export type Tile = Names & { code: string; href: string | null; external: boolean };

type AppRow = Names & { code: string; kind: "portal" | "postal"; url: string | null };

/** The account's applications ∩ the user's rights (principal.apps holds only both), as tiles. */
export function tilesFor(principal: Principal, rows: AppRow[]): Tile[] {
  const tiles: Tile[] = [];
  for (const row of rows) {
    if (!principal.apps[row.code]) continue;
    const names = { nameNl: row.nameNl, nameFr: row.nameFr, nameEn: row.nameEn, nameDe: row.nameDe };
    if (row.kind !== "portal") {
      tiles.push({ ...names, code: row.code, href: row.url, external: true });
    } else if (modules[row.code]) {
      if (mayOpen(principal, row.code)) tiles.push({ ...names, code: row.code, href: modules[row.code]!.path, external: false });
    } else {
      tiles.push({ ...names, code: row.code, href: null, external: false });
    }
  }
  return tiles;
}

/** Everything the home page shows, read in one round trip. */
export async function getHome(db: Db, session: Session) {
  const codes = Object.keys(session.principal.apps);
  const [customerRows, children, lastOrders, appRows] = await db.batch([
    db
      .select({ name: customers.name, billingStreet: customers.billingStreet, billingPostcode: customers.billingPostcode, billingCity: customers.billingCity })
      .from(customers)
      .where(eq(customers.id, session.customerId))
      .limit(1),
    db.select({ id: customers.id }).from(customers).where(eq(customers.parentId, session.customerId)).limit(1),
    db
      .select({
        id: orders.id,
        contractNumber: contracts.contractNumber,
        article: orders.article,
        quantity: orders.quantity,
        address: orders.address,
        createdAt: orders.createdAt,
        deliveryDate: orders.deliveryDate,
        status: orders.status,
        confirmedAt: orders.confirmedAt,
        deliveredAt: orders.deliveredAt,
        cancelledAt: orders.cancelledAt,
        nameNl: products.nameNl,
        nameFr: products.nameFr,
        nameEn: products.nameEn,
      })
      .from(orders)
      .innerJoin(contracts, eq(contracts.id, orders.contractId))
      .leftJoin(products, eq(products.id, orders.productId))
      .where(eq(orders.customerId, session.customerId))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(HOME_ORDER_COUNT),
    db
      .select({
        code: applications.code,
        kind: applications.kind,
        url: applications.url,
        nameNl: applications.nameNl,
        nameFr: applications.nameFr,
        nameEn: applications.nameEn,
        nameDe: applications.nameDe,
      })
      .from(applications)
      .where(inArray(applications.code, codes.length > 0 ? codes : [""]))
      .orderBy(asc(applications.id)),
  ]);
  const customer = customerRows[0];
  if (!customer) return null;
  return { customer, isHeadOffice: children.length > 0, orders: lastOrders, tiles: tilesFor(session.principal, appRows) };
}

import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { contracts, customers, orders } from "../../db/schema/index.ts";
import type { Session } from "../../lib/session.ts";

export const HOME_ORDER_COUNT = 4;

/** Everything the home page shows, read in one round trip. */
export async function getHome(db: Db, session: Session) {
  const [customerRows, children, lastOrders] = await db.batch([
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
      })
      .from(orders)
      .innerJoin(contracts, eq(contracts.id, orders.contractId))
      .where(eq(orders.customerId, session.customerId))
      .orderBy(desc(orders.createdAt))
      .limit(HOME_ORDER_COUNT),
  ]);
  const customer = customerRows[0];
  if (!customer) return null;
  return { customer, isHeadOffice: children.length > 0, orders: lastOrders };
}

import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client.ts";
import { orders, products } from "../db/schema/index.ts";
import { auditInsert } from "./audit.ts";
import type { Principal } from "./principal.ts";
import { addWorkingDays, brusselsDate } from "./workdays.ts";

/** What people read and quote for an order: "B-000123" (B for "bestelling"/"bon de commande"), from its id. */
export function orderNumber(id: number): string {
  return `B-${String(id).padStart(6, "0")}`;
}

/** "B-000123" (any case, with or without the dash) → 123; anything else → null. */
export function orderIdFromNumber(value: string): number | null {
  const match = value.trim().match(/^B-?(\d{1,15})$/i);
  const id = match ? Number(match[1]) : 0;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export type OrderLine = {
  customerId: number;
  contractId: number;
  productCode: string;
  quantity: number;
  address: string;
  siteId: number | null;
  createdBy: string;
};

export type PreparedOrder =
  | { ok: true; statements: [order: BatchItem<"sqlite">, audit: BatchItem<"sqlite">]; deliveryDate: string; unitPriceCents: number; totalCents: number }
  | { ok: false; error: "product" | "quantity" };

/** Whether a quantity is allowed for a product: a positive multiple of its step, at most its maximum. */
export function quantityAllowed(product: { step: number; maxQuantity: number }, quantity: number): boolean {
  return Number.isSafeInteger(quantity) && quantity > 0 && quantity % product.step === 0 && quantity <= product.maxQuantity;
}

/**
 * Checks one order line and prepares its writes, for the caller to run in its own `db.batch`
 * (with a ticket, say): the product must exist, be active and belong to an application the
 * principal has; the quantity a positive multiple of the product's step, at most its maximum.
 * The caller has already checked that the customer, contract and site are the principal's.
 *
 * statements[0] inserts the order and returns `{ id }` (so the batch's first result holds the
 * new order's id); statements[1] is its audit event ("order.placed"), which names the order by
 * last_insert_rowid() and so must follow it directly. The promised delivery date is counted in
 * Belgian working days from today in Brussels.
 */
export async function prepareOrder(db: Db, principal: Principal, line: OrderLine, now = Date.now()): Promise<PreparedOrder> {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.code, line.productCode), eq(products.active, true)))
    .limit(1);
  if (!product || !principal.apps[product.application]) return { ok: false, error: "product" };
  if (!quantityAllowed(product, line.quantity)) return { ok: false, error: "quantity" };
  const deliveryDate = addWorkingDays(brusselsDate(now), product.deliveryWorkingDays);
  const totalCents = product.unitPriceCents * line.quantity;
  const insert = db
    .insert(orders)
    .values({
      customerId: line.customerId,
      contractId: line.contractId,
      article: product.nameNl,
      quantity: line.quantity,
      address: line.address,
      createdAt: new Date(now),
      deliveryDate,
      productId: product.id,
      siteId: line.siteId,
      status: "ordered",
      unitPriceCents: product.unitPriceCents,
      totalCents,
      createdBy: line.createdBy,
    })
    .returning({ id: orders.id });
  const audit = auditInsert(
    db,
    {
      actor: principal.actor,
      customerId: principal.customerId,
      action: "order.placed",
      after: sql`json_object('orderId', last_insert_rowid(), 'customerId', ${line.customerId}, 'product', ${product.code}, 'quantity', ${line.quantity}, 'address', ${line.address}, 'totalCents', ${totalCents}, 'deliveryDate', ${deliveryDate})`,
    },
    now,
  );
  return { ok: true, statements: [insert, audit], deliveryDate, unitPriceCents: product.unitPriceCents, totalCents };
}

import type { OrderRow, OrdersPage } from "../../src/features/services/service.ts";
import { fill, formatDate, formatMoney, type Locale } from "../../src/lib/i18n.ts";
import { orderNumber } from "../../src/lib/orders.ts";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { Pager } from "../ui/Pager.tsx";
import { ServicesFrame, showDay } from "./parts.tsx";

/** The article as ordered: the product's name in the user's language, or the text of an order from before the catalog. */
export function articleName(locale: Locale, order: Pick<OrderRow, "article" | "nameNl" | "nameFr" | "nameEn">): string {
  const name = locale === "fr" ? order.nameFr : locale === "en" ? order.nameEn : order.nameNl;
  return name ?? order.article;
}

/** Each step an order went through, dated: ordered → confirmed → delivered, or cancelled. */
export function OrderSteps({ order }: { order: Pick<OrderRow, "status" | "createdAt" | "confirmedAt" | "deliveredAt" | "cancelledAt"> }) {
  const { t, locale } = useView();
  const s = t.services;
  const steps: [string, Date][] = [[s.orderStatuses.ordered, order.createdAt]];
  if (order.confirmedAt) steps.push([s.orderStatuses.confirmed, order.confirmedAt]);
  if (order.deliveredAt) steps.push([s.orderStatuses.delivered, order.deliveredAt]);
  if (order.cancelledAt) steps.push([s.orderStatuses.cancelled, order.cancelledAt]);
  return (
    <ol class="steps" data-status={order.status}>
      {steps.map(([status, at]) => (
        <li>{fill(s.statusOn, { status, date: formatDate(locale, at) })}</li>
      ))}
    </ol>
  );
}

/** The delivery column: delivered on a day, expected by a day, or nothing (cancelled). */
export function deliveryText(s: ReturnType<typeof useView>["t"]["services"], locale: Locale, order: Pick<OrderRow, "status" | "deliveryDate" | "deliveredAt">): string {
  if (order.status === "cancelled") return "—";
  if (order.status === "delivered") return order.deliveredAt ? formatDate(locale, order.deliveredAt) : order.deliveryDate ? showDay(locale, order.deliveryDate) : "—";
  return order.deliveryDate ? fill(s.expected, { date: showDay(locale, order.deliveryDate) }) : "—";
}

/** Tab 2 (manual p.13 "View your current purchases and their status"): newest first, a page at a time by keyset. */
export function PurchasesPage({ page }: { page: OrdersPage }) {
  const { t, locale } = useView();
  const s = t.services;
  const base = `/${locale}/services/purchases`;
  return (
    <ServicesFrame current="purchases">
      <p>{s.purchasesIntro}</p>
      {page.rows.length === 0 ? (
        <p>{s.noOrders}</p>
      ) : (
        <DataTable label={s.tab.purchases} columns={[s.orderNumber, { label: s.orderedOn, sort: "descending" }, s.article, s.quantity, s.deliveryAddress, s.status, s.delivery, s.total]}>
          {page.rows.map((order) => (
            <tr data-order={orderNumber(order.id)}>
              <td>
                <a href={`/${locale}/services/orders/${order.id}`}>{orderNumber(order.id)}</a>
              </td>
              <td>{formatDate(locale, order.createdAt)}</td>
              <td>{articleName(locale, order)}</td>
              <td>{order.quantity}</td>
              <td>{order.address}</td>
              <td>
                <OrderSteps order={order} />
              </td>
              <td>{deliveryText(s, locale, order)}</td>
              <td>{order.totalCents === null ? "—" : formatMoney(locale, order.totalCents)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager previous={page.previous ? `${base}?before=${page.previous}` : null} next={page.next ? `${base}?after=${page.next}` : null} />
    </ServicesFrame>
  );
}

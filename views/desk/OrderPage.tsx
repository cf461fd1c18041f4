import type { Child } from "hono/jsx";
import { ORDER_STEPS, type OrderDetail } from "../../src/features/desk/service.ts";
import { fill, formatDate, formatDateTime, formatMoney } from "../../src/lib/i18n.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { DeskCsrf, useDesk } from "./Layout.tsx";
import { Facts } from "./ThreadPage.tsx";

export type OrderView = { notice?: string; error?: boolean; deliveryDate?: string; errors?: Record<string, string | undefined> };

/** An order across its steps: confirm with a delivery date, deliver, or cancel. */
export function OrderPage({ order, view }: { order: OrderDetail; view: OrderView }) {
  const { d, locale } = useDesk();
  const o = d.order;
  const when = (value: Date | null) => (value ? formatDateTime(locale, value) : "—");
  const facts: [string, Child][] = [
    [o.customer, `${order.customerNumber} · ${order.customerName}`],
    [o.contract, order.contractNumber],
    [o.article, fill(d.queues.articleLine, { quantity: order.quantity, article: order.article })],
    [o.address, order.address],
    [o.status, d.orderStatuses[order.status]],
    [o.deliveryDate, order.deliveryDate ? formatDate(locale, new Date(`${order.deliveryDate}T12:00:00Z`)) : "—"],
    [o.created, when(order.createdAt)],
    [o.confirmedAt, when(order.confirmedAt)],
    [o.deliveredAt, when(order.deliveredAt)],
    [o.cancelledAt, when(order.cancelledAt)],
  ];
  if (order.totalCents !== null) facts.push([o.total, formatMoney(locale, order.totalCents)]);
  const base = `/${locale}/desk/orders/${order.id}`;
  const can = (step: keyof typeof ORDER_STEPS) => ORDER_STEPS[step].from.includes(order.status);
  return (
    <section>
      <p>
        <a href={`/${locale}/desk/orders`}>{d.backToQueues}</a>
      </p>
      <h1>{fill(o.title, { id: order.id })}</h1>
      {view.notice ? <Notice kind={view.error ? "error" : "ok"}>{view.notice}</Notice> : null}
      <Facts items={facts} />
      {can("confirm") ? (
        <form method="post" action={`${base}/confirm`}>
          <DeskCsrf />
          <Field
            id="desk-delivery-date"
            name="deliveryDate"
            type="date"
            label={o.deliveryDate}
            hint={o.deliveryHint}
            value={view.deliveryDate ?? order.deliveryDate ?? ""}
            required
            error={view.errors?.deliveryDate}
          />
          <button type="submit">{o.confirm}</button>
        </form>
      ) : null}
      {can("deliver") ? (
        <form method="post" action={`${base}/deliver`}>
          <DeskCsrf />
          <button type="submit">{o.deliver}</button>
        </form>
      ) : null}
      {can("cancel") ? (
        <form method="post" action={`${base}/cancel`}>
          <DeskCsrf />
          <button type="submit" class="secondary">
            {o.cancel}
          </button>
        </form>
      ) : null}
    </section>
  );
}

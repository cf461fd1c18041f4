import type { OrderRow, Product, ServiceErrors, SiteOption } from "../../src/features/services/service.ts";
import { fill, formatMoney, plural, type Locale } from "../../src/lib/i18n.ts";
import { orderNumber } from "../../src/lib/orders.ts";
import { RadioGroup, Select } from "../ui/choices.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { Field, Notice } from "../ui/Field.tsx";
import { errorTexts, FixBelow, ServicesFrame, showDay } from "./parts.tsx";
import { articleName, deliveryText, OrderSteps } from "./PurchasesPage.tsx";

export const ORDER_FORM_ID = "services-order";

const productName = (locale: Locale, p: Product) => (locale === "fr" ? p.nameFr : locale === "en" ? p.nameEn : p.nameNl);

export type OrderFormState = { values?: Record<string, string>; errors?: ServiceErrors; fieldErrors?: Partial<Record<string, string>> };

/** Tab 3 (manual p.13 "Order PRO bags"; 003 "Commander des cartes SIM vierges"): the catalog of the account's applications. */
export function OrderPage({ products, sites, state }: { products: Product[]; sites: SiteOption[]; state?: OrderFormState }) {
  const { t } = useView();
  const s = t.services;
  return (
    <ServicesFrame current="order">
      <p>{s.orderIntro}</p>
      {products.length === 0 ? <p>{s.noProducts}</p> : <OrderForm products={products} sites={sites} state={state} />}
    </ServicesFrame>
  );
}

/** Article, quantity (its step and maximum said with each article), delivery address; htmx swaps it back with its errors. */
export function OrderForm({ products, sites, state }: { products: Product[]; sites: SiteOption[]; state?: OrderFormState }) {
  const { t, locale } = useView();
  const s = t.services;
  const values = state?.values ?? {};
  const errors = { ...state?.fieldErrors, ...errorTexts(t, locale, state?.errors) };
  const action = `/${locale}/services/order`;
  const chosen = products.find((p) => p.code === values.product);
  const site = values.site ?? (sites.length === 1 ? String(sites[0]!.id) : "");
  return (
    <section class="card" id={ORDER_FORM_ID}>
      <FixBelow errors={errors} />
      <form method="post" action={action} hx-post={action} hx-target={`#${ORDER_FORM_ID}`} hx-swap="outerHTML" hx-push-url="false" novalidate>
        <CsrfField />
        <ProductChoices products={products} value={values.product ?? (products.length === 1 ? products[0]!.code : "")} error={errors.product} />
        <Field
          id="order-quantity"
          name="quantity"
          type="number"
          inputmode="numeric"
          label={s.quantity}
          hint={chosen ? (chosen.step > 1 ? fill(s.quantityStepHint, { step: chosen.step, max: chosen.maxQuantity }) : fill(s.quantityHint, { max: chosen.maxQuantity })) : undefined}
          value={values.quantity}
          error={errors.quantity}
          required
        />
        <div>
          <Select
            id="order-site"
            name="site"
            label={s.deliveryAddress}
            error={errors.site}
            value={site}
            options={[...(sites.length === 1 ? [] : [{ value: "", label: "—" }]), ...sites.map((x) => ({ value: String(x.id), label: x.label }))]}
          />
        </div>
        <button type="submit">{s.place}</button>
      </form>
    </section>
  );
}

/** After placing: the order's number and the promised delivery date, then its steps. */
export function OrderDetailPage({ order, placed }: { order: OrderRow; placed: boolean }) {
  const { t, locale } = useView();
  const s = t.services;
  const number = orderNumber(order.id);
  return (
    <ServicesFrame current="purchases">
      <h2>{fill(s.placedTitle, { number })}</h2>
      {placed ? <Notice kind="ok">{fill(s.placed, { number })}</Notice> : null}
      <dl class="facts">
        <dt>{s.orderNumber}</dt>
        <dd data-order-number>{number}</dd>
        <dt>{s.article}</dt>
        <dd>{articleName(locale, order)}</dd>
        <dt>{s.quantity}</dt>
        <dd>{order.quantity}</dd>
        <dt>{s.deliveryAddress}</dt>
        <dd>{order.address}</dd>
        <dt>{s.total}</dt>
        <dd>{order.totalCents === null ? "—" : formatMoney(locale, order.totalCents)}</dd>
        <dt>{s.promisedDelivery}</dt>
        <dd data-delivery>{order.status === "delivered" || order.status === "cancelled" ? deliveryText(s, locale, order) : order.deliveryDate ? showDay(locale, order.deliveryDate) : "—"}</dd>
        <dt>{s.status}</dt>
        <dd>
          <OrderSteps order={order} />
        </dd>
      </dl>
      <p>
        <a href={`/${locale}/services/purchases`}>{s.toPurchases}</a>
      </p>
    </ServicesFrame>
  );
}

/** The catalog as one question (a fieldset named by its legend), one article a line with its price, quantities and delivery time. */
function ProductChoices({ products, value, error }: { products: Product[]; value: string; error?: string }) {
  const { t, locale } = useView();
  const s = t.services;
  return (
    <RadioGroup
      id="order-product"
      name="product"
      legend={s.product}
      value={value}
      error={error}
      stacked
      items={products.map((p) => ({
        value: p.code,
        label: (
          <>
            <strong>{productName(locale, p)}</strong>
            <br />
            <span class="hint">
              {p.unitPriceCents === 0 ? s.free : fill(s.priceEach, { price: formatMoney(locale, p.unitPriceCents) })}.{" "}
              {p.step > 1 ? fill(s.quantityStepHint, { step: p.step, max: p.maxQuantity }) : fill(s.quantityHint, { max: p.maxQuantity })} {plural(locale, s.deliveredWithin, p.deliveryWorkingDays)}
            </span>
          </>
        ),
      }))}
    />
  );
}

import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill, formatDate, plural } from "../../src/lib/i18n.ts";
import type { getHome } from "../../src/features/home/service.ts";

type Home = NonNullable<Awaited<ReturnType<typeof getHome>>>;

/** Manual p.8: customer number, profile name, billing address, the last orders. */
export function HomePage({ c, home }: { c: Context<AppEnv>; home: Home }) {
  const { t, locale, session } = c.var;
  const { customer } = home;
  const address = `${customer.billingStreet}, ${customer.billingPostcode} ${customer.billingCity}`;
  return (
    <>
      <h1>{t.home.title}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{t.app.customerNumber}</dt>
          <dd>{session?.customerNumber}</dd>
        </dl>
        <p>
          <strong>{fill(t.home.greeting, { name: customer.name })}</strong> ({fill(t.home.billingAddress, { address })})
        </p>
        <p>{t.home.notYou}</p>
        {home.isHeadOffice ? <p class="notice">{t.home.headOffice}</p> : null}
      </section>
      <section class="card" aria-labelledby="orders-title">
        <h2 id="orders-title">{plural(locale, t.home.lastOrders, home.orders.length || 4)}</h2>
        {home.orders.length === 0 ? (
          <p>{t.home.noOrders}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.home.id}</th>
                  <th scope="col">{t.home.contract}</th>
                  <th scope="col">{t.home.article}</th>
                  <th scope="col">{t.home.quantity}</th>
                  <th scope="col">{t.home.address}</th>
                  <th scope="col">{t.home.created}</th>
                  <th scope="col">{t.home.delivery}</th>
                </tr>
              </thead>
              <tbody>
                {home.orders.map((order) => (
                  <tr>
                    <td>{order.id}</td>
                    <td>{order.contractNumber}</td>
                    <td>{order.article}</td>
                    <td>{order.quantity}</td>
                    <td>{order.address}</td>
                    <td>{formatDate(locale, order.createdAt)}</td>
                    <td>{order.deliveryDate ? formatDate(locale, new Date(`${order.deliveryDate}T12:00:00Z`)) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

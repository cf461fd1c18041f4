import { fill, formatDate, plural } from "../../src/lib/i18n.ts";
import type { getHome, Tile } from "../../src/features/home/service.ts";
import { localName } from "../../src/lib/catalog.ts";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { can } from "../../src/lib/principal.ts";
import { orderNumber } from "../../src/lib/orders.ts";
import { articleName, OrderSteps } from "../services/PurchasesPage.tsx";

type Home = NonNullable<Awaited<ReturnType<typeof getHome>>>;

/** Manual p.8: customer number, profile name, billing address, the last orders. */
export function HomePage({ home }: { home: Home }) {
  const { t, locale, session, principal } = useView();
  const { customer } = home;
  const mayView = Boolean(principal && can(principal, "services", "view"));
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
      <Tiles tiles={home.tiles} />
      <section class="card" aria-labelledby="orders-title">
        <h2 id="orders-title">{plural(locale, t.home.lastOrders, home.orders.length || 4)}</h2>
        {home.orders.length === 0 ? (
          <p>{t.home.noOrders}</p>
        ) : (
          <DataTable columns={[t.services.orderNumber, t.home.contract, t.home.article, t.home.quantity, t.home.address, t.home.created, t.home.delivery, t.services.status]}>
            {home.orders.map((order) => (
              <tr data-order={orderNumber(order.id)}>
                <td>{mayView ? <a href={`/${locale}/services/orders/${order.id}`}>{orderNumber(order.id)}</a> : orderNumber(order.id)}</td>
                <td>{order.contractNumber}</td>
                <td>{articleName(locale, order)}</td>
                <td>{order.quantity}</td>
                <td>{order.address}</td>
                <td>{formatDate(locale, order.createdAt)}</td>
                <td>{order.deliveryDate ? formatDate(locale, new Date(`${order.deliveryDate}T12:00:00Z`)) : "—"}</td>
                <td>
                  <OrderSteps order={order} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}

/** The account's dashboard (003's fleet dashboard, 004's list of e-services): one tile per application. */
function Tiles({ tiles }: { tiles: Tile[] }) {
  const { t, locale } = useView();
  return (
    <section class="card" aria-labelledby="apps-title">
      <h2 id="apps-title">{t.home.appsTitle}</h2>
      {tiles.length === 0 ? (
        <p>{t.home.noApps}</p>
      ) : (
        <ul class="tiles">
          {tiles.map((tile) => (
            <li data-app={tile.code}>
              {tile.href === null ? (
                <>
                  <strong>{localName(tile, locale)}</strong>
                  <span class="hint">{t.home.soon}</span>
                </>
              ) : tile.external ? (
                <>
                  <a href={tile.href} target="_blank" rel="noopener noreferrer">
                    {localName(tile, locale)}
                  </a>
                  <span class="hint">{t.home.opensElsewhere}</span>
                </>
              ) : (
                <a href={`/${locale}${tile.href}`}>{localName(tile, locale)}</a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

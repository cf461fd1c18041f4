import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { assets } from "../../src/generated/assets.ts";
import { fill } from "../../src/lib/i18n.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { LanguageSwitch } from "../ui/Header.tsx";
import { useView } from "../ui/context.ts";

/** The desk's views read the request like the portal's (useView) plus the desk session. */
export function useDesk() {
  const view = useView();
  return { ...view, d: view.t.desk, desk: view.c.var.deskSession ?? null };
}

/** The field every desk form carries: the desk session's own token, next to the portal's double-submit one. */
export const DESK_CSRF_FIELD = "_desk";

export function DeskCsrf() {
  const { desk } = useDesk();
  return (
    <>
      <CsrfField />
      {desk ? <input type="hidden" name={DESK_CSRF_FIELD} value={desk.csrf} /> : null}
    </>
  );
}

const htmxConfig = "includeIndicatorCSS:false";

export function DeskDocument({ title, children }: { title: string; children: Child }) {
  const { locale, d } = useDesk();
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="htmx-config" content={htmxConfig} />
          <meta name="robots" content="noindex" />
          <DeskTitle title={title} />
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href={assets.css} />
          <script src={assets.htmx} defer></script>
        </head>
        <body hx-boost:inherited="true" hx-target:inherited="#page">
          <a class="skip" href="#main">
            {d.skip}
          </a>
          <div id="page">{children}</div>
        </body>
      </html>
    </>
  );
}

export function DeskTitle({ title }: { title: string }) {
  const { d } = useDesk();
  return <title>{`${title} · ${d.name}`}</title>;
}

/** What an htmx navigation in the desk replaces: its header and main. */
export function DeskFrame({ children }: { children: Child }) {
  const { c, env, locale, d, t, desk } = useDesk();
  const path = new URL(c.req.url).pathname;
  const items = [
    { href: `/${locale}/desk/complaints`, label: d.nav.complaints },
    { href: `/${locale}/desk/tickets`, label: d.nav.tickets },
    { href: `/${locale}/desk/orders`, label: d.nav.orders },
    { href: `/${locale}/desk/changes`, label: d.nav.changes },
    { href: `/${locale}/desk/fleet`, label: t.fleetWizard.desk.title },
    { href: `/${locale}/desk/packs`, label: t.fleetContract.desk.title },
    { href: `/${locale}/desk/maintenance`, label: t.maintenance.desk.title },
    ...(desk?.role === "supervisor" ? [{ href: `/${locale}/desk/terms`, label: t.termsDesk.nav }] : []),
  ];
  const loggedIn = desk?.stage === "full";
  return (
    <>
      <header class="top">
        <a class="brand" href={`/${locale}/desk`}>
          {fill(d.brand, { provider: env.PROVIDER_NAME })}
        </a>
        <div class="tools">
          {loggedIn ? (
            <>
              <span class="account">{fill(d.who, { name: desk.name, role: d.roles[desk.role] })}</span>
              <form class="inline" method="post" action={`/${locale}/desk/logout`}>
                <DeskCsrf />
                <button type="submit" class="linkbutton">
                  {d.logout}
                </button>
              </form>
            </>
          ) : null}
          <LanguageSwitch />
        </div>
        {loggedIn ? (
          <nav aria-label={d.nav.label}>
            <ul>
              {items.map((item) => (
                <li>
                  <a href={item.href} aria-current={path.startsWith(item.href) ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabindex={-1}>
        {children}
      </main>
    </>
  );
}

export function DeskErrorPage({ message, loginLink }: { message: string; loginLink?: boolean }) {
  const { locale, d, t } = useDesk();
  return (
    <section class="card">
      <h1>{t.errors.title}</h1>
      <p class="notice error" role="alert">
        {message}
      </p>
      <p>
        <a href={`/${locale}/desk${loginLink ? "/login" : ""}`}>{loginLink ? d.login.goToLogin : d.backToQueues}</a>
      </p>
    </section>
  );
}

import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { assets, inlineCss } from "../../src/generated/assets.ts";
import { fill } from "../../src/lib/i18n.ts";
import { useView } from "./context.ts";
import { LanguageSwitch, Nav, SessionTools } from "./Header.tsx";
import { MaintenanceBanner } from "../maintenance/MaintenanceBanner.tsx";

// htmx's own indicator CSS is an inline <style>, which our CSP forbids: app.css carries it instead.
const htmxConfig = "includeIndicatorCSS:false";

export function Document({ title, children }: { title: string; children: Child }) {
  const { t, locale, session, env } = useView();
  // Nobody logged in: likely a first visit with nothing cached. The styles come inline so the
  // first paint needs no second request; the file follows at the end, for the pages after.
  const cold = !session;
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="htmx-config" content={htmxConfig} />
          <PageTitle title={title} />
          <link rel="icon" href="data:," />
          {cold ? <style>{raw(inlineCss.text)}</style> : <link rel="stylesheet" href={assets.css} />}
          <script src={assets.htmx} defer></script>
        </head>
        <body hx-boost:inherited="true" hx-target:inherited="#page">
          <a class="skip" href="#main">
            {t.app.skip}
          </a>
          <div id="page">{children}</div>
          <footer>
            {fill(t.app.contact, { phone: env.PROVIDER_PHONE, email: env.PROVIDER_EMAIL })} <a href={`/${locale}/maintenance`}>{t.maintenance.footerLink}</a>
          </footer>
          {cold ? <link rel="stylesheet" href={assets.css} /> : null}
        </body>
      </html>
    </>
  );
}

/** What an htmx navigation replaces: header (its state depends on the page) and main. */
export function PageFrame({ children }: { children: Child }) {
  const { locale, session, env } = useView();
  return (
    <>
      <header class="top">
        <a class="brand" href={`/${locale}`}>
          {env.PROVIDER_NAME}
        </a>
        <div class="tools">
          {session ? <SessionTools /> : null}
          <LanguageSwitch />
        </div>
        {session ? <Nav /> : null}
      </header>
      <main id="main" tabindex={-1}>
        <MaintenanceBanner />
        {children}
      </main>
    </>
  );
}

export function PageTitle({ title }: { title: string }) {
  const { t } = useView();
  return <title>{`${title} · ${t.app.name}`}</title>;
}

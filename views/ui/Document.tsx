import type { Context } from "hono";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { assets, inlineCss } from "../../src/generated/assets.ts";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { Nav, SessionTools } from "./Nav.tsx";

// htmx's own indicator CSS is an inline <style>, which our CSP forbids: app.css carries it instead.
const htmxConfig = "includeIndicatorCSS:false";

export function Document({ c, title, children }: { c: Context<AppEnv>; title: string; children: Child }) {
  const { t } = c.var;
  // Nobody logged in: likely a first visit with nothing cached. The styles come inline so the
  // first paint needs no second request; the file follows at the end, for the pages after.
  const cold = !c.var.session;
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={c.var.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="htmx-config" content={htmxConfig} />
          <PageTitle c={c} title={title} />
          <link rel="icon" href="data:," />
          {cold ? <style>{raw(inlineCss.text)}</style> : <link rel="stylesheet" href={assets.css} />}
          <script src={assets.htmx} defer></script>
        </head>
        <body hx-boost:inherited="true" hx-target:inherited="#page">
          <a class="skip" href="#main">
            {t.app.skip}
          </a>
          <div id="page">{children}</div>
          <footer>{fill(t.app.contact, { phone: c.env.PROVIDER_PHONE, email: c.env.PROVIDER_EMAIL })}</footer>
          {cold ? <link rel="stylesheet" href={assets.css} /> : null}
        </body>
      </html>
    </>
  );
}

/** What an htmx navigation replaces: header (its state depends on the page) and main. */
export function PageFrame({ c, children }: { c: Context<AppEnv>; children: Child }) {
  return (
    <>
      <header class="top">
        <a class="brand" href={`/${c.var.locale}`}>
          {c.env.PROVIDER_NAME}
        </a>
        <div class="tools">
          {c.var.session ? <SessionTools c={c} /> : null}
          <LanguageSwitch c={c} />
        </div>
        {c.var.session ? <Nav c={c} /> : null}
      </header>
      <main id="main" tabindex={-1}>
        {children}
      </main>
    </>
  );
}

export function PageTitle({ c, title }: { c: Context<AppEnv>; title: string }) {
  return <title>{`${title} · ${c.var.t.app.name}`}</title>;
}

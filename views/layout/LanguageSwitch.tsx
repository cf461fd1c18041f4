import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { catalogs, locales } from "../../src/lib/i18n.ts";

/** Same page, other language. A full load, so <html lang> and every label change together. */
export function LanguageSwitch({ c }: { c: Context<AppEnv> }) {
  const url = new URL(c.req.url);
  const rest = url.pathname.replace(/^\/(nl|fr|en)(?=\/|$)/, "");
  return (
    <ul class="langs" aria-label={c.var.t.app.language}>
      {locales.map((locale) => (
        <li>
          <a href={`/${locale}${rest}${url.search}`} hreflang={locale} lang={locale} hx-boost="false" aria-current={locale === c.var.locale ? "true" : undefined}>
            {catalogs[locale].meta.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill, formatDate } from "../../src/lib/i18n.ts";
import type { currentTerms } from "../../src/lib/terms.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import { Notice } from "../layout/Field.tsx";

type Terms = NonNullable<Awaited<ReturnType<typeof currentTerms>>>;

function body(c: Context<AppEnv>, terms: Terms) {
  return { nl: terms.bodyNl, fr: terms.bodyFr, en: terms.bodyEn }[c.var.locale];
}

export function TermsPage({ c, terms }: { c: Context<AppEnv>; terms: Terms }) {
  const { t, locale } = c.var;
  return (
    <>
      <h1>{t.terms.title}</h1>
      <p class="hint">{fill(t.terms.version, { version: terms.version, date: formatDate(locale, terms.publishedAt) })}</p>
      <div class="terms-body">{body(c, terms)}</div>
    </>
  );
}

/** Shown after login when a newer version was published than the one the account accepted. */
export function AcceptTermsPage({ c, terms, error }: { c: Context<AppEnv>; terms: Terms; error?: string }) {
  const { t, locale } = c.var;
  return (
    <>
      <h1>{t.terms.title}</h1>
      <Notice>{t.terms.newVersion}</Notice>
      <p class="hint">{fill(t.terms.version, { version: terms.version, date: formatDate(locale, terms.publishedAt) })}</p>
      <div class="terms-body" tabindex={0}>
        {body(c, terms)}
      </div>
      <form method="post" action={`/${locale}/terms/accept`}>
        <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
        <input type="hidden" name="version" value={String(terms.id)} />
        <div class="check">
          <input type="checkbox" id="accept" name="accept" aria-invalid={error ? "true" : undefined} aria-describedby={error ? "accept-error" : undefined} />
          <label for="accept">{t.terms.accept}</label>
          {error ? (
            <p class="field-error" id="accept-error">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit">{t.terms.submit}</button>
      </form>
    </>
  );
}

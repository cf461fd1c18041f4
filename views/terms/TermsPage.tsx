import { fill, formatDateTime, type Locale } from "../../src/lib/i18n.ts";
import type { currentTerms } from "../../src/lib/terms.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { Checkbox } from "../ui/choices.tsx";

type Terms = NonNullable<Awaited<ReturnType<typeof currentTerms>>>;

function body(locale: Locale, terms: Terms) {
  return { nl: terms.bodyNl, fr: terms.bodyFr, en: terms.bodyEn }[locale];
}

/** "Version 2025.1, applies from …": the moment a version applies is what binds, not when it was written. */
function VersionLine({ terms }: { terms: Terms }) {
  const { t, locale } = useView();
  return <p class="hint">{fill(t.termsDesk.portal.version, { version: terms.version, date: formatDateTime(locale, terms.effectiveAt) })}</p>;
}

/** The version in force; a version planned for later is announced by its date only (its text is not public yet). */
export function TermsPage({ terms, nextEffectiveAt }: { terms: Terms; nextEffectiveAt?: number | null }) {
  const { t, locale } = useView();
  return (
    <>
      <h1>{t.terms.title}</h1>
      <VersionLine terms={terms} />
      {nextEffectiveAt ? <Notice>{fill(t.termsDesk.portal.upcoming, { date: formatDateTime(locale, nextEffectiveAt) })}</Notice> : null}
      <div class="terms-body">{body(locale, terms)}</div>
    </>
  );
}

/** Shown after login when a newer version was published than the one the account accepted. */
export function AcceptTermsPage({ terms, error }: { terms: Terms; error?: string }) {
  const { t, locale } = useView();
  return (
    <>
      <h1>{t.terms.title}</h1>
      <Notice>{t.terms.newVersion}</Notice>
      <VersionLine terms={terms} />
      <div class="terms-body" tabindex={0}>
        {body(locale, terms)}
      </div>
      <form method="post" action={`/${locale}/terms/accept`}>
        <CsrfField />
        <input type="hidden" name="version" value={String(terms.id)} />
        <Checkbox id="accept" name="accept" label={t.terms.accept} error={error} />
        <button type="submit">{t.terms.submit}</button>
      </form>
    </>
  );
}

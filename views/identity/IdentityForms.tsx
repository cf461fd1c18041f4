import { configuredProviders } from "../../src/lib/identity-providers.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { AccountNumberFields, TermsAcceptance } from "../auth/AccountFields.tsx";

/**
 * 001 pp.5–6, option 1: contract number, customer number, the terms, then a button per
 * configured provider (itsme, eID card). Posts to /identity/register, which sends the browser on
 * to the provider. The ids take a prefix: the login page holds the code form's fields as well.
 */
export function RegisterForm({ values = {}, errors = {}, prefix = "reg", from }: { values?: Record<string, string>; errors?: FormErrors; prefix?: string; from?: "login" }) {
  const { t, locale, env } = useView();
  const providers = configuredProviders(env);
  const i = t.identity;
  if (providers.length === 0) return <p class="hint">{i.noProviders}</p>;
  return (
    <form method="post" action={`/${locale}/identity/register`} novalidate>
      <CsrfField />
      {/* A refusal comes back on the page the form was sent from. */}
      {from ? <input type="hidden" name="from" value={from} /> : null}
      {errors.form ? <Notice kind="error">{errors.form}</Notice> : null}
      <AccountNumberFields prefix={prefix} values={values} errors={errors} />
      <TermsAcceptance prefix={prefix} values={values} errors={errors} />
      {errors.provider ? <p class="field-error">{errors.provider}</p> : null}
      <p class="actions">
        {providers.map((p) => (
          <>
            <button type="submit" name="provider" value={p.provider}>
              {i.registerWith[p.provider]}
            </button>{" "}
          </>
        ))}
      </p>
    </form>
  );
}

/** 001 p.5, "I have already registered": a button per provider, nothing to fill in. */
export function ProviderLoginForm() {
  const { t, locale, env } = useView();
  const providers = configuredProviders(env);
  const i = t.identity;
  if (providers.length === 0) return <p class="hint">{i.noProviders}</p>;
  return (
    <form method="post" action={`/${locale}/identity/login`}>
      <CsrfField />
      <p class="actions">
        {providers.map((p) => (
          <>
            <button type="submit" name="provider" value={p.provider}>
              {i.loginWith[p.provider]}
            </button>{" "}
          </>
        ))}
      </p>
    </form>
  );
}

/** The registration form on its own page: "Add a new account" (My accounts) and after an unknown identity. */
export function RegisterPage({ values, errors, notice, adding }: { values?: Record<string, string>; errors?: FormErrors; notice?: string; adding: boolean }) {
  const { t, locale } = useView();
  const i = t.identity;
  return (
    <>
      <h1>{adding ? i.addAccount : i.pageTitle}</h1>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <section class="card" aria-labelledby="register-title">
        <h2 id="register-title">{i.registerTitle}</h2>
        <p class="hint">{adding ? i.addIntro : i.registerIntro}</p>
        <RegisterForm values={values} errors={errors} />
        <p class="hint">{t.login.onInvoices}</p>
      </section>
      <p>{adding ? <a href={`/${locale}/accounts`}>{i.backToAccounts}</a> : <a href={`/${locale}/login`}>{i.backToLogin}</a>}</p>
    </>
  );
}

/** The callback could not finish: said plainly, nothing stored, and the way back. */
export function CallbackFailedPage({ provider }: { provider?: "itsme" | "eid" }) {
  const { t, locale } = useView();
  const i = t.identity;
  return (
    <>
      <h1>{i.callbackTitle}</h1>
      <Notice kind="error">{provider ? i.callbackFailed[provider] : i.callbackFailedAny}</Notice>
      <p>
        <a href={`/${locale}/login`}>{i.tryAgain}</a>
      </p>
    </>
  );
}

import { fill } from "../../src/lib/i18n.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";

/** 004 §3.3 "Herstellen wachtwoord": username or e-mail address, "Bevestigen". */
export function ForgotPasswordPage({ values = {}, errors = {}, sent = false }: { values?: Record<string, string>; errors?: FormErrors; sent?: boolean }) {
  const { t, locale, env } = useView();
  return (
    <>
      <h1>{t.password.forgot.title}</h1>
      <section class="card">
        {sent ? (
          <Notice kind="ok">{t.password.forgot.sent}</Notice>
        ) : (
          <>
            {errors.form ? <Notice kind="error">{errors.form}</Notice> : null}
            <p class="hint">{t.password.forgot.intro}</p>
            <form method="post" action={`/${locale}/password/forgot`} novalidate>
              <CsrfField />
              <Field id="identifier" name="identifier" label={t.password.forgot.identifier} value={values.identifier} error={errors.identifier} autocomplete="username" maxlength={254} required />
              <button type="submit">{t.password.forgot.submit}</button>
            </form>
            <p class="hint">{fill(t.password.forgot.noIdea, { phone: env.PROVIDER_PHONE, email: env.PROVIDER_EMAIL })}</p>
          </>
        )}
        <p>
          <a href={`/${locale}/login/password`}>{t.password.title}</a>
        </p>
      </section>
    </>
  );
}

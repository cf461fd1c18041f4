import { fill } from "../../src/lib/i18n.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";

/** 004 §3.3, forgotten username: the e-mail address linked to the user account. */
export function ForgotUsernamePage({ values = {}, errors = {}, sent = false }: { values?: Record<string, string>; errors?: FormErrors; sent?: boolean }) {
  const { t, locale, env } = useView();
  return (
    <>
      <h1>{t.password.username.title}</h1>
      <section class="card">
        {sent ? (
          <Notice kind="ok">{t.password.username.sent}</Notice>
        ) : (
          <>
            {errors.form ? <Notice kind="error">{errors.form}</Notice> : null}
            <p class="hint">{t.password.username.intro}</p>
            <form method="post" action={`/${locale}/username/forgot`} novalidate>
              <CsrfField />
              <Field id="email" name="email" type="email" label={t.password.username.email} value={values.email} error={errors.email} autocomplete="email" maxlength={254} required />
              <button type="submit">{t.password.username.submit}</button>
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

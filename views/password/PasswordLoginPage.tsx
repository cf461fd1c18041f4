import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";

export function PasswordLoginPage({ values = {}, errors = {}, notice }: { values?: Record<string, string>; errors?: FormErrors; notice?: string }) {
  const { t, locale } = useView();
  return (
    <>
      <h1>{t.password.title}</h1>
      <section class="card">
        <p class="hint">{t.password.intro}</p>
        {notice ? <Notice kind="ok">{notice}</Notice> : null}
        {errors.form ? <Notice kind="error">{errors.form}</Notice> : null}
        <form method="post" action={`/${locale}/login/password`} novalidate>
          <CsrfField />
          <Field id="identifier" name="identifier" label={t.password.identifier} value={values.identifier} error={errors.identifier} autocomplete="username" required />
          <Field id="password" name="password" type="password" label={t.password.password} error={errors.password} autocomplete="current-password" required />
          <button type="submit">{t.password.submit}</button>
        </form>
        <p>
          <a href={`/${locale}/password/forgot`}>{t.password.forgotPassword}</a>
          <br />
          <a href={`/${locale}/username/forgot`}>{t.password.forgotUsername}</a>
        </p>
        <p>
          <a href={`/${locale}/login`}>{t.password.orCode}</a>
        </p>
      </section>
    </>
  );
}

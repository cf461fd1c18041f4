import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { NewPasswordFields } from "./NewPasswordFields.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";

/** 004 §3.2 "Wijzig wachtwoord": current password, new password, confirm, "Wijzigen". */
export function ChangePasswordPage({ errors = {}, done = false, codeLogin = false }: { errors?: FormErrors; done?: boolean; codeLogin?: boolean }) {
  const { t, locale } = useView();
  if (codeLogin) {
    return (
      <>
        <h1>{t.password.change.title}</h1>
        <section class="card">
          <Notice>{t.password.change.codeLogin}</Notice>
          <p>
            <a href={`/${locale}/home`}>{t.app.home}</a>
          </p>
        </section>
      </>
    );
  }
  const hasFieldErrors = Object.entries(errors).some(([field, message]) => field !== "form" && message);
  return (
    <>
      <h1>{t.password.change.title}</h1>
      <section class="card">
        {done ? <Notice kind="ok">{t.password.change.done}</Notice> : null}
        {errors.form ? <Notice kind="error">{errors.form}</Notice> : hasFieldErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
        <p class="hint">{t.password.change.intro}</p>
        <form method="post" action={`/${locale}/password/change`} novalidate>
          <CsrfField />
          <Field id="current" name="current" type="password" label={t.password.change.current} error={errors.current} autocomplete="current-password" maxlength={200} required />
          <NewPasswordFields errors={errors} />
          <button type="submit">{t.password.change.submit}</button>
        </form>
      </section>
    </>
  );
}

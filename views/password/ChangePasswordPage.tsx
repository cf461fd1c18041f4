import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../layout/Field.tsx";
import { NewPasswordFields } from "./NewPasswordFields.tsx";

/** 004 §3.2 "Wijzig wachtwoord": current password, new password, confirm, "Wijzigen". */
export function ChangePasswordPage({ c, errors = {}, done = false, codeLogin = false }: { c: Context<AppEnv>; errors?: FormErrors; done?: boolean; codeLogin?: boolean }) {
  const { t, locale } = c.var;
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
          <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
          <Field id="current" name="current" type="password" label={t.password.change.current} error={errors.current} autocomplete="current-password" maxlength={200} required />
          <NewPasswordFields t={t} errors={errors} />
          <button type="submit">{t.password.change.submit}</button>
        </form>
      </section>
    </>
  );
}

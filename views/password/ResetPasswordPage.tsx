import { fill } from "../../src/lib/i18n.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Notice } from "../ui/Field.tsx";
import { NewPasswordFields } from "./NewPasswordFields.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";

/** The page behind the e-mailed link: the user it is for, the new password twice. */
export function ResetPasswordPage({ token, username, errors = {} }: { token: string; username: string; errors?: FormErrors }) {
  const { t, locale } = useView();
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <>
      <h1>{t.password.reset.title}</h1>
      <section class="card">
        {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
        <p class="hint">{fill(t.password.reset.intro, { username })}</p>
        <form method="post" action={`/${locale}/password/reset/${encodeURIComponent(token)}`} novalidate>
          <CsrfField />
          <input type="text" name="username" value={username} autocomplete="username" hidden readonly />
          <NewPasswordFields errors={errors} />
          <button type="submit">{t.password.reset.submit}</button>
        </form>
      </section>
    </>
  );
}

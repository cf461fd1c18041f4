import { fill } from "../../src/lib/i18n.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Notice } from "../ui/Field.tsx";
import { NewPasswordFields } from "./NewPasswordFields.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";

/** The invited user's first visit (003 "création de profil"): their username, a password twice. */
export function InvitationPage({ token, username, errors = {} }: { token: string; username: string; errors?: FormErrors }) {
  const { t, locale } = useView();
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <>
      <h1>{t.password.invitation.title}</h1>
      <section class="card">
        {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
        <p class="hint">{fill(t.password.invitation.intro, { username })}</p>
        <form method="post" action={`/${locale}/invitation/${encodeURIComponent(token)}`} novalidate>
          <CsrfField />
          <p>
            <strong>{fill(t.app.label, { label: t.password.invitation.username })}</strong> <span>{username}</span>
          </p>
          <input type="text" name="username" value={username} autocomplete="username" hidden readonly />
          <NewPasswordFields errors={errors} />
          <button type="submit">{t.password.invitation.submit}</button>
        </form>
      </section>
    </>
  );
}

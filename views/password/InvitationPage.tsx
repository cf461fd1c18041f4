import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Notice } from "../layout/Field.tsx";
import { NewPasswordFields } from "./NewPasswordFields.tsx";

/** The invited user's first visit (003 "création de profil"): their username, a password twice. */
export function InvitationPage({ c, token, username, errors = {} }: { c: Context<AppEnv>; token: string; username: string; errors?: FormErrors }) {
  const { t, locale } = c.var;
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <>
      <h1>{t.password.invitation.title}</h1>
      <section class="card">
        {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
        <p class="hint">{fill(t.password.invitation.intro, { username })}</p>
        <form method="post" action={`/${locale}/invitation/${encodeURIComponent(token)}`} novalidate>
          <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
          <p>
            <strong>{fill(t.app.label, { label: t.password.invitation.username })}</strong> <span>{username}</span>
          </p>
          <input type="text" name="username" value={username} autocomplete="username" hidden readonly />
          <NewPasswordFields t={t} errors={errors} />
          <button type="submit">{t.password.invitation.submit}</button>
        </form>
      </section>
    </>
  );
}

import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import type { ManagedUser } from "../../src/features/users/service.ts";
import { Notice } from "../ui/Field.tsx";

/** The confirmation that works without JavaScript; with it, the list asks through hx-confirm instead. */
export function DeactivatePage({ c, user, blocked }: { c: Context<AppEnv>; user: ManagedUser; blocked?: string }) {
  const { t, locale } = c.var;
  const name = `${user.firstName} ${user.lastName}`;
  return (
    <>
      <h1>{fill(t.users.deactivateTitle, { username: user.username })}</h1>
      <section class="card">
        {blocked ? (
          <Notice kind="error">{blocked}</Notice>
        ) : (
          <form method="post" action={`/${locale}/users/${user.id}/deactivate`}>
            <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
            <input type="hidden" name="confirm" value="yes" />
            <p>{fill(t.users.deactivateQuestion, { name, username: user.username })}</p>
            <p>
              <button type="submit">{t.users.deactivateConfirm}</button> <a href={`/${locale}/users`}>{t.users.cancel}</a>
            </p>
          </form>
        )}
        {blocked ? (
          <p>
            <a href={`/${locale}/users`}>{t.users.title}</a>
          </p>
        ) : null}
      </section>
    </>
  );
}

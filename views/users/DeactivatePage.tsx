import { fill } from "../../src/lib/i18n.ts";
import type { ManagedUser } from "../../src/features/users/service.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";

/** The confirmation that works without JavaScript; with it, the list asks through hx-confirm instead. */
export function DeactivatePage({ user, blocked }: { user: ManagedUser; blocked?: string }) {
  const { t, locale } = useView();
  const name = `${user.firstName} ${user.lastName}`;
  return (
    <>
      <h1>{fill(t.users.deactivateTitle, { username: user.username })}</h1>
      <section class="card">
        {blocked ? (
          <Notice kind="error">{blocked}</Notice>
        ) : (
          <form method="post" action={`/${locale}/users/${user.id}/deactivate`}>
            <CsrfField />
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

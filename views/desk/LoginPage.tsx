import { Field, Notice } from "../ui/Field.tsx";
import { DeskCsrf, useDesk } from "./Layout.tsx";

export type LoginView = { values: Record<string, string>; errors?: Record<string, string | undefined>; notice?: string; expired?: boolean };

/** Step 1: username and password (the desk's own login, not the customers'). */
export function LoginPage({ view }: { view: LoginView }) {
  const { d, locale } = useDesk();
  const l = d.login;
  return (
    <section class="card">
      <h1>{l.title}</h1>
      <p>{l.intro}</p>
      {view.expired ? <Notice>{l.expired}</Notice> : null}
      {view.notice ? <Notice kind="error">{view.notice}</Notice> : null}
      <form method="post" action={`/${locale}/desk/login`} novalidate>
        <DeskCsrf />
        <Field id="desk-username" name="username" label={l.username} value={view.values.username} autocomplete="username" required error={view.errors?.username} maxlength={100} />
        <Field id="desk-password" name="password" type="password" label={l.password} autocomplete="current-password" required error={view.errors?.password} />
        <button type="submit">{l.submit}</button>
      </form>
    </section>
  );
}

/** Step 2: the code of the authenticator app (RFC 6238), good once. */
export function CodePage({ view }: { view: LoginView }) {
  const { d, locale } = useDesk();
  const l = d.login;
  return (
    <section class="card">
      <h1>{l.codeTitle}</h1>
      <p>{l.codeIntro}</p>
      {view.notice ? <Notice kind="error">{view.notice}</Notice> : null}
      <form method="post" action={`/${locale}/desk/login/code`} novalidate>
        <DeskCsrf />
        <Field id="desk-code" name="code" label={l.code} hint={l.codeHint} value={view.values.code} inputmode="numeric" autocomplete="one-time-code" maxlength={6} required error={view.errors?.code} />
        <button type="submit">{l.codeSubmit}</button>
      </form>
      <p>
        <a href={`/${locale}/desk/login`}>{l.startOver}</a>
      </p>
    </section>
  );
}

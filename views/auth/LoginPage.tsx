import { fill } from "../../src/lib/i18n.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { AccountNumberFields, TermsAcceptance } from "./AccountFields.tsx";
import { ProviderLoginForm, RegisterForm } from "../identity/IdentityForms.tsx";

export type LoginNotice = { kind?: "ok" | "error"; text: string };

/** Manual p.5–6: first registration or a new account with itsme / eID (option 1), and "Temporary single access": contract, customer, code (Get a code), terms (option 2). */
export function LoginPage({
  values = {},
  errors = {},
  notice,
  register,
}: {
  values?: Record<string, string>;
  errors?: FormErrors;
  notice?: LoginNotice;
  /** The itsme / eID registration block re-rendered with its values and errors (POST /identity/register from this page). */
  register?: { values: Record<string, string>; errors: FormErrors };
}) {
  const { t, locale } = useView();
  const codeUrl = `/${locale}/login/code${values.customerNumber ? `?customerNumber=${encodeURIComponent(values.customerNumber)}` : ""}`;
  return (
    <>
      <h1>{t.login.title}</h1>
      <div class="grid">
        <section class="card" aria-labelledby="identity-register">
          <h2 id="identity-register">{t.identity.registerTitle}</h2>
          <p class="hint">{t.identity.registerIntro}</p>
          <RegisterForm values={register?.values} errors={register?.errors} from="login" />
          <h2 id="identity-login">{t.identity.loginTitle}</h2>
          <p class="hint">{t.identity.loginIntro}</p>
          <ProviderLoginForm />
        </section>
        <section class="card" aria-labelledby="single-access">
          <h2 id="single-access">{t.login.title}</h2>
          <p class="hint">{t.login.intro}</p>
          {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
          {errors.form ? <Notice kind="error">{errors.form}</Notice> : null}
          <form method="post" action={`/${locale}/login`} novalidate>
            <CsrfField />
            <AccountNumberFields values={values} errors={errors} />
            <Field
              id="code"
              name="code"
              label={t.login.code}
              hint={fill(t.login.example, { value: "11q5pU" })}
              value={values.code}
              error={errors.code}
              autocomplete="one-time-code"
              maxlength={6}
              required
            />
            <p>
              <a href={codeUrl} hx-get={codeUrl} hx-target="#code-dialog" hx-push-url="false">
                {t.login.getCode}
              </a>
            </p>
            <TermsAcceptance values={values} errors={errors} />
            <button type="submit">{t.login.submit}</button>
          </form>
          <p class="hint">{t.login.onInvoices}</p>
          <p>
            <a href={`/${locale}/login/password`}>{t.password.withPassword}</a>
          </p>
        </section>
        <div id="code-dialog" aria-live="polite"></div>
      </div>
    </>
  );
}

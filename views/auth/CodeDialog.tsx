import { fill } from "../../src/lib/i18n.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { RadioGroup } from "../ui/choices.tsx";

/** Manual p.7: "Get a temporary login code": customer number, by SMS or by e-mail, valid 1 hour. */
export function CodeRequestForm({ values = {}, errors = {} }: { values?: Record<string, string>; errors?: FormErrors }) {
  const { t, locale, env } = useView();
  const action = `/${locale}/login/code`;
  const channel = values.channel ?? "email";
  return (
    <section class="card dialog" aria-labelledby="code-title">
      <h2 id="code-title">{t.code.title}</h2>
      {errors.form ? <Notice kind="error">{errors.form}</Notice> : null}
      <form method="post" action={action} hx-post={action} hx-target="#code-dialog" hx-push-url="false" novalidate>
        <CsrfField />
        <Field
          id="code-customerNumber"
          name="customerNumber"
          label={t.code.customerNumber}
          hint={fill(t.login.example, { value: "439561" })}
          value={values.customerNumber}
          error={errors.customerNumber}
          inputmode="numeric"
          required
        />
        <RadioGroup
          name="channel"
          legend={t.code.channel}
          value={channel}
          error={errors.channel}
          items={[
            { value: "sms", label: t.code.bySms },
            { value: "email", label: t.code.byEmail },
          ]}
        />
        <p class="notice">
          {t.code.validity} {fill(t.code.help, { phone: env.PROVIDER_PHONE, email: env.PROVIDER_EMAIL })}
        </p>
        <button type="submit">{t.code.submit}</button>{" "}
        <a class="button secondary" href={`/${locale}/login`}>
          {t.code.cancel}
        </a>
      </form>
    </section>
  );
}

export function CodeSent({ customerNumber, channel }: { customerNumber: string; channel: "sms" | "email" }) {
  const { t, locale } = useView();
  const text = fill(channel === "email" ? t.code.sentEmail : t.code.sentSms, { customer: customerNumber });
  return (
    <section class="card dialog" aria-labelledby="code-title">
      <h2 id="code-title">{t.code.title}</h2>
      <Notice kind="ok">{text}</Notice>
      <a class="button" href={`/${locale}/login?customerNumber=${encodeURIComponent(customerNumber)}`}>
        {t.code.continue}
      </a>
    </section>
  );
}

import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../layout/Field.tsx";

/** Manual p.7: "Get a temporary login code": customer number, by SMS or by e-mail, valid 1 hour. */
export function CodeRequestForm({ c, values = {}, errors = {} }: { c: Context<AppEnv>; values?: Record<string, string>; errors?: FormErrors }) {
  const { t, locale } = c.var;
  const action = `/${locale}/login/code`;
  const channel = values.channel ?? "email";
  return (
    <section class="card dialog" aria-labelledby="code-title">
      <h2 id="code-title">{t.code.title}</h2>
      {errors.form ? <Notice kind="error">{errors.form}</Notice> : null}
      <form method="post" action={action} hx-post={action} hx-target="#code-dialog" hx-push-url="false" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
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
        <fieldset aria-describedby={errors.channel ? "channel-error" : undefined}>
          <legend>{t.code.channel}</legend>
          <input type="radio" id="channel-sms" name="channel" value="sms" checked={channel === "sms"} />
          <label for="channel-sms">{t.code.bySms}</label>
          <input type="radio" id="channel-email" name="channel" value="email" checked={channel === "email"} />
          <label for="channel-email">{t.code.byEmail}</label>
          {errors.channel ? (
            <p class="field-error" id="channel-error">
              {errors.channel}
            </p>
          ) : null}
        </fieldset>
        <p class="notice">
          {t.code.validity} {fill(t.code.help, { phone: c.env.PROVIDER_PHONE, email: c.env.PROVIDER_EMAIL })}
        </p>
        <button type="submit">{t.code.submit}</button>{" "}
        <a class="button secondary" href={`/${locale}/login`}>
          {t.code.cancel}
        </a>
      </form>
    </section>
  );
}

export function CodeSent({ c, customerNumber, channel }: { c: Context<AppEnv>; customerNumber: string; channel: "sms" | "email" }) {
  const { t, locale } = c.var;
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

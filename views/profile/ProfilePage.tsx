import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Profile } from "../../src/features/profile/service.ts";
import type { AppEnv } from "../../src/lib/env.ts";
import { formatIban } from "../../src/lib/iban.ts";
import { formatBelgianPhone } from "../../src/lib/phone.ts";
import { fill } from "../../src/lib/i18n.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../layout/Field.tsx";

export type ProfileBlock = "contact" | "offers" | "zoomit";
export type BlockState = { values?: Record<string, string>; errors?: FormErrors; notice?: "saved" | "unchanged" | "confirmationSent" };

/** Manual p.9: three blocks, each with its own Update, each swapped in place by htmx. */
export function ProfilePage({ c, profile, states = {} }: { c: Context<AppEnv>; profile: Profile; states?: Partial<Record<ProfileBlock, BlockState>> }) {
  const { t } = c.var;
  return (
    <>
      <h1>{t.profile.title}</h1>
      <p class="hint">{t.profile.intro}</p>
      <ContactBlock c={c} profile={profile} state={states.contact} />
      <OffersBlock c={c} profile={profile} state={states.offers} />
      <ZoomitBlock c={c} profile={profile} state={states.zoomit} />
      <section class="card">
        <form method="post" action={`/${c.var.locale}/logout/everywhere`}>
          <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
          <p class="hint">{t.app.logoutEverywhereHint}</p>
          <button type="submit" class="secondary">
            {t.app.logoutEverywhere}
          </button>
        </form>
      </section>
    </>
  );
}

function BlockForm({ c, block, title, state, children }: { c: Context<AppEnv>; block: ProfileBlock; title: string; state?: BlockState; children: Child }) {
  const { t, locale } = c.var;
  const id = `profile-${block}`;
  const action = `/${locale}/profile/${block}`;
  const hasErrors = state?.errors && Object.keys(state.errors).length > 0;
  return (
    <section class="card" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {state?.notice === "saved" ? <Notice kind="ok">{t.profile.saved}</Notice> : null}
      {state?.notice === "unchanged" ? <Notice focus>{t.profile.unchanged}</Notice> : null}
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <form method="post" action={action} hx-post={action} hx-target={`#${id}`} hx-swap="outerHTML" hx-push-url="false" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
        {children}
        <button type="submit">{t.profile.update}</button>
      </form>
    </section>
  );
}

export function ContactBlock({ c, profile, state }: { c: Context<AppEnv>; profile: Profile; state?: BlockState }) {
  const { t } = c.var;
  const values = state?.values ?? { email: profile.email ?? "", phone: formatBelgianPhone(profile.phone) };
  const errors = state?.errors ?? {};
  return (
    <BlockForm c={c} block="contact" title={t.profile.contactTitle} state={state}>
      <Field id="email" name="email" type="email" label={t.profile.email} value={values.email} error={errors.email} autocomplete="email" required />
      <Field id="phone" name="phone" type="tel" label={t.profile.phone} value={values.phone} error={errors.phone} autocomplete="tel" />
      <p>
        <strong>{fill(t.app.label, { label: t.profile.nationalRegisterNumber })}</strong> {profile.nationalRegisterNumber ?? t.profile.notApplicable}
      </p>
    </BlockForm>
  );
}

function Radio({ name, value, label, checked }: { name: string; value: string; label: string; checked: boolean }) {
  const id = `${name}-${value}`;
  return (
    <>
      <input type="radio" id={id} name={name} value={value} checked={checked} />
      <label for={id}>{label}</label>
    </>
  );
}

export function OffersBlock({ c, profile, state }: { c: Context<AppEnv>; profile: Profile; state?: BlockState }) {
  const { t } = c.var;
  const current = state?.values?.offerChannel ?? profile.offerChannel;
  return (
    <BlockForm c={c} block="offers" title={t.profile.offersTitle} state={state}>
      <fieldset>
        <legend>{t.profile.offersTitle}</legend>
        <Radio name="offerChannel" value="email" label={t.profile.offerEmail} checked={current === "email"} />
        <Radio name="offerChannel" value="post" label={t.profile.offerPost} checked={current === "post"} />
        <Radio name="offerChannel" value="sms" label={t.profile.offerSms} checked={current === "sms"} />
        {state?.errors?.offerChannel ? <p class="field-error">{state.errors.offerChannel}</p> : null}
      </fieldset>
    </BlockForm>
  );
}

/** 002 GreenBill and Zoomit: paper, by e-mail (active once the address is confirmed) or Zoomit. */
export function ZoomitBlock({ c, profile, state }: { c: Context<AppEnv>; profile: Profile; state?: BlockState }) {
  const { t } = c.var;
  const channel = state?.values?.einvoiceChannel ?? profile.einvoiceChannel;
  const iban = state?.values?.iban ?? (profile.zoomitIban ? formatIban(profile.zoomitIban) : "");
  const einvoiceEmail = state?.values?.einvoiceEmail ?? profile.einvoiceEmailPending ?? profile.einvoiceEmail ?? "";
  const pending = profile.einvoiceEmailPending;
  return (
    <BlockForm c={c} block="zoomit" title={t.profile.zoomitTitle} state={state}>
      <p class="hint">{t.profile.zoomitIntro}</p>
      {state?.notice === "confirmationSent" && pending ? <Notice kind="ok">{fill(t.profile.einvoiceConfirmationSent, { email: pending })}</Notice> : null}
      {pending && state?.notice !== "confirmationSent" ? <Notice>{fill(t.profile.einvoiceWaiting, { email: pending })}</Notice> : null}
      {profile.einvoiceChannel === "email" && profile.einvoiceEmail ? <p>{fill(t.profile.einvoiceActive, { email: profile.einvoiceEmail })}</p> : null}
      <fieldset>
        <legend>{t.profile.zoomitTitle}</legend>
        <Radio name="einvoiceChannel" value="paper" label={t.profile.einvoicePaper} checked={channel === "paper"} />
        <Radio name="einvoiceChannel" value="email" label={t.profile.einvoiceEmail} checked={channel === "email"} />
        <Radio name="einvoiceChannel" value="zoomit" label={t.profile.einvoiceZoomit} checked={channel === "zoomit"} />
        {state?.errors?.einvoiceChannel ? <p class="field-error">{state.errors.einvoiceChannel}</p> : null}
      </fieldset>
      <Field id="einvoiceEmail" name="einvoiceEmail" type="email" label={t.profile.einvoiceEmailAddress} value={einvoiceEmail} error={state?.errors?.einvoiceEmail} autocomplete="email" />
      <Field id="iban" name="iban" label={t.profile.iban} value={iban} error={state?.errors?.iban} autocomplete="off" />
    </BlockForm>
  );
}

import type { Child } from "hono/jsx";
import { maskNationalNumber, type Profile } from "../../src/features/profile/service.ts";
import { formatIban } from "../../src/lib/iban.ts";
import { formatBelgianPhone } from "../../src/lib/phone.ts";
import { fill } from "../../src/lib/i18n.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { RadioGroup } from "../ui/choices.tsx";
import { declarations, isAllowed, routeKey } from "../../src/lib/routes.ts";
import { peppolIdFromVat } from "../../src/features/einvoice/peppol-id.ts";

export type ProfileBlock = "contact" | "offers" | "zoomit";
export type BlockState = { values?: Record<string, string>; errors?: FormErrors; notice?: "saved" | "unchanged" | "confirmationSent" | "peppolSaved" };

/** Manual p.9: three blocks, each with its own Update, each swapped in place by htmx. */
export function ProfilePage({ profile, states = {} }: { profile: Profile; states?: Partial<Record<ProfileBlock, BlockState>> }) {
  const { t, locale } = useView();
  return (
    <>
      <h1>{t.profile.title}</h1>
      <p class="hint">{t.profile.intro}</p>
      <ContactBlock profile={profile} state={states.contact} />
      <OffersBlock profile={profile} state={states.offers} />
      <ZoomitBlock profile={profile} state={states.zoomit} />
      <section class="card">
        <form method="post" action={`/${locale}/logout/everywhere`}>
          <CsrfField />
          <p class="hint">{t.app.logoutEverywhereHint}</p>
          <button type="submit" class="secondary">
            {t.app.logoutEverywhere}
          </button>
        </form>
      </section>
    </>
  );
}

function BlockForm({ block, title, state, children }: { block: ProfileBlock; title: string; state?: BlockState; children: Child }) {
  const { t, locale, principal } = useView();
  const id = `profile-${block}`;
  // The same rule as the route's declaration: who may not change the block sees it, without an Update that would answer 403.
  const mayChange = isAllowed(principal, declarations.get(routeKey("POST", `/profile/${block}`)) ?? { kind: "profile", profiles: [] });
  const action = `/${locale}/profile/${block}`;
  const hasErrors = state?.errors && Object.keys(state.errors).length > 0;
  return (
    <section class="card" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {state?.notice === "saved" ? <Notice kind="ok">{t.profile.saved}</Notice> : null}
      {state?.notice === "unchanged" ? <Notice focus>{t.profile.unchanged}</Notice> : null}
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      {mayChange ? (
        <form method="post" action={action} hx-post={action} hx-target={`#${id}`} hx-swap="outerHTML" hx-push-url="false" novalidate>
          <CsrfField />
          {children}
          <button type="submit">{t.profile.update}</button>
        </form>
      ) : (
        <>
          <p class="hint">{t.profile.readOnly}</p>
          <fieldset disabled>{children}</fieldset>
        </>
      )}
    </section>
  );
}

export function ContactBlock({ profile, state }: { profile: Profile; state?: BlockState }) {
  const { t } = useView();
  const values = state?.values ?? { email: profile.email ?? "", phone: formatBelgianPhone(profile.phone) };
  const errors = state?.errors ?? {};
  return (
    <BlockForm block="contact" title={t.profile.contactTitle} state={state}>
      <Field id="email" name="email" type="email" label={t.profile.email} value={values.email} error={errors.email} autocomplete="email" required />
      <Field id="phone" name="phone" type="tel" label={t.profile.phone} value={values.phone} error={errors.phone} autocomplete="tel" />
      <p>
        <strong>{fill(t.app.label, { label: t.profile.nationalRegisterNumber })}</strong>{" "}
        {profile.personNationalNumber ? (
          <>
            <span aria-hidden="true">{maskNationalNumber(profile.personNationalNumber)}</span>
            <span class="skip">{fill(t.identity.nationalNumberEnding, { digits: profile.personNationalNumber.slice(-2) })}</span>
          </>
        ) : (
          (profile.nationalRegisterNumber ?? t.profile.notApplicable)
        )}
      </p>
    </BlockForm>
  );
}

export function OffersBlock({ profile, state }: { profile: Profile; state?: BlockState }) {
  const { t } = useView();
  const current = state?.values?.offerChannel ?? profile.offerChannel;
  return (
    <BlockForm block="offers" title={t.profile.offersTitle} state={state}>
      <RadioGroup
        name="offerChannel"
        legend={t.profile.offersTitle}
        value={current}
        error={state?.errors?.offerChannel}
        items={[
          { value: "email", label: t.profile.offerEmail },
          { value: "post", label: t.profile.offerPost },
          { value: "sms", label: t.profile.offerSms },
        ]}
      />
    </BlockForm>
  );
}

/** 002 GreenBill and Zoomit: paper, by e-mail (active once the address is confirmed) or Zoomit. */
export function ZoomitBlock({ profile, state }: { profile: Profile; state?: BlockState }) {
  const { t } = useView();
  const channel = state?.values?.einvoiceChannel ?? profile.einvoiceChannel;
  const iban = state?.values?.iban ?? (profile.zoomitIban ? formatIban(profile.zoomitIban) : "");
  const einvoiceEmail = state?.values?.einvoiceEmail ?? profile.einvoiceEmailPending ?? profile.einvoiceEmail ?? "";
  const pending = profile.einvoiceEmailPending;
  const peppolId = state?.values?.peppolId ?? profile.peppolId ?? peppolIdFromVat(profile.vatNumber) ?? "";
  return (
    <BlockForm block="zoomit" title={t.profile.zoomitTitle} state={state}>
      <p class="hint">{t.profile.zoomitIntro}</p>
      {state?.notice === "confirmationSent" && pending ? <Notice kind="ok">{fill(t.profile.einvoiceConfirmationSent, { email: pending })}</Notice> : null}
      {pending && state?.notice !== "confirmationSent" ? <Notice>{fill(t.profile.einvoiceWaiting, { email: pending })}</Notice> : null}
      {profile.einvoiceChannel === "email" && profile.einvoiceEmail ? <p>{fill(t.profile.einvoiceActive, { email: profile.einvoiceEmail })}</p> : null}
      {state?.notice === "peppolSaved" && profile.peppolId ? <Notice kind="ok">{fill(t.einvoice.peppolSaved, { id: profile.peppolId })}</Notice> : null}
      {profile.einvoiceChannel === "peppol" && profile.peppolId && state?.notice !== "peppolSaved" ? <p>{fill(t.einvoice.peppolActive, { id: profile.peppolId })}</p> : null}
      <RadioGroup
        name="einvoiceChannel"
        legend={t.profile.zoomitTitle}
        value={channel}
        error={state?.errors?.einvoiceChannel}
        items={[
          { value: "paper", label: t.profile.einvoicePaper },
          { value: "email", label: t.profile.einvoiceEmail },
          { value: "zoomit", label: t.profile.einvoiceZoomit },
          { value: "peppol", label: t.einvoice.channelPeppol },
        ]}
      />
      <Field id="einvoiceEmail" name="einvoiceEmail" type="email" label={t.profile.einvoiceEmailAddress} value={einvoiceEmail} error={state?.errors?.einvoiceEmail} autocomplete="email" />
      <Field id="iban" name="iban" label={t.profile.iban} value={iban} error={state?.errors?.iban} autocomplete="off" />
      <Field id="peppolId" name="peppolId" label={t.einvoice.peppolId} hint={t.einvoice.peppolIdHint} value={peppolId} error={state?.errors?.peppolId} autocomplete="off" />
    </BlockForm>
  );
}

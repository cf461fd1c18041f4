import type { AccountWithMethod } from "../../src/features/billing/service.ts";
import { fill } from "../../src/lib/i18n.ts";
import { formatIban } from "../../src/lib/iban.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { MethodLine } from "./parts.tsx";
import { useView } from "../ui/context.ts";
import { RadioGroup } from "../ui/choices.tsx";
import { CsrfField } from "../ui/CsrfField.tsx";

export type MethodState = { values?: Record<string, string>; errors?: FormErrors; notice?: "saved" | "unchanged" | "mandateSent" | "mandateNoEmail" };

export function MethodPage({ account, state }: { account: AccountWithMethod; state?: MethodState }) {
  const { t, locale } = useView();
  return (
    <>
      <h1>{fill(t.billing.methodTitle, { number: account.number })}</h1>
      <MethodBlock account={account} state={state} />
      <p>
        <a href={`/${locale}/balance`}>{t.billing.backToBalance}</a>
      </p>
    </>
  );
}

/** Transfer, or a request for direct debit with the IBAN to debit and its holder; swapped in place by htmx. */
export function MethodBlock({ account, state }: { account: AccountWithMethod; state?: MethodState }) {
  const { t, locale } = useView();
  const b = t.billing;
  const action = `/${locale}/balance/${account.id}/method`;
  const errors = state?.errors ?? {};
  const values = state?.values ?? {};
  const method = values.method ?? (account.paymentMethod === "direct_debit" || account.requestedAt ? "direct_debit" : "transfer");
  const hasErrors = Object.keys(errors).length > 0;
  // Once direct debit is requested: the confirmation and where things stand, not the empty form again.
  if ((state?.notice === "mandateSent" || state?.notice === "mandateNoEmail") && account.request) {
    return (
      <section class="card" id="billing-method" aria-labelledby="billing-method-title">
        <h2 id="billing-method-title">{b.method}</h2>
        <Notice kind="ok">{b.saved}</Notice>
        <p>
          <MethodLine method={account.paymentMethod} requestedAt={account.requestedAt} />
        </p>
        <dl class="facts">
          <dt>{b.debitIban}</dt>
          <dd>{formatIban(account.request.iban)}</dd>
          <dt>{b.debitHolder}</dt>
          <dd>{account.request.holder}</dd>
        </dl>
        {state.notice === "mandateSent" ? (
          <p>{fill(b.mandateSent, { email: account.email ?? "" })}</p>
        ) : (
          <p class="notice error">
            {b.mandateNoEmail} <a href={`/${locale}/profile`}>{b.toProfile}</a>
          </p>
        )}
        <p>
          <a href={`/${locale}/balance/${account.id}/method`}>{b.changeMethod}</a>
        </p>
      </section>
    );
  }
  return (
    <section class="card" id="billing-method" aria-labelledby="billing-method-title">
      <h2 id="billing-method-title">{b.method}</h2>
      {state?.notice === "saved" ? <Notice kind="ok">{b.saved}</Notice> : null}
      {state?.notice === "unchanged" ? <Notice focus>{b.unchanged}</Notice> : null}
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <p>
        <MethodLine method={account.paymentMethod} requestedAt={account.requestedAt} />
      </p>
      <p class="hint">{b.methodIntro}</p>
      <form method="post" action={action} hx-post={action} hx-target="#billing-method" hx-swap="outerHTML" hx-push-url="false" novalidate>
        <CsrfField />
        <RadioGroup
          name="method"
          legend={b.method}
          value={method}
          error={errors.method}
          items={[
            { value: "transfer", label: b.chooseTransfer },
            { value: "direct_debit", label: b.chooseDirectDebit },
          ]}
        />
        <Field id="iban" name="iban" label={b.debitIban} value={values.iban} error={errors.iban} autocomplete="off" />
        <Field id="holder" name="holder" label={b.debitHolder} value={values.holder} error={errors.holder} autocomplete="name" maxlength={70} />
        <button type="submit">{b.save}</button>
      </form>
    </section>
  );
}

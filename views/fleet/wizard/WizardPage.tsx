import type { Catalog, Draft, Step, WizardErrors } from "../../../src/features/fleet/wizard-service.ts";
import { LANGUAGES, MAX_TEXT, OPERATORS, STEPS, TITLES } from "../../../src/features/fleet/wizard-service.ts";
import type { Messages } from "../../../src/i18n/en.ts";
import { fill, formatDate, formatMoney, type Locale } from "../../../src/lib/i18n.ts";
import { formatBelgianPhone, normalizeBelgianPhone } from "../../../src/lib/phone.ts";
import { CheckboxGroup, RadioGroup, Select } from "../../ui/choices.tsx";
import { useView } from "../../ui/context.ts";
import { CsrfField } from "../../ui/CsrfField.tsx";
import { Field, Notice } from "../../ui/Field.tsx";

export const WIZARD_ID = "fleet-wizard";

/** A step's form as it came back (values typed, errors by field). */
export type StepState = { values?: Record<string, string | string[]>; errors?: WizardErrors };

export const stepPath = (locale: string, step: Step) => `/${locale}/fleet/lines/new/${step}`;

/** "0463000007" → "0463 00 00 07". */
export function showNumber(msisdn: string | null | undefined): string {
  return msisdn ? formatBelgianPhone(`+32${msisdn.slice(1)}`) : "";
}
const showDay = (locale: Locale, day: string) => formatDate(locale, Date.parse(`${day}T12:00:00Z`));

/** The words of a finished step, for the side panel and the review. */
function summaryOf(t: Messages, locale: Locale, catalog: Catalog, draft: Draft, step: Exclude<Step, "review">): string {
  const w = t.fleetWizard;
  switch (step) {
    case "sim":
      return draft.iccid ?? "";
    case "split":
      return draft.splitBill === "yes" ? (draft.splitProfile ?? w.yes) : w.no;
    case "user":
      return [draft.firstName, draft.lastName].filter(Boolean).join(" ") || w.yes;
    case "plan":
      return catalog.plans.find((p) => p.id === draft.planId)?.name ?? "";
    case "options":
      return (
        catalog.options
          .filter((o) => draft.optionIds?.includes(o.id))
          .map((o) => o.name)
          .join(", ") || w.none
      );
    case "billing":
      return catalog.billing.find((b) => b.id === draft.billingAccountId)?.number ?? "";
    case "number":
      return draft.numberChoice === "existing"
        ? fill(w.portingFrom, { number: showNumber(draft.portingNumber), operator: operatorName(t, draft.portingOperator), customer: draft.portingCustomerNumber ?? "" })
        : fill(w.newNumberHint, { number: showNumber(catalog.nextNumber) });
  }
  void locale;
}

const operatorName = (t: Messages, operator: string | undefined) => (operator === "other" ? t.fleetWizard.otherOperator : (operator ?? ""));

/** 003 "Vous avez suivi ces étapes": the steps done so far, each with what was chosen and a way back to it. */
function StepsSoFar({ catalog, draft, current }: { catalog: Catalog; draft: Draft; current: Step }) {
  const { t, locale } = useView();
  const w = t.fleetWizard;
  return (
    <nav class="card" aria-labelledby="wizard-steps-title">
      <h2 id="wizard-steps-title">{w.stepsSoFar}</h2>
      <ol>
        {STEPS.map((step) => {
          const done = draft.done.includes(step);
          const here = step === current;
          return (
            <li aria-current={here ? "step" : undefined}>
              {done && !here ? <a href={stepPath(locale, step)}>{w.steps[step]}</a> : here ? <strong>{w.steps[step]}</strong> : <span class="hint">{w.steps[step]}</span>}
              {done && step !== "review" ? (
                <>
                  <br />
                  <span class="hint">{fill(w.summary[step], { value: summaryOf(t, locale, catalog, draft, step) })}</span>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** One screen of the wizard: the steps so far on the side, the step's form with Back and Continue. */
export function WizardPage({ step, catalog, draft, state }: { step: Step; catalog: Catalog; draft: Draft; state?: StepState }) {
  const { t, locale } = useView();
  const w = t.fleetWizard;
  const index = STEPS.indexOf(step);
  const previous = index > 0 ? STEPS[index - 1]! : null;
  const errors = state?.errors ?? {};
  const message = (field: string) => (errors[field] ? w.errors[errors[field]!] : undefined);
  const action = stepPath(locale, step);
  return (
    <>
      <p>
        <a href={`/${locale}/fleet/lines`}>{w.toOverview}</a>
      </p>
      <h1>{w.title}</h1>
      <div class="grid" id={WIZARD_ID}>
        <StepsSoFar catalog={catalog} draft={draft} current={step} />
        <section class="card" aria-labelledby="wizard-step-title">
          <p class="hint">{fill(w.stepOf, { step: index + 1, steps: STEPS.length })}</p>
          <h2 id="wizard-step-title">{w.steps[step]}</h2>
          {Object.keys(errors).length > 0 ? <Notice kind="error">{w.errors.fixBelow}</Notice> : null}
          <form method="post" action={action} novalidate>
            <CsrfField />
            <StepFields step={step} catalog={catalog} draft={draft} state={state} message={message} />
            <p>
              {previous ? (
                <a class="button secondary" href={stepPath(locale, previous)}>
                  {w.back}
                </a>
              ) : null}{" "}
              <button type="submit">{step === "review" ? w.create : w.continue}</button>
            </p>
          </form>
        </section>
      </div>
    </>
  );
}

function StepFields({ step, catalog, draft, state, message }: { step: Step; catalog: Catalog; draft: Draft; state?: StepState; message: (field: string) => string | undefined }) {
  const { t, locale } = useView();
  const w = t.fleetWizard;
  const sent = state?.values;
  const value = (name: string, stored: string | undefined) => {
    const v = sent ? sent[name] : stored;
    return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
  };
  switch (step) {
    case "sim":
      return <Field id="wizard-iccid" name="iccid" label={w.iccid} hint={w.iccidHint} value={value("iccid", draft.iccid)} error={message("iccid")} inputmode="numeric" autocomplete="off" required />;
    case "split":
      return (
        <>
          <RadioGroup
            id="wizard-split"
            name="splitBill"
            legend={w.splitQuestion}
            value={value("splitBill", draft.splitBill)}
            error={message("splitBill")}
            items={[
              { value: "no", label: w.no },
              { value: "yes", label: w.yes },
            ]}
          />
          <Field
            id="wizard-split-profile"
            name="splitProfile"
            label={w.splitProfile}
            hint={w.splitProfileHint}
            value={value("splitProfile", draft.splitProfile)}
            error={message("splitProfile")}
            maxlength={MAX_TEXT}
          />
        </>
      );
    case "user":
      return (
        <>
          <Field
            id="wizard-description"
            name="description"
            label={w.description}
            hint={w.descriptionHint}
            value={value("description", draft.description)}
            error={message("description")}
            maxlength={MAX_TEXT}
            required
          />
          <div>
            <Select
              id="wizard-title"
              name="title"
              label={w.userTitle}
              value={value("title", draft.title)}
              error={message("title")}
              options={[{ value: "", label: w.chooseTitle }, ...TITLES.map((x) => ({ value: x, label: w.titles[x] }))]}
            />
          </div>
          <Field
            id="wizard-first-name"
            name="firstName"
            label={w.firstName}
            value={value("firstName", draft.firstName)}
            error={message("firstName")}
            autocomplete="off"
            maxlength={MAX_TEXT}
            required
          />
          <Field id="wizard-last-name" name="lastName" label={w.lastName} value={value("lastName", draft.lastName)} error={message("lastName")} autocomplete="off" maxlength={MAX_TEXT} required />
          <Field id="wizard-birth-date" name="birthDate" type="date" label={w.birthDate} hint={w.birthDateHint} value={value("birthDate", draft.birthDate)} error={message("birthDate")} />
          <Field id="wizard-email" name="email" type="email" label={w.email} value={value("email", draft.email)} error={message("email")} autocomplete="off" required />
          <Field id="wizard-phone" name="phone" type="tel" label={w.phone} hint={w.phoneHint} value={value("phone", draft.phone)} error={message("phone")} autocomplete="off" />
          <div>
            <Select
              id="wizard-language"
              name="language"
              label={w.language}
              value={value("language", draft.language)}
              error={message("language")}
              options={[{ value: "", label: w.chooseLanguage }, ...LANGUAGES.map((x) => ({ value: x, label: w.languages[x] }))]}
            />
          </div>
        </>
      );
    case "plan": {
      const chosen = value("plan", draft.planId === undefined ? undefined : String(draft.planId));
      const group = (kind: "mobile" | "data", legend: string, error?: string) => (
        <RadioGroup
          id={`wizard-plan-${kind}`}
          name="plan"
          legend={legend}
          value={chosen}
          error={error}
          stacked
          items={catalog.plans
            .filter((p) => p.kind === kind)
            .map((p) => ({ value: String(p.id), id: `wizard-plan-${p.code}`, label: `${p.name} – ${fill(t.fleet.perMonth, { amount: formatMoney(locale, p.monthlyCents) })}` }))}
        />
      );
      return (
        <>
          {group("mobile", w.mobilePlans, message("plan"))}
          {group("data", w.dataPlans)}
        </>
      );
    }
    case "options": {
      const plan = catalog.plans.find((p) => p.id === draft.planId);
      const picked = sent ? (Array.isArray(sent.options) ? sent.options : sent.options ? [sent.options] : []) : (draft.optionIds ?? []).map(String);
      return (
        <CheckboxGroup
          id="wizard-options"
          name="options"
          legend={fill(w.optionsLegend, { plan: plan?.name ?? "" })}
          hint={w.optionsHint}
          error={message("options")}
          items={catalog.options.map((o) => {
            const cents = plan ? o.prices.get(plan.id) : undefined;
            return {
              value: String(o.id),
              id: `wizard-option-${o.code}`,
              label: `${o.name} – ${cents === undefined ? t.fleet.notAllowed : fill(t.fleet.perMonth, { amount: formatMoney(locale, cents) })}`,
              checked: picked.includes(String(o.id)),
              disabled: cents === undefined,
            };
          })}
        />
      );
    }
    case "billing":
      return (
        <div>
          <Select
            id="wizard-billing"
            name="billingAccount"
            label={w.billingAccount}
            value={value("billingAccount", draft.billingAccountId === undefined ? (catalog.billing.length === 1 ? String(catalog.billing[0]!.id) : undefined) : String(draft.billingAccountId))}
            error={message("billingAccount")}
            options={[...(catalog.billing.length === 1 ? [] : [{ value: "", label: "—" }]), ...catalog.billing.map((b) => ({ value: String(b.id), label: b.label }))]}
          />
        </div>
      );
    case "number":
      return (
        <>
          <RadioGroup
            id="wizard-number"
            name="numberChoice"
            legend={w.steps.number}
            hint={fill(w.newNumberHint, { number: showNumber(catalog.nextNumber) })}
            value={value("numberChoice", draft.numberChoice)}
            error={message("numberChoice")}
            stacked
            items={[
              { value: "new", label: w.newNumber },
              { value: "existing", label: w.existingNumber },
            ]}
          />
          <Field
            id="wizard-porting-number"
            name="portingNumber"
            type="tel"
            label={w.portingNumber}
            hint={w.portingNumberHint}
            value={value("portingNumber", draft.portingNumber ? (normalizeBelgianPhone(draft.portingNumber) ? showNumber(draft.portingNumber) : draft.portingNumber) : "")}
            error={message("portingNumber")}
            autocomplete="off"
          />
          <div>
            <Select
              id="wizard-porting-operator"
              name="portingOperator"
              label={w.portingOperator}
              value={value("portingOperator", draft.portingOperator)}
              error={message("portingOperator")}
              options={[{ value: "", label: w.chooseOperator }, ...OPERATORS.map((o) => ({ value: o, label: o === "other" ? w.otherOperator : o }))]}
            />
          </div>
          <Field
            id="wizard-porting-customer"
            name="portingCustomerNumber"
            label={w.portingCustomerNumber}
            value={value("portingCustomerNumber", draft.portingCustomerNumber)}
            error={message("portingCustomerNumber")}
            autocomplete="off"
            maxlength={40}
          />
        </>
      );
    case "review":
      return (
        <>
          <p>{w.reviewIntro}</p>
          <dl class="facts">
            {STEPS.filter((s): s is Exclude<Step, "review"> => s !== "review").map((s) => (
              <>
                <dt>{w.steps[s]}</dt>
                <dd>
                  {s === "user" ? <UserSummary draft={draft} /> : summaryOf(t, locale, catalog, draft, s)} <a href={stepPath(locale, s)}>{w.change}</a>
                </dd>
              </>
            ))}
          </dl>
        </>
      );
  }
}

function UserSummary({ draft }: { draft: Draft }) {
  const { t, locale } = useView();
  const w = t.fleetWizard;
  const title = draft.title && (TITLES as readonly string[]).includes(draft.title) ? w.titles[draft.title as (typeof TITLES)[number]] : "";
  const language = draft.language && (LANGUAGES as readonly string[]).includes(draft.language) ? w.languages[draft.language as (typeof LANGUAGES)[number]] : "";
  const parts = [draft.description, [title, draft.firstName, draft.lastName].filter(Boolean).join(" "), draft.birthDate ? showDay(locale, draft.birthDate) : "", draft.email, draft.phone, language];
  return <>{parts.filter(Boolean).join(" · ")}</>;
}

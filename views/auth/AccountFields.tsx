import { fill } from "../../src/lib/i18n.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { Checkbox } from "../ui/choices.tsx";

/** The ids take a prefix where one page holds two such forms (the login page: code and itsme / eID). */
const idOf = (prefix: string, name: string) => (prefix ? `${prefix}-${name}` : name);

/** Contract number and customer number, as printed on the invoices (001 pp.5–6): a code login and a registration ask both. */
export function AccountNumberFields({ prefix = "", values, errors }: { prefix?: string; values: Record<string, string>; errors: FormErrors }) {
  const { t } = useView();
  return (
    <>
      <Field
        id={idOf(prefix, "contractNumber")}
        name="contractNumber"
        label={t.login.contractNumber}
        hint={fill(t.login.example, { value: "5422" })}
        value={values.contractNumber}
        error={errors.contractNumber}
        inputmode="numeric"
        autocomplete="off"
        required
      />
      <Field
        id={idOf(prefix, "customerNumber")}
        name="customerNumber"
        label={t.login.customerNumber}
        hint={fill(t.login.example, { value: "439561" })}
        value={values.customerNumber}
        error={errors.customerNumber}
        inputmode="numeric"
        autocomplete="off"
        required
      />
    </>
  );
}

/** "I accept the terms" with a link to them in a new window (the form's values stay where they are). */
export function TermsAcceptance({ prefix = "", values, errors }: { prefix?: string; values: Record<string, string>; errors: FormErrors }) {
  const { t, locale } = useView();
  return (
    <Checkbox
      id={idOf(prefix, "acceptTerms")}
      name="acceptTerms"
      label={t.login.acceptTerms}
      checked={values.acceptTerms === "on"}
      error={errors.acceptTerms ? t.login.mustAccept : undefined}
      after={
        <>
          {" ("}
          <a href={`/${locale}/terms`} hx-boost="false" target="_blank" rel="noopener">
            {t.login.terms}
          </a>
          {")"}
        </>
      }
    />
  );
}

import type { LinePicker as Picker } from "../../../src/features/fleet/managers-service.ts";
import { FLEET_ROLES } from "../../../src/db/schema/enums.ts";
import type { FormErrors } from "../../../src/lib/validation.ts";
import { RadioGroup, Select } from "../../ui/choices.tsx";
import { useView } from "../../ui/context.ts";
import { CsrfField } from "../../ui/CsrfField.tsx";
import { Field, Notice } from "../../ui/Field.tsx";
import { LinePicker } from "./LinePicker.tsx";

/** 003 "Créer un nouvel utilisateur": who, their language, the role, and for a MEMBER the lines delegated. */
export function ManagerForm({ values, errors = {}, picker }: { values: Record<string, string>; errors?: FormErrors; picker: Picker }) {
  const { t, locale } = useView();
  const m = t.fleetManagers;
  const req = (label: string) => `${label} *`;
  const action = `/${locale}/fleet/managers/new`;
  return (
    <>
      <p>
        <a href={`/${locale}/fleet/managers`}>{m.backToList}</a>
      </p>
      <h1>{m.newTitle}</h1>
      <p class="hint">{m.newIntro}</p>
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <form class="card" method="post" action={action} novalidate>
        <CsrfField />
        <p class="hint">{m.required}</p>
        <Field id="username" name="username" label={req(m.username)} hint={m.usernameHint} value={values.username} error={errors.username} autocomplete="off" maxlength={50} required />
        <Field id="firstName" name="firstName" label={req(m.firstName)} value={values.firstName} error={errors.firstName} autocomplete="off" maxlength={100} required />
        <Field id="lastName" name="lastName" label={req(m.lastName)} value={values.lastName} error={errors.lastName} autocomplete="off" maxlength={100} required />
        <Field id="email" name="email" type="email" label={req(m.email)} value={values.email} error={errors.email} autocomplete="off" maxlength={254} required />
        <div>
          <Select
            id="language"
            name="language"
            label={req(m.language)}
            value={values.language}
            error={errors.language}
            options={(["nl", "fr", "en"] as const).map((language) => ({ value: language, label: t.users.languages[language] }))}
          />
        </div>
        <RadioGroup name="role" legend={req(m.role)} value={values.role} error={errors.role} stacked items={FLEET_ROLES.map((role) => ({ value: role, label: m.roleHints[role] }))} />
        <LinePicker picker={picker} searchUrl={action} error={errors.lines} />
        <p>
          <button type="submit">{m.create}</button>
        </p>
      </form>
    </>
  );
}

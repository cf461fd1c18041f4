import type { FormErrors } from "../../src/lib/validation.ts";
import type { Identification } from "../../src/features/identification/service.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { PersonalFields } from "../users/UserForm.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";

export type IdentificationState = { values?: Record<string, string>; errors?: FormErrors; notice?: "saved" | "unchanged" };

export function identificationValues(me: Identification): Record<string, string> {
  return { firstName: me.firstName, lastName: me.lastName, email: me.email, language: me.language, gender: me.gender, securityQuestion: me.securityQuestion ?? "" };
}

/** 004 "Mijn identificatie": one's own details; the username is shown, never changed here. */
export function IdentificationPage({ me, state = {} }: { me: Identification | null; state?: IdentificationState }) {
  const { t, locale } = useView();
  const ti = t.users.identification;
  if (!me) {
    return (
      <>
        <h1>{ti.title}</h1>
        <Notice>{ti.codeLogin}</Notice>
      </>
    );
  }
  const values = state.values ?? identificationValues(me);
  const errors = state.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <h1>{ti.title}</h1>
      <p class="hint">{ti.intro}</p>
      {state.notice === "saved" ? <Notice kind="ok">{ti.saved}</Notice> : null}
      {state.notice === "unchanged" ? <Notice focus>{ti.unchanged}</Notice> : null}
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <form class="card" method="post" action={`/${locale}/identification`} novalidate>
        <CsrfField />
        <dl class="facts">
          <dt>{t.users.username}</dt>
          <dd>{me.username}</dd>
        </dl>
        <Field id="securityQuestion" name="securityQuestion" label={t.users.securityQuestion} value={values.securityQuestion} error={errors.securityQuestion} autocomplete="off" maxlength={200} />
        <Field
          id="securityAnswer"
          name="securityAnswer"
          label={t.users.securityAnswer}
          hint={me.hasAnswer ? ti.securityAnswerKeep : t.users.securityAnswerHint}
          error={errors.securityAnswer}
          autocomplete="off"
          maxlength={200}
        />
        <PersonalFields state={{ values, errors }} locked={false} own />
        <div>
          <button type="submit">{t.users.save}</button>
        </div>
      </form>
    </>
  );
}

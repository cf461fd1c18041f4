import type { Messages } from "../../src/i18n/en.ts";
import type { NewPasswordProblems } from "../../src/features/password/rules.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { Field } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";

/** Each broken rule as its own sentence, next to the field it is about. */
export function problemErrors(t: Messages, problems: NewPasswordProblems): FormErrors {
  const say = (list: NewPasswordProblems["newPassword"]) => (list.length ? list.map((problem) => t.password.rules[problem]).join(" ") : undefined);
  return { newPassword: say(problems.newPassword), confirm: say(problems.confirm) };
}

/** New password and its confirmation, with the rules as the hint. Passwords are never sent back. */
export function NewPasswordFields({ errors }: { errors: FormErrors }) {
  const { t } = useView();
  return (
    <>
      <Field
        id="newPassword"
        name="newPassword"
        type="password"
        label={t.password.change.newPassword}
        hint={t.password.rules.hint}
        error={errors.newPassword}
        autocomplete="new-password"
        maxlength={200}
        required
      />
      <Field id="confirm" name="confirm" type="password" label={t.password.change.confirm} error={errors.confirm} autocomplete="new-password" maxlength={200} required />
    </>
  );
}

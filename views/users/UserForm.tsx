import { fill } from "../../src/lib/i18n.ts";
import type { FormErrors } from "../../src/lib/validation.ts";
import { managementFlags, subProfiles, type Grantable, type RightFlag, type Rights } from "../../src/features/users/rules.ts";
import type { ManagedUser } from "../../src/features/users/service.ts";
import { Field, Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { Checkbox, RadioGroup, Select } from "../ui/choices.tsx";
import { PROFILES } from "../../src/db/schema/enums.ts";

type Values = Record<string, string>;
type FormState = { values: Values; errors?: FormErrors };

/** The form's values for a stored user, as the browser would send them back unchanged. */
export function valuesOf(user: Pick<ManagedUser, "firstName" | "lastName" | "email" | "language" | "gender"> & Partial<Rights>): Values {
  const values: Values = { firstName: user.firstName, lastName: user.lastName, email: user.email, language: user.language, gender: user.gender };
  if (user.profile) values.profile = user.profile;
  for (const flag of [...managementFlags, ...subProfiles]) if (user[flag]) values[flag] = "on";
  return values;
}

const req = (label: string) => `${label} *`;

/** Gender, first name, name, e-mail and language, in the order of 004 §2.2.3; `own` for one's own record. */
export function PersonalFields({ state, locked, own = false }: { state: FormState; locked: boolean; own?: boolean }) {
  const { t } = useView();
  const { values, errors = {} } = state;
  if (locked) {
    // Shown, and sent back unchanged: the server refuses any change to someone else's shared identity.
    return (
      <>
        <Notice>{t.users.otherAccounts}</Notice>
        <dl class="facts">
          <dt>{t.users.gender}</dt>
          <dd>{t.users.genders[values.gender as "m" | "f" | "x"] ?? values.gender}</dd>
          <dt>{t.users.firstName}</dt>
          <dd>{values.firstName}</dd>
          <dt>{t.users.lastName}</dt>
          <dd>{values.lastName}</dd>
          <dt>{t.users.email}</dt>
          <dd>{values.email}</dd>
          <dt>{t.users.language}</dt>
          <dd>{t.users.languages[values.language as "nl"] ?? values.language}</dd>
        </dl>
        {(["gender", "firstName", "lastName", "email", "language"] as const).map((name) => (
          <input type="hidden" name={name} value={values[name] ?? ""} />
        ))}
      </>
    );
  }
  return (
    <>
      <RadioGroup
        name="gender"
        legend={req(t.users.gender)}
        value={values.gender}
        error={errors.gender}
        items={(["m", "f", "x"] as const).map((gender) => ({ value: gender, label: t.users.genders[gender] }))}
      />
      <Field id="firstName" name="firstName" label={req(t.users.firstName)} value={values.firstName} error={errors.firstName} autocomplete={own ? "given-name" : "off"} maxlength={100} required />
      <Field id="lastName" name="lastName" label={req(t.users.lastName)} value={values.lastName} error={errors.lastName} autocomplete={own ? "family-name" : "off"} maxlength={100} required />
      <Field
        id="email"
        name="email"
        type="email"
        label={req(t.users.email)}
        hint={own ? undefined : t.users.emailHint}
        value={values.email}
        error={errors.email}
        autocomplete={own ? "email" : "off"}
        maxlength={254}
        required
      />
      <Select
        id="language"
        name="language"
        label={req(t.users.language)}
        value={values.language}
        error={errors.language}
        options={(["nl", "fr", "en"] as const).map((language) => ({ value: language, label: t.users.languages[language] }))}
      />
    </>
  );
}

/**
 * 004 §2.2.4 "Rechten voor gebruikersbeheer" and the profile of 002 §8. What the principal does not
 * hold is greyed out and shows the stored value; a greyed-out box is not sent, so it stays as it is.
 */
function RightsFields({ state, allowed, current, self }: { state: FormState; allowed: Grantable; current: Rights; self: boolean }) {
  const { t } = useView();
  const { values, errors = {} } = state;
  const checked = (flag: RightFlag) => (allowed.flags[flag] ? values[flag] === "on" : current[flag]);
  const profile = allowed.profiles.includes(values.profile as Rights["profile"]) ? values.profile : current.profile;
  return (
    <section class="card" aria-labelledby="rights-title">
      <h2 id="rights-title">{t.users.managementRights}</h2>
      <p class="hint">{self ? t.users.ownRights : t.users.onlyOwnRights}</p>
      {managementFlags.map((flag) => (
        <Checkbox id={`f-${flag}`} name={flag} label={t.users[flag]} checked={checked(flag)} disabled={!allowed.flags[flag]} />
      ))}
      <RadioGroup
        name="profile"
        legend={req(t.users.profile)}
        error={errors.profile}
        value={profile}
        stacked
        // An Access Owner is only offered to an owner (004 §2.1); the current profile always shows, greyed out if not offered.
        items={PROFILES.filter((option) => allowed.profiles.includes(option) || option === current.profile).map((option) => ({
          value: option,
          label: t.users.profiles[option],
          disabled: !allowed.profiles.includes(option),
        }))}
      />
      <fieldset>
        <legend>{t.users.subProfiles}</legend>
        {subProfiles.map((flag) => (
          <Checkbox id={`f-${flag}`} name={flag} label={t.users[flag]} checked={checked(flag)} disabled={!allowed.flags[flag]} />
        ))}
      </fieldset>
    </section>
  );
}

function FormButtons({ label }: { label: string }) {
  const { t, locale } = useView();
  return (
    <p>
      <button type="submit">{label}</button> <a href={`/${locale}/users`}>{t.users.cancel}</a>
    </p>
  );
}

/** 004 §2.2.3 "Gebruiker aanmaken": no password; the invitation lets the user choose one. */
export function CreateUserPage({ state, allowed, current }: { state: FormState; allowed: Grantable; current: Rights }) {
  const { t, locale } = useView();
  const { values, errors = {} } = state;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <h1>{t.users.newTitle}</h1>
      <p class="hint">{t.users.invitationHint}</p>
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <form method="post" action={`/${locale}/users/new`} novalidate>
        <CsrfField />
        <section class="card" aria-labelledby="basic-title">
          <h2 id="basic-title">{t.users.basicInfo}</h2>
          <p class="hint">{t.users.required}</p>
          <Field id="username" name="username" label={req(t.users.username)} hint={t.users.usernameHint} value={values.username} error={errors.username} autocomplete="off" maxlength={50} required />
          <Field id="securityQuestion" name="securityQuestion" label={t.users.securityQuestion} value={values.securityQuestion} error={errors.securityQuestion} autocomplete="off" maxlength={200} />
          <Field
            id="securityAnswer"
            name="securityAnswer"
            label={t.users.securityAnswer}
            hint={t.users.securityAnswerHint}
            value={values.securityAnswer}
            error={errors.securityAnswer}
            autocomplete="off"
            maxlength={200}
          />
          <PersonalFields state={state} locked={false} />
        </section>
        <RightsFields state={state} allowed={allowed} current={current} self={false} />
        <p class="hint">{t.users.noAppRightsYet}</p>
        <FormButtons label={t.users.finish} />
      </form>
    </>
  );
}

/** Bewerken: the same fields without the username, which never changes. */
export function EditUserPage({ user, state, allowed, self }: { user: ManagedUser; state: FormState; allowed: Grantable; self: boolean }) {
  const { t, locale } = useView();
  const errors = state.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <h1>{fill(t.users.editTitle, { username: user.username })}</h1>
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <form method="post" action={`/${locale}/users/${user.id}/edit`} novalidate>
        <CsrfField />
        <section class="card" aria-labelledby="basic-title">
          <h2 id="basic-title">{t.users.basicInfo}</h2>
          <dl class="facts">
            <dt>{t.users.username}</dt>
            <dd>{user.username}</dd>
            <dt>{t.users.status}</dt>
            <dd>{t.users.statuses[user.status]}</dd>
          </dl>
          <PersonalFields state={state} locked={user.otherAccounts > 0} />
        </section>
        <RightsFields state={state} allowed={allowed} current={user} self={self} />
        <FormButtons label={t.users.save} />
      </form>
    </>
  );
}

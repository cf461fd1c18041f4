import type { LinePicker as Picker, ManagerDetail } from "../../../src/features/fleet/managers-service.ts";
import { FLEET_ROLES } from "../../../src/db/schema/enums.ts";
import { fill } from "../../../src/lib/i18n.ts";
import { RadioGroup } from "../../ui/choices.tsx";
import { useView } from "../../ui/context.ts";
import { CsrfField } from "../../ui/CsrfField.tsx";
import { Notice } from "../../ui/Field.tsx";
import { LinePicker } from "./LinePicker.tsx";

export type ManagerMessage = { kind: "ok" | "error"; text: string; at?: "role" | "lines" | "invitation" };

/** One fleet manager: who, the role (MANAGER ↔ MEMBER), a MEMBER's delegated lines, the invitation while INVITED. */
export function ManagerPage({ manager, picker, message, self }: { manager: ManagerDetail; picker: Picker; message?: ManagerMessage; self: boolean }) {
  const { t, locale } = useView();
  const m = t.fleetManagers;
  const base = `/${locale}/fleet/managers/${manager.id}`;
  const name = `${manager.firstName} ${manager.lastName}`;
  const language = t.users.languages[manager.language as "nl" | "fr" | "en"] ?? manager.language;
  return (
    <>
      <p>
        <a href={`/${locale}/fleet/managers`}>{m.backToList}</a>
      </p>
      <h1>{name}</h1>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <dl class="facts">
        <dt>{m.facts.username}</dt>
        <dd>{manager.username}</dd>
        <dt>{m.facts.email}</dt>
        <dd>{manager.email}</dd>
        <dt>{m.facts.language}</dt>
        <dd>{language}</dd>
        <dt>{m.facts.role}</dt>
        <dd id="manager-role">{t.fleet.roles[manager.role]}</dd>
        <dt>{m.facts.status}</dt>
        <dd id="manager-status">{t.users.statuses[manager.status]}</dd>
      </dl>
      <section class="card" aria-labelledby="manager-role-title">
        <h2 id="manager-role-title">{m.roleTitle}</h2>
        {self ? (
          <p>{m.ownRole}</p>
        ) : (
          <form method="post" action={`${base}/role`}>
            <CsrfField />
            <RadioGroup name="role" legend={m.role} value={manager.role} stacked items={FLEET_ROLES.map((role) => ({ value: role, label: m.roleHints[role] }))} />
            <p>
              <button type="submit">{m.changeRole}</button>
            </p>
          </form>
        )}
      </section>
      <section class="card" aria-labelledby="manager-lines-title">
        <h2 id="manager-lines-title">{m.delegationsTitle}</h2>
        {manager.role === "MEMBER" ? (
          <form method="post" action={`${base}/lines`}>
            <CsrfField />
            <p class="hint">{m.delegationsIntro}</p>
            <LinePicker picker={picker} searchUrl={base} error={message?.at === "lines" && message.kind === "error" ? message.text : undefined} />
            <p>
              <button type="submit">{m.saveLines}</button>
            </p>
          </form>
        ) : (
          <p>{m.managerSeesAll}</p>
        )}
      </section>
      {manager.status === "INVITED" ? (
        <section class="card" aria-labelledby="manager-invitation-title">
          <h2 id="manager-invitation-title">{m.invitationTitle}</h2>
          <p>{fill(m.invitationPending, { name })}</p>
          <form method="post" action={`${base}/resend`}>
            <CsrfField />
            <button type="submit">{m.resend}</button>
          </form>
        </section>
      ) : null}
    </>
  );
}

import { localName } from "../../src/lib/catalog.ts";
import type { AppRights, Lock, RightsTarget, UserRightsOverview } from "../../src/features/rights/service.ts";
import { fill } from "../../src/lib/i18n.ts";
import { Notice } from "../ui/Field.tsx";
import { accountLine, RightsForm, type FormNotice } from "./RightsForm.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { DataTable } from "../ui/DataTable.tsx";

const userLine = (target: RightsTarget) => `${target.firstName} ${target.lastName} (${target.username})`;

function LockNotice({ lock }: { lock: Lock }) {
  const { t } = useView();
  return lock ? <Notice>{t.rights.locked[lock]}</Notice> : null;
}

/** 004 §2.3: "Gebruiker", "Account", and per application: Heeft rechten · Kopieer al mijn rechten · Selecteren. */
export function UserRightsOverviewPage({ overview, notice }: { overview: UserRightsOverview; notice?: FormNotice }) {
  const { t, locale } = useView();
  const base = `/${locale}/users/${overview.target.userId}/rights`;
  return (
    <>
      <h1>{t.rights.manageTitle}</h1>
      <p>{t.rights.chooseApplication}</p>
      <section class="card">
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <dl class="facts">
          <dt>{fill(t.app.label, { label: t.rights.user })}</dt>
          <dd>{userLine(overview.target)}</dd>
          <dt>{fill(t.app.label, { label: t.rights.account })}</dt>
          <dd>{accountLine(overview.account)}</dd>
        </dl>
      </section>
      <LockNotice lock={overview.lock} />
      <DataTable columns={[t.rights.application, t.rights.hasRights, <span class="skip">{t.rights.copyAll}</span>, <span class="skip">{t.rights.select}</span>]}>
        {overview.apps.map((app) => (
          <tr>
            <td>{localName(app, locale)}</td>
            <td>{app.hasRights ? t.rights.hasRights : ""}</td>
            <td>
              {app.canCopy ? (
                <form class="inline" method="post" action={`${base}/${app.code}/copy`}>
                  <CsrfField />
                  <button type="submit" class="linkbutton">
                    {t.rights.copyAll}
                  </button>
                </form>
              ) : null}
            </td>
            <td>
              <a href={`${base}/${app.code}`}>{t.rights.select}</a>
            </td>
          </tr>
        ))}
      </DataTable>
      <p class="hint">{t.rights.copyHint}</p>
      <p class="hint">{t.rights.lessOrSame}</p>
      <p>
        <a href={`/${locale}/users`}>{t.rights.backToUsers}</a>
      </p>
    </>
  );
}

/** One application: Toegangen, Producten, Facturatieadressen, Contract rechten, borderel types (004 §2.3.1–2.3.6). */
export function UserAppRightsPage({ page, notice }: { page: AppRights; notice?: FormNotice }) {
  const { t, locale } = useView();
  const base = `/${locale}/users/${page.target.userId}/rights`;
  return (
    <>
      <h1>{t.rights.manageTitle}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{fill(t.app.label, { label: t.rights.user })}</dt>
          <dd>{userLine(page.target)}</dd>
          <dt>{fill(t.app.label, { label: t.rights.account })}</dt>
          <dd>{accountLine(page.account)}</dd>
          <dt>{fill(t.app.label, { label: t.rights.application })}</dt>
          <dd>{localName(page.app, locale)}</dd>
        </dl>
      </section>
      <LockNotice lock={page.lock} />
      {page.lock ? null : <p class="hint">{t.rights.greyedOut}</p>}
      <RightsForm action={`${base}/${page.app.code}`} cancelHref={base} catalog={page.catalog} current={page.current} held={page.held} readOnly={page.lock !== null} notice={notice} />
      <p>
        <a href={base}>{t.rights.backToApplications}</a>
      </p>
    </>
  );
}

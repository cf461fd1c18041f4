import type { Context } from "hono";
import { localName } from "../../src/lib/catalog.ts";
import type { AppRights, Lock, RightsTarget, UserRightsOverview } from "../../src/features/rights/service.ts";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import { Notice } from "../ui/Field.tsx";
import { accountLine, RightsForm, type FormNotice } from "./RightsForm.tsx";

const userLine = (target: RightsTarget) => `${target.firstName} ${target.lastName} (${target.username})`;

function LockNotice({ c, lock }: { c: Context<AppEnv>; lock: Lock }) {
  return lock ? <Notice>{c.var.t.rights.locked[lock]}</Notice> : null;
}

/** 004 §2.3: "Gebruiker", "Account", and per application: Heeft rechten · Kopieer al mijn rechten · Selecteren. */
export function UserRightsOverviewPage({ c, overview, notice }: { c: Context<AppEnv>; overview: UserRightsOverview; notice?: FormNotice }) {
  const { t, locale } = c.var;
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
      <LockNotice c={c} lock={overview.lock} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.rights.application}</th>
              <th scope="col">{t.rights.hasRights}</th>
              <th scope="col">
                <span class="skip">{t.rights.copyAll}</span>
              </th>
              <th scope="col">
                <span class="skip">{t.rights.select}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.apps.map((app) => (
              <tr>
                <td>{localName(app, locale)}</td>
                <td>{app.hasRights ? t.rights.hasRights : ""}</td>
                <td>
                  {app.canCopy ? (
                    <form class="inline" method="post" action={`${base}/${app.code}/copy`}>
                      <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
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
          </tbody>
        </table>
      </div>
      <p class="hint">{t.rights.copyHint}</p>
      <p class="hint">{t.rights.lessOrSame}</p>
      <p>
        <a href={`/${locale}/users`}>{t.rights.backToUsers}</a>
      </p>
    </>
  );
}

/** One application: Toegangen, Producten, Facturatieadressen, Contract rechten, borderel types (004 §2.3.1–2.3.6). */
export function UserAppRightsPage({ c, page, notice }: { c: Context<AppEnv>; page: AppRights; notice?: FormNotice }) {
  const { t, locale } = c.var;
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
      <LockNotice c={c} lock={page.lock} />
      {page.lock ? null : <p class="hint">{t.rights.greyedOut}</p>}
      <RightsForm c={c} action={`${base}/${page.app.code}`} cancelHref={base} catalog={page.catalog} current={page.current} held={page.held} readOnly={page.lock !== null} notice={notice} />
      <p>
        <a href={base}>{t.rights.backToApplications}</a>
      </p>
    </>
  );
}

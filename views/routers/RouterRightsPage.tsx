import { localName } from "../../src/lib/catalog.ts";
import type { RouterAppRights, RouterOverview, ThirdParty } from "../../src/features/routers/service.ts";
import { fill } from "../../src/lib/i18n.ts";
import { accountLine, RightsForm, type FormNotice } from "../rights/RightsForm.tsx";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";

const partyLine = (party: ThirdParty) => `${party.name}, ${party.street}, ${party.postcode} ${party.city}`;

function Heading({ party, account, app }: { party: ThirdParty; account: RouterOverview["account"]; app?: string }) {
  const { t } = useView();
  return (
    <section class="card">
      <dl class="facts">
        <dt>{fill(t.app.label, { label: t.rights.routers.thirdParty })}</dt>
        <dd>{partyLine(party)}</dd>
        <dt>{fill(t.app.label, { label: t.rights.account })}</dt>
        <dd>{accountLine(account)}</dd>
        {app ? (
          <>
            <dt>{fill(t.app.label, { label: t.rights.application })}</dt>
            <dd>{app}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** "Rechten" of one router: the account's applications, which of them the router has rights in. */
export function RouterOverviewPage({ overview }: { overview: RouterOverview }) {
  const { t, locale } = useView();
  const base = `/${locale}/routers/${overview.party.id}/rights`;
  return (
    <>
      <h1>{t.rights.manageTitle}</h1>
      <p>{t.rights.chooseApplication}</p>
      <Heading party={overview.party} account={overview.account} />
      <DataTable columns={[t.rights.application, t.rights.hasRights, <span class="skip">{t.rights.select}</span>]}>
        {overview.apps.map((app) => (
          <tr>
            <td>{localName(app, locale)}</td>
            <td>{app.hasRights ? t.rights.hasRights : ""}</td>
            <td>
              <a href={`${base}/${app.code}`}>{t.rights.select}</a>
            </td>
          </tr>
        ))}
      </DataTable>
      <p class="hint">{t.rights.routers.passedOn}</p>
      <p>
        <a href={`/${locale}/routers`}>{t.rights.routers.backToRouters}</a>
      </p>
    </>
  );
}

export function RouterAppRightsPage({ page, notice }: { page: RouterAppRights; notice?: FormNotice }) {
  const { t, locale } = useView();
  const base = `/${locale}/routers/${page.party.id}/rights`;
  return (
    <>
      <h1>{t.rights.manageTitle}</h1>
      <Heading party={page.party} account={page.account} app={localName(page.app, locale)} />
      <p class="hint">{t.rights.greyedOut}</p>
      <p class="hint">{t.rights.routers.passedOn}</p>
      <RightsForm action={`${base}/${page.app.code}`} cancelHref={base} catalog={page.catalog} current={page.current} held={page.held} readOnly={false} notice={notice} />
      <p>
        <a href={base}>{t.rights.backToApplications}</a>
      </p>
    </>
  );
}

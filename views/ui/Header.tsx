import { hasWaste, mayOpen } from "../../src/lib/applications.ts";
import { catalogs, fill, locales } from "../../src/lib/i18n.ts";
import { can } from "../../src/lib/principal.ts";
import { useView } from "./context.ts";
import { CsrfField } from "./CsrfField.tsx";

export function Nav() {
  const { c, t, locale, session, principal } = useView();
  const path = new URL(c.req.url).pathname;
  const named = session?.via === "password";
  const manages = Boolean(principal && (principal.flags.manageUsers || principal.flags.manageAdmins));
  // Only what the principal may open: the routes check it again, this only avoids dead links.
  const items = [
    { href: `/${locale}/home`, label: t.app.home, show: true },
    { href: `/${locale}/documents`, label: t.app.documents, show: Boolean(principal && can(principal, "documents", "view")) },
    { href: `/${locale}/calendar`, label: t.app.calendar, show: hasWaste(principal) },
    { href: `/${locale}/balance`, label: t.app.balance, show: Boolean(principal && can(principal, "billing", "view")) },
    { href: `/${locale}/services`, label: t.app.services, show: Boolean(principal && mayOpen(principal, "services")) },
    { href: `/${locale}/complaints`, label: t.app.complaints, show: Boolean(principal && can(principal, "complaints", "view")) },
    // Tickets are about mobile lines: offered as the tickets routes decide, with the fleet as well.
    { href: `/${locale}/tickets`, label: t.app.tickets, show: Boolean(principal && can(principal, "complaints", "view") && can(principal, "fleet", "view")) },
    { href: `/${locale}/fleet`, label: t.fleet.title, show: Boolean(principal && can(principal, "fleet", "view")) },
    { href: `/${locale}/profile`, label: t.app.profile, show: principal?.profile === "owner" || principal?.profile === "portal" },
    { href: `/${locale}/users`, label: t.app.myUsers, show: manages },
    { href: `/${locale}/routers`, label: t.app.routers, show: principal?.profile === "owner" && principal.userId !== null },
    { href: `/${locale}/history`, label: t.app.history, show: principal?.profile === "owner" },
  ].filter((item) => item.show);
  // On a phone the personal links join the menu (which scrolls sideways); on a wide screen they
  // sit with Log out on the first row (SessionTools), so the menu keeps to one row.
  const personal = named || session?.personId ? personalLinks(t, locale, !named).map((item) => ({ ...item, narrowOnly: true })) : [];
  return (
    <nav aria-label={t.app.nav}>
      <ul>
        {[...items, ...personal].map((item) => (
          <li class={"narrowOnly" in item ? "narrow-only" : undefined}>
            <a href={item.href} aria-current={path === item.href ? "page" : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A named user's own pages: their accounts, identification and password; a person (itsme / eID) has only their accounts. */
function personalLinks(t: ReturnType<typeof useView>["t"], locale: string, person = false) {
  const accounts = { href: `/${locale}/accounts`, label: t.app.myAccounts };
  if (person) return [accounts];
  return [accounts, { href: `/${locale}/identification`, label: t.app.myIdentification }, { href: `/${locale}/password/change`, label: t.app.changePassword }];
}

/** Who is logged in for which account, and the way out: on the header's first row, next to the languages. */
export function SessionTools() {
  const { c, t, locale, session } = useView();
  const path = new URL(c.req.url).pathname;
  return (
    <>
      <span class="account">{fill(t.app.labelValue, { label: t.app.customerNumber, value: session?.customerNumber ?? "" })}</span>
      {session?.via === "password" || session?.personId ? (
        <ul class="personal" aria-label={t.app.personal}>
          {personalLinks(t, locale, session.via !== "password").map((item) => (
            <li>
              <a href={item.href} aria-current={path === item.href ? "page" : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <form class="inline" method="post" action={`/${locale}/logout`}>
        <CsrfField />
        <button type="submit" class="linkbutton">
          {t.app.logout}
        </button>
      </form>
    </>
  );
}

/** Same page, other language. A full load, so <html lang> and every label change together. */
export function LanguageSwitch() {
  const { c, t, locale: current } = useView();
  const url = new URL(c.req.url);
  const rest = url.pathname.replace(/^\/(nl|fr|en)(?=\/|$)/, "");
  return (
    <ul class="langs" aria-label={t.app.language}>
      {locales.map((locale) => (
        <li>
          <a href={`/${locale}${rest}${url.search}`} hreflang={locale} lang={locale} hx-boost="false" aria-current={locale === current ? "true" : undefined}>
            {catalogs[locale].meta.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

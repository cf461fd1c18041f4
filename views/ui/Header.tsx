import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";
import { hasWaste } from "../../src/lib/applications.ts";
import { can } from "../../src/lib/principal.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";

export function Nav({ c }: { c: Context<AppEnv> }) {
  const { t, locale, session } = c.var;
  const path = new URL(c.req.url).pathname;
  const principal = session?.principal;
  const named = session?.via === "password";
  const manages = Boolean(principal && (principal.flags.manageUsers || principal.flags.manageAdmins));
  // Only what the principal may open: the routes check it again, this only avoids dead links.
  const items = [
    { href: `/${locale}/home`, label: t.app.home, show: true },
    { href: `/${locale}/documents`, label: t.app.documents, show: Boolean(principal && can(principal, "documents", "view")) },
    { href: `/${locale}/calendar`, label: t.app.calendar, show: hasWaste(principal) },
    { href: `/${locale}/balance`, label: t.app.balance, show: Boolean(principal && can(principal, "billing", "view")) },
    { href: `/${locale}/profile`, label: t.app.profile, show: principal?.profile === "owner" || principal?.profile === "portal" },
    { href: `/${locale}/users`, label: t.app.myUsers, show: manages },
    { href: `/${locale}/routers`, label: t.app.routers, show: principal?.profile === "owner" && principal.userId !== null },
    { href: `/${locale}/history`, label: t.app.history, show: principal?.profile === "owner" },
    { href: `/${locale}/accounts`, label: t.app.myAccounts, show: named },
    { href: `/${locale}/identification`, label: t.app.myIdentification, show: named },
    { href: `/${locale}/password/change`, label: t.app.changePassword, show: named },
  ].filter((item) => item.show);
  return (
    <nav aria-label={t.app.nav}>
      <ul>
        {items.map((item) => (
          <li>
            <a href={item.href} aria-current={path === item.href ? "page" : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Who is logged in for which account, and the way out: on the header's first row, next to the languages. */
export function SessionTools({ c }: { c: Context<AppEnv> }) {
  const { t, locale, session } = c.var;
  return (
    <>
      <span class="account">{fill(t.app.labelValue, { label: t.app.customerNumber, value: session?.customerNumber ?? "" })}</span>
      <form class="inline" method="post" action={`/${locale}/logout`}>
        <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
        <button type="submit" class="linkbutton">
          {t.app.logout}
        </button>
      </form>
    </>
  );
}

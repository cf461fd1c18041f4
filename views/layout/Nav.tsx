import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";

export function Nav({ c }: { c: Context<AppEnv> }) {
  const { t, locale, session } = c.var;
  const path = new URL(c.req.url).pathname;
  const items = [
    { href: `/${locale}/home`, label: t.app.home },
    { href: `/${locale}/profile`, label: t.app.profile },
  ];
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
        <li>
          {t.app.customerNumber}: {session?.customerNumber}
        </li>
        <li>
          <form class="inline" method="post" action={`/${locale}/logout`}>
            <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
            <button type="submit" class="linkbutton">
              {t.app.logout}
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

import { fill } from "../../src/lib/i18n.ts";
import { useView } from "../ui/context.ts";
import { endText, windowText } from "./format.ts";

/**
 * Planned maintenance on every portal page (002 §5.4), from 24 hours before the start until the
 * end. The notices come from the request (c.var.maintenance: those whose banner shows now, set from
 * a cache by the middleware in src/features/maintenance/read-only.tsx): rendering never asks the database.
 */
export function MaintenanceBanner() {
  const { c, t, locale } = useView();
  const now = Date.now();
  const notices = c.var.maintenance ?? [];
  if (notices.length === 0) return null;
  const m = t.maintenance;
  return (
    <section class="notice maintenance" role="status" aria-label={m.banner.label}>
      {notices.map((n) => (
        <p data-maintenance={n.id}>
          <strong>{n.startsAt <= now ? fill(m.banner.running, { to: endText(locale, n, now) }) : windowText(locale, m, n)}</strong> {n.text[locale]}
          {n.readOnly ? ` ${m.banner.readOnly}` : null}
        </p>
      ))}
      <p>
        <a href={`/${locale}/maintenance`}>{m.banner.more}</a>
      </p>
    </section>
  );
}

import type { MaintenanceNotice } from "../../src/features/maintenance/service.ts";
import { fill } from "../../src/lib/i18n.ts";
import { useView } from "../ui/context.ts";
import { endText } from "./format.ts";

/** The answer to a change refused during a read-only maintenance window (503). */
export function ReadOnlyPage({ notice, now }: { notice: MaintenanceNotice; now: number }) {
  const { t, locale, session } = useView();
  const m = t.maintenance;
  const to = endText(locale, notice, now);
  return (
    <section class="card">
      <h1>{m.readOnly.title}</h1>
      <p class="notice error" role="alert" tabindex={-1} autofocus>
        {fill(m.readOnly.message, { to })}
      </p>
      <p>{notice.text[locale]}</p>
      <p>
        <a href={`/${locale}/${session ? "home" : "login"}`}>{m.readOnly.back}</a> · <a href={`/${locale}/maintenance`}>{m.banner.more}</a>
      </p>
    </section>
  );
}

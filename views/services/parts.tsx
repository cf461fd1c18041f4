import type { Child } from "hono/jsx";
import type { ServiceError, ServiceErrors } from "../../src/features/services/service.ts";
import type { Messages } from "../../src/i18n/en.ts";
import { hasWaste } from "../../src/lib/applications.ts";
import { fill, formatDate, type Locale } from "../../src/lib/i18n.ts";
import { can } from "../../src/lib/principal.ts";
import { useView } from "../ui/context.ts";
import { Notice } from "../ui/Field.tsx";

export type ServicesTab = "contracts" | "purchases" | "order" | "closures";

/** Where each tab lives. */
export const tabPath: Record<ServicesTab, string> = { contracts: "/services", purchases: "/services/purchases", order: "/services/order", closures: "/services/closures" };

/** A stored calendar day ("YYYY-MM-DD") as the user reads it (01/11/2026). */
export function showDay(locale: Locale, isoDay: string): string {
  return formatDate(locale, Date.parse(`${isoDay}T12:00:00Z`));
}

/** A service error in the user's language, its dates as the user reads them. */
export function errorText(t: Messages, locale: Locale, error: ServiceError | undefined): string | undefined {
  if (!error) return undefined;
  const values: Record<string, string | number> = { ...error.values };
  for (const key of ["from", "to"]) if (typeof values[key] === "string") values[key] = showDay(locale, values[key] as string);
  return fill(t.services.errors[error.key], values);
}

/** Every field's message, for the kit's fields. */
export function errorTexts(t: Messages, locale: Locale, errors: ServiceErrors | undefined): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const [field, error] of Object.entries(errors ?? {})) out[field] = errorText(t, locale, error);
  return out;
}

/** Manual p.13: the page "Services" and its 4 tabs; Order only with the right to order, Closing dates only for waste collection. */
export function ServicesFrame({ current, children }: { current: ServicesTab; children: Child }) {
  const { t, locale, principal } = useView();
  const s = t.services;
  const tabs: ServicesTab[] = ["contracts", "purchases"];
  if (principal && can(principal, "services", "order")) tabs.push("order");
  if (hasWaste(principal)) tabs.push("closures");
  return (
    <>
      <h1>{s.title}</h1>
      <p class="hint">{s.intro}</p>
      <nav aria-label={s.tabs}>
        <ul class="tabs">
          {tabs.map((tab) => (
            <li>
              <a href={`/${locale}${tabPath[tab]}`} aria-current={tab === current ? "page" : undefined}>
                {s.tab[tab]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  );
}

/** "Please correct the fields marked below" when a form came back with errors. */
export function FixBelow({ errors }: { errors?: Partial<Record<string, string>> }) {
  const { t } = useView();
  return errors && Object.keys(errors).length > 0 ? <Notice kind="error">{t.services.errors.fixBelow}</Notice> : null;
}

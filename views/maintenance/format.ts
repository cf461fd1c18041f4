import type { MaintenanceNotice } from "../../src/features/maintenance/service.ts";
import { fill, intlTag, type Locale, locales, TIME_ZONE } from "../../src/lib/i18n.ts";
import type { Messages } from "../../src/i18n/en.ts";

// Built once per locale: a formatter costs tens of µs to build.
function perLocale<T>(build: (tag: string) => T): Record<Locale, T> {
  return Object.fromEntries(locales.map((locale) => [locale, build(intlTag[locale])])) as Record<Locale, T>;
}

const longDays = perLocale((tag) => new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric" }));
const times = perLocale((tag) => new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));

/** "Tuesday 1 December 2026", "dinsdag 1 december 2026", "mardi 1 décembre 2026" (Brussels). */
export const longDay = (locale: Locale, ms: number) => longDays[locale].format(ms).replace(",", "");
/** "23:00" (Brussels). */
export const clock = (locale: Locale, ms: number) => times[locale].format(ms);

const DAY_MS = 24 * 3600 * 1000;

/** The window ends on its start's day or the next (a night slot): the hours alone say when it ends. */
export const shortWindow = (n: Pick<MaintenanceNotice, "startsAt" | "endsAt">) => n.endsAt - n.startsAt < DAY_MS;

/** "from 23:00 to 02:00" or, for a window over a day, with both dates. */
export function windowText(locale: Locale, m: Messages["maintenance"], n: MaintenanceNotice): string {
  if (shortWindow(n)) return fill(m.banner.planned, { date: longDay(locale, n.startsAt), from: clock(locale, n.startsAt), to: clock(locale, n.endsAt) });
  return fill(m.banner.plannedLong, { from: `${longDay(locale, n.startsAt)} ${clock(locale, n.startsAt)}`, to: `${longDay(locale, n.endsAt)} ${clock(locale, n.endsAt)}` });
}

/** When a running window ends: its hour within the next 24 hours ("until 02:00"), else with the date. */
export function endText(locale: Locale, n: Pick<MaintenanceNotice, "endsAt">, now = Date.now()): string {
  return n.endsAt - now < DAY_MS ? clock(locale, n.endsAt) : `${longDay(locale, n.endsAt)} ${clock(locale, n.endsAt)}`;
}

export function durationText(m: Messages["maintenance"], n: Pick<MaintenanceNotice, "startsAt" | "endsAt">): string {
  const minutes = Math.round((n.endsAt - n.startsAt) / 60_000);
  return fill(m.duration, { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, "0") });
}

import { fill, intlTag, type Locale, locales, plural } from "../../../src/lib/i18n.ts";
import { useView } from "../../ui/context.ts";

// Figures of the consumption pages in the user's language. Formatters are built once per locale.
const build = <T,>(make: (tag: string) => T) => Object.fromEntries(locales.map((l) => [l, make(intlTag[l])])) as Record<Locale, T>;
const decimals = build((tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }));
const whole = build((tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }));
const percents = build((tag) => new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 }));
const months = build((tag) => new Intl.DateTimeFormat(tag, { month: "long", year: "numeric", timeZone: "UTC" }));
const days = build((tag) => new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }));

type Units = { gb: string; mb: string; minutes: string; smsCount: { one: string; other: string } };

/** 1 GB = 1024 MB, as the plans count; below 1 GB in MB. */
export function formatData(locale: Locale, u: Units, mb: number): string {
  return mb >= 1024 ? fill(u.gb, { value: decimals[locale].format(mb / 1024) }) : fill(u.mb, { value: whole[locale].format(mb) });
}

/** Call time in minutes, a started minute counted. */
export function formatVoice(locale: Locale, u: Units, seconds: number): string {
  return fill(u.minutes, { value: whole[locale].format(Math.ceil(seconds / 60)) });
}

export function formatSms(locale: Locale, u: Units, count: number): string {
  return plural(locale, u.smsCount, count, { count: whole[locale].format(count) });
}

export function formatPercent(locale: Locale, ratio: number): string {
  return percents[locale].format(ratio);
}

/** "2026-11" → "November 2026" / "novembre 2026" / "november 2026". */
export function formatPeriod(locale: Locale, period: string): string {
  return months[locale].format(Date.parse(`${period}-01T12:00:00Z`));
}

/** "2026-11-30" → "30 November 2026". */
export function formatDay(locale: Locale, day: string): string {
  return days[locale].format(Date.parse(`${day}T12:00:00Z`));
}

/**
 * A bar of use against an allowance: a tiny inline SVG (no library, no script). Its text for a
 * screen reader is the share used; the figures are written next to it. Above 100 % it is full and
 * dark red; with no allowance (unlimited, or nothing included) there is no bar.
 */
export function Bar({ used, included }: { used: number; included: number | null }) {
  const { t, locale } = useView();
  if (included === null || included <= 0) return null;
  const ratio = used / included;
  const width = Math.max(0, Math.min(100, Math.round(ratio * 100)));
  return (
    <svg class="bar" width="100" height="10" viewBox="0 0 100 10" role="img" aria-label={fill(t.fleetUsage.usedPercent, { percent: formatPercent(locale, ratio) })}>
      <rect x="0" y="0" width="100" height="10" fill="#e6e6e6" stroke="#6b6b6b" stroke-width="1" />
      <rect x="0" y="0" width={String(width)} height="10" fill={ratio > 1 ? "#a4262c" : "#1f5e96"} />
    </svg>
  );
}

/** "12.3 GB of 40 GB" or "12.3 GB (unlimited)". */
export function usedOf(t: { usedOf: string; usedUnlimited: string }, used: string, included: string | null): string {
  return included === null ? fill(t.usedUnlimited, { used }) : fill(t.usedOf, { used, included });
}

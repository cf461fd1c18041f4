import ical from "ical-generator";
import type { Messages } from "../../i18n/en.ts";
import { fill, locales, type Locale } from "../../lib/i18n.ts";
import type { Env } from "../../lib/env.ts";
import { PdfWriter } from "../../lib/pdf.ts";
import { fractionName } from "./fractions.ts";
import type { ContractCalendar } from "./service.ts";

const intlTag: Record<Locale, string> = { nl: "nl-BE", fr: "fr-BE", en: "en-BE" };

/** Built once per locale (an Intl formatter costs tens of µs to build), used for every PDF. */
const calendarFormats = Object.fromEntries(
  locales.map((locale) => [
    locale,
    {
      month: new Intl.DateTimeFormat(intlTag[locale], { month: "long", year: "numeric", timeZone: "UTC" }),
      day: new Intl.DateTimeFormat(intlTag[locale], { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }),
    },
  ]),
) as Record<Locale, { month: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>;

/** A day's UID stays the same on every download, so a re-import updates instead of duplicating. */
function uid(calendar: ContractCalendar, date: string, fraction: string): string {
  const slug = fraction.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return `${calendar.contractNumber}-${date}-${slug}@loket`;
}

/** iCalendar: one all-day event per collection day, named after the fraction and the address. */
export function calendarIcs(calendar: ContractCalendar, t: Messages, now: Date): string {
  const cal = ical({
    name: fill(t.calendar.fileTitle, { contract: calendar.contractNumber }),
    timezone: "Europe/Brussels",
    prodId: { company: "Loket", product: "collection-calendar" },
  });
  for (const day of calendar.days) {
    cal.createEvent({ id: uid(calendar, day.date, day.fraction), start: day.date, allDay: true, summary: `${fractionName(t, day.fraction)} – ${calendar.address}`, stamp: now });
  }
  return cal.toString();
}

/** Dates are stored as Brussels calendar days; noon UTC keeps them on that day in any zone. */
const asDate = (date: string) => new Date(`${date}T12:00:00Z`);

/** "2026-11-02" → "november 2026" (nl), "novembre 2026" (fr), "November 2026" (en). */
export const calendarMonthHeading = (locale: Locale, date: string) => calendarFormats[locale].month.format(asDate(date));

/** "2026-11-02" → "maandag 2 november" (nl), "lundi 2 novembre" (fr), "Monday, 2 November" (en). */
export const calendarDayLabel = (locale: Locale, date: string) => calendarFormats[locale].day.format(asDate(date));

/** A printable calendar: the address, then the days grouped by month. */
export async function calendarPdf(env: Env, calendar: ContractCalendar, t: Messages, locale: Locale): Promise<Uint8Array> {
  const pdf = await PdfWriter.create(env, fill(t.calendar.fileTitle, { contract: calendar.contractNumber }));
  pdf.text(calendar.customerName, { bold: true });
  pdf.text(calendar.address);
  pdf.text(fill(t.calendar.contractLine, { contract: calendar.contractNumber, service: calendar.service }));
  pdf.gap(8);
  if (calendar.days.length === 0) pdf.text(t.calendar.noDays);
  let currentMonth = "";
  for (const entry of calendar.days) {
    const heading = calendarMonthHeading(locale, entry.date);
    if (heading !== currentMonth) {
      currentMonth = heading;
      pdf.gap(6);
      pdf.text(heading.charAt(0).toUpperCase() + heading.slice(1), { bold: true, size: 12 });
      pdf.rule();
    }
    pdf.row([
      { text: calendarDayLabel(locale, entry.date), x: 0 },
      { text: fractionName(t, entry.fraction), x: 220 },
    ]);
  }
  return pdf.bytes();
}

export function calendarFileName(calendar: ContractCalendar, t: Messages, extension: "ics" | "pdf"): string {
  return `${fill(t.calendar.fileName, { contract: calendar.contractNumber })}.${extension}`;
}

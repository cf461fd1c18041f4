import { describe, expect, it, vi } from "vitest";
import { calendarDayLabel, calendarMonthHeading } from "../../src/features/calendar/files.ts";
import { brusselsMidnight } from "../../src/lib/brussels-time.ts";
import { formatDate, formatDateTime, formatMoney } from "../../src/lib/i18n.ts";
import { brusselsDate } from "../../src/lib/workdays.ts";

// The formatters are built once per (locale, options) at module level; these pin what they print
// (as workerd's ICU prints it) so that caching them changes nothing a user sees.

// Around the DST changes of 2026 in Brussels: 29 March 01:00 UTC (+1 → +2), 25 October 01:00 UTC (+2 → +1).
const beforeSpring = Date.UTC(2026, 2, 29, 0, 59);
const afterSpring = Date.UTC(2026, 2, 29, 1, 0);
const beforeAutumn = Date.UTC(2026, 9, 25, 0, 59);
const afterAutumn = Date.UTC(2026, 9, 25, 1, 0);
const lateEvening = Date.UTC(2026, 9, 24, 22, 30); // already the 25th in Brussels
const newYear = Date.UTC(2026, 11, 31, 23, 5); // already 2027 in Brussels
const moments = [beforeSpring, afterSpring, beforeAutumn, afterAutumn, lateEvening, newYear];

const NBSP = "\u00a0";
const NNBSP = "\u202f";

describe("dates in nl, fr and en (Europe/Brussels)", () => {
  it("formats a date in each language", () => {
    const expected = ["29/03/2026", "29/03/2026", "25/10/2026", "25/10/2026", "25/10/2026", "01/01/2027"];
    for (const locale of ["nl", "fr", "en"] as const) {
      expect(moments.map((m) => formatDate(locale, m))).toEqual(expected);
      expect(formatDate(locale, new Date(newYear))).toBe("01/01/2027");
    }
  });

  it("formats a date and time in each language, across both DST changes", () => {
    const times = ["01:59", "03:00", "02:59", "02:00", "00:30", "00:05"];
    const days = ["29/03/2026", "29/03/2026", "25/10/2026", "25/10/2026", "25/10/2026", "01/01/2027"];
    expect(moments.map((m) => formatDateTime("nl", m))).toEqual(days.map((d, i) => `${d}, ${times[i]}`));
    expect(moments.map((m) => formatDateTime("fr", m))).toEqual(days.map((d, i) => `${d} ${times[i]}`));
    expect(moments.map((m) => formatDateTime("en", m))).toEqual(days.map((d, i) => `${d}, ${times[i]}`));
  });
});

describe("money in nl, fr and en", () => {
  it("formats cents as euros, negative and large amounts included", () => {
    const cents = [9161, 0, -1250, 123456789, 5];
    expect(cents.map((c) => formatMoney("nl", c))).toEqual([`€${NBSP}91,61`, `€${NBSP}0,00`, `€${NBSP}-12,50`, `€${NBSP}1.234.567,89`, `€${NBSP}0,05`]);
    expect(cents.map((c) => formatMoney("fr", c))).toEqual([`91,61${NBSP}€`, `0,00${NBSP}€`, `-12,50${NBSP}€`, `1${NNBSP}234${NNBSP}567,89${NBSP}€`, `0,05${NBSP}€`]);
    expect(cents.map((c) => formatMoney("en", c))).toEqual(["€91.61", "€0.00", "-€12.50", "€1,234,567.89", "€0.05"]);
  });

  it("gives the same answer when called again (nothing leaks between calls or locales)", () => {
    const first = ["nl", "fr", "en"].map((l) => formatMoney(l as "nl", 9161));
    const again = ["en", "fr", "nl"].map((l) => formatMoney(l as "nl", 9161)).reverse();
    expect(again).toEqual(first);
  });
});

describe("Brussels calendar days and midnights", () => {
  it("gives the Brussels date of a moment across DST and the year's end", () => {
    expect(moments.map((m) => brusselsDate(m))).toEqual(["2026-03-29", "2026-03-29", "2026-10-25", "2026-10-25", "2026-10-25", "2027-01-01"]);
    expect(brusselsDate(new Date(Date.UTC(2026, 5, 30, 21, 59)))).toBe("2026-06-30");
    expect(brusselsDate(new Date(Date.UTC(2026, 5, 30, 22, 0)))).toBe("2026-07-01");
  });

  it("finds midnight in Brussels in winter, in summer and on the days the clock changes", () => {
    expect(brusselsMidnight("2026-01-15")).toBe(Date.UTC(2026, 0, 14, 23));
    expect(brusselsMidnight("2026-03-29")).toBe(Date.UTC(2026, 2, 28, 23)); // still +1 at midnight
    expect(brusselsMidnight("2026-03-30")).toBe(Date.UTC(2026, 2, 29, 22));
    expect(brusselsMidnight("2026-07-01")).toBe(Date.UTC(2026, 5, 30, 22));
    expect(brusselsMidnight("2026-10-25")).toBe(Date.UTC(2026, 9, 24, 22)); // still +2 at midnight
    expect(brusselsMidnight("2026-10-26")).toBe(Date.UTC(2026, 9, 25, 23));
    expect(brusselsMidnight("2026-02-30")).toBeNull();
    expect(brusselsMidnight("26-1-1")).toBeNull();
  });
});

describe("the printable collection calendar's headings", () => {
  it("names the month and the day in each language", () => {
    expect(calendarMonthHeading("nl", "2026-11-02")).toBe("november 2026");
    expect(calendarMonthHeading("fr", "2026-11-02")).toBe("novembre 2026");
    expect(calendarMonthHeading("en", "2026-11-02")).toBe("November 2026");
    expect(calendarDayLabel("nl", "2026-11-02")).toBe("maandag 2 november");
    expect(calendarDayLabel("fr", "2026-11-02")).toBe("lundi 2 novembre");
    expect(calendarDayLabel("en", "2026-11-02")).toBe("Monday, 2 November");
    // Stored as Brussels calendar days: the day must not shift at a DST change.
    expect(calendarDayLabel("nl", "2026-03-29")).toBe("zondag 29 maart");
    expect(calendarDayLabel("en", "2026-10-25")).toBe("Sunday, 25 October");
  });
});

describe("no formatter is built per call (issue #7: 37–51 µs and memory growth each)", () => {
  it("formatting dates, money, Brussels days and calendar labels constructs no Intl object", () => {
    // Warm-up: whatever is built lazily, once, is built here.
    for (const locale of ["nl", "fr", "en"] as const) {
      formatDate(locale, newYear);
      formatDateTime(locale, newYear);
      formatMoney(locale, 9161);
      calendarMonthHeading(locale, "2026-12-01");
      calendarDayLabel(locale, "2026-12-01");
    }
    brusselsDate(newYear);
    brusselsMidnight("2026-10-25");
    const dates = vi.spyOn(Intl, "DateTimeFormat");
    const numbers = vi.spyOn(Intl, "NumberFormat");
    try {
      for (let i = 0; i < 50; i++) {
        for (const locale of ["nl", "fr", "en"] as const) {
          formatDate(locale, newYear + i * 86_400_000);
          formatDateTime(locale, newYear + i * 86_400_000);
          formatMoney(locale, 9161 + i);
          calendarMonthHeading(locale, "2026-12-01");
          calendarDayLabel(locale, "2026-12-01");
        }
        brusselsDate(newYear + i * 86_400_000);
        brusselsMidnight("2026-10-25");
      }
      expect(dates).not.toHaveBeenCalled();
      expect(numbers).not.toHaveBeenCalled();
    } finally {
      dates.mockRestore();
      numbers.mockRestore();
    }
  });
});

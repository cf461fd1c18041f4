// Belgian working days: Monday to Friday, except the ten legal public holidays. Dates are
// calendar days in Europe/Brussels, handled as "YYYY-MM-DD" strings to stay clear of time zones.

/** Easter Sunday of a year (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(Date.UTC(year, month - 1, day));
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;
const plusDays = (date: string, days: number) => isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY);

const cache = new Map<number, Set<string>>();

/** New Year, Easter Monday, Labour Day, Ascension, Whit Monday, National Day, Assumption, All Saints, Armistice, Christmas. */
export function belgianHolidays(year: number): Set<string> {
  let holidays = cache.get(year);
  if (!holidays) {
    const easter = easterSunday(year);
    holidays = new Set([
      `${year}-01-01`,
      plusDays(easter, 1),
      `${year}-05-01`,
      plusDays(easter, 39),
      plusDays(easter, 50),
      `${year}-07-21`,
      `${year}-08-15`,
      `${year}-11-01`,
      `${year}-11-11`,
      `${year}-12-25`,
    ]);
    cache.set(year, holidays);
  }
  return holidays;
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !belgianHolidays(Number(date.slice(0, 4))).has(date);
}

/** The date `count` working days after `date` (the start day itself not counted). */
export function addWorkingDays(date: string, count: number): string {
  let current = date;
  let left = count;
  while (left > 0) {
    current = plusDays(current, 1);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** "YYYY-MM-DD" in Brussels; built once (a formatter costs tens of µs to build). */
const brusselsDayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" });

/** A Date's calendar day in Brussels, as "YYYY-MM-DD". */
export function brusselsDate(value: Date | number): string {
  return brusselsDayFormat.format(value);
}

/**
 * "Mijn factuur online" (002): the first document date still shown, `months` before today in
 * Brussels (the 31st becomes the month's last day).
 */
export function retentionCutoff(months: number, now = Date.now()): string {
  const [y, m, d] = brusselsDate(now).split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** "2026-11-01" or "01/11/2026" (as a person types it) → "2026-11-01" when it is a real day; else null. */
export function parseDay(value: string | undefined): string | null {
  const text = (value ?? "").trim();
  const iso = text.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const be = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : be ? [be[3], be[2], be[1]] : [];
  if (!y || !m || !d) return null;
  const day = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day ? null : day;
}

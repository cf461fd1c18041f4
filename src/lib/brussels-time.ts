import { TIME_ZONE } from "./i18n.ts";

/** Brussels wall-clock time in parts; built once (a formatter costs tens of µs to build). */
const brusselsClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

export type WallClock = { y: number; mo: number; d: number; h: number; mi: number };

/** A moment as Brussels reads it on the wall clock (to the minute). */
export function brusselsWallClock(ms: number): WallClock {
  const parts = brusselsClock.formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: part("year"), mo: part("month"), d: part("day"), h: part("hour"), mi: part("minute") };
}

/** How far Brussels is ahead of UTC at a moment (one or two hours), in ms. */
function brusselsOffset(ms: number): number {
  const w = brusselsWallClock(ms);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) - Math.floor(ms / 60_000) * 60_000;
}

/**
 * A Brussels wall-clock time → the UTC instant. Across a DST change the offset is that of the
 * moment itself (two passes): a time that does not exist (02:30 on the last Sunday of March) lands
 * an hour later, an ambiguous one (02:30 on the last Sunday of October) on the second.
 */
export function brusselsToUtc(w: WallClock): number {
  const wall = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi);
  return wall - brusselsOffset(wall - brusselsOffset(wall));
}

/** "2026-11-01" → the UTC instant of midnight in Brussels that day (UTC+1 in winter, UTC+2 in summer); null for anything else. */
export function brusselsMidnight(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [y, mo, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return brusselsToUtc({ y, mo, d, h: 0, mi: 0 });
}

/** Midnight in Brussels that starts a day known to be valid ("YYYY-MM-DD", from the code itself), in ms. */
export function brusselsDayStart(day: string): number {
  const at = brusselsMidnight(day);
  if (at === null) throw new Error(`not a day: ${day}`);
  return at;
}

import { type SQL, sql } from "drizzle-orm";
import { callRecords } from "../../db/schema/index.ts";

/**
 * Numbers a call detail never shows. Belgian law of 13 June 2005 on electronic communications,
 * art. 110 §3: the detailed bill leaves out calls that are free for the caller, including calls
 * to the emergency services. So: the emergency numbers 100 (ambulance, fire), 101 (police), 112
 * (European emergency number), 1733 (out-of-hours doctor), the 116xxx harmonised numbers of
 * social value (116000 missing children, 116111 child helpline, 116117…), and the free 0800
 * numbers, however they were dialled (0800…, +32800…, 0032800…).
 *
 * The rule is a condition IN THE SQL, applied by the page, its count and both exports alike: a
 * page of 50 is 50 shown records, the count is what can be paged through, and a download holds
 * exactly what the page shows.
 */
export const EMERGENCY_NUMBERS = ["100", "101", "112", "1733"] as const;

/** The number in national form: "+32800…" and "0032800…" → "0800…"; spaces, dots and slashes dropped. */
function national(column: SQL): SQL {
  const bare = sql`replace(replace(replace(${column}, ' ', ''), '.', ''), '/', '')`;
  return sql`(CASE WHEN ${bare} LIKE '+32%' THEN '0' || substr(${bare}, 4) WHEN ${bare} LIKE '0032%' THEN '0' || substr(${bare}, 5) ELSE ${bare} END)`;
}

/** True for a call record that may be shown (not a free or emergency number). */
export function shownNumber(column: SQL = sql`${callRecords.number}`): SQL {
  const n = national(column);
  return sql`NOT (${n} IN ('100', '101', '112', '1733') OR ${n} GLOB '116[0-9][0-9][0-9]' OR ${n} GLOB '0800*')`;
}

/** The same rule in JavaScript (for data prepared outside the database, and the tests). */
export function isHiddenNumber(number: string): boolean {
  const bare = number.replace(/[\s./]/g, "");
  const n = bare.startsWith("+32") ? `0${bare.slice(3)}` : bare.startsWith("0032") ? `0${bare.slice(4)}` : bare;
  return (EMERGENCY_NUMBERS as readonly string[]).includes(n) || /^116\d{3}$/.test(n) || n.startsWith("0800");
}

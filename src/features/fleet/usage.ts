import type { Db } from "../../db/client.ts";
import type { Principal } from "../../lib/principal.ts";

/** A group pack's data use in a billing period (see packUsage). */
export type PackUsage = { usedMb: number; includedMb: number; extraCents: number; throughDay: string | null };

/** Fleet totals of a billing period over the lines the principal sees. */
export type PeriodTotals = {
  lines: number;
  dataMb: number;
  voiceSeconds: number;
  smsCount: number;
  outOfBundleCents: number;
  /** Sum of the plan allowances of the lines with a limited allowance. */
  includedDataMb: number;
  /** Lines whose plan has unlimited data (not in includedDataMb). */
  unlimitedDataLines: number;
  throughDay: string | null;
};

/** STUB (being filled in): data use of a pack's contract lines in a period. */
export async function packUsage(_db: Db, _customerId: number, _packId: number, _period: string): Promise<PackUsage> {
  return { usedMb: 0, includedMb: 0, extraCents: 0, throughDay: null };
}

/** STUB (being filled in). */
export async function periodTotals(_db: Db, _principal: Principal, _period: string): Promise<PeriodTotals> {
  return { lines: 0, dataMb: 0, voiceSeconds: 0, smsCount: 0, outOfBundleCents: 0, includedDataMb: 0, unlimitedDataLines: 0, throughDay: null };
}

/** STUB (being filled in): rolls the visible days up into usage_periods. */
export async function rollUpUsage(_db: Db, _now = Date.now()): Promise<void> {}

import type { Db } from "../../db/client.ts";
import type { Principal } from "../../lib/principal.ts";
import { fail, type Fail, type Result } from "../../lib/result.ts";

export type UsageAlertTarget = { packId: number } | { lineId: number };
export type UsageAlertSetting = { enabled: boolean; thresholdCents: number };
/** What a form posts: the amount in euros as typed ("25", "25,50"). thresholdCents is accepted too. */
export type UsageAlertInput = { enabled: boolean; thresholdCents: number };

/** STUB (being filled in): null = never set. */
export async function readUsageAlert(_db: Db, _principal: Principal, _target: UsageAlertTarget): Promise<UsageAlertSetting | null> {
  return null;
}

/** STUB (being filled in): not_found when the pack/line is out of scope; invalid when the amount is not 1–100000 euros. */
export async function saveUsageAlert(
  _db: Db,
  _principal: Principal,
  _target: UsageAlertTarget,
  _input: UsageAlertInput,
): Promise<Result<UsageAlertSetting, Fail<"not_found"> | Fail<"invalid", { field: "threshold" }>>> {
  return fail("not_found");
}

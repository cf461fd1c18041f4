// "Warn me when out-of-bundle use passes € X" (003 "Définir les notifications liées aux
// consommations hors abonnement"), for a group pack or for one line. The cron (usage-cron.ts)
// checks them; here they are read and saved, scoped to the principal and audited.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { groupPacks, mobileLines, usageAlerts } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import type { Principal } from "../../lib/principal.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";
import { linesInScope, managesFleet } from "./scope.ts";

export type UsageAlertTarget = { packId: number } | { lineId: number };
export type UsageAlertSetting = { enabled: boolean; thresholdCents: number };
/**
 * What to save: the threshold in cents, or the amount in euros as the user typed it ("25",
 * "25,50", "€ 25.5"). Switching off with an empty amount keeps the threshold saved before.
 */
export type UsageAlertInput = { enabled: boolean; thresholdCents: number } | { enabled: boolean; amount: string };

/** The amount a threshold may be: 1 to 100,000 euros. */
export const MIN_THRESHOLD_CENTS = 100;
export const MAX_THRESHOLD_CENTS = 10_000_000;
/** A new alert's threshold when a form needs one to show (003's example: € 25). */
export const DEFAULT_THRESHOLD_CENTS = 2500;

/**
 * An amount in euros as a person types it → cents, or null: digits with an optional comma or dot
 * and one or two decimals ("25", "25,5", "25.50"); a "€" before or after and spaces around are ignored. A thousands
 * separator is not accepted ("1.000" is refused rather than read as one euro).
 */
export function parseEuroAmount(text: string | undefined | null): number | null {
  const bare = (text ?? "").trim().replace(/^€\s*/, "").replace(/\s*€$/, "");
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(bare);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

/** Whether the threshold is one a user may set (1–100,000 euros, whole cents). */
export function validThreshold(cents: number): boolean {
  return Number.isInteger(cents) && cents >= MIN_THRESHOLD_CENTS && cents <= MAX_THRESHOLD_CENTS;
}

const isPack = (target: UsageAlertTarget): target is { packId: number } => "packId" in target;

/**
 * The target in scope (a line in linesInScope; a pack of the account, for a MANAGER only — a
 * MEMBER sets alerts on their delegated lines) and its alert, in one query; null = out of scope.
 */
async function targetAndAlert(db: Db, principal: Principal, target: UsageAlertTarget) {
  const alertColumns = { id: usageAlerts.id, enabled: usageAlerts.enabled, thresholdCents: usageAlerts.thresholdCents };
  if (isPack(target)) {
    if (!managesFleet(principal)) return null;
    const [row] = await db
      .select({ id: groupPacks.id, alert: alertColumns })
      .from(groupPacks)
      .leftJoin(usageAlerts, eq(usageAlerts.packId, groupPacks.id))
      .where(and(eq(groupPacks.id, target.packId), eq(groupPacks.customerId, principal.customerId)))
      .limit(1);
    return row ?? null;
  }
  const [row] = await db
    .select({ id: mobileLines.id, alert: alertColumns })
    .from(mobileLines)
    .leftJoin(usageAlerts, eq(usageAlerts.lineId, mobileLines.id))
    .where(and(eq(mobileLines.id, target.lineId), linesInScope(principal)))
    .limit(1);
  return row ?? null;
}

/** The alert set on a pack or line the principal may see; null = never set (or not in scope: check scope first for a 404). */
export async function readUsageAlert(db: Db, principal: Principal, target: UsageAlertTarget): Promise<UsageAlertSetting | null> {
  const row = await targetAndAlert(db, principal, target);
  if (!row?.alert) return null;
  return { enabled: row.alert.enabled, thresholdCents: row.alert.thresholdCents };
}

export type SaveUsageAlertFailure = Fail<"not_found"> | Fail<"invalid", { field: "threshold" }>;

/**
 * Switches a notification on or off and sets its amount. not_found: the pack or line is not in
 * the principal's scope; invalid (field "threshold"): the amount is not 1–100,000 euros. The
 * alert and its audit event (subject line:ID / pack:ID) in one batch; the cron mails the user who
 * saved it last.
 */
export async function saveUsageAlert(db: Db, principal: Principal, target: UsageAlertTarget, input: UsageAlertInput, now = Date.now()): Promise<Result<UsageAlertSetting, SaveUsageAlertFailure>> {
  const row = await targetAndAlert(db, principal, target);
  if (!row) return fail("not_found");
  let thresholdCents: number | null;
  if ("amount" in input) {
    const blank = input.amount.trim() === "";
    thresholdCents = blank && !input.enabled ? (row.alert?.thresholdCents ?? DEFAULT_THRESHOLD_CENTS) : parseEuroAmount(input.amount);
  } else thresholdCents = input.thresholdCents;
  if (thresholdCents === null || !validThreshold(thresholdCents)) return fail("invalid", { field: "threshold" as const });
  const after = { enabled: input.enabled, thresholdCents };
  const before = row.alert ? { enabled: row.alert.enabled, thresholdCents: row.alert.thresholdCents } : null;
  const pack = isPack(target);
  const values = {
    customerId: principal.customerId,
    packId: pack ? row.id : null,
    lineId: pack ? null : row.id,
    enabled: input.enabled,
    thresholdCents,
    updatedAt: new Date(now),
    updatedBy: principal.actor,
  };
  const set = { enabled: input.enabled, thresholdCents, updatedAt: new Date(now), updatedBy: principal.actor };
  const upsert = pack
    ? db.insert(usageAlerts).values(values).onConflictDoUpdate({ target: usageAlerts.packId, targetWhere: sql`pack_id IS NOT NULL`, set })
    : db.insert(usageAlerts).values(values).onConflictDoUpdate({ target: usageAlerts.lineId, targetWhere: sql`line_id IS NOT NULL`, set });
  await db.batch([
    upsert,
    auditInsert(
      db,
      {
        actor: principal.actor,
        customerId: principal.customerId,
        action: pack ? "pack.usage_alert" : "line.usage_alert",
        before,
        after,
        subject: pack ? `pack:${row.id}` : `line:${row.id}`,
      },
      now,
    ),
  ]);
  return ok(after);
}

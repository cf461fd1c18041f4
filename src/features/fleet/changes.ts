import { and, asc, eq, lte, sql } from "drizzle-orm";
import { type Db, isUniqueViolation } from "../../db/client.ts";
import type { LineChangeKind, LineStatus } from "../../db/schema/enums.ts";
import { customers, lineChanges, mobileLines } from "../../db/schema/index.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";

/**
 * The dated operator changes of a line's actions (003: activate, SIM swap, suspend/reactivate,
 * stop): asked for in the portal (actions-service.ts), pending until the operator carries them
 * out — the desk's "Fleet actions" queue, or the cron on their effective date — and then applied
 * to the line here, with the change marked done and an audit event about the line, in one batch.
 */
export const ACTION_KINDS = ["activate", "replace_sim", "suspend", "reactivate", "stop"] as const satisfies readonly LineChangeKind[];
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The statuses a line must have for each action (asked for and applied). */
export const ACTION_FROM: Record<ActionKind, readonly LineStatus[]> = {
  activate: ["PENDING"],
  replace_sim: ["PENDING", "ACTIVE", "SUSPENDED"],
  suspend: ["ACTIVE"],
  reactivate: ["SUSPENDED"],
  stop: ["PENDING", "ACTIVE", "SUSPENDED"],
};

export const isActionKind = (value: string): value is ActionKind => (ACTION_KINDS as readonly string[]).includes(value);

/** What a change sets on the line when it is carried out. */
function lineUpdate(kind: ActionKind, payload: { iccid?: string } | null, effectiveDate: string, now: number) {
  const at = new Date(now);
  switch (kind) {
    case "activate":
      return { status: "ACTIVE" as const, activationDate: effectiveDate, updatedAt: at };
    case "replace_sim":
      return { iccid: payload?.iccid ?? "", updatedAt: at };
    case "suspend":
      return { status: "SUSPENDED" as const, updatedAt: at };
    case "reactivate":
      return { status: "ACTIVE" as const, updatedAt: at };
    case "stop":
      return { status: "STOPPED" as const, stopDate: effectiveDate, updatedAt: at };
  }
}

export type PendingChange = {
  id: number;
  lineId: number;
  customerId: number;
  kind: ActionKind;
  payload: { iccid?: string } | null;
  effectiveDate: string;
  createdAt: Date;
  createdBy: string;
};

const changeColumns = {
  id: lineChanges.id,
  lineId: lineChanges.lineId,
  customerId: lineChanges.customerId,
  kind: lineChanges.kind,
  payload: lineChanges.payload,
  effectiveDate: lineChanges.effectiveDate,
  createdAt: lineChanges.createdAt,
  createdBy: lineChanges.createdBy,
};

const actionKindsSql = sql`(${sql.join(
  ACTION_KINDS.map((k) => sql`${k}`),
  sql`, `,
)})`;

/**
 * Carries out one pending change: the change flips pending → done first; the line is updated and
 * the audit event written only if that flip happened (so the desk and the cron, or two clicks,
 * apply it once). A line no longer in a status the change applies to keeps its status; the
 * change is still done (the operator closed it) and the event says so.
 */
export async function applyChange(db: Db, change: PendingChange, actor: string, now = Date.now()): Promise<Result<{ applied: boolean }, Fail<"conflict"> | Fail<"invalid", { reason: "iccidTaken" }>>> {
  const update = lineUpdate(change.kind, change.payload, change.effectiveDate, now);
  const from = ACTION_FROM[change.kind];
  const after = JSON.stringify({ changeId: change.id, kind: change.kind, effectiveDate: change.effectiveDate, ...(change.payload ?? {}) });
  try {
    const [flipped, updated] = await db.batch([
      db
        .update(lineChanges)
        .set({ status: "done", doneAt: new Date(now), doneBy: actor })
        .where(and(eq(lineChanges.id, change.id), eq(lineChanges.status, "pending")))
        .returning({ id: lineChanges.id }),
      db.run(sql`UPDATE mobile_lines SET ${sql.join(
        Object.entries(update).map(([key, value]) => sql`${sql.identifier(columnName(key))} = ${value instanceof Date ? value.getTime() : value}`),
        sql`, `,
      )}
        WHERE id = ${change.lineId} AND status IN (${sql.join(
          from.map((s) => sql`${s}`),
          sql`, `,
        )}) AND EXISTS (SELECT 1 FROM line_changes WHERE id = ${change.id} AND done_at = ${now} AND done_by = ${actor})`),
      db.run(sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject)
        SELECT ${now}, ${actor}, ${change.customerId}, 'fleet.change_done', NULL, json_set(${after}, '$.applied', json(CASE WHEN changes() = 1 THEN 'true' ELSE 'false' END)), ${`line:${change.lineId}`}
        WHERE EXISTS (SELECT 1 FROM line_changes WHERE id = ${change.id} AND done_at = ${now} AND done_by = ${actor})`),
    ]);
    if (flipped.length === 0) return fail("conflict");
    return ok({ applied: Number(updated.rowsAffected) === 1 });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("invalid", { reason: "iccidTaken" as const });
    throw error;
  }
}

const columnName = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The pending action changes due on `today` (Brussels, "YYYY-MM-DD") or before, oldest first. */
export function dueChanges(db: Db, today: string, limit = 500) {
  return db
    .select(changeColumns)
    .from(lineChanges)
    .where(and(eq(lineChanges.status, "pending"), lte(lineChanges.effectiveDate, today), sql`${lineChanges.kind} IN ${actionKindsSql}`))
    .orderBy(asc(lineChanges.effectiveDate), asc(lineChanges.id))
    .limit(limit) as unknown as Promise<PendingChange[]>;
}

/**
 * The cron (src/worker.ts): carries out every pending change whose date has come, as "system".
 * One change that cannot be applied (a new ICCID taken meanwhile) stays pending for the desk.
 */
export async function applyDueChanges(db: Db, today: string, now = Date.now()): Promise<{ applied: number; failed: number }> {
  let applied = 0;
  let failed = 0;
  for (const change of await dueChanges(db, today)) {
    const result = await applyChange(db, change, "system", now).catch(() => null);
    if (result?.ok) applied++;
    else failed++;
  }
  return { applied, failed };
}

// ——— the desk's "Fleet actions" queue ———

export type DeskChangeRow = PendingChange & { msisdn: string | null; iccid: string; customerNumber: string; customerName: string; lineStatus: LineStatus };

export const DESK_PAGE_SIZE = 25;

/** Pending action changes across every customer, oldest effective date first, by keyset "date~id". */
export async function pendingChangesForDesk(db: Db, after: string | null): Promise<{ rows: DeskChangeRow[]; next: string | null }> {
  const cursor = after?.match(/^(\d{4}-\d{2}-\d{2})~(\d{1,15})$/);
  const rows = (await db
    .select({ ...changeColumns, msisdn: mobileLines.msisdn, iccid: mobileLines.iccid, lineStatus: mobileLines.status, customerNumber: customers.customerNumber, customerName: customers.name })
    .from(lineChanges)
    .innerJoin(mobileLines, eq(mobileLines.id, lineChanges.lineId))
    .innerJoin(customers, eq(customers.id, lineChanges.customerId))
    .where(
      and(
        eq(lineChanges.status, "pending"),
        sql`${lineChanges.kind} IN ${actionKindsSql}`,
        cursor ? sql`(${lineChanges.effectiveDate}, ${lineChanges.id}) > (${cursor[1]}, ${Number(cursor[2])})` : undefined,
      ),
    )
    .orderBy(asc(lineChanges.effectiveDate), asc(lineChanges.id))
    .limit(DESK_PAGE_SIZE + 1)) as unknown as DeskChangeRow[];
  const more = rows.length > DESK_PAGE_SIZE;
  const page = rows.slice(0, DESK_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: more && last ? `${last.effectiveDate}~${last.id}` : null };
}

/** One pending action change, for the desk's "Complete". */
export async function pendingChange(db: Db, id: number): Promise<PendingChange | null> {
  const [row] = await db
    .select(changeColumns)
    .from(lineChanges)
    .where(and(eq(lineChanges.id, id), eq(lineChanges.status, "pending"), sql`${lineChanges.kind} IN ${actionKindsSql}`))
    .limit(1);
  return (row as PendingChange | undefined) ?? null;
}

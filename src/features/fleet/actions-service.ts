import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { LineStatus } from "../../db/schema/enums.ts";
import { lineChanges, mobileLines, tariffPlans } from "../../db/schema/index.ts";
import { can, type Principal } from "../../lib/principal.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";
import { brusselsDate, isWorkingDay, parseDay } from "../../lib/workdays.ts";
import { ACTION_FROM, ACTION_KINDS, type ActionKind } from "./changes.ts";
import { checkIccid } from "./iccid.ts";
import { linesInScope } from "./scope.ts";

/**
 * A line's actions (003: activate, replace the SIM, suspend/reactivate, stop the number): each
 * asked for on a confirmation page, stored as a pending dated change with its audit event (subject
 * line:ID) in one statement batch; the operator carries it out later (changes.ts).
 */

export type ActionLine = {
  id: number;
  customerId: number;
  msisdn: string | null;
  description: string;
  iccid: string;
  status: LineStatus;
  planName: string;
  portingNumber: string | null;
  activationDate: string | null;
  stopDate: string | null;
  /** The action change waiting for the operator, if any. */
  pending: { id: number; kind: ActionKind; effectiveDate: string } | null;
};

/** The line of the address if the principal may see it (else null: 404), with its pending action. */
export async function lineForAction(db: Db, principal: Principal, id: number): Promise<ActionLine | null> {
  const [rows, pending] = await db.batch([
    db
      .select({
        id: mobileLines.id,
        customerId: mobileLines.customerId,
        msisdn: mobileLines.msisdn,
        description: mobileLines.description,
        iccid: mobileLines.iccid,
        status: mobileLines.status,
        planName: tariffPlans.name,
        portingNumber: mobileLines.portingNumber,
        activationDate: mobileLines.activationDate,
        stopDate: mobileLines.stopDate,
      })
      .from(mobileLines)
      .innerJoin(tariffPlans, eq(tariffPlans.id, mobileLines.planId))
      .where(and(eq(mobileLines.id, id), linesInScope(principal)))
      .limit(1),
    db
      .select({ id: lineChanges.id, kind: lineChanges.kind, effectiveDate: lineChanges.effectiveDate })
      .from(lineChanges)
      .where(and(eq(lineChanges.lineId, id), eq(lineChanges.status, "pending"), eq(lineChanges.customerId, principal.customerId)))
      .orderBy(desc(lineChanges.id))
      .limit(5),
  ]);
  const line = rows[0];
  if (!line) return null;
  const action = pending.find((p) => (ACTION_KINDS as readonly string[]).includes(p.kind));
  return { ...line, pending: action ? { id: action.id, kind: action.kind as ActionKind, effectiveDate: action.effectiveDate } : null };
}

/** Whether the principal may change this line at all (the fleet's "manage" function; scope is the lookup's). */
export const mayChangeLines = (principal: Principal) => can(principal, "fleet", "manage");

/** Why an action cannot be asked for now (a 409 with its message), or null when it can. */
export function actionBlocked(line: ActionLine, kind: ActionKind): "stopped" | "pending" | "status" | null {
  if (line.status === "STOPPED") return "stopped";
  if (line.pending) return "pending";
  if (!ACTION_FROM[kind].includes(line.status)) return "status";
  return null;
}

export type ActionErrorKey = "date" | "pastDate" | "portingDay" | "iccidFormat" | "iccidCheckDigit" | "iccidTaken" | "iccidSame";
export type ActionInput = { date?: string; iccid?: string };
export type ActionRefused = Fail<"invalid", { errors: Partial<Record<"date" | "iccid", ActionErrorKey>> }> | Fail<"conflict", { reason: "stopped" | "pending" | "status" }>;

/** The effective date of an action: the chosen day for activate and stop, today for the others (the operator does them at once). */
function effectiveDateOf(line: ActionLine, kind: ActionKind, input: ActionInput, today: string): { date: string | null; error?: ActionErrorKey } {
  if (kind !== "activate" && kind !== "stop") return { date: today };
  const date = parseDay(input.date);
  if (!date) return { date: null, error: "date" };
  if (date < today) return { date: null, error: "pastDate" };
  // Porting a number from another operator happens on a working day only (never a weekend or a Belgian holiday).
  if (kind === "activate" && line.portingNumber && !isWorkingDay(date)) return { date: null, error: "portingDay" };
  return { date };
}

/**
 * Asks the operator for an action on a line. The insert itself checks that the line is still in a
 * status the action applies to and that no other action is pending on it, so eight identical
 * requests at once store one change and one audit event; the others are a conflict.
 */
export async function requestAction(
  db: Db,
  principal: Principal,
  line: ActionLine,
  kind: ActionKind,
  input: ActionInput,
  now = Date.now(),
): Promise<Result<{ changeId: number; effectiveDate: string }, ActionRefused>> {
  const blocked = actionBlocked(line, kind);
  if (blocked) return fail("conflict", { reason: blocked });
  const today = brusselsDate(now);
  const errors: Partial<Record<"date" | "iccid", ActionErrorKey>> = {};
  const { date, error } = effectiveDateOf(line, kind, input, today);
  if (error) errors.date = error;
  let payload: { iccid: string } | null = null;
  if (kind === "replace_sim") {
    const checked = checkIccid(input.iccid ?? "");
    if (!checked.ok) errors.iccid = checked.problem === "format" ? "iccidFormat" : "iccidCheckDigit";
    else if (checked.iccid === line.iccid) errors.iccid = "iccidSame";
    else payload = { iccid: checked.iccid };
  }
  if (payload) {
    const [taken] = await db.all<{ n: number }>(sql`SELECT 1 AS n FROM mobile_lines WHERE iccid = ${payload.iccid}
      UNION ALL SELECT 1 FROM line_changes WHERE status = 'pending' AND kind = 'replace_sim' AND json_extract(payload, '$.iccid') = ${payload.iccid} LIMIT 1`);
    if (taken) errors.iccid = "iccidTaken";
  }
  if (Object.keys(errors).length > 0 || !date) return fail("invalid", { errors });
  const payloadJson = payload ? JSON.stringify(payload) : null;
  const statuses = sql.join(
    ACTION_FROM[kind].map((s) => sql`${s}`),
    sql`, `,
  );
  const kinds = sql.join(
    ACTION_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  const after = JSON.stringify({ lineId: line.id, msisdn: line.msisdn, kind, effectiveDate: date, ...(payload ?? {}) });
  const before = JSON.stringify({ status: line.status, ...(payload ? { iccid: line.iccid } : {}) });
  const [inserted] = await db.batch([
    db.all<{ id: number }>(sql`INSERT INTO line_changes (line_id, customer_id, kind, payload, effective_date, status, created_at, created_by)
      SELECT l.id, l.customer_id, ${kind}, ${payloadJson}, ${date}, 'pending', ${now}, ${principal.actor} FROM mobile_lines l
      WHERE l.id = ${line.id} AND l.customer_id = ${principal.customerId} AND l.status IN (${statuses})
        AND NOT EXISTS (SELECT 1 FROM line_changes c WHERE c.line_id = l.id AND c.status = 'pending' AND c.kind IN (${kinds}))
      RETURNING id`),
    db.run(sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject)
      SELECT ${now}, ${principal.actor}, ${principal.customerId}, ${`fleet.${kind}_requested`}, ${before}, ${after}, ${`line:${line.id}`} WHERE changes() = 1`),
  ]);
  const row = inserted[0];
  if (!row) return fail("conflict", { reason: "pending" as const });
  return ok({ changeId: Number(row.id), effectiveDate: date });
}

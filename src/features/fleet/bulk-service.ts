import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { BulkKind, BulkLineResult, BulkStatus } from "../../db/schema/enums.ts";
import { bulkJobs, fleetOptions, planOptions, tariffPlans } from "../../db/schema/index.ts";
import { codePrincipal, type Principal, userPrincipal } from "../../lib/principal.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";
import { linesInScope, managesFleet } from "./scope.ts";

/**
 * Bulk plan and option changes over up to 10,000 selected lines (003 "Gérer vos plans tarifaires",
 * "Ajouter / Supprimer des options"): a review (one bulk_jobs row and one bulk_job_lines row per
 * line, old → new, built by INSERT … SELECT in one batch), then the change applied in chunks, each
 * chunk one batch: the lines, one audit event per line (subject line:ID) and the job lines marked.
 */
export const MAX_BULK_LINES = 10_000;
export const CHUNK_SIZE = 200;
export const REVIEW_PAGE_SIZE = 50;

export type PlanChoice = { id: number; name: string; kind: "mobile" | "data"; monthlyCents: number };
export type OptionChoice = { id: number; name: string };
export type BulkCatalog = { plans: PlanChoice[]; options: OptionChoice[]; allowed: { planId: number; optionId: number; monthlyCents: number }[] };

/** The contract's tariff plans (mobile, then data, in 003's order) and options: what the first step offers. */
export async function bulkCatalog(db: Db): Promise<BulkCatalog> {
  const [plans, options, allowed] = await db.batch([
    db.select({ id: tariffPlans.id, name: tariffPlans.name, kind: tariffPlans.kind, monthlyCents: tariffPlans.monthlyCents }).from(tariffPlans).orderBy(asc(tariffPlans.sortOrder)),
    db.select({ id: fleetOptions.id, name: fleetOptions.name }).from(fleetOptions).orderBy(asc(fleetOptions.sortOrder)),
    db.select().from(planOptions),
  ]);
  return { plans, options, allowed };
}

export type BulkRequest = { kind: "plan"; planId: number } | { kind: "options_add" | "options_remove"; optionIds: number[] };
/** What a job stores as its payload. */
type Payload = { planId: number } | { optionIds: number[] };

/** The line's products as the review and the audit show them: {"plan": name, "options": [names]}. */
const optionNames = (where: SQL) => sql`json((SELECT json_group_array(o.name ORDER BY o.sort_order) FROM fleet_options o WHERE ${where}))`;
const current = sql`o.id IN (SELECT option_id FROM line_options WHERE line_id = mobile_lines.id)`;
const allowedOnPlan = (plan: SQL) => sql`o.id IN (SELECT option_id FROM plan_options WHERE plan_id = ${plan})`;
const chosen = (json: string) => sql`o.id IN (SELECT value FROM json_each(${json}))`;
const planName = (plan: SQL) => sql`(SELECT name FROM tariff_plans WHERE id = ${plan})`;
const linePlan = sql`mobile_lines.plan_id`;

function stateOf(): SQL {
  return sql`json_object('plan', ${planName(linePlan)}, 'options', ${optionNames(current)})`;
}

/** The line after the change, computed from what it is now (the same expression at review and at apply). */
function afterOf(request: BulkRequest): SQL {
  if (request.kind === "plan") {
    const plan = sql`${request.planId}`;
    return sql`json_object('plan', ${planName(plan)}, 'options', ${optionNames(sql`${current} AND ${allowedOnPlan(plan)}`)},
      'removed', ${optionNames(sql`${current} AND NOT ${allowedOnPlan(plan)}`)})`;
  }
  const ids = JSON.stringify(request.optionIds);
  if (request.kind === "options_add") {
    return sql`json_object('plan', ${planName(linePlan)}, 'options', ${optionNames(sql`(${current} OR (${chosen(ids)} AND ${allowedOnPlan(linePlan)}))`)},
      'added', ${optionNames(sql`${chosen(ids)} AND ${allowedOnPlan(linePlan)} AND NOT ${current}`)},
      'refused', ${optionNames(sql`${chosen(ids)} AND NOT ${allowedOnPlan(linePlan)}`)})`;
  }
  return sql`json_object('plan', ${planName(linePlan)}, 'options', ${optionNames(sql`${current} AND NOT ${chosen(ids)}`)}, 'removed', ${optionNames(sql`${current} AND ${chosen(ids)}`)})`;
}

/** pending (will change), not_allowed (why in reason) or unchanged, per line. */
function resultOf(request: BulkRequest): { result: SQL; reason: SQL } {
  const stopped = sql`mobile_lines.status = 'STOPPED'`;
  if (request.kind === "plan") {
    return {
      result: sql`CASE WHEN ${stopped} THEN 'not_allowed' WHEN mobile_lines.plan_id = ${request.planId} THEN 'unchanged' ELSE 'pending' END`,
      reason: sql`CASE WHEN ${stopped} THEN 'stopped' END`,
    };
  }
  const ids = JSON.stringify(request.optionIds);
  const exists = (where: SQL) => sql`EXISTS (SELECT 1 FROM fleet_options o WHERE ${where})`;
  if (request.kind === "options_add") {
    const adds = exists(sql`${chosen(ids)} AND ${allowedOnPlan(linePlan)} AND NOT ${current}`);
    const refused = exists(sql`${chosen(ids)} AND NOT ${allowedOnPlan(linePlan)}`);
    return {
      result: sql`CASE WHEN ${stopped} THEN 'not_allowed' WHEN ${adds} THEN 'pending' WHEN ${refused} THEN 'not_allowed' ELSE 'unchanged' END`,
      reason: sql`CASE WHEN ${stopped} THEN 'stopped' WHEN ${adds} THEN NULL WHEN ${refused} THEN 'not_applicable' END`,
    };
  }
  return {
    result: sql`CASE WHEN ${stopped} THEN 'not_allowed' WHEN ${exists(sql`${current} AND ${chosen(ids)}`)} THEN 'pending' ELSE 'unchanged' END`,
    reason: sql`CASE WHEN ${stopped} THEN 'stopped' END`,
  };
}

const payloadOf = (request: BulkRequest): Payload => (request.kind === "plan" ? { planId: request.planId } : { optionIds: [...new Set(request.optionIds)].sort((a, b) => a - b) });
function requestOf(kind: BulkKind, payload: unknown): BulkRequest {
  const p = (payload ?? {}) as { planId?: number; optionIds?: number[] };
  return kind === "plan" ? { kind, planId: Number(p.planId) } : { kind, optionIds: (p.optionIds ?? []).map(Number) };
}

export type ReviewRefusal = Fail<"not_found"> | Fail<"forbidden">;

/**
 * Creates the review of a bulk change: the job and its lines in one batch. A selection with one
 * line outside the principal's scope is refused whole (not_found: nothing is stored). The form's
 * submission key makes a second submit of the same form find the first job.
 */
export async function createBulkReview(db: Db, principal: Principal, request: BulkRequest, lineIds: number[], key: string, now = Date.now()): Promise<Result<{ id: number }, ReviewRefusal>> {
  if (!managesFleet(principal)) return fail("forbidden");
  const ids = [...new Set(lineIds)];
  const idsJson = JSON.stringify(ids);
  const selected = sql`mobile_lines.id IN (SELECT value FROM json_each(${idsJson}))`;
  const scope = linesInScope(principal);
  const { result, reason } = resultOf(request);
  const payload = JSON.stringify(payloadOf(request));
  const [, , , found] = await db.batch([
    // Only when every id is a line in scope: otherwise no job, and the lines below find none.
    db.run(sql`INSERT INTO bulk_jobs (customer_id, kind, payload, status, total, applied, refused, created_by, created_at, submission_key)
      SELECT ${principal.customerId}, ${request.kind}, ${payload}, 'review', ${ids.length}, 0, 0, ${principal.actor}, ${now}, ${key}
      WHERE ${ids.length} > 0 AND (SELECT count(*) FROM mobile_lines WHERE ${selected} AND ${scope}) = ${ids.length}
      ON CONFLICT (submission_key) DO NOTHING`),
    db.run(sql`INSERT INTO bulk_job_lines (job_id, line_id, seq, before, after, result, reason)
      SELECT j.id, mobile_lines.id, row_number() OVER (ORDER BY mobile_lines.msisdn, mobile_lines.id), ${stateOf()}, ${afterOf(request)}, ${result}, ${reason}
      FROM bulk_jobs j, mobile_lines
      WHERE j.submission_key = ${key} AND j.customer_id = ${principal.customerId} AND j.status = 'review'
        AND NOT EXISTS (SELECT 1 FROM bulk_job_lines WHERE job_id = j.id) AND ${selected} AND ${scope}`),
    db.run(sql`UPDATE bulk_jobs SET refused = (SELECT count(*) FROM bulk_job_lines WHERE job_id = bulk_jobs.id AND result = 'not_allowed')
      WHERE submission_key = ${key} AND customer_id = ${principal.customerId} AND status = 'review'`),
    db
      .select({ id: bulkJobs.id })
      .from(bulkJobs)
      .where(and(eq(bulkJobs.submissionKey, key), eq(bulkJobs.customerId, principal.customerId))),
  ]);
  const job = found[0];
  return job ? ok({ id: job.id }) : fail("not_found");
}

export type BulkJobView = {
  id: number;
  kind: BulkKind;
  status: BulkStatus;
  total: number;
  applied: number;
  refused: number;
  createdAt: Date;
  submissionKey: string;
  planName: string | null;
  optionNames: string[];
};
export type LineState = { plan: string; options: string[]; removed?: string[]; added?: string[]; refused?: string[] };
export type BulkRow = { seq: number; lineId: number; msisdn: string | null; before: LineState; after: LineState; result: BulkLineResult; reason: string | null };
export type BulkPage = { job: BulkJobView; counts: Record<BulkLineResult, number>; rows: BulkRow[]; next: number | null; previous: number | null };
export type PageQuery = { onlyChanges: boolean; after: number | null; before: number | null };

const parse = (value: unknown): LineState => {
  const state = (typeof value === "string" ? JSON.parse(value) : value) as Partial<LineState> | null;
  return { plan: "", options: [], ...state } as LineState;
};

/** One page of a job (50 numbers, keyset on seq) with its counts: one round trip. Null: no such job of this account. */
export async function getBulkPage(db: Db, principal: Principal, id: number, query: PageQuery): Promise<BulkPage | null> {
  const onlyChanges = query.onlyChanges ? sql`AND b.result <> 'unchanged'` : sql``;
  const window = query.after !== null ? sql`AND b.seq > ${query.after}` : query.before !== null ? sql`AND b.seq < ${query.before}` : sql``;
  const order = query.before !== null && query.after === null ? sql`DESC` : sql`ASC`;
  const [jobs, counts, rows] = await db.batch([
    db.all<{
      id: number;
      kind: BulkKind;
      status: BulkStatus;
      total: number;
      applied: number;
      refused: number;
      created_at: number;
      submission_key: string;
      plan_name: string | null;
      option_names: string | null;
    }>(sql`SELECT j.id, j.kind, j.status, j.total, j.applied, j.refused, j.created_at, j.submission_key,
        (SELECT name FROM tariff_plans WHERE id = json_extract(j.payload, '$.planId')) AS plan_name,
        (SELECT json_group_array(o.name ORDER BY o.sort_order) FROM fleet_options o WHERE o.id IN (SELECT value FROM json_each(j.payload, '$.optionIds'))) AS option_names
      FROM bulk_jobs j WHERE j.id = ${id} AND j.customer_id = ${principal.customerId}`),
    db.all<{ result: BulkLineResult; n: number }>(
      sql`SELECT b.result, count(*) AS n FROM bulk_job_lines b JOIN bulk_jobs j ON j.id = b.job_id WHERE b.job_id = ${id} AND j.customer_id = ${principal.customerId} GROUP BY b.result`,
    ),
    db.all<{ seq: number; line_id: number; msisdn: string | null; before: string; after: string; result: BulkLineResult; reason: string | null }>(
      sql`SELECT b.seq, b.line_id, l.msisdn, b.before, b.after, b.result, b.reason
        FROM bulk_job_lines b JOIN bulk_jobs j ON j.id = b.job_id JOIN mobile_lines l ON l.id = b.line_id
        WHERE b.job_id = ${id} AND j.customer_id = ${principal.customerId} ${onlyChanges} ${window}
        ORDER BY b.seq ${order} LIMIT ${REVIEW_PAGE_SIZE + 1}`,
    ),
  ]);
  const row = jobs[0];
  if (!row) return null;
  const more = rows.length > REVIEW_PAGE_SIZE;
  const page = rows.slice(0, REVIEW_PAGE_SIZE);
  const backwards = query.before !== null && query.after === null;
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    job: {
      id: row.id,
      kind: row.kind,
      status: row.status,
      total: Number(row.total),
      applied: Number(row.applied),
      refused: Number(row.refused),
      createdAt: new Date(Number(row.created_at)),
      submissionKey: row.submission_key,
      planName: row.plan_name,
      optionNames: row.option_names ? (JSON.parse(row.option_names) as string[]) : [],
    },
    counts: { pending: 0, applied: 0, not_allowed: 0, unchanged: 0, ...Object.fromEntries(counts.map((c) => [c.result, Number(c.n)])) },
    rows: page.map((r) => ({ seq: Number(r.seq), lineId: Number(r.line_id), msisdn: r.msisdn, before: parse(r.before), after: parse(r.after), result: r.result, reason: r.reason })),
    next: last && (backwards || more) ? Number(last.seq) : null,
    previous: first && ((!backwards && query.after !== null) || (backwards && more)) ? Number(first.seq) : null,
  };
}

/**
 * Starts applying a reviewed job: only the first of any number of submits moves it from review to
 * running (a conditional UPDATE), and only with the job's own key. "started" for that one,
 * "already" for the others (they show the same job), not_found for another account's job.
 */
export async function startBulkApply(db: Db, principal: Principal, id: number, key: string): Promise<Result<"started" | "already", Fail<"not_found"> | Fail<"forbidden">>> {
  if (!managesFleet(principal)) return fail("forbidden");
  const [started, existing] = await db.batch([
    db
      .update(bulkJobs)
      .set({ status: "running" })
      .where(and(eq(bulkJobs.id, id), eq(bulkJobs.customerId, principal.customerId), eq(bulkJobs.submissionKey, key), eq(bulkJobs.status, "review")))
      .returning({ id: bulkJobs.id }),
    db
      .select({ id: bulkJobs.id })
      .from(bulkJobs)
      .where(and(eq(bulkJobs.id, id), eq(bulkJobs.customerId, principal.customerId))),
  ]);
  if (existing.length === 0) return fail("not_found");
  return ok(started.length > 0 ? "started" : "already");
}

/** Cancels a job still in review (nothing was changed yet). */
export async function cancelBulk(db: Db, principal: Principal, id: number): Promise<Result<boolean, Fail<"not_found"> | Fail<"forbidden">>> {
  if (!managesFleet(principal)) return fail("forbidden");
  const [cancelled, existing] = await db.batch([
    db
      .update(bulkJobs)
      .set({ status: "cancelled", finishedAt: new Date() })
      .where(and(eq(bulkJobs.id, id), eq(bulkJobs.customerId, principal.customerId), eq(bulkJobs.status, "review")))
      .returning({ id: bulkJobs.id }),
    db
      .select({ id: bulkJobs.id })
      .from(bulkJobs)
      .where(and(eq(bulkJobs.id, id), eq(bulkJobs.customerId, principal.customerId))),
  ]);
  if (existing.length === 0) return fail("not_found");
  return ok(cancelled.length > 0);
}

/** The same actions as a change on the line's own page (its history labels them); the after state names the job. */
export const AUDIT_ACTIONS: Record<BulkKind, string> = { plan: "line.plan", options_add: "line.options_added", options_remove: "line.options_removed" };

/**
 * Applies the next chunk (CHUNK_SIZE seqs from the first pending one) of a running job in ONE
 * batch: the lines' plan or options, one audit event per line (before → after, subject line:ID, by
 * whoever started the job, whichever request runs the chunk),
 * the job lines marked applied and the job's counts. Every statement selects "the pending lines
 * of the chunk's seq range" again inside the same transaction, so two requests that run the same chunk at
 * once apply it once: the second finds nothing pending. Returns the job's state after it.
 */
export async function applyBulkChunk(db: Db, principal: Principal, id: number, now = Date.now()): Promise<{ status: BulkStatus; applied: number; total: number } | null> {
  const [job] = await db
    .select({
      kind: bulkJobs.kind,
      payload: bulkJobs.payload,
      status: bulkJobs.status,
      applied: bulkJobs.applied,
      total: bulkJobs.total,
      first: sql<number | null>`(SELECT min(seq) FROM bulk_job_lines WHERE job_id = ${bulkJobs.id} AND result = 'pending')`,
    })
    .from(bulkJobs)
    .where(and(eq(bulkJobs.id, id), eq(bulkJobs.customerId, principal.customerId)));
  if (!job) return null;
  if (job.status !== "running") return { status: job.status, applied: job.applied, total: job.total };
  const request = requestOf(job.kind, job.payload);
  // The chunk's seq range (seqs are 1…N without gaps); its lines still pending when the batch runs.
  const from = Number(job.first ?? 1);
  const pendingInRange = sql`job_id = ${id} AND seq BETWEEN ${from} AND ${from + CHUNK_SIZE - 1} AND result = 'pending'`;
  const chunk = sql`(SELECT line_id FROM bulk_job_lines WHERE ${pendingInRange})`;
  const scope = linesInScope(principal);
  const changes: SQL[] = [];
  if (request.kind === "plan") {
    changes.push(
      sql`DELETE FROM line_options WHERE line_id IN ${chunk} AND option_id NOT IN (SELECT option_id FROM plan_options WHERE plan_id = ${request.planId})`,
      sql`UPDATE mobile_lines SET plan_id = ${request.planId}, updated_at = ${now} WHERE id IN ${chunk}`,
    );
  } else if (request.kind === "options_add") {
    const ids = JSON.stringify(request.optionIds);
    changes.push(
      sql`INSERT OR IGNORE INTO line_options (line_id, option_id, added_at)
        SELECT mobile_lines.id, po.option_id, ${now} FROM mobile_lines JOIN plan_options po ON po.plan_id = mobile_lines.plan_id
        WHERE mobile_lines.id IN ${chunk} AND po.option_id IN (SELECT value FROM json_each(${ids}))`,
      sql`UPDATE mobile_lines SET updated_at = ${now} WHERE id IN ${chunk}`,
    );
  } else {
    const ids = JSON.stringify(request.optionIds);
    changes.push(sql`DELETE FROM line_options WHERE line_id IN ${chunk} AND option_id IN (SELECT value FROM json_each(${ids}))`, sql`UPDATE mobile_lines SET updated_at = ${now} WHERE id IN ${chunk}`);
  }
  const [, , ...rest] = await db.batch([
    // A line stopped (read-only) or gone out of scope since the review is not changed: say why.
    db.run(sql`UPDATE bulk_job_lines SET result = 'not_allowed', reason = 'stopped'
      WHERE ${pendingInRange} AND line_id NOT IN (SELECT mobile_lines.id FROM mobile_lines WHERE mobile_lines.id IN ${chunk} AND ${scope} AND mobile_lines.status <> 'STOPPED')`),
    db.run(sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject)
      SELECT ${now}, (SELECT created_by FROM bulk_jobs WHERE id = ${id}), ${principal.customerId}, ${AUDIT_ACTIONS[request.kind]}, ${stateOf()}, json_set(${afterOf(request)}, '$.bulkJob', ${id}), 'line:' || mobile_lines.id
      FROM mobile_lines WHERE mobile_lines.id IN ${chunk}`),
    ...changes.map((change) => db.run(change)),
    db.run(sql`UPDATE bulk_job_lines SET result = 'applied' WHERE ${pendingInRange}`),
    db.run(sql`UPDATE bulk_jobs SET
        applied = (SELECT count(*) FROM bulk_job_lines WHERE job_id = ${id} AND result = 'applied'),
        refused = (SELECT count(*) FROM bulk_job_lines WHERE job_id = ${id} AND result = 'not_allowed'),
        status = CASE WHEN EXISTS (SELECT 1 FROM bulk_job_lines WHERE job_id = ${id} AND result = 'pending') THEN 'running' ELSE 'done' END,
        finished_at = CASE WHEN EXISTS (SELECT 1 FROM bulk_job_lines WHERE job_id = ${id} AND result = 'pending') THEN NULL ELSE ${now} END
      WHERE id = ${id} AND status = 'running'`),
    db.select({ status: bulkJobs.status, applied: bulkJobs.applied, total: bulkJobs.total }).from(bulkJobs).where(eq(bulkJobs.id, id)),
  ]);
  const state = rest.at(-1) as { status: BulkStatus; applied: number; total: number }[];
  return state[0] ?? null;
}

/**
 * Runs chunks of a running job until it is done or the time budget is spent. Why not
 * ctx.waitUntil: work after the response lives at most 30 s and is lost silently when the isolate
 * goes; here every chunk is committed on its own and claims its lines inside its batch, so the
 * apply request does what fits in its budget and each poll of the job page continues from what
 * the database says is still pending, whoever asks and however often the request ends early.
 */
export async function runBulkChunks(db: Db, principal: Principal, id: number, budgetMs: number): Promise<void> {
  const until = Date.now() + budgetMs;
  for (;;) {
    const state = await applyBulkChunk(db, principal, id);
    if (state?.status !== "running" || Date.now() >= until) return;
  }
}

/**
 * The cron's part: a job whose apply request ended and whose page nobody opens again is carried
 * on here, with the rights of who started it as they are now (a user who lost them no longer
 * changes lines: the remaining ones are refused by the chunk's scope check).
 */
export async function resumeRunningBulkJobs(db: Db, budgetMs: number): Promise<number> {
  const until = Date.now() + budgetMs;
  const jobs = await db
    .select({ id: bulkJobs.id, customerId: bulkJobs.customerId, createdBy: bulkJobs.createdBy, customerNumber: sql<string>`(SELECT customer_number FROM customers WHERE id = ${bulkJobs.customerId})` })
    .from(bulkJobs)
    .where(eq(bulkJobs.status, "running"))
    .orderBy(asc(bulkJobs.id))
    .limit(10);
  let resumed = 0;
  for (const job of jobs) {
    if (Date.now() >= until) break;
    const [kind, ref] = job.createdBy.split(":");
    const principal = kind === "code" ? await codePrincipal(db, job.customerId, job.customerNumber) : kind === "user" ? await userPrincipal(db, Number(ref), job.customerId) : null;
    if (!principal) {
      await db.run(sql`UPDATE bulk_jobs SET status = 'cancelled', finished_at = ${Date.now()} WHERE id = ${job.id} AND status = 'running'`);
      continue;
    }
    await runBulkChunks(db, principal, job.id, Math.max(0, until - Date.now()));
    resumed++;
  }
  return resumed;
}

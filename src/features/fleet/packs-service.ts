import { sql } from "drizzle-orm";
import { type Db, isUniqueViolation } from "../../db/client.ts";
import type { PackRequestKind, PackRequestStatus } from "../../db/schema/enums.ts";
import type { Principal } from "../../lib/principal.ts";
import { can } from "../../lib/principal.ts";
import { fail, type Fail, ok, type Result } from "../../lib/result.ts";
import { MOBILE_CONTRACT } from "./contract-service.ts";
import { nextPeriodStart } from "./periods.ts";
import { managesFleet } from "./scope.ts";

/**
 * Group data packs (003 "Pack de groupe"): a fleet manager orders, changes or stops a contract's
 * pack; each is a request effective at the next billing period start, pending until the
 * provider's desk confirms (or refuses) it and applied by the cron on its date. One pack asked for
 * or running per contract and one open request per pack: the partial unique indexes decide, so
 * parallel clicks make one request and the others a 409.
 */

export type PackFailure =
  | Fail<"not_found">
  | Fail<"forbidden">
  | Fail<"conflict", { reason: "open" | "orderOpen" | "notActive" | "notPending" }>
  | Fail<"invalid", { field: "offer"; reason: "offerInvalid" | "offerSame" }>;
export type PackRequestResult = Result<{ packId: number; contractId: number; effectiveDate: string }, PackFailure>;

const allowed = (principal: Principal) => managesFleet(principal) && can(principal, "fleet", "manage");

function audit(principal: Principal, action: string, subject: SQLish, after: SQLish, now: number) {
  return sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject)
    SELECT ${now}, ${principal.actor}, ${principal.customerId}, ${action}, NULL, ${after}, ${subject}`;
}
type SQLish = ReturnType<typeof sql> | string;

/** Orders a pack for one of the customer's mobile contracts: a pack "requested" and its order request, in one batch. */
export async function orderPack(db: Db, principal: Principal, contractId: number, offerId: number, now = Date.now()): Promise<PackRequestResult> {
  if (!allowed(principal)) return fail("forbidden");
  const customer = principal.customerId;
  const [contracts, offers, open] = await db.batch([
    db.all<{ id: number }>(sql`SELECT id FROM contracts WHERE id = ${contractId} AND customer_id = ${customer} AND ${MOBILE_CONTRACT}`),
    db.all<{ id: number; code: string }>(sql`SELECT id, code FROM pack_offers WHERE id = ${offerId}`),
    db.all<{ id: number }>(sql`SELECT id FROM group_packs WHERE contract_id = ${contractId} AND customer_id = ${customer} AND status IN ('requested', 'active')`),
  ]);
  if (!contracts[0]) return fail("not_found");
  const offer = offers[0];
  if (!offer) return fail("invalid", { field: "offer" as const, reason: "offerInvalid" as const });
  if (open[0]) return fail("conflict", { reason: "orderOpen" as const });
  const effectiveDate = nextPeriodStart(now);
  const packOf = sql`(SELECT id FROM group_packs WHERE contract_id = ${contractId} AND status = 'requested')`;
  try {
    const [inserted] = await db.batch([
      db.all<{ id: number }>(
        sql`INSERT INTO group_packs (customer_id, contract_id, offer_id, status, created_at, updated_at) VALUES (${customer}, ${contractId}, ${offerId}, 'requested', ${now}, ${now}) RETURNING id`,
      ),
      db.run(sql`INSERT INTO pack_requests (pack_id, customer_id, kind, offer_id, effective_date, status, created_at, created_by)
        VALUES (${packOf}, ${customer}, 'order', ${offerId}, ${effectiveDate}, 'pending', ${now}, ${principal.actor})`),
      db.run(audit(principal, "pack.order_requested", sql`'pack:' || ${packOf}`, JSON.stringify({ contractId, offer: offer.code, effectiveDate }), now)),
    ]);
    return ok({ packId: inserted[0]!.id, contractId, effectiveDate });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("conflict", { reason: "orderOpen" as const });
    throw error;
  }
}

type PackInScope = { id: number; contractId: number; offerId: number; status: string; offerCode: string; open: number };

async function packInScope(db: Db, principal: Principal, packId: number): Promise<PackInScope | null> {
  const [row] = await db.all<PackInScope>(
    sql`SELECT p.id, p.contract_id AS contractId, p.offer_id AS offerId, p.status, o.code AS offerCode,
      EXISTS (SELECT 1 FROM pack_requests r WHERE r.pack_id = p.id AND r.status IN ('pending', 'confirmed')) AS open
      FROM group_packs p JOIN pack_offers o ON o.id = p.offer_id WHERE p.id = ${packId} AND p.customer_id = ${principal.customerId}`,
  );
  return row ?? null;
}

/** A request on an active pack (modify to another offer, or stop), with its audit event, in one batch. */
async function requestOnPack(db: Db, principal: Principal, packId: number, kind: Exclude<PackRequestKind, "order">, offerId: number | null, now: number): Promise<PackRequestResult> {
  if (!allowed(principal)) return fail("forbidden");
  const pack = await packInScope(db, principal, packId);
  if (!pack) return fail("not_found");
  if (pack.status !== "active") return fail("conflict", { reason: "notActive" as const });
  let offerCode: string | null = null;
  if (kind === "modify") {
    const [offer] = await db.all<{ code: string }>(sql`SELECT code FROM pack_offers WHERE id = ${offerId}`);
    if (!offer) return fail("invalid", { field: "offer" as const, reason: "offerInvalid" as const });
    if (offerId === pack.offerId) return fail("invalid", { field: "offer" as const, reason: "offerSame" as const });
    offerCode = offer.code;
  }
  if (pack.open) return fail("conflict", { reason: "open" as const });
  const effectiveDate = nextPeriodStart(now);
  try {
    await db.batch([
      db.run(sql`INSERT INTO pack_requests (pack_id, customer_id, kind, offer_id, effective_date, status, created_at, created_by)
        VALUES (${packId}, ${principal.customerId}, ${kind}, ${offerId}, ${effectiveDate}, 'pending', ${now}, ${principal.actor})`),
      db.run(
        audit(
          principal,
          `pack.${kind}_requested`,
          `pack:${packId}`,
          JSON.stringify(
            kind === "modify" ? { contractId: pack.contractId, from: pack.offerCode, offer: offerCode, effectiveDate } : { contractId: pack.contractId, offer: pack.offerCode, effectiveDate },
          ),
          now,
        ),
      ),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) return fail("conflict", { reason: "open" as const });
    throw error;
  }
  return ok({ packId, contractId: pack.contractId, effectiveDate });
}

export const modifyPack = (db: Db, principal: Principal, packId: number, offerId: number, now = Date.now()) => requestOnPack(db, principal, packId, "modify", offerId, now);
export const stopPack = (db: Db, principal: Principal, packId: number, now = Date.now()) => requestOnPack(db, principal, packId, "stop", null, now);

/**
 * Cancels a pending request (a confirmed one is the provider's now). A cancelled order leaves a
 * pack that never started: it is closed as "stopped" without dates.
 */
export async function cancelPackRequest(db: Db, principal: Principal, requestId: number, now = Date.now()): Promise<Result<{ contractId: number }, PackFailure>> {
  if (!allowed(principal)) return fail("forbidden");
  const [row] = await db.all<{ id: number; packId: number; contractId: number; kind: PackRequestKind; status: PackRequestStatus }>(
    sql`SELECT r.id, r.pack_id AS packId, p.contract_id AS contractId, r.kind, r.status FROM pack_requests r JOIN group_packs p ON p.id = r.pack_id
      WHERE r.id = ${requestId} AND r.customer_id = ${principal.customerId}`,
  );
  if (!row) return fail("not_found");
  if (row.status !== "pending") return fail("conflict", { reason: "notPending" as const });
  const [flipped] = await db.batch([
    db.all<{ id: number }>(sql`UPDATE pack_requests SET status = 'cancelled', decided_at = ${now}, decided_by = ${principal.actor} WHERE id = ${requestId} AND status = 'pending' RETURNING id`),
    db.run(sql`UPDATE group_packs SET status = 'stopped', updated_at = ${now}
      WHERE id = ${row.packId} AND status = 'requested' AND EXISTS (SELECT 1 FROM pack_requests WHERE id = ${requestId} AND kind = 'order' AND status = 'cancelled' AND decided_at = ${now})`),
    db.run(sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject)
      SELECT ${now}, ${principal.actor}, ${principal.customerId}, 'pack.request_cancelled', NULL, json_object('requestId', ${requestId}, 'kind', ${row.kind}), ${`pack:${row.packId}`}
      WHERE EXISTS (SELECT 1 FROM pack_requests WHERE id = ${requestId} AND status = 'cancelled' AND decided_at = ${now} AND decided_by = ${principal.actor})`),
  ]);
  if (flipped.length === 0) return fail("conflict", { reason: "notPending" as const });
  return ok({ contractId: row.contractId });
}

// ——— the provider's side: the desk's queue and the cron ———

export type DeskPackRow = {
  id: number;
  packId: number;
  kind: PackRequestKind;
  offerName: string | null;
  currentOffer: string;
  effectiveDate: string;
  createdAt: number;
  contractNumber: string;
  customerNumber: string;
  customerName: string;
};

export const DESK_PACKS_PAGE_SIZE = 25;

/** Pending pack requests across every customer, oldest first, by keyset "createdAt.id". */
export async function pendingPackRequestsForDesk(db: Db, after: string | null): Promise<{ rows: DeskPackRow[]; next: string | null }> {
  const cursor = after?.match(/^(\d{1,15})\.(\d{1,15})$/);
  const rows = await db.all<DeskPackRow>(
    sql`SELECT r.id, r.pack_id AS packId, r.kind, o.name AS offerName, c.name AS currentOffer, r.effective_date AS effectiveDate, r.created_at AS createdAt,
        k.contract_number AS contractNumber, u.customer_number AS customerNumber, u.name AS customerName
      FROM pack_requests r
      JOIN group_packs p ON p.id = r.pack_id
      JOIN pack_offers c ON c.id = p.offer_id
      LEFT JOIN pack_offers o ON o.id = r.offer_id
      JOIN contracts k ON k.id = p.contract_id
      JOIN customers u ON u.id = r.customer_id
      WHERE r.status = 'pending' ${cursor ? sql`AND (r.created_at, r.id) > (${Number(cursor[1])}, ${Number(cursor[2])})` : sql``}
      ORDER BY r.created_at, r.id LIMIT ${DESK_PACKS_PAGE_SIZE + 1}`,
  );
  const more = rows.length > DESK_PACKS_PAGE_SIZE;
  const page = rows.slice(0, DESK_PACKS_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: more && last ? `${last.createdAt}.${last.id}` : null };
}

export type DecidedRequest = { id: number; kind: PackRequestKind; contractNumber: string; status: PackRequestStatus };

/** A request as the desk's notice names it. */
export async function packRequestForDesk(db: Db, id: number): Promise<DecidedRequest | null> {
  const [row] = await db.all<DecidedRequest>(
    sql`SELECT r.id, r.kind, k.contract_number AS contractNumber, r.status FROM pack_requests r JOIN group_packs p ON p.id = r.pack_id JOIN contracts k ON k.id = p.contract_id WHERE r.id = ${id}`,
  );
  return row ?? null;
}

/**
 * The desk confirms or refuses a pending request, with an optional note; audited with the
 * customer's id (their History shows it as customer service). A refused order closes its pack.
 * Only a pending request changes (a colleague's decision first → conflict).
 */
export async function decidePackRequest(
  db: Db,
  id: number,
  decision: "confirmed" | "refused",
  actor: string,
  note: string | null,
  now = Date.now(),
): Promise<Result<DecidedRequest, Fail<"not_found"> | Fail<"conflict">>> {
  const current = await packRequestForDesk(db, id);
  if (!current) return fail("not_found");
  if (current.status !== "pending") return fail("conflict");
  const done = sql`EXISTS (SELECT 1 FROM pack_requests WHERE id = ${id} AND status = ${decision} AND decided_at = ${now} AND decided_by = ${actor})`;
  const [flipped] = await db.batch([
    db.all<{ id: number }>(sql`UPDATE pack_requests SET status = ${decision}, note = ${note}, decided_at = ${now}, decided_by = ${actor} WHERE id = ${id} AND status = 'pending' RETURNING id`),
    db.run(sql`UPDATE group_packs SET status = 'refused', updated_at = ${now}
      WHERE id = (SELECT pack_id FROM pack_requests WHERE id = ${id} AND kind = 'order') AND status = 'requested' AND ${decision} = 'refused' AND ${done}`),
    db.run(sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject)
      SELECT ${now}, ${actor}, r.customer_id, ${decision === "confirmed" ? "pack.request_confirmed" : "pack.request_refused"}, NULL,
        json_object('requestId', r.id, 'kind', r.kind, 'effectiveDate', r.effective_date, 'note', r.note), 'pack:' || r.pack_id
      FROM pack_requests r WHERE r.id = ${id} AND ${done}`),
  ]);
  if (flipped.length === 0) return fail("conflict");
  return ok({ ...current, status: decision });
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The cron (src/worker.ts): applies the confirmed requests whose effective date has come — an order
 * makes the pack active from that day, a change sets the new offer, a stop ends the pack the day
 * before. Each request in one batch whose every statement is conditional on the request still being
 * "confirmed", the flip last: two runs at once apply it once. Also closes packs whose order was
 * refused (the desk does it at once; this catches any left behind).
 */
export async function applyDuePackRequests(db: Db, today: string, now = Date.now()): Promise<{ applied: number }> {
  const due = await db.all<{ id: number; packId: number; customerId: number; kind: PackRequestKind; offerId: number | null; effectiveDate: string }>(
    sql`SELECT id, pack_id AS packId, customer_id AS customerId, kind, offer_id AS offerId, effective_date AS effectiveDate FROM pack_requests
      WHERE status = 'confirmed' AND effective_date <= ${today} ORDER BY effective_date, id LIMIT 500`,
  );
  let applied = 0;
  for (const request of due) {
    const still = sql`EXISTS (SELECT 1 FROM pack_requests WHERE id = ${request.id} AND status = 'confirmed')`;
    const update =
      request.kind === "order"
        ? sql`UPDATE group_packs SET status = 'active', starts_on = ${request.effectiveDate}, offer_id = COALESCE(${request.offerId}, offer_id), updated_at = ${now} WHERE id = ${request.packId} AND status = 'requested' AND ${still}`
        : request.kind === "modify"
          ? sql`UPDATE group_packs SET offer_id = ${request.offerId}, updated_at = ${now} WHERE id = ${request.packId} AND status = 'active' AND ${still}`
          : sql`UPDATE group_packs SET status = 'stopped', ends_on = ${dayBefore(request.effectiveDate)}, updated_at = ${now} WHERE id = ${request.packId} AND status = 'active' AND ${still}`;
    const [, , flipped] = await db.batch([
      db.run(update),
      db.run(sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject)
        SELECT ${now}, 'system', ${request.customerId}, 'pack.request_applied', NULL,
          json_object('requestId', ${request.id}, 'kind', ${request.kind}, 'effectiveDate', ${request.effectiveDate}, 'applied', json(CASE WHEN changes() = 1 THEN 'true' ELSE 'false' END)), ${`pack:${request.packId}`}
        WHERE ${still}`),
      db.all<{ id: number }>(sql`UPDATE pack_requests SET status = 'applied' WHERE id = ${request.id} AND status = 'confirmed' RETURNING id`),
    ]);
    if (flipped.length > 0) applied++;
  }
  await db.run(sql`UPDATE group_packs SET status = 'refused', updated_at = ${now}
    WHERE status = 'requested' AND EXISTS (SELECT 1 FROM pack_requests r WHERE r.pack_id = group_packs.id AND r.kind = 'order' AND r.status = 'refused')`);
  return { applied };
}

import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { PackRequestKind, PackRequestStatus, PackStatus, PlanKind } from "../../db/schema/enums.ts";
import type { Principal } from "../../lib/principal.ts";
import { currentPeriod, nextPeriodStart } from "./periods.ts";
import { type PackUsage, packUsage } from "./usage.ts";

/**
 * The contract page (003 "Consulter le contrat / Plans tarifaires et options retenues"): the
 * customer's mobile contracts, the matrix of tariff plans × options with their monthly prices, the
 * group data packs on offer and the contract's own pack with its open request, its use this period
 * and its notification setting. Everything but the pack's use is read in one batch.
 */

export type ContractRow = { id: number; contractNumber: string };
export type PlanRow = { id: number; name: string; kind: PlanKind; monthlyCents: number };
export type OptionRow = { id: number; name: string };
export type OfferRow = { id: number; name: string; dataGb: number; monthlyCents: number; extraGbCents: number };
export type OpenRequest = { id: number; kind: PackRequestKind; offerId: number | null; effectiveDate: string; status: Extract<PackRequestStatus, "pending" | "confirmed"> };
export type PackRow = { id: number; offerId: number; status: Extract<PackStatus, "requested" | "active">; startsOn: string | null; request: OpenRequest | null };

export type ContractPage = {
  contracts: ContractRow[];
  contract: ContractRow | null;
  plans: PlanRow[];
  options: OptionRow[];
  /** "planId:optionId" → monthly cents; no entry = not allowed ("Sans objet"). */
  prices: Map<string, number>;
  offers: OfferRow[];
  pack: PackRow | null;
  usage: PackUsage | null;
  alert: { enabled: boolean; thresholdCents: number } | null;
  /** The contract's latest request when the provider refused it (its note is the reason). */
  refused: { kind: PackRequestKind; offerId: number | null; note: string | null } | null;
  period: string;
  /** When a request made now would take effect (the next billing period start). */
  nextStart: string;
};

/** A mobile contract of the customer: its service says so. */
export const MOBILE_CONTRACT = sql`service LIKE '%mobile%' AND status <> 'ended'`;

/**
 * The page's data. `contractId` null = the first mobile contract; a contract that is not one of
 * the customer's mobile contracts gives null (404). `packs` adds the pack's use (a second round trip).
 */
export async function getContractPage(db: Db, principal: Principal, contractId: number | null, packs: boolean, now = Date.now()): Promise<ContractPage | null> {
  const customer = principal.customerId;
  const chosen = sql`(SELECT id FROM contracts WHERE customer_id = ${customer} AND ${MOBILE_CONTRACT} AND (${contractId} IS NULL OR id = ${contractId}) ORDER BY id LIMIT 1)`;
  const [contracts, plans, options, prices, offers, packRows, alerts, latest] = await db.batch([
    db.all<ContractRow>(sql`SELECT id, contract_number AS contractNumber FROM contracts WHERE customer_id = ${customer} AND ${MOBILE_CONTRACT} ORDER BY id`),
    db.all<PlanRow>(sql`SELECT id, name, kind, monthly_cents AS monthlyCents FROM tariff_plans ORDER BY sort_order, id`),
    db.all<OptionRow>(sql`SELECT id, name FROM fleet_options ORDER BY sort_order, id`),
    db.all<{ planId: number; optionId: number; monthlyCents: number }>(sql`SELECT plan_id AS planId, option_id AS optionId, monthly_cents AS monthlyCents FROM plan_options`),
    db.all<OfferRow>(sql`SELECT id, name, data_gb AS dataGb, monthly_cents AS monthlyCents, extra_gb_cents AS extraGbCents FROM pack_offers ORDER BY sort_order, id`),
    db.all<{
      id: number;
      offerId: number;
      status: "requested" | "active";
      startsOn: string | null;
      requestId: number | null;
      kind: PackRequestKind | null;
      requestOffer: number | null;
      effectiveDate: string | null;
      requestStatus: "pending" | "confirmed" | null;
    }>(
      sql`SELECT p.id, p.offer_id AS offerId, p.status, p.starts_on AS startsOn, r.id AS requestId, r.kind, r.offer_id AS requestOffer, r.effective_date AS effectiveDate, r.status AS requestStatus
        FROM group_packs p LEFT JOIN pack_requests r ON r.pack_id = p.id AND r.status IN ('pending', 'confirmed')
        WHERE p.customer_id = ${customer} AND p.contract_id = ${chosen} AND p.status IN ('requested', 'active') LIMIT 1`,
    ),
    db.all<{ enabled: number; thresholdCents: number }>(
      sql`SELECT a.enabled, a.threshold_cents AS thresholdCents FROM usage_alerts a JOIN group_packs p ON p.id = a.pack_id
        WHERE a.customer_id = ${customer} AND p.contract_id = ${chosen} AND p.status IN ('requested', 'active') LIMIT 1`,
    ),
    db.all<{ kind: PackRequestKind; offerId: number | null; note: string | null; status: PackRequestStatus }>(
      sql`SELECT r.kind, r.offer_id AS offerId, r.note, r.status FROM group_packs p JOIN pack_requests r ON r.pack_id = p.id
        WHERE p.customer_id = ${customer} AND p.contract_id = ${chosen} ORDER BY r.id DESC LIMIT 1`,
    ),
  ]);
  const contract = contracts.find((k) => (contractId === null ? true : k.id === contractId)) ?? null;
  if (contractId !== null && !contract) return null;
  const row = packRows[0];
  const pack: PackRow | null = row
    ? {
        id: row.id,
        offerId: row.offerId,
        status: row.status,
        startsOn: row.startsOn,
        request:
          row.requestId !== null && row.kind && row.effectiveDate && row.requestStatus
            ? { id: row.requestId, kind: row.kind, offerId: row.requestOffer, effectiveDate: row.effectiveDate, status: row.requestStatus }
            : null,
      }
    : null;
  const period = currentPeriod(now);
  const usage = packs && pack?.status === "active" ? await packUsage(db, customer, pack.id, period) : null;
  const alert = alerts[0] ? { enabled: Boolean(alerts[0].enabled), thresholdCents: alerts[0].thresholdCents } : null;
  return {
    contracts,
    contract,
    plans,
    options,
    prices: new Map(prices.map((p) => [`${p.planId}:${p.optionId}`, p.monthlyCents])),
    offers,
    pack,
    usage,
    alert,
    refused: latest[0]?.status === "refused" ? { kind: latest[0].kind, offerId: latest[0].offerId, note: latest[0].note } : null,
    period,
    nextStart: nextPeriodStart(now),
  };
}

// The cron's part of the usage engine (issue #11, deliverables 3 and 5): out-of-bundle
// notifications, sent at most once per alert, billing period and threshold however often (and
// however many at once) the cron runs, and the retention purge of usage and call details.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { catalogs, fill, formatMoney, intlTag, isLocale, type Locale } from "../../lib/i18n.ts";
import { brusselsDayStart } from "../../lib/brussels-time.ts";
import { formatMsisdn } from "./msisdn.ts";
import { billingCutoff, callDetailCutoff, lastVisibleDay, type Period, periodEnd, periodOf } from "./periods.ts";
import { packExtraSql } from "./usage.ts";

type Candidate = {
  alertId: number;
  thresholdCents: number;
  amountCents: number;
  lineId: number | null;
  msisdn: string | null;
  packName: string | null;
  contractNumber: string | null;
  email: string;
  language: string | null;
  firstName: string | null;
  lastName: string | null;
};

/** "2026-11" → "November 2026" in the reader's language. */
const periodFormats = Object.fromEntries((Object.keys(intlTag) as Locale[]).map((l) => [l, new Intl.DateTimeFormat(intlTag[l], { month: "long", year: "numeric", timeZone: "UTC" })])) as Record<
  Locale,
  Intl.DateTimeFormat
>;
export function periodLabel(locale: Locale, period: Period): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return periodFormats[locale].format(Date.UTC(y, m - 1, 15));
}

/**
 * The alerts whose amount this period reached their threshold and that were not sent yet for
 * that (period, threshold): one query. A line's amount is its period's out-of-bundle total; a
 * pack's is the extra beyond the pack (packUsage's rule, in SQL) over its contract's lines, for
 * an active pack that started by the period's end. The recipient is the user who saved the alert
 * (updated_by "user:ID"), or the account's contact e-mail for a code login.
 */
function candidatesQuery(db: Db, period: Period) {
  const end = periodEnd(period);
  return db.all<Candidate>(sql`WITH amounts AS (
      SELECT a.id AS alert_id, up.out_of_bundle_cents AS amount
      FROM usage_alerts a JOIN usage_periods up ON up.line_id = a.line_id AND up.period = ${period} AND up.customer_id = a.customer_id
      WHERE a.enabled = 1 AND a.line_id IS NOT NULL
      UNION ALL
      SELECT a.id, ${sql.raw(packExtraSql("sum(up.data_mb)", "o.data_gb", "o.extra_gb_cents"))}
      FROM usage_alerts a
      JOIN group_packs g ON g.id = a.pack_id AND g.customer_id = a.customer_id AND g.status = 'active' AND (g.starts_on IS NULL OR g.starts_on <= ${end})
      JOIN pack_offers o ON o.id = g.offer_id
      JOIN mobile_lines l ON l.contract_id = g.contract_id AND l.customer_id = g.customer_id
      JOIN usage_periods up ON up.line_id = l.id AND up.period = ${period}
      WHERE a.enabled = 1 AND a.pack_id IS NOT NULL
      GROUP BY a.id
    )
    SELECT a.id AS alertId, a.threshold_cents AS thresholdCents, x.amount AS amountCents, a.line_id AS lineId, l.msisdn AS msisdn,
      o.name AS packName, k.contract_number AS contractNumber,
      coalesce(u.email, cd.email) AS email, coalesce(u.language, c.language) AS language, u.first_name AS firstName, u.last_name AS lastName
    FROM amounts x
    JOIN usage_alerts a ON a.id = x.alert_id
    JOIN customers c ON c.id = a.customer_id
    LEFT JOIN users u ON a.updated_by LIKE 'user:%' AND u.id = CAST(substr(a.updated_by, 6) AS INTEGER)
    LEFT JOIN contact_details cd ON a.updated_by NOT LIKE 'user:%' AND cd.customer_id = a.customer_id
    LEFT JOIN mobile_lines l ON l.id = a.line_id
    LEFT JOIN group_packs g ON g.id = a.pack_id
    LEFT JOIN pack_offers o ON o.id = g.offer_id
    LEFT JOIN contracts k ON k.id = g.contract_id
    WHERE x.amount >= a.threshold_cents
      AND coalesce(u.email, cd.email) IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM usage_alert_sends s WHERE s.alert_id = a.id AND s.period = ${period} AND s.threshold_cents = a.threshold_cents)`);
}

function message(candidate: Candidate, period: Period, origin: string) {
  // A German-speaking user reads the English message (the portal speaks nl, fr and en).
  const locale: Locale = isLocale(candidate.language) ? candidate.language : "en";
  const t = catalogs[locale].fleetUsageMail;
  const values = {
    name: candidate.firstName ? `${candidate.firstName} ${candidate.lastName ?? ""}`.trim() : t.customer,
    amount: formatMoney(locale, candidate.amountCents),
    threshold: formatMoney(locale, candidate.thresholdCents),
    period: periodLabel(locale, period),
  };
  if (candidate.lineId !== null) {
    const number = formatMsisdn(candidate.msisdn);
    const link = `${origin}/${locale}/fleet/lines/${candidate.lineId}/usage`;
    return { subject: fill(t.lineSubject, { ...values, number }), body: fill(t.lineBody, { ...values, number, link }) };
  }
  const pack = candidate.packName ?? "";
  const link = `${origin}/${locale}/fleet/usage`;
  return { subject: fill(t.packSubject, { ...values, pack }), body: fill(t.packBody, { ...values, pack, contract: candidate.contractNumber ?? "", link }) };
}

/**
 * The cron's notifications: for each enabled alert whose amount this billing period (the period
 * of the last visible day, so a period's last day is still checked) reached its threshold, one
 * e-mail. Each send is two statements in one batch: the usage_alert_sends row (its primary key:
 * alert × period × threshold) inserted or ignored, and the outbox message inserted only when that
 * row was added (`WHERE changes() = 1`) — so eight cron runs at once send one e-mail, a changed
 * threshold or a new period sends again. Returns how many messages were enqueued.
 */
export async function checkUsageAlerts(db: Db, now = Date.now(), origin = ""): Promise<number> {
  const period = periodOf(lastVisibleDay(now));
  const candidates = await candidatesQuery(db, period);
  if (candidates.length === 0) return 0;
  const base = origin.replace(/\/+$/, "");
  const statements = candidates.flatMap((candidate) => {
    const { subject, body } = message(candidate, period, base);
    const dedupeKey = `usage-alert:${candidate.alertId}:${period}:${candidate.thresholdCents}`;
    return [
      db.run(sql`INSERT INTO usage_alert_sends (alert_id, period, threshold_cents, amount_cents, sent_at)
        VALUES (${candidate.alertId}, ${period}, ${candidate.thresholdCents}, ${candidate.amountCents}, ${now}) ON CONFLICT DO NOTHING`),
      db.all<{ id: number }>(sql`INSERT INTO outbox_messages (created_at, channel, recipient, subject, body, status, attempts, dedupe_key)
        SELECT ${now}, 'email', ${candidate.email}, ${subject}, ${body}, 'pending', 0, ${dedupeKey} WHERE changes() = 1
        ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`),
    ];
  });
  const results = await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return results.filter((r, i) => i % 2 === 1 && Array.isArray(r) && r.length > 0).length;
}

export const PURGE_CHUNK = 5000;
/** A cron run deletes at most this many chunks per table; the next run carries on. */
export const PURGE_MAX_CHUNKS = 20;

/**
 * Retention (002): billing data (usage_days, usage_periods, and the notifications sent for a
 * period) 12 months, call details 6 months,
 * counted in days in Brussels: a row of the cutoff day stays, the day before goes. Deleted in
 * chunks of 5,000 rows, one statement each, so a run never holds the database long; the usage
 * tables are reached through their (customer_id, day | period) indexes, one seek per customer.
 */
export async function purgeUsage(db: Db, now = Date.now()): Promise<{ usageDays: number; usagePeriods: number; callRecords: number; alertSends: number }> {
  const billing = billingCutoff(now);
  const calls = callDetailCutoff(now);
  // A period is purged once all of it is older than the cutoff day.
  const firstKeptPeriod = periodOf(billing);
  const statements = {
    usageDays: sql`DELETE FROM usage_days WHERE rowid IN (
      SELECT rowid FROM usage_days WHERE customer_id IN (SELECT id FROM customers) AND day < ${billing} LIMIT ${PURGE_CHUNK})`,
    usagePeriods: sql`DELETE FROM usage_periods WHERE rowid IN (
      SELECT rowid FROM usage_periods WHERE customer_id IN (SELECT id FROM customers) AND period < ${firstKeptPeriod} LIMIT ${PURGE_CHUNK})`,
    callRecords: sql`DELETE FROM call_records WHERE id IN (SELECT id FROM call_records WHERE started_at < ${brusselsDayStart(calls)} LIMIT ${PURGE_CHUNK})`,
    // What was sent for a period that is gone (a small table: alerts × periods × thresholds).
    alertSends: sql`DELETE FROM usage_alert_sends WHERE rowid IN (SELECT rowid FROM usage_alert_sends WHERE period < ${firstKeptPeriod} LIMIT ${PURGE_CHUNK})`,
  };
  const deleted = { usageDays: 0, usagePeriods: 0, callRecords: 0, alertSends: 0 };
  for (const key of Object.keys(statements) as (keyof typeof statements)[]) {
    for (let chunk = 0; chunk < PURGE_MAX_CHUNKS; chunk++) {
      const result = await db.run(statements[key]);
      deleted[key] += result.rowsAffected;
      if (result.rowsAffected < PURGE_CHUNK) break;
    }
  }
  return deleted;
}

/** For the pages: the first period still shown (12 months of billing data); the ones before it are purged. */
export const firstShownPeriod = (now = Date.now()) => periodOf(billingCutoff(now));

import type { Allowance, FleetTotals, TopLine, TopPage } from "../../../src/features/fleet/consumption-service.ts";
import { formatMsisdn } from "../../../src/features/fleet/msisdn.ts";
import { fill, formatMoney, plural } from "../../../src/lib/i18n.ts";
import { useView } from "../../ui/context.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { Pager } from "../../ui/Pager.tsx";
import { Bar, formatData, formatDay, formatPeriod, formatSms, formatVoice, usedOf } from "./format.tsx";

type Kind = "data" | "voice" | "sms";

/** One total: what was used, of what the limited plans include, the bar, and the lines without a limit. */
function Total({ kind, allowance }: { kind: Kind; allowance: Allowance }) {
  const { t, locale } = useView();
  const u = t.fleetUsage;
  const format = (value: number) => (kind === "data" ? formatData(locale, u, value) : kind === "voice" ? formatVoice(locale, u, value) : formatSms(locale, u, value));
  const limited = allowance.included > 0;
  return (
    <div class="usage-total" data-total={kind}>
      <dt>{u[kind]}</dt>
      <dd>
        <Bar used={allowance.used} included={limited ? allowance.included : null} /> <span>{usedOf(u, format(allowance.used), limited ? format(allowance.included) : null)}</span>
        {limited && allowance.unlimited > 0 ? (
          <>
            {" "}
            <span class="hint">{plural(locale, u.plusUnlimited, allowance.unlimited)}</span>
          </>
        ) : null}
      </dd>
    </div>
  );
}

/** Issue #11 "consumption views": this period's totals over the lines the user sees and the lines with the most out-of-bundle use. */
export function ConsumptionPage({ totals, top, more }: { totals: FleetTotals; top: TopLine[]; more: boolean }) {
  const { t, locale } = useView();
  const u = t.fleetUsage;
  return (
    <>
      <p>
        <a href={`/${locale}/fleet`}>{u.back}</a>
      </p>
      <h1>{u.title}</h1>
      <p>
        {fill(u.period, { period: formatPeriod(locale, totals.period) })}
        <br />
        <span class="hint">{totals.counted ? fill(u.throughDay, { day: formatDay(locale, totals.throughDay) }) : u.nothingYet}</span>
      </p>
      <section class="card" aria-labelledby="usage-totals">
        <h2 id="usage-totals">{u.totals}</h2>
        <p>{plural(locale, u.linesCounted, totals.lines)}</p>
        <dl>
          <Total kind="data" allowance={totals.data} />
          <Total kind="voice" allowance={totals.voice} />
          <Total kind="sms" allowance={totals.sms} />
          <div class="usage-total" data-total="outOfBundle">
            <dt>{u.outOfBundle}</dt>
            <dd>
              <strong>{formatMoney(locale, totals.outOfBundleCents)}</strong> <span class="hint">{u.outOfBundleHint}</span>
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="usage-top">
        <h2 id="usage-top">{u.topLines}</h2>
        {top.length === 0 ? <p>{u.noTopLines}</p> : <TopTable rows={top} />}
        {more ? (
          <p>
            <a href={`/${locale}/fleet/usage/top`}>{u.allTopLines}</a>
          </p>
        ) : null}
      </section>
    </>
  );
}

export function TopTable({ rows }: { rows: TopLine[] }) {
  const { t, locale } = useView();
  const u = t.fleetUsage;
  const c = u.column;
  return (
    <DataTable label={u.topTable} columns={[c.number, c.user, c.plan, c.data, c.outOfBundle]}>
      {rows.map((row) => (
        <tr data-line={row.msisdn ?? ""}>
          <td>
            <a href={`/${locale}/fleet/lines/${row.id}/usage`}>{formatMsisdn(row.msisdn) || row.iccid}</a>
          </td>
          <td>{[row.description, row.user].filter(Boolean).join(" / ")}</td>
          <td>{row.planName}</td>
          <td>
            <Bar used={row.dataMb} included={row.includedDataMb} /> {usedOf(u, formatData(locale, u, row.dataMb), row.includedDataMb === null ? null : formatData(locale, u, row.includedDataMb))}
          </td>
          <td data-cents={String(row.outOfBundleCents)}>{formatMoney(locale, row.outOfBundleCents)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** All lines of the period by out-of-bundle amount, 50 a page (keyset). */
export function TopLinesPage({ period, page, first }: { period: string; page: TopPage; first: boolean }) {
  const { t, locale } = useView();
  const u = t.fleetUsage;
  const base = `/${locale}/fleet/usage/top`;
  return (
    <>
      <p>
        <a href={`/${locale}/fleet/usage`}>{u.backToUsage}</a>
      </p>
      <h1>{u.topTitle}</h1>
      <p>
        {fill(u.period, { period: formatPeriod(locale, period) })}
        <br />
        <span class="hint">{u.topIntro}</span>
      </p>
      {page.rows.length === 0 ? <p>{u.noTopLines}</p> : <TopTable rows={page.rows} />}
      <Pager
        label={u.pagination}
        first={{ href: first ? null : base, label: u.first }}
        previous={page.previous ? `${base}?before=${encodeURIComponent(page.previous)}` : null}
        next={page.next ? `${base}?after=${encodeURIComponent(page.next)}` : null}
        labels={{ previous: u.previous, next: u.next }}
      />
    </>
  );
}

import { eurosText, type LineUsage, type UsageFigures } from "../../../src/features/fleet/consumption-service.ts";
import { formatMsisdn } from "../../../src/features/fleet/msisdn.ts";
import { fill, formatMoney } from "../../../src/lib/i18n.ts";
import { can } from "../../../src/lib/principal.ts";
import type { FormErrors } from "../../../src/lib/validation.ts";
import { Checkbox } from "../../ui/choices.tsx";
import { useView } from "../../ui/context.ts";
import { CsrfField } from "../../ui/CsrfField.tsx";
import { DataTable } from "../../ui/DataTable.tsx";
import { Field, Notice } from "../../ui/Field.tsx";
import { Bar, formatData, formatDay, formatPeriod, formatSms, formatVoice, usedOf } from "./format.tsx";

export const ALERT_BLOCK = "line-alert";
export type AlertState = { values?: Record<string, string>; errors?: FormErrors; saved?: boolean };

export const lineLabel = (line: { msisdn: string | null; iccid: string }) => formatMsisdn(line.msisdn) || line.iccid;

/** Links between a line's page, its consumption and its call details. */
export function LineUsageLinks({ lineId }: { lineId: number }) {
  const { t, locale } = useView();
  const u = t.fleetUsage;
  return (
    <nav aria-label={u.lineLinks}>
      <ul class="inline-list">
        <li>
          <a href={`/${locale}/fleet/lines/${lineId}/usage`}>{u.lineConsumption}</a>
        </li>
        <li>
          <a href={`/${locale}/fleet/lines/${lineId}/calls`}>{u.lineCalls}</a>
        </li>
      </ul>
    </nav>
  );
}

/** A line's consumption: this period against its plan, the billed periods of the last 12 months, its notification. */
export function LineUsagePage({ usage, alert = {} }: { usage: LineUsage; alert?: AlertState }) {
  const { t, locale } = useView();
  const u = t.fleetUsage;
  const { line, current } = usage;
  const rows: { kind: "data" | "voice" | "sms"; used: number; included: number | null; text: (v: number) => string }[] = [
    { kind: "data", used: current.dataMb, included: line.includedDataMb, text: (v) => formatData(locale, u, v) },
    { kind: "voice", used: current.voiceSeconds, included: line.includedVoiceSeconds, text: (v) => formatVoice(locale, u, v) },
    { kind: "sms", used: current.smsCount, included: line.includedSms, text: (v) => formatSms(locale, u, v) },
  ];
  return (
    <>
      <p>
        <a href={`/${locale}/fleet/lines/${line.id}`}>{u.backToLine}</a>
      </p>
      <h1>{fill(u.lineTitle, { number: lineLabel(line) })}</h1>
      <p>
        {line.description ? (
          <>
            {line.description}
            <br />
          </>
        ) : null}
        {fill(u.planLine, { plan: line.planName })}
      </p>
      <LineUsageLinks lineId={line.id} />
      <section class="card" aria-labelledby="line-current">
        <h2 id="line-current">{fill(u.lineCurrent, { period: formatPeriod(locale, current.period) })}</h2>
        <p class="hint">{current.throughDay ? fill(u.throughDay, { day: formatDay(locale, usage.throughDay) }) : u.nothingYet}</p>
        <dl>
          {rows.map((row) => (
            <div class="usage-total" data-total={row.kind}>
              <dt>{u[row.kind]}</dt>
              <dd>
                <Bar used={row.used} included={row.included} /> {usedOf(u, row.text(row.used), row.included === null ? null : row.text(row.included))}
              </dd>
            </div>
          ))}
          <div class="usage-total" data-total="outOfBundle">
            <dt>{u.outOfBundle}</dt>
            <dd>
              <strong>{formatMoney(locale, current.outOfBundleCents)}</strong>
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="line-history">
        <h2 id="line-history">{u.history}</h2>
        {usage.billed.length === 0 ? <p>{u.noHistory}</p> : <BilledTable rows={usage.billed} includedDataMb={line.includedDataMb} />}
      </section>
      <AlertBlock usage={usage} state={alert} />
    </>
  );
}

function BilledTable({ rows, includedDataMb }: { rows: UsageFigures[]; includedDataMb: number | null }) {
  const { t, locale } = useView();
  const u = t.fleetUsage;
  return (
    <DataTable label={u.historyTable} columns={[u.periodColumn, u.data, u.voice, u.sms, u.outOfBundle]}>
      {rows.map((row) => (
        <tr data-period={row.period}>
          <td>{formatPeriod(locale, row.period)}</td>
          <td>
            <Bar used={row.dataMb} included={includedDataMb} /> {formatData(locale, u, row.dataMb)}
          </td>
          <td>{formatVoice(locale, u, row.voiceSeconds)}</td>
          <td>{formatSms(locale, u, row.smsCount)}</td>
          <td>{formatMoney(locale, row.outOfBundleCents)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** 003 "Définir les notifications liées aux consommations hors abonnement", for this line. */
export function AlertBlock({ usage, state }: { usage: LineUsage; state: AlertState }) {
  const { t, locale, principal } = useView();
  const u = t.fleetUsage;
  const action = `/${locale}/fleet/lines/${usage.line.id}/usage/alert`;
  const mayChange = can(principal!, "fleet", "manage");
  const values = state.values;
  const enabled = values ? values.enabled === "on" : (usage.alert?.enabled ?? false);
  const amount = values ? (values.amount ?? "") : usage.alert ? eurosText(usage.alert.thresholdCents) : "";
  const errors = state.errors ?? {};
  return (
    <section class="card" id={ALERT_BLOCK} aria-labelledby="line-alert-title">
      <h2 id="line-alert-title">{u.alertTitle}</h2>
      <p class="hint">{u.alertIntro}</p>
      {state.saved ? <Notice kind="ok">{u.alertSaved}</Notice> : null}
      {!state.saved && !values ? <p>{usage.alert?.enabled ? fill(u.alertOn, { amount: formatMoney(locale, usage.alert.thresholdCents) }) : u.alertOff}</p> : null}
      {mayChange ? (
        <form method="post" action={action} hx-post={action} hx-target={`#${ALERT_BLOCK}`} hx-swap="outerHTML" novalidate>
          <CsrfField />
          <Checkbox id="alert-enabled" name="enabled" label={u.alertEnabled} checked={enabled} error={errors.enabled} />
          <Field id="alert-amount" name="amount" label={u.alertAmount} hint={u.alertAmountHint} value={amount} inputmode="text" maxlength={12} error={errors.amount} />
          <p>
            <button type="submit">{u.alertSave}</button>
          </p>
        </form>
      ) : null}
    </section>
  );
}

import type { ActionErrorKey, ActionLine } from "../../../src/features/fleet/actions-service.ts";
import type { ActionKind } from "../../../src/features/fleet/changes.ts";
import { fill } from "../../../src/lib/i18n.ts";
import { useView } from "../../ui/context.ts";
import { CsrfField } from "../../ui/CsrfField.tsx";
import { Field, Notice } from "../../ui/Field.tsx";
import { showNumber } from "../wizard/WizardPage.tsx";
import { actionPath, showDay } from "./LineActions.tsx";

export type ActionView = {
  values?: { date?: string; iccid?: string };
  errors?: Partial<Record<"date" | "iccid", ActionErrorKey>>;
  /** Why the action cannot be asked for now (shown instead of the form, with a 409). */
  refused?: "stopped" | "pending" | "status" | "forbidden";
  /** The line was just added by the wizard. */
  added?: boolean;
  /** The action was just asked for: the notice says what will happen. */
  requested?: { kind: ActionKind; date: string; iccid?: string };
};

/** The line's page: the line router's, when it exists; the actions link back to it. */
export const linePath = (locale: string, id: number) => `/${locale}/fleet/lines/${id}`;

/** The confirmation page of one action: what will happen, the date or new SIM it needs, Confirm or Cancel. */
export function ActionPage({ line, kind, view }: { line: ActionLine; kind: ActionKind; view: ActionView }) {
  const { t, locale } = useView();
  const w = t.fleetWizard;
  const number = line.msisdn ? showNumber(line.msisdn) : w.noNumber;
  const errors = view.errors ?? {};
  const message = (field: "date" | "iccid") => (errors[field] ? w.errors[errors[field]!] : undefined);
  const refusal = view.refused
    ? view.refused === "pending" && line.pending
      ? fill(w.refused.pending, { change: t.fleet.changeKinds[line.pending.kind], date: showDay(locale, line.pending.effectiveDate) })
      : view.refused === "status"
        ? fill(w.refused.status, { status: t.fleet.statuses[line.status] })
        : w.refused[view.refused === "pending" ? "pendingOther" : view.refused]
    : null;
  const action = actionPath(locale, line.id, kind);
  const dated = kind === "activate" || kind === "stop";
  return (
    <>
      <p>
        <a href={`/${locale}/fleet/lines`}>{w.toOverview}</a>
      </p>
      <h1>{fill(w.actionFor, { action: w.actions[kind], number })}</h1>
      {view.added ? <Notice kind="ok">{fill(w.added, { number })}</Notice> : null}
      {view.requested ? <Notice kind="ok">{fill(w.requested[view.requested.kind], { date: showDay(locale, view.requested.date), iccid: view.requested.iccid ?? "" })}</Notice> : null}
      <dl class="facts">
        <dt>{t.fleet.column.phoneNumber}</dt>
        <dd>{number}</dd>
        <dt>{t.fleet.column.description}</dt>
        <dd>{line.description}</dd>
        <dt>{t.fleet.column.plan}</dt>
        <dd>{line.planName}</dd>
        <dt>{t.fleet.column.status}</dt>
        <dd data-status={line.status}>{t.fleet.statuses[line.status]}</dd>
        <dt>{t.fleet.column.iccid}</dt>
        <dd>{line.iccid}</dd>
      </dl>
      {line.pending && !refusal ? (
        <p class="notice" role="status" data-pending={line.pending.kind}>
          {fill(w.pending, { change: t.fleet.changeKinds[line.pending.kind], date: showDay(locale, line.pending.effectiveDate) })}
        </p>
      ) : null}
      {refusal ? (
        <Notice kind="error">{refusal}</Notice>
      ) : view.requested ? null : (
        <section class="card" aria-labelledby="action-title">
          <h2 id="action-title">{w.actions[kind]}</h2>
          <p>{fill(w.explain[kind], { iccid: line.iccid })}</p>
          {Object.keys(errors).length > 0 ? <Notice kind="error">{w.errors.fixBelow}</Notice> : null}
          <form method="post" action={action} novalidate>
            <CsrfField />
            {dated ? (
              <Field
                id="action-date"
                name="date"
                type="date"
                label={kind === "activate" ? w.activationDate : w.stopDate}
                hint={kind === "activate" && line.portingNumber ? w.portingDateHint : w.dateHint}
                value={view.values?.date}
                error={message("date")}
                required
              />
            ) : null}
            {kind === "replace_sim" ? (
              <Field
                id="action-iccid"
                name="iccid"
                label={w.newIccid}
                hint={t.fleetWizard.iccidHint}
                value={view.values?.iccid}
                error={message("iccid")}
                inputmode="numeric"
                autocomplete="off"
                required
              />
            ) : null}
            <p>
              <button type="submit">{w.confirm}</button> <a href={linePath(locale, line.id)}>{w.cancel}</a>
            </p>
          </form>
        </section>
      )}
    </>
  );
}

import { MAINTENANCE_SEVERITIES } from "../../src/db/schema/enums.ts";
import type { MaintenanceNotice } from "../../src/features/maintenance/service.ts";
import { fill } from "../../src/lib/i18n.ts";
import { longDay } from "../maintenance/format.ts";
import { NoticeCells, noticeColumns } from "../maintenance/MaintenancePage.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Field, Notice } from "../ui/Field.tsx";
import { Pager } from "../ui/Pager.tsx";
import { Checkbox, RadioGroup } from "../ui/choices.tsx";
import { DeskCsrf, useDesk } from "./Layout.tsx";

export type MaintenanceDeskNotice = { kind: "ok" | "error"; text: string };
export type MaintenanceForm = { values: Record<string, string>; errors: Partial<Record<string, string>> };

const TEXTS = ["textNl", "textFr", "textEn"] as const;

/**
 * The desk's "Maintenance" (issue #13, 002 §5.4): the planned and running notices (each can be
 * cancelled), the past ones, and the form that publishes a new one.
 */
export function MaintenanceDeskPage({
  current,
  past,
  next,
  after,
  form,
  notice,
  now,
}: {
  current: MaintenanceNotice[];
  past: MaintenanceNotice[];
  next: string | null;
  after: string | null;
  form: MaintenanceForm;
  notice?: MaintenanceDeskNotice;
  now: number;
}) {
  const { t, locale } = useDesk();
  const m = t.maintenance;
  const d = m.desk;
  const base = `/${locale}/desk/maintenance`;
  const { values, errors } = form;
  const invalid = Object.keys(errors).length > 0;
  return (
    <section>
      <h1>{d.title}</h1>
      <p>{d.intro}</p>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <h2>{d.current}</h2>
      {current.length === 0 ? (
        <p>{d.noneCurrent}</p>
      ) : (
        <DataTable label={d.current} columns={[...noticeColumns(m), d.publishedBy, ""]}>
          {current.map((n) => (
            <tr data-notice={n.id}>
              <NoticeCells notice={n} now={now} />
              <td>{n.publishedBy.replace(/^desk:/, "")}</td>
              <td>
                {n.cancelledAt === null ? (
                  <form method="post" action={`${base}/${n.id}/cancel`}>
                    <DeskCsrf />
                    <button type="submit" class="secondary" aria-label={fill(d.cancelLabel, { date: longDay(locale, n.startsAt) })}>
                      {d.cancel}
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form method="post" action={base} class="card" id="maintenance-form" novalidate>
        <h2>{d.publishTitle}</h2>
        <p class="hint">{d.slots}</p>
        {invalid ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
        <DeskCsrf />
        <Field id="maintenance-starts" name="startsAt" type="datetime-local" label={d.startsAt} hint={d.whenHint} value={values.startsAt} error={errors.startsAt} required />
        <Field id="maintenance-ends" name="endsAt" type="datetime-local" label={d.endsAt} hint={d.whenHint} value={values.endsAt} error={errors.endsAt} required />
        <RadioGroup
          name="severity"
          legend={d.severity}
          error={errors.severity}
          value={values.severity ?? "info"}
          items={MAINTENANCE_SEVERITIES.map((value) => ({ value, label: m.severities[value] }))}
        />
        <Checkbox id="maintenance-read-only" name="readOnly" value="on" label={d.readOnly} checked={values.readOnly === "on"} />
        {TEXTS.map((name) => {
          const id = `maintenance-${name}`;
          const describedBy = [`${id}-hint`, errors[name] ? `${id}-error` : ""].filter(Boolean).join(" ");
          return (
            <div>
              <label for={id}>{d[name]}</label>
              <p class="hint" id={`${id}-hint`}>
                {d.textHint}
              </p>
              <textarea id={id} name={name} rows={3} maxlength={500} required aria-invalid={errors[name] ? "true" : undefined} aria-describedby={describedBy}>
                {values[name] ?? ""}
              </textarea>
              {errors[name] ? (
                <p class="field-error" id={`${id}-error`}>
                  {errors[name]}
                </p>
              ) : null}
            </div>
          );
        })}
        <button type="submit">{d.publish}</button>
      </form>
      <h2 id="maintenance-past">{d.past}</h2>
      {past.length === 0 ? (
        <p>{m.nonePast}</p>
      ) : (
        <DataTable label={d.past} columns={[...noticeColumns(m), d.publishedBy]}>
          {past.map((n) => (
            <tr data-notice={n.id}>
              <NoticeCells notice={n} now={now} />
              <td>{n.publishedBy.replace(/^desk:/, "")}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager first={{ href: after ? base : null, label: m.newest }} next={next ? `${base}?after=${encodeURIComponent(next)}#maintenance-past` : null} labels={{ next: m.older }} label={d.past} />
    </section>
  );
}

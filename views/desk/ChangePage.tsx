import type { Child } from "hono/jsx";
import { CHANGE_DECISIONS, type ChangeDecision, type ChangeDetail } from "../../src/features/desk/service.ts";
import { fill, formatDate, formatDateTime } from "../../src/lib/i18n.ts";
import { RadioGroup } from "../ui/choices.tsx";
import { Notice } from "../ui/Field.tsx";
import { DeskCsrf, useDesk } from "./Layout.tsx";
import { Facts } from "./ThreadPage.tsx";

export type ChangeView = { notice?: string; error?: boolean; decision?: string; note?: string; errors?: Record<string, string | undefined> };

/** A contract change request: accept it, refuse it with a note, or mark it done once carried out. */
export function ChangePage({ change, view }: { change: ChangeDetail; view: ChangeView }) {
  const { d, locale } = useDesk();
  const ch = d.change;
  const facts: [string, Child][] = [
    [ch.customer, `${change.customerNumber} · ${change.customerName}`],
    [ch.contract, change.contractNumber],
    [ch.kind, d.changeKinds[change.kind]],
    [ch.newValue, change.newValue ?? "—"],
    [ch.effective, formatDate(locale, new Date(`${change.effectiveDate}T12:00:00Z`))],
    [ch.comment, change.comment ?? "—"],
    [ch.status, d.changeStatuses[change.status]],
    [ch.created, `${formatDateTime(locale, change.createdAt)} · ${change.createdBy}`],
  ];
  if (change.decidedAt) facts.push([ch.decidedAt, formatDateTime(locale, change.decidedAt)]);
  if (change.decisionNote) facts.push([ch.decisionNote, change.decisionNote]);
  const open = (Object.keys(CHANGE_DECISIONS) as ChangeDecision[]).filter((decision) => CHANGE_DECISIONS[decision].from.includes(change.status));
  const errors = view.errors ?? {};
  return (
    <section>
      <p>
        <a href={`/${locale}/desk/changes`}>{d.backToQueues}</a>
      </p>
      <h1>{fill(ch.title, { id: change.id })}</h1>
      {view.notice ? <Notice kind={view.error ? "error" : "ok"}>{view.notice}</Notice> : null}
      <Facts items={facts} />
      {open.length > 0 ? (
        <form method="post" action={`/${locale}/desk/changes/${change.id}/decide`}>
          <DeskCsrf />
          <RadioGroup
            name="decision"
            legend={ch.decision}
            value={view.decision ?? open[0]}
            error={errors.decision}
            items={open.map((decision) => ({ value: decision, label: ch.decisions[decision] }))}
          />
          <label for="desk-note">{ch.note}</label>
          <p class="hint" id="desk-note-hint">
            {ch.noteHint}
          </p>
          <textarea
            id="desk-note"
            name="note"
            rows={3}
            maxlength={1000}
            aria-invalid={errors.note ? "true" : undefined}
            aria-describedby={errors.note ? "desk-note-hint desk-note-error" : "desk-note-hint"}
          >
            {view.note ?? ""}
          </textarea>
          {errors.note ? (
            <p class="field-error" id="desk-note-error">
              {errors.note}
            </p>
          ) : null}
          <div>
            <button type="submit">{ch.submit}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

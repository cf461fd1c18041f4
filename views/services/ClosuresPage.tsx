import type { ClosureRow, ServiceErrors, SiteOption } from "../../src/features/services/service.ts";
import { MAX_REASON } from "../../src/features/services/service.ts";
import { fill } from "../../src/lib/i18n.ts";
import { Select } from "../ui/choices.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Field, Notice } from "../ui/Field.tsx";
import { errorTexts, FixBelow, ServicesFrame, showDay } from "./parts.tsx";

export const CLOSURE_FORM_ID = "services-closure";

export type ClosureFormState = { values?: Record<string, string>; errors?: ServiceErrors; fieldErrors?: Partial<Record<string, string>> };
export type ClosuresNotice = { saved?: { site: string; from: string; to: string }; deleted?: boolean };

/** Tab 4 (manual p.13 "View/Change your closing dates"): per site, from–to and a reason; a closure not begun yet can be deleted. */
export function ClosuresPage({ sites, closures, today, state, notice }: { sites: SiteOption[]; closures: ClosureRow[]; today: string; state?: ClosureFormState; notice?: ClosuresNotice }) {
  const { t, locale } = useView();
  const s = t.services;
  return (
    <ServicesFrame current="closures">
      <p>{s.closuresIntro}</p>
      {notice?.saved ? <Notice kind="ok">{fill(s.closureSaved, { site: notice.saved.site, from: showDay(locale, notice.saved.from), to: showDay(locale, notice.saved.to) })}</Notice> : null}
      {notice?.deleted ? <Notice kind="ok">{s.closureDeleted}</Notice> : null}
      {closures.length === 0 ? (
        <p>{s.noClosures}</p>
      ) : (
        <DataTable label={s.tab.closures} columns={[s.site, { label: s.from, sort: "ascending" }, s.to, s.reason, ""]}>
          {closures.map((closure) => {
            const action = `/${locale}/services/closures/${closure.id}/delete`;
            return (
              <tr data-closure={closure.id}>
                <td>{closure.siteName}</td>
                <td>{showDay(locale, closure.fromDate)}</td>
                <td>{showDay(locale, closure.toDate)}</td>
                <td>{closure.reason ?? ""}</td>
                <td>
                  {closure.fromDate > today ? (
                    <form class="inline" method="post" action={action}>
                      <CsrfField />
                      <button
                        type="submit"
                        class="linkbutton"
                        aria-label={fill(s.deleteLabel, { site: closure.siteName, from: showDay(locale, closure.fromDate), to: showDay(locale, closure.toDate) })}
                      >
                        {s.deleteClosure}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <ClosureForm sites={sites} state={state} />
    </ServicesFrame>
  );
}

export function ClosureForm({ sites, state }: { sites: SiteOption[]; state?: ClosureFormState }) {
  const { t, locale } = useView();
  const s = t.services;
  const values = state?.values ?? {};
  const errors = { ...state?.fieldErrors, ...errorTexts(t, locale, state?.errors) };
  const action = `/${locale}/services/closures`;
  return (
    <section class="card" id={CLOSURE_FORM_ID} aria-labelledby={`${CLOSURE_FORM_ID}-title`}>
      <h2 id={`${CLOSURE_FORM_ID}-title`}>{s.addTitle}</h2>
      <FixBelow errors={errors} />
      <form method="post" action={action} hx-post={action} hx-target={`#${CLOSURE_FORM_ID}`} hx-swap="outerHTML" hx-push-url="false" novalidate>
        <CsrfField />
        <div>
          <Select
            id="closure-site"
            name="site"
            label={s.site}
            error={errors.site}
            value={values.site ?? (sites.length === 1 ? String(sites[0]!.id) : "")}
            options={[...(sites.length === 1 ? [] : [{ value: "", label: "—" }]), ...sites.map((x) => ({ value: String(x.id), label: x.label }))]}
          />
        </div>
        <Field id="closure-from" name="from" type="date" label={s.from} hint={s.dateHint} value={values.from} error={errors.from} required />
        <Field id="closure-to" name="to" type="date" label={s.to} hint={s.dateHint} value={values.to} error={errors.to} required />
        <Field id="closure-reason" name="reason" label={s.reason} hint={fill(s.reasonHint, { max: MAX_REASON })} value={values.reason} error={errors.reason} maxlength={MAX_REASON} />
        <button type="submit">{s.addClosure}</button>
      </form>
    </section>
  );
}

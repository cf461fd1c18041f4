import type { ComplaintsPageData } from "../../src/features/complaints/service.ts";
import { NATURES } from "../../src/features/complaints/service.ts";
import { fill, formatDate } from "../../src/lib/i18n.ts";
import { ThreadTable } from "../threads/ThreadTable.tsx";
import { can } from "../../src/lib/principal.ts";
import { Select } from "../ui/choices.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { type FieldErrors, Notice } from "../ui/Field.tsx";

export const COMPLAINT_FORM_ID = "complaint-form";

/** 000 p.10 "Hoe een klacht indienen?": the form (contract, service, nature, comment, date of service), then the complaints filed. */
export function ComplaintsPage({
  data,
  values = {},
  errors = {},
  dates,
  notice,
}: {
  data: ComplaintsPageData;
  values?: Record<string, string>;
  errors?: FieldErrors;
  dates: { min: string; max: string };
  notice?: string;
}) {
  const { t, locale, principal } = useView();
  const k = t.complaints;
  const fleet = principal ? can(principal, "fleet", "view") : false;
  return (
    <>
      <h1>{k.title}</h1>
      <p class="hint">{k.intro}</p>
      {notice ? <Notice kind="ok">{notice}</Notice> : null}
      {fleet ? (
        <p>
          <a href={`/${locale}/tickets`}>{k.ticketsLink}</a>
        </p>
      ) : null}
      {principal && can(principal, "complaints", "create") ? <ComplaintForm data={data} values={values} errors={errors} dates={dates} /> : null}
      <section aria-labelledby="complaints-list">
        <h2 id="complaints-list">{k.listTitle}</h2>
        <ThreadTable list={data.list} base={`/${locale}/complaints`} empty={k.none} />
      </section>
    </>
  );
}

function ComplaintForm({ data, values, errors, dates }: { data: ComplaintsPageData; values: Record<string, string>; errors: FieldErrors; dates: { min: string; max: string } }) {
  const { t, locale } = useView();
  const k = t.complaints;
  const action = `/${locale}/complaints`;
  const services = [...new Set(data.contracts.map((c) => c.service))];
  const describe = (id: string, hint: boolean) => [hint ? `${id}-hint` : "", errors[id.replace("complaint-", "")] ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const error = (field: string) =>
    errors[field] ? (
      <p class="field-error" id={`complaint-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;
  return (
    <section class="card" id={COMPLAINT_FORM_ID} aria-labelledby="complaint-title">
      <h2 id="complaint-title">{k.newTitle}</h2>
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <form method="post" action={action} novalidate>
        <CsrfField />
        <div>
          <Select
            id="complaint-contract"
            name="contract"
            label={k.contract}
            value={values.contract ?? (data.contracts.length === 1 ? data.contracts[0]!.contractNumber : "")}
            error={errors.contract}
            options={[{ value: "", label: k.choose }, ...data.contracts.map((c) => ({ value: c.contractNumber, label: `${c.contractNumber} – ${c.service}` }))]}
          />
        </div>
        <div>
          <Select
            id="complaint-service"
            name="service"
            label={k.service}
            value={values.service ?? (services.length === 1 ? services[0] : "")}
            error={errors.service}
            options={[{ value: "", label: k.choose }, ...services.map((s) => ({ value: s, label: s }))]}
          />
        </div>
        <div>
          <Select
            id="complaint-nature"
            name="nature"
            label={k.nature}
            value={values.nature ?? ""}
            error={errors.nature}
            options={[{ value: "", label: k.choose }, ...NATURES.map((n) => ({ value: n, label: k.natures[n] }))]}
          />
        </div>
        <div>
          <label for="complaint-comment">{k.comment}</label>
          <p class="hint" id="complaint-comment-hint">
            {k.commentHint}
          </p>
          <textarea id="complaint-comment" name="comment" rows={6} maxlength={4000} required aria-invalid={errors.comment ? "true" : undefined} aria-describedby={describe("complaint-comment", true)}>
            {values.comment ?? ""}
          </textarea>
          {error("comment")}
        </div>
        <div>
          <label for="complaint-serviceDate">{k.serviceDate}</label>
          <p class="hint" id="complaint-serviceDate-hint">
            {fill(k.serviceDateHint, { date: formatDate(locale, Date.parse(`${dates.min}T12:00:00Z`)) })}
          </p>
          <input
            type="date"
            id="complaint-serviceDate"
            name="serviceDate"
            value={values.serviceDate ?? ""}
            min={dates.min}
            max={dates.max}
            required
            aria-invalid={errors.serviceDate ? "true" : undefined}
            aria-describedby={describe("complaint-serviceDate", true)}
          />
          {error("serviceDate")}
        </div>
        <div>
          <button type="submit">{k.send}</button>
        </div>
      </form>
    </section>
  );
}

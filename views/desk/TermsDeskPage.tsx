import type { DeskTermsRow, termsVersionForDesk } from "../../src/features/terms/desk-service.ts";
import { fill, formatDateTime, intlTag, locales, plural, type Locale } from "../../src/lib/i18n.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { Field, Notice } from "../ui/Field.tsx";
import { Pager } from "../ui/Pager.tsx";
import { RadioGroup } from "../ui/choices.tsx";
import { DeskCsrf, useDesk } from "./Layout.tsx";

export type TermsDeskNotice = { kind: "ok" | "error"; text: string };
export type TermsFormState = { values: Record<string, string>; errors: Partial<Record<string, string>> };
type Version = NonNullable<Awaited<ReturnType<typeof termsVersionForDesk>>>;

/**
 * 50000 → "50,000" (as the English catalogs write counts; en-BE would group with a dot) /
 * "50 000" (no-break space, as LANGUAGE.md asks) / "50.000"; built once.
 */
const numberTags: Record<Locale, string> = { ...intlTag, en: "en-GB" };
const numberFormats = Object.fromEntries(locales.map((l) => [l, new Intl.NumberFormat(numberTags[l])])) as Record<Locale, Intl.NumberFormat>;
export const formatCount = (locale: Locale, n: number) => numberFormats[locale].format(n).replace(/[\u202F\u00A0]/g, "\u00A0");

export const TERMS_FORM_ID = "terms-publish";

/**
 * The desk's "Terms of use" (issue #13): the published versions (newest first, the one in force
 * marked, how many accounts accepted each, a link to its text, Withdraw while it is planned), and
 * the form that publishes a new version with the moment it applies.
 */
export function TermsDeskPage({
  rows,
  currentId,
  next,
  before,
  notice,
  form,
  bodyMax,
  versionMax,
  now,
}: {
  rows: DeskTermsRow[];
  currentId: number | null;
  next: string | null;
  before: string | null;
  notice?: TermsDeskNotice;
  form: TermsFormState;
  bodyMax: number;
  versionMax: number;
  now: number;
}) {
  const { t, locale } = useDesk();
  const p = t.termsDesk;
  const base = `/${locale}/desk/terms`;
  const statusOf = (row: DeskTermsRow) => (row.id === currentId ? "current" : row.effectiveAt.getTime() > now ? "planned" : "replaced");
  return (
    <section>
      <h1>{p.title}</h1>
      <p>{p.intro}</p>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {rows.length === 0 ? (
        <p class="notice">{p.none}</p>
      ) : (
        <DataTable caption={p.caption} columns={[p.version, { label: p.effective, sort: "descending" }, p.status, p.publishedBy, p.accepted, ""]}>
          {rows.map((row) => {
            const status = statusOf(row);
            return (
              <tr data-version={row.id}>
                <td>{status === "current" ? <strong>{row.version}</strong> : row.version}</td>
                <td>{formatDateTime(locale, row.effectiveAt)}</td>
                <td>{p.statuses[status]}</td>
                <td>{row.publisherName ?? (row.publishedBy ? row.publishedBy.replace(/^desk:/, "") : p.withPortal)}</td>
                <td>{plural(locale, p.acceptedCount, row.accepted, { count: formatCount(locale, row.accepted) })}</td>
                <td>
                  <a href={`${base}/${row.id}`} aria-label={fill(p.readLabel, { version: row.version })}>
                    {p.read}
                  </a>
                  {status === "planned" && row.accepted === 0 ? (
                    <form class="inline" method="post" action={`${base}/${row.id}/withdraw`}>
                      <DeskCsrf />{" "}
                      <button type="submit" class="secondary" aria-label={fill(p.withdrawLabel, { version: row.version })}>
                        {p.withdraw}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager first={{ href: before ? base : null, label: p.first }} next={next ? `${base}?before=${encodeURIComponent(next)}` : null} labels={{ next: p.next }} label={p.caption} />
      <PublishForm form={form} bodyMax={bodyMax} versionMax={versionMax} />
    </section>
  );
}

function PublishForm({ form, bodyMax, versionMax }: { form: TermsFormState; bodyMax: number; versionMax: number }) {
  const { t, locale } = useDesk();
  const f = t.termsDesk.form;
  const { values, errors } = form;
  const when = values.when === "later" ? "later" : "now";
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <form id={TERMS_FORM_ID} method="post" action={`/${locale}/desk/terms`} class="card" novalidate>
      <h2>{f.title}</h2>
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <DeskCsrf />
      <Field id="terms-version" name="version" label={f.version} hint={f.versionHint} value={values.version} error={errors.version} maxlength={versionMax} required />
      <RadioGroup
        id="terms-when"
        name="when"
        legend={f.when}
        value={when}
        error={errors.when}
        items={[
          { value: "now", label: f.now },
          { value: "later", label: f.later },
        ]}
      />
      <Field id="terms-date" name="date" type="date" label={f.date} hint={f.dateHint} value={values.date} error={errors.date} />
      <Field id="terms-time" name="time" type="time" label={f.time} hint={f.timeHint} value={values.time} error={errors.time} />
      {(["bodyNl", "bodyFr", "bodyEn"] as const).map((name) => (
        <TextArea id={`terms-${name}`} name={name} label={f[name]} hint={fill(f.bodyHint, { max: formatCount(locale, bodyMax) })} value={values[name]} error={errors[name]} maxlength={bodyMax} />
      ))}
      <button type="submit">{f.submit}</button>
    </form>
  );
}

function TextArea(props: { id: string; name: string; label: string; hint: string; value?: string; error?: string; maxlength: number }) {
  const describedBy = [`${props.id}-hint`, props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <p class="hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      <textarea id={props.id} name={props.name} rows={6} maxlength={props.maxlength} required aria-invalid={props.error ? "true" : undefined} aria-describedby={describedBy}>
        {props.value ?? ""}
      </textarea>
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** One version's three texts, as the desk reads them before or after they apply. */
export function TermsVersionPage({ version }: { version: Version }) {
  const { t, locale } = useDesk();
  const p = t.termsDesk;
  const bodies: Record<Locale, string> = { nl: version.bodyNl, fr: version.bodyFr, en: version.bodyEn };
  return (
    <section>
      <h1>{fill(p.text.title, { version: version.version })}</h1>
      <p class="hint">{fill(p.text.applies, { date: formatDateTime(locale, version.effectiveAt) })}</p>
      {locales.map((l) => (
        <>
          <h2 id={`terms-text-${l}`}>{p.text.languages[l]}</h2>
          <div class="terms-body" lang={l} tabindex={0} role="region" aria-labelledby={`terms-text-${l}`}>
            {bodies[l]}
          </div>
        </>
      ))}
      <p>
        <a href={`/${locale}/desk/terms`}>{p.text.back}</a>
      </p>
    </section>
  );
}

import type { DocumentDetail } from "../../src/features/documents/service.ts";
import { fill, formatDate } from "../../src/lib/i18n.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";

export type ContestView = { reason?: string; error?: string; notice?: { kind?: "ok" | "error"; text: string } };

/** 002 §6.2: a reason in the user's own words, within 5 working days; afterwards the document is accepted. */
export function ContestPage({ doc, until, open, view }: { doc: DocumentDetail; until: string; open: boolean; view: ContestView }) {
  const { t, locale } = useView();
  const d = t.documents;
  const action = `/${locale}/documents/${doc.id}/contest`;
  return (
    <>
      <h1>{fill(d.contestTitle, { reference: doc.reference })}</h1>
      <p class="hint">{d.contestIntro}</p>
      {view.notice ? <Notice kind={view.notice.kind}>{view.notice.text}</Notice> : null}
      <dl>
        <dt>{d.pdf.kinds[doc.kind]}</dt>
        <dd>{doc.reference}</dd>
        <dt>{d.documentDate}</dt>
        <dd>{formatDate(locale, Date.parse(`${doc.documentDate}T12:00:00Z`))}</dd>
        <dt>{d.status}</dt>
        <dd>{doc.contested ? d.contested : open ? fill(d.contestUntil, { date: formatDate(locale, Date.parse(`${until}T12:00:00Z`)) }) : d.accepted}</dd>
      </dl>
      {open && !doc.contested ? (
        <form class="card" method="post" action={action} novalidate>
          <CsrfField />
          <label for="contest-reason">{d.reason}</label>
          <p class="hint" id="contest-reason-hint">
            {d.reasonHint}
          </p>
          <textarea
            id="contest-reason"
            name="reason"
            rows={6}
            maxlength={2000}
            required
            aria-invalid={view.error ? "true" : undefined}
            aria-describedby={view.error ? "contest-reason-hint contest-reason-error" : "contest-reason-hint"}
          >
            {view.reason ?? ""}
          </textarea>
          {view.error ? (
            <p class="field-error" id="contest-reason-error">
              {view.error}
            </p>
          ) : null}
          <div>
            <button type="submit">{d.sendContest}</button>
          </div>
        </form>
      ) : null}
      <p>
        <a href={`/${locale}/documents?tab=${doc.kind}`}>{d.backToDocuments}</a>
      </p>
    </>
  );
}

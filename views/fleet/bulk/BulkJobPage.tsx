import { raw } from "hono/html";
import type { BulkPage, BulkRow, PageQuery } from "../../../src/features/fleet/bulk-service.ts";
import { fill, plural } from "../../../src/lib/i18n.ts";
import { useView } from "../../ui/context.ts";
import { CsrfField } from "../../ui/CsrfField.tsx";
import { DataTable } from "../../ui/DataTable.tsx";
import { Notice } from "../../ui/Field.tsx";
import { Pager } from "../../ui/Pager.tsx";

export const JOB_BLOCK_ID = "bulk-job";

/** "0489744365" → "0489 74 43 65", as 003 writes numbers. */
export function spacedNumber(msisdn: string | null): string {
  if (!msisdn) return "";
  return msisdn.length === 10 ? `${msisdn.slice(0, 4)} ${msisdn.slice(4, 6)} ${msisdn.slice(6, 8)} ${msisdn.slice(8)}` : msisdn;
}

export function jobHref(locale: string, id: number, query: Partial<PageQuery>): string {
  const params = new URLSearchParams();
  if (query.onlyChanges) params.set("only", "changes");
  if (query.after !== null && query.after !== undefined) params.set("after", String(query.after));
  if (query.before !== null && query.before !== undefined) params.set("before", String(query.before));
  const search = params.toString();
  return `/${locale}/fleet/bulk/${id}${search ? `?${search}` : ""}`;
}

/** The job's title: the step it is at (review, being applied, applied). */
export function jobTitle(t: ReturnType<typeof useView>["t"], page: BulkPage): string {
  const b = t.fleetBulk;
  if (page.job.status === "review" || page.job.status === "cancelled") return `${b.titles[page.job.kind]} – ${b.reviewTitle}`;
  return page.job.status === "running" ? b.progressTitle : b.doneTitle;
}

/** Review (003 "Vérifier les numéros sélectionnés"), progress or results of a bulk change. */
export function BulkJobPage({ page, query }: { page: BulkPage; query: PageQuery }) {
  const { t, locale } = useView();
  const b = t.fleetBulk;
  const { job } = page;
  return (
    <>
      <h1>{jobTitle(t, page)}</h1>
      <p>
        {job.kind === "plan"
          ? fill(t.app.labelValue, { label: b.columns.newPlan, value: job.planName ?? "" })
          : fill(t.app.labelValue, { label: job.kind === "options_add" ? b.chooseOptionsAdd : b.chooseOptionsRemove, value: job.optionNames.join(", ") })}
      </p>
      <BulkJobBlock page={page} query={query} />
      <p>
        <a href={`/${locale}/fleet/lines`}>{b.backToOverview}</a>
      </p>
    </>
  );
}

/** What htmx swaps while the change is applied: progress every second, then the results. */
export function BulkJobBlock({ page, query }: { page: BulkPage; query: PageQuery }) {
  const { t, locale } = useView();
  const b = t.fleetBulk;
  const { job, counts } = page;
  const here = jobHref(locale, job.id, query);
  if (job.status === "running") {
    return (
      <section id={JOB_BLOCK_ID} class="card" hx-get={here} hx-trigger="every 1s" hx-target={`#${JOB_BLOCK_ID}`} hx-swap="outerHTML" aria-live="polite">
        {/* Without JavaScript the page reloads itself; with it, htmx polls this block instead. */}
        <noscript>{raw(`<meta http-equiv="refresh" content="2">`)}</noscript>
        <p>
          <label for="bulk-progress">{b.progressLabel}</label>{" "}
          <progress id="bulk-progress" max={job.total} value={job.applied + job.refused}>
            {fill(b.progress, { applied: job.applied, total: job.total })}
          </progress>
        </p>
        <p role="status">{fill(b.progress, { applied: job.applied, total: job.total })}</p>
        <p>
          <a href={here}>{b.refresh}</a>
        </p>
      </section>
    );
  }
  return (
    <section id={JOB_BLOCK_ID}>
      {job.status === "done" ? (
        <>
          <Notice kind="ok">{plural(locale, b.doneNotice, counts.applied)}</Notice>
          {counts.not_allowed > 0 ? <p>{plural(locale, b.refusedNotice, counts.not_allowed)}</p> : null}
        </>
      ) : null}
      {job.status === "cancelled" ? <Notice>{b.cancelled}</Notice> : null}
      {job.status === "review" ? <p class="hint">{b.reviewIntro}</p> : null}
      <h2>{b.counts}</h2>
      <ul class="counts">
        {job.status === "review" ? <li data-count="pending">{plural(locale, b.willChange, counts.pending)}</li> : null}
        <li data-count="not_allowed">{plural(locale, b.notAllowedCount, counts.not_allowed)}</li>
        <li data-count="unchanged">{plural(locale, b.unchangedCount, counts.unchanged)}</li>
      </ul>
      {job.kind === "plan" && job.status === "review" ? <p class="hint">{b.planRemovesOptions}</p> : null}
      <p>{query.onlyChanges ? <a href={jobHref(locale, job.id, {})}>{b.showAll}</a> : <a href={jobHref(locale, job.id, { onlyChanges: true })}>{b.onlyChanges}</a>}</p>
      <JobTable page={page} />
      <Pager
        label={b.pagination}
        previous={page.previous !== null ? jobHref(locale, job.id, { onlyChanges: query.onlyChanges, before: page.previous }) : null}
        next={page.next !== null ? jobHref(locale, job.id, { onlyChanges: query.onlyChanges, after: page.next }) : null}
      />
      {job.status === "review" ? (
        <div>
          <form class="inline" method="post" action={`/${locale}/fleet/bulk/${job.id}/apply`}>
            <CsrfField />
            <input type="hidden" name="key" value={job.submissionKey} />
            <button type="submit">{b.apply}</button>
          </form>{" "}
          <form class="inline" method="post" action={`/${locale}/fleet/bulk/${job.id}/cancel`}>
            <CsrfField />
            <button type="submit" class="secondary">
              {b.cancel}
            </button>
          </form>
        </div>
      ) : null}
    </section>
  );
}

function JobTable({ page }: { page: BulkPage }) {
  const { t } = useView();
  const b = t.fleetBulk;
  const plan = page.job.kind === "plan";
  const columns = plan
    ? [b.columns.phoneNumber, b.columns.previousPlan, b.columns.newPlan, b.columns.result]
    : [b.columns.phoneNumber, t.fleet.column.plan, b.columns.currentOptions, b.columns.newOptions, b.columns.result];
  return (
    <DataTable label={b.reviewTitle} columns={columns}>
      {page.rows.map((row) => (
        <Row row={row} plan={plan} />
      ))}
    </DataTable>
  );
}

function Row({ row, plan }: { row: BulkRow; plan: boolean }) {
  const { t } = useView();
  const b = t.fleetBulk;
  const list = (names: string[] | undefined) => (names && names.length > 0 ? names.join(", ") : b.none);
  const refusedCell = row.reason === "stopped" ? b.stopped : row.reason === "not_applicable" ? fill(b.notApplicableFor, { plan: row.before.plan }) : null;
  return (
    <tr data-line={String(row.lineId)} data-result={row.result}>
      <td>{spacedNumber(row.msisdn)}</td>
      {plan ? (
        <>
          <td>{row.before.plan}</td>
          <td>
            {refusedCell ?? row.after.plan}
            {!refusedCell && row.after.removed && row.after.removed.length > 0 ? (
              <>
                <br />
                <small>{fill(b.optionsRemovedByPlan, { plan: row.after.plan, options: row.after.removed.join(", ") })}</small>
              </>
            ) : null}
          </td>
        </>
      ) : (
        <>
          <td>{row.before.plan}</td>
          <td>{list(row.before.options)}</td>
          <td>
            {refusedCell ?? list(row.after.options)}
            {!refusedCell && row.after.refused && row.after.refused.length > 0 ? (
              <>
                <br />
                <small>{fill(b.notApplicableOptions, { plan: row.before.plan, options: row.after.refused.join(", ") })}</small>
              </>
            ) : null}
          </td>
        </>
      )}
      <td>{b.results[row.result]}</td>
    </tr>
  );
}

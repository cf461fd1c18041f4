import type { Child } from "hono/jsx";
import { AGES, type ChangeQueueRow, type OrderQueueRow, type Page, type QueueFilter, type ThreadQueueRow } from "../../src/features/desk/service.ts";
import { type Cursor, cursorText } from "../../src/lib/keyset.ts";
import { CHANGE_STATUSES, ORDER_STATUSES, THREAD_STATUSES, type ThreadKind } from "../../src/db/schema/enums.ts";
import { fill, formatDate, formatDateTime } from "../../src/lib/i18n.ts";
import { Select } from "../ui/choices.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Pager } from "../ui/Pager.tsx";
import { useDesk } from "./Layout.tsx";

const ageKey = { 0: "any", 1: "d1", 3: "d3", 7: "d7" } as const;

function queueHref(base: string, filter: QueueFilter<string>, after: Cursor | null): string {
  const query = new URLSearchParams({ status: filter.status });
  if (filter.age) query.set("age", String(filter.age));
  if (after) query.set("after", cursorText(after));
  return `${base}?${query}`;
}

/** Status and age, as a GET form: the filter is in the address, so a queue can be bookmarked. */
function Filters({ base, filter, statuses }: { base: string; filter: QueueFilter<string>; statuses: { value: string; label: string }[] }) {
  const { d } = useDesk();
  return (
    <form class="filters" method="get" action={base}>
      <div>
        <Select id="queue-status" name="status" label={d.queues.status} value={filter.status} options={statuses} />
      </div>
      <div>
        <Select id="queue-age" name="age" label={d.queues.age} value={String(filter.age)} options={AGES.map((age) => ({ value: String(age), label: d.queues.ages[ageKey[age]] }))} />
      </div>
      <button type="submit">{d.queues.filter}</button>
    </form>
  );
}

function QueueFrame({
  title,
  intro,
  base,
  filter,
  statuses,
  next,
  empty,
  children,
}: {
  title: string;
  intro: string;
  base: string;
  filter: QueueFilter<string>;
  statuses: { value: string; label: string }[];
  next: Cursor | null;
  empty: boolean;
  children: Child;
}) {
  const { d } = useDesk();
  return (
    <section>
      <h1>{title}</h1>
      <p>{intro}</p>
      <Filters base={base} filter={filter} statuses={statuses} />
      {empty ? <p class="notice">{d.queues.empty}</p> : children}
      <Pager
        first={{ href: filter.after ? queueHref(base, filter, null) : null, label: d.queues.first }}
        next={next ? queueHref(base, filter, next) : null}
        labels={{ next: d.queues.next }}
        label={d.queues.pages}
      />
    </section>
  );
}

function Customer({ number, name }: { number: string; name: string }) {
  return (
    <>
      {number}
      <br />
      <span class="hint">{name}</span>
    </>
  );
}

export function ThreadQueue({ kind, path, filter, page }: { kind: ThreadKind; path: string; filter: QueueFilter<string>; page: Page<ThreadQueueRow> }) {
  const { d, locale } = useDesk();
  const base = `/${locale}/desk/${path}`;
  return (
    <QueueFrame
      title={d.queues[kind]}
      intro={d.queues.threadIntro}
      base={base}
      filter={filter}
      statuses={THREAD_STATUSES.map((s) => ({ value: s, label: d.threadStatuses[s] }))}
      next={page.next}
      empty={page.rows.length === 0}
    >
      <DataTable label={d.queues[kind]} columns={[d.queues.subject, d.queues.customer, d.queues.status, { label: d.queues.updated, sort: "ascending" }, d.queues.assignee]}>
        {page.rows.map((row) => (
          <tr>
            <td>
              <a href={`${base}/${row.id}`}>{row.title}</a>
            </td>
            <td>
              <Customer number={row.customerNumber} name={row.customerName} />
            </td>
            <td>{d.threadStatuses[row.status]}</td>
            <td>{formatDateTime(locale, row.updatedAt)}</td>
            <td>{row.assignee ?? d.queues.unassigned}</td>
          </tr>
        ))}
      </DataTable>
    </QueueFrame>
  );
}

export function OrderQueue({ filter, page }: { filter: QueueFilter<string>; page: Page<OrderQueueRow> }) {
  const { d, locale } = useDesk();
  const base = `/${locale}/desk/orders`;
  return (
    <QueueFrame
      title={d.queues.order}
      intro={d.queues.orderIntro}
      base={base}
      filter={filter}
      statuses={ORDER_STATUSES.map((s) => ({ value: s, label: d.orderStatuses[s] }))}
      next={page.next}
      empty={page.rows.length === 0}
    >
      <DataTable label={d.queues.order} columns={[d.queues.article, d.queues.customer, d.queues.status, { label: d.queues.created, sort: "ascending" }, d.queues.delivery]}>
        {page.rows.map((row) => (
          <tr>
            <td>
              <a href={`${base}/${row.id}`}>{fill(d.queues.articleLine, { quantity: row.quantity, article: row.article })}</a>
            </td>
            <td>
              <Customer number={row.customerNumber} name={row.customerName} />
            </td>
            <td>{d.orderStatuses[row.status]}</td>
            <td>{formatDateTime(locale, row.createdAt)}</td>
            <td>{row.deliveryDate ? formatDate(locale, new Date(`${row.deliveryDate}T12:00:00Z`)) : "—"}</td>
          </tr>
        ))}
      </DataTable>
    </QueueFrame>
  );
}

export function ChangeQueue({ filter, page }: { filter: QueueFilter<string>; page: Page<ChangeQueueRow> }) {
  const { d, locale } = useDesk();
  const base = `/${locale}/desk/changes`;
  return (
    <QueueFrame
      title={d.queues.change}
      intro={d.queues.changeIntro}
      base={base}
      filter={filter}
      statuses={CHANGE_STATUSES.map((s) => ({ value: s, label: d.changeStatuses[s] }))}
      next={page.next}
      empty={page.rows.length === 0}
    >
      <DataTable label={d.queues.change} columns={[d.queues.kind, d.queues.customer, d.queues.contract, d.queues.effective, { label: d.queues.created, sort: "ascending" }]}>
        {page.rows.map((row) => (
          <tr>
            <td>
              <a href={`${base}/${row.id}`}>{d.changeKinds[row.kind as keyof typeof d.changeKinds] ?? row.kind}</a>
              {row.newValue ? (
                <>
                  <br />
                  <span class="hint">{row.newValue}</span>
                </>
              ) : null}
            </td>
            <td>
              <Customer number={row.customerNumber} name={row.customerName} />
            </td>
            <td>{row.contractNumber}</td>
            <td>{formatDate(locale, new Date(`${row.effectiveDate}T12:00:00Z`))}</td>
            <td>{formatDateTime(locale, row.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
    </QueueFrame>
  );
}

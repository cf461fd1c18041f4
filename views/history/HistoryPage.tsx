import { localName } from "../../src/lib/catalog.ts";
import { actionKey, KNOWN_ACTIONS, USER_ID_FIELDS, userIdFields, type HistoryErrors, type HistoryFilter, type HistoryNames, type HistoryRow } from "../../src/features/history/service.ts";
import type { Messages } from "../../src/i18n/en.ts";
import { fill, formatDate, formatDateTime, formatMoney, type Locale } from "../../src/lib/i18n.ts";
import { type Cursor, cursorText } from "../../src/lib/keyset.ts";
import { orderNumber } from "../../src/lib/orders.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { Select } from "../ui/choices.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Pager } from "../ui/Pager.tsx";

type Labels = Record<string, string>;

export function historyHref(locale: string, filter: HistoryFilter, cursor: Cursor | null, actor = filter.actor): string {
  const query = new URLSearchParams();
  if (filter.action) query.set("action", filter.action);
  if (actor) query.set("actor", actor);
  if (filter.from) query.set("from", filter.from);
  if (filter.to) query.set("to", filter.to);
  if (cursor) query.set("before", cursorText(cursor));
  const text = query.toString();
  return `/${locale}/history${text ? `?${text}` : ""}`;
}

/** What a value is read with: the catalog, the locale, the names the rows refer to, and the event (its fields mean what its action says). */
export type Reader = { t: Messages; locale: Locale; names: HistoryNames; action?: string };

/** Storage details nobody reads: R2 keys, row ids, the creator's label (the creator is shown by name). */
const HIDDEN = new Set(["file", "documentId", "createdByLabel", "customerId"]);

/** Days stored as "2026-11-01", shown as the user's language writes a date. */
const DAY_FIELDS = new Set(["deliveryDate", "effectiveDate", "closedFrom", "closedUntil", "serviceDate", "actionDate"]);

/** The name a field goes by in the catalog (history.fields) for this event: a closure's from/to are its closing days, an order's total is no open amount. */
function fieldName(action: string, key: string): string {
  if (action.startsWith("closure.")) {
    if (key === "from" || key === "fromDate") return "closedFrom";
    if (key === "to" || key === "toDate") return "closedUntil";
    if (key === "siteId") return "site";
  }
  if (action === "order.placed" && key === "totalCents") return "orderTotal";
  return key;
}

const isThreadEvent = (action: string) => action.startsWith("complaint.") || action.startsWith("ticket.");

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text);

const pick = (table: Labels, value: unknown): string | undefined => (typeof value === "string" ? table[value] : undefined);

/** The catalog's words for the coded values of a field, by field name (and, where a name means two things, the event). */
function wordsFor(t: Messages, key: string, action = ""): Labels | undefined {
  const h = t.rights.history;
  switch (key) {
    case "status":
      return isThreadEvent(action) ? t.complaints.statuses : t.users.statuses;
    case "kind":
      return action === "contract.change_requested" ? t.services.changeKinds : undefined;
    case "nature":
      return t.complaints.natures;
    case "subject":
      return action === "ticket.created" ? t.tickets.subjects : undefined;
    case "detail":
      return action === "ticket.created" ? t.tickets.details : undefined;
    case "profile":
      return t.users.profileNames;
    case "language":
      return t.users.languages;
    case "gender":
      return t.users.genders;
    case "fleetRole":
      return t.fleet.roles;
    case "channel":
      return { sms: t.code.bySms, email: t.code.byEmail };
    case "offerChannel":
      return { email: t.profile.offerEmail, post: t.profile.offerPost, sms: t.profile.offerSms };
    case "einvoiceChannel":
      return { paper: t.profile.einvoicePaper, email: t.profile.einvoiceEmail, zoomit: t.profile.einvoiceZoomit, peppol: t.einvoice.channelPeppol };
    case "method":
      return { transfer: t.billing.methodTransfer, direct_debit: t.billing.methodDirectDebit };
    case "threadStatus":
      return t.desk.threadStatuses;
    case "orderStatus":
      return t.desk.orderStatuses;
    case "changeStatus":
      return t.desk.changeStatuses;
    case "securityAnswer":
      return { set: h.values.answerSet, none: h.values.answerNone, changed: h.values.answerChanged };
    default:
      return undefined;
  }
}

/** One value as a person reads it: names for ids and codes, the catalog's words for statuses and choices. */
function show(r: Reader, key: string, value: unknown, side: Record<string, unknown> | null): string {
  const { t, locale, names } = r;
  const h = t.rights.history;
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    const app = typeof side?.application === "string" ? side.application : "";
    if (key === "functions") {
      return value
        .map((code) => {
          const row = names.functions.get(`${app}:${String(code)}`);
          return row ? localName(row, locale) : String(code);
        })
        .join(", ");
    }
    if (key === "scopes") return value.map((ref) => names.scopes.get(String(ref)) ?? String(ref)).join(", ");
    return value.map((item) => show(r, "", item, null)).join(", ");
  }
  if (USER_ID_FIELDS.includes(key) && typeof value === "number") return names.users.get(value) ?? fill(h.unknownUser, { id: value });
  if (key === "site" && typeof value === "number") return names.sites.get(value) ?? "—";
  if (key === "orderId" && typeof value === "number") return orderNumber(value);
  if (key === "product" && r.action === "order.placed" && typeof value === "string") {
    const product = names.products.get(value);
    if (product) return localName(product, locale);
  }
  if (DAY_FIELDS.has(key) && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(locale, Date.parse(`${value}T12:00:00Z`));
  if (key === "newValue" && typeof value === "string" && r.action === "contract.change_requested") {
    if (side?.kind === "frequency") return pick(t.services.frequencies, value) ?? value;
    if (side?.kind === "container_size") return `${value} L`;
  }
  if (typeof value === "boolean") return value ? h.values.yes : h.values.no;
  if (key === "application" && typeof value === "string") {
    const app = names.apps.get(value);
    return app ? localName(app, locale) : value;
  }
  const words = wordsFor(t, key, r.action);
  const word = words ? pick(words, value) : undefined;
  if (word) return word;
  if ((key === "totalCents" || key === "orderTotal") && typeof value === "number") return formatMoney(locale, value);
  if (key === "lastActiveAt" && typeof value === "string" && !Number.isNaN(Date.parse(value))) return formatDateTime(locale, Date.parse(value));
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Before → after in a line per field, each field by its name and each value as a person reads it:
 * unchanged fields once (they say what changed), changed ones as a → b.
 */
export function describeChange(r: Reader, before: unknown, after: unknown): string[] {
  const action = r.action ?? "";
  const b = before && typeof before === "object" && !Array.isArray(before) ? (before as Record<string, unknown>) : null;
  const a = after && typeof after === "object" && !Array.isArray(after) ? (after as Record<string, unknown>) : null;
  if (!b && !a) return before === null && after === null ? [] : [`${show(r, "", before, null)} → ${show(r, "", after, null)}`];
  const fields = r.t.rights.history.fields as Labels;
  const line = (label: string, value: string) => clip(fill(r.t.app.labelValue, { label, value }));
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((key) => {
    if (HIDDEN.has(key)) return false;
    // The events of the services, complaints and the desk name their own row by id (a closure): nobody reads it.
    if (key === "id" && !userIdFields(action).includes("id")) return false;
    // A site named in the event needs no id; one named only by id is shown by its name.
    if (key === "siteId" && ((b && "site" in b) || (a && "site" in a))) return false;
    // A user's id and their username say the same: the name is enough.
    if (key === "id" && ((b && "username" in b) || (a && "username" in a))) return false;
    // A creation lists what was set, not every empty field.
    if (!b && (a?.[key] === null || a?.[key] === undefined || a?.[key] === "")) return false;
    return true;
  });
  return keys.map((key) => {
    const name = fieldName(action, key);
    const label = fields[name] ?? key;
    const now = a ? show(r, name, a[key], a) : "—";
    if (!b) return line(label, now);
    const was = show(r, name, b[key], b);
    return line(label, was === now ? now : `${was} → ${now}`);
  });
}

function actionLabel(t: Messages, action: string): string {
  return (t.rights.history.actions as Labels)[actionKey(action)] ?? action;
}

function who(t: Messages, row: HistoryRow): string {
  const h = t.rights.history;
  const [kind, ref = ""] = row.actor.split(/:(.*)/s);
  if (kind === "user") return row.username ?? fill(h.unknownUser, { id: ref });
  if (kind === "code") return `${h.loginCode} (${ref})`;
  if (kind === "desk") return fill(h.actors.desk, { name: row.staffName ?? ref });
  if (kind === "person") return fill(h.actors.person, { name: row.personName ?? ref });
  if (kind === "code-request") return `${h.codeRequest} (${ref})`;
  if (kind === "einvoice-link") return fill(h.actors.einvoiceLink, { email: ref });
  if (kind === "system") return h.actors.system;
  if (kind === "anonymous") return h.actors.anonymous;
  return row.actor;
}

function Filters({ filter, errors }: { filter: HistoryFilter; errors: HistoryErrors }) {
  const { t, locale } = useView();
  const h = t.rights.history;
  const codes = [...KNOWN_ACTIONS];
  if (filter.action && !codes.includes(filter.action)) codes.push(filter.action);
  const dateField = (name: "from" | "to", label: string) => {
    const key = errors[name];
    const error = key ? h[key] : undefined;
    return (
      <div>
        <label for={`history-${name}`}>{label}</label>
        <input type="date" id={`history-${name}`} name={name} value={filter[name]} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `history-${name}-error` : undefined} />
        {error ? (
          <p class="field-error" id={`history-${name}-error`}>
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <form class="card" method="get" action={`/${locale}/history`}>
      <div class="grid">
        <div>
          <Select
            id="history-action"
            name="action"
            label={h.action}
            value={filter.action}
            options={[{ value: "", label: h.allActions }, ...codes.map((code) => ({ value: code, label: actionLabel(t, code) }))]}
          />
        </div>
        <div>
          <label for="history-actor">{h.actor}</label>
          <input type="text" id="history-actor" name="actor" value={filter.actor} maxlength={100} autocomplete="off" aria-describedby="history-actor-hint" />
          <p class="hint" id="history-actor-hint">
            {h.actorHint}
          </p>
        </div>
        {dateField("from", h.from)}
        {dateField("to", h.to)}
      </div>
      <button type="submit">{h.filter}</button>{" "}
      <a class="button secondary" href={`/${locale}/history`}>
        {h.clear}
      </a>
    </form>
  );
}

/** The account's audit log (QUALITY.md: who, for which account, what, before → after, when). */
export function HistoryPage({ filter, rows, names, next, errors }: { filter: HistoryFilter; rows: HistoryRow[]; names: HistoryNames; next: Cursor | null; errors: HistoryErrors }) {
  const { t, locale } = useView();
  const reader: Reader = { t, locale, names };
  const h = t.rights.history;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <h1>{h.title}</h1>
      <p>{h.intro}</p>
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <Filters filter={filter} errors={errors} />
      {hasErrors ? null : rows.length === 0 ? (
        <p>{h.none}</p>
      ) : (
        <DataTable columns={[h.when, h.who, h.what, h.change]}>
          {rows.map((row) => (
            <tr>
              <td>{formatDateTime(locale, row.at)}</td>
              <td>
                <a href={historyHref(locale, filter, null, row.actor)}>{who(t, row)}</a>
              </td>
              <td>{actionLabel(t, row.action)}</td>
              <td>
                {describeChange({ ...reader, action: row.action }, row.before, row.after).map((line) => (
                  <div>{line}</div>
                ))}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager first={{ href: filter.cursor ? historyHref(locale, filter, null) : null, label: h.newest }} next={next ? historyHref(locale, filter, next) : null} labels={{ next: h.older }} />
    </>
  );
}

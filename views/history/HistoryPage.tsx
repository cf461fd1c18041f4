import { localName } from "../../src/lib/catalog.ts";
import { actionKey, KNOWN_ACTIONS, USER_ID_FIELDS, type HistoryCursor, type HistoryErrors, type HistoryFilter, type HistoryNames, type HistoryRow } from "../../src/features/history/service.ts";
import type { Messages } from "../../src/i18n/en.ts";
import { fill, formatDateTime, formatMoney, type Locale } from "../../src/lib/i18n.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { Select } from "../ui/choices.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Pager } from "../ui/Pager.tsx";

type Labels = Record<string, string>;

export function historyHref(locale: string, filter: HistoryFilter, cursor: HistoryCursor | null, actor = filter.actor): string {
  const query = new URLSearchParams();
  if (filter.action) query.set("action", filter.action);
  if (actor) query.set("actor", actor);
  if (filter.from) query.set("from", filter.from);
  if (filter.to) query.set("to", filter.to);
  if (cursor) query.set("before", `${cursor.at}.${cursor.id}`);
  const text = query.toString();
  return `/${locale}/history${text ? `?${text}` : ""}`;
}

/** What a value is read with: the catalog, the locale, and the names the rows refer to. */
export type Reader = { t: Messages; locale: Locale; names: HistoryNames };

/** Storage details nobody reads: R2 keys, row ids, the creator's label (the creator is shown by name). */
const HIDDEN = new Set(["file", "documentId", "createdByLabel"]);

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text);

const pick = (table: Labels, value: unknown): string | undefined => (typeof value === "string" ? table[value] : undefined);

/** The catalog's words for the coded values of a field, by field name. */
function wordsFor(t: Messages, key: string): Labels | undefined {
  const h = t.rights.history;
  switch (key) {
    case "status":
      return t.users.statuses;
    case "profile":
      return t.users.profileNames;
    case "language":
      return t.users.languages;
    case "gender":
      return t.users.genders;
    case "channel":
      return { sms: t.code.bySms, email: t.code.byEmail };
    case "offerChannel":
      return { email: t.profile.offerEmail, post: t.profile.offerPost, sms: t.profile.offerSms };
    case "einvoiceChannel":
      return { paper: t.profile.einvoicePaper, email: t.profile.einvoiceEmail, zoomit: t.profile.einvoiceZoomit };
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
  if (typeof value === "boolean") return value ? h.values.yes : h.values.no;
  if (key === "application" && typeof value === "string") {
    const app = names.apps.get(value);
    return app ? localName(app, locale) : value;
  }
  const words = wordsFor(t, key);
  const word = words ? pick(words, value) : undefined;
  if (word) return word;
  if (key === "totalCents" && typeof value === "number") return formatMoney(locale, value);
  if (key === "lastActiveAt" && typeof value === "string" && !Number.isNaN(Date.parse(value))) return formatDateTime(locale, Date.parse(value));
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Before → after in a line per field, each field by its name and each value as a person reads it:
 * unchanged fields once (they say what changed), changed ones as a → b.
 */
export function describeChange(r: Reader, before: unknown, after: unknown): string[] {
  const b = before && typeof before === "object" && !Array.isArray(before) ? (before as Record<string, unknown>) : null;
  const a = after && typeof after === "object" && !Array.isArray(after) ? (after as Record<string, unknown>) : null;
  if (!b && !a) return before === null && after === null ? [] : [`${show(r, "", before, null)} → ${show(r, "", after, null)}`];
  const fields = r.t.rights.history.fields as Labels;
  const line = (label: string, value: string) => clip(fill(r.t.app.labelValue, { label, value }));
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((key) => {
    if (HIDDEN.has(key)) return false;
    // A user's id and their username say the same: the name is enough.
    if (key === "id" && ((b && "username" in b) || (a && "username" in a))) return false;
    // A creation lists what was set, not every empty field.
    if (!b && (a?.[key] === null || a?.[key] === undefined || a?.[key] === "")) return false;
    return true;
  });
  return keys.map((key) => {
    const label = fields[key] ?? key;
    const now = a ? show(r, key, a[key], a) : "—";
    if (!b) return line(label, now);
    const was = show(r, key, b[key], b);
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
export function HistoryPage({ filter, rows, names, next, errors }: { filter: HistoryFilter; rows: HistoryRow[]; names: HistoryNames; next: HistoryCursor | null; errors: HistoryErrors }) {
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
                {describeChange(reader, row.before, row.after).map((line) => (
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

import type { Context } from "hono";
import { actionKey, KNOWN_ACTIONS, type HistoryCursor, type HistoryErrors, type HistoryFilter, type HistoryRow } from "../../src/features/rights/history.ts";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill, formatDateTime } from "../../src/lib/i18n.ts";
import { Notice } from "../layout/Field.tsx";

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

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(show).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text);

/** Before → after in a line per field: unchanged fields once (they say what changed), changed ones as a → b. */
export function describeChange(before: unknown, after: unknown, fields: Labels): string[] {
  const b = before && typeof before === "object" && !Array.isArray(before) ? (before as Record<string, unknown>) : null;
  const a = after && typeof after === "object" && !Array.isArray(after) ? (after as Record<string, unknown>) : null;
  if (!b && !a) return before === null && after === null ? [] : [`${show(before)} → ${show(after)}`];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys.map((key) => {
    const label = fields[key] ?? key;
    const was = b ? b[key] : undefined;
    const now = a ? a[key] : undefined;
    if (b && a && show(was) === show(now)) return clip(`${label}: ${show(now)}`);
    if (!b) return clip(`${label}: ${show(now)}`);
    return clip(`${label}: ${show(was)} → ${show(now)}`);
  });
}

function actionLabel(c: Context<AppEnv>, action: string): string {
  return (c.var.t.rights.history.actions as Labels)[actionKey(action)] ?? action;
}

function who(c: Context<AppEnv>, row: HistoryRow): string {
  const h = c.var.t.rights.history;
  const [kind, ref = ""] = row.actor.split(/:(.*)/s);
  if (kind === "user") return row.username ?? fill(h.unknownUser, { id: ref });
  if (kind === "code") return `${h.loginCode} (${ref})`;
  if (kind === "code-request") return `${h.codeRequest} (${ref})`;
  return row.actor;
}

function Filters({ c, filter, errors }: { c: Context<AppEnv>; filter: HistoryFilter; errors: HistoryErrors }) {
  const { t, locale } = c.var;
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
          <label for="history-action">{h.action}</label>
          <select id="history-action" name="action">
            <option value="">{h.allActions}</option>
            {codes.map((code) => (
              <option value={code} selected={code === filter.action}>
                {actionLabel(c, code)}
              </option>
            ))}
          </select>
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
export function HistoryPage({ c, filter, rows, next, errors }: { c: Context<AppEnv>; filter: HistoryFilter; rows: HistoryRow[]; next: HistoryCursor | null; errors: HistoryErrors }) {
  const { t, locale } = c.var;
  const h = t.rights.history;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <h1>{h.title}</h1>
      <p>{h.intro}</p>
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      <Filters c={c} filter={filter} errors={errors} />
      {hasErrors ? null : rows.length === 0 ? (
        <p>{h.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{h.when}</th>
                <th scope="col">{h.who}</th>
                <th scope="col">{h.what}</th>
                <th scope="col">{h.change}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>{formatDateTime(locale, row.at)}</td>
                  <td>
                    <a href={historyHref(locale, filter, null, row.actor)}>{who(c, row)}</a>
                  </td>
                  <td>{actionLabel(c, row.action)}</td>
                  <td>
                    {describeChange(row.before, row.after, h.fields as Labels).map((line) => (
                      <div>{line}</div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {filter.cursor ? <a href={historyHref(locale, filter, null)}>{h.newest}</a> : null}{" "}
        {next ? <a href={historyHref(locale, filter, next)}>{h.older}</a> : null}
      </p>
    </>
  );
}

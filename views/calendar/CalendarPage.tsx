import type { Context } from "hono";
import { fractionName } from "../../src/features/calendar/fractions.ts";
import type { ContractCalendar } from "../../src/features/calendar/service.ts";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill, formatDate } from "../../src/lib/i18n.ts";
import { randomToken } from "../../src/lib/crypto.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import { Notice } from "../ui/Field.tsx";

export type CardState = { notice: "sent" | "alreadySent" | "noEmail"; email?: string };

/** Manual p.11, second box: "Verkrijgen van ophaalkalender" — per contract address. */
export function CalendarPage({ c, calendars, email, states = {} }: { c: Context<AppEnv>; calendars: ContractCalendar[]; email: string | null; states?: Record<number, CardState> }) {
  const { t } = c.var;
  return (
    <>
      <h1>{t.calendar.title}</h1>
      <p class="hint">{t.calendar.intro}</p>
      {calendars.length === 0 ? <p>{t.calendar.noContracts}</p> : null}
      {calendars.map((calendar) => (
        <CalendarCard c={c} calendar={calendar} email={email} state={states[calendar.contractId]} />
      ))}
    </>
  );
}

const asDate = (date: string) => new Date(`${date}T12:00:00Z`);

export function CalendarCard({ c, calendar, email, state }: { c: Context<AppEnv>; calendar: ContractCalendar; email: string | null; state?: CardState }) {
  const { t, locale } = c.var;
  const id = `calendar-${calendar.contractId}`;
  const base = `/${locale}/calendar/${calendar.contractId}`;
  return (
    <section class="card" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{calendar.address}</h2>
      {state?.notice === "sent" ? <Notice kind="ok">{fill(t.calendar.sent, { email: state.email ?? "" })}</Notice> : null}
      {state?.notice === "alreadySent" ? <Notice focus>{fill(t.calendar.alreadySent, { email: state.email ?? "" })}</Notice> : null}
      {state?.notice === "noEmail" ? <Notice kind="error">{t.calendar.noEmail}</Notice> : null}
      <dl>
        <dt>{t.calendar.contract}</dt>
        <dd>
          {calendar.contractNumber} · {calendar.service}
        </dd>
        <dt>{t.calendar.address}</dt>
        <dd>
          {calendar.customerName} — {calendar.address}
        </dd>
      </dl>
      {calendar.days.length === 0 ? (
        <p>{t.calendar.noDays}</p>
      ) : (
        <table>
          <caption>{t.calendar.nextDays}</caption>
          <thead>
            <tr>
              <th scope="col">{t.calendar.date}</th>
              <th scope="col">{t.calendar.fraction}</th>
            </tr>
          </thead>
          <tbody>
            {calendar.days.map((day) => (
              <tr>
                <td>
                  <time datetime={day.date}>{formatDate(locale, asDate(day.date))}</time>
                </td>
                <td>{fractionName(t, day.fraction)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={`${base}.ics`} download hx-boost="false">
          {t.calendar.downloadIcs}
        </a>{" "}
        <span class="hint">{t.calendar.downloadIcsHint}</span>
      </p>
      <p>
        <a href={`${base}.pdf`} target="_blank" rel="noopener" hx-boost="false">
          {t.calendar.downloadPdf}
        </a>
      </p>
      <form method="post" action={`${base}/send`} hx-post={`${base}/send`} hx-target={`#${id}`} hx-swap="outerHTML" hx-push-url="false">
        <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
        <input type="hidden" name="request" value={randomToken(18)} />
        {email ? <p class="hint">{fill(t.calendar.sendTo, { email })}</p> : null}
        <button type="submit" class="secondary">
          {t.calendar.sendByEmail}
        </button>
      </form>
    </section>
  );
}

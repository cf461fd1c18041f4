import { fractionName } from "../../src/features/calendar/fractions.ts";
import type { ContractCalendar } from "../../src/features/calendar/service.ts";
import { fill, formatDate } from "../../src/lib/i18n.ts";
import { randomToken } from "../../src/lib/crypto.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";
import { CsrfField } from "../ui/CsrfField.tsx";

export type CardState = { notice: "sent" | "alreadySent" | "noEmail"; email?: string };

/** Manual p.11, second box: "Verkrijgen van ophaalkalender" — per contract address. */
export function CalendarPage({ calendars, email, states = {} }: { calendars: ContractCalendar[]; email: string | null; states?: Record<number, CardState> }) {
  const { t } = useView();
  return (
    <>
      <h1>{t.calendar.title}</h1>
      <p class="hint">{t.calendar.intro}</p>
      {calendars.length === 0 ? <p>{t.calendar.noContracts}</p> : null}
      {calendars.map((calendar) => (
        <CalendarCard calendar={calendar} email={email} state={states[calendar.contractId]} />
      ))}
    </>
  );
}

const asDate = (date: string) => new Date(`${date}T12:00:00Z`);

export function CalendarCard({ calendar, email, state }: { calendar: ContractCalendar; email: string | null; state?: CardState }) {
  const { t, locale } = useView();
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
        <DataTable caption={t.calendar.nextDays} wrap={false} columns={[t.calendar.date, t.calendar.fraction]}>
          {calendar.days.map((day) => (
            <tr>
              <td>
                <time datetime={day.date}>{formatDate(locale, asDate(day.date))}</time>
              </td>
              <td>{fractionName(t, day.fraction)}</td>
            </tr>
          ))}
        </DataTable>
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
        <CsrfField />
        <input type="hidden" name="request" value={randomToken(18)} />
        {email ? <p class="hint">{fill(t.calendar.sendTo, { email })}</p> : null}
        <button type="submit" class="secondary">
          {t.calendar.sendByEmail}
        </button>
      </form>
    </section>
  );
}

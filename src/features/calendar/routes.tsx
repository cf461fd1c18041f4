import { Hono, type Context } from "hono";
import { download } from "../../lib/downloads.ts";
import type { AppEnv } from "../../lib/env.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { fill } from "../../lib/i18n.ts";
import { redirectAfterPost, renderError, renderPage, renderPartial } from "../../lib/render.tsx";
import { declare, right } from "../../lib/routes.ts";
import { validForm } from "../../lib/validation.ts";
import { brusselsDate } from "../../lib/workdays.ts";
import { CalendarCard, CalendarPage, type CardState } from "../../../views/calendar/CalendarPage.tsx";
import { calendarFileName, calendarIcs, calendarPdf } from "./files.ts";
import { parseCalendarFile, parseContractId, sendSchema } from "./schemas.ts";
import { enqueueCalendarMail, getCalendar, listCalendars, profileEmail, type ContractCalendar } from "./service.ts";

export const calendarRoutes = new Hono<AppEnv>();

// The collection calendar is waste collection's (manual p.11): only for an account that has it.
declare({
  "GET /calendar": right("waste", "view"),
  "GET /calendar/:file": right("waste", "view"),
  "POST /calendar/:contractId/send": right("waste", "view"),
});

const today = () => brusselsDate(Date.now());
const notFound = (c: Context<AppEnv>) => renderError(c, 404, c.var.t.errors.notFound);

calendarRoutes.get("/calendar", async (c) => {
  const session = c.var.session!;
  const [calendars, email] = await Promise.all([listCalendars(c.var.db, session, today()), profileEmail(c.var.db, session)]);
  const states: Record<number, CardState> = {};
  for (const notice of ["sent", "alreadySent"] as const) {
    const id = parseContractId(c.req.query(notice) ?? "");
    if (id !== null) states[id] = { notice, email: email ?? "" };
  }
  return renderPage(c, { title: c.var.t.calendar.title }, <CalendarPage calendars={calendars} email={email} states={states} />);
});

/** "5422.ics" (one all-day event per collection) or "5422.pdf" (printable, by month). */
calendarRoutes.get("/calendar/:file", async (c) => {
  const file = parseCalendarFile(c.req.param("file"));
  if (!file) return notFound(c);
  const calendar = await getCalendar(c.var.db, c.var.session!, file.contractId, today());
  if (!calendar) return notFound(c);
  const { t, locale } = c.var;
  if (file.format === "ics") {
    return download(calendarIcs(calendar, t, new Date()), { type: "text/calendar; charset=utf-8", name: calendarFileName(calendar, t, "ics") });
  }
  const bytes = await calendarPdf(c.env, calendar, t, locale);
  return download(bytes as Uint8Array<ArrayBuffer>, { type: "application/pdf", name: calendarFileName(calendar, t, "pdf"), inline: true });
});

function respond(c: Context<AppEnv>, calendar: ContractCalendar, email: string | null, state: CardState, status: 200 | 422) {
  if (c.req.header("HX-Request") === "true" && c.req.header("HX-Target")?.endsWith(`#calendar-${calendar.contractId}`)) {
    return renderPartial(c, <CalendarCard calendar={calendar} email={email} state={state} />, status);
  }
  if (status === 200) return redirectAfterPost(c, `/${c.var.locale}/calendar?${state.notice}=${calendar.contractId}`);
  return renderPage(c, { title: c.var.t.calendar.title, status }, <CalendarPage calendars={[calendar]} email={email} states={{ [calendar.contractId]: state }} />);
}

/** The PDF goes to R2 first; the e-mail naming it is queued with its audit event (manual p.11 "Per mail opsturen"). */
calendarRoutes.post(
  "/calendar/:contractId/send",
  // Only a tampered or very old form lacks the request id: ask to reload, as for an expired form.
  validForm(sendSchema, (c) => renderError(c, 422, c.var.t.errors.csrf)),
  async (c) => {
    const contractId = parseContractId(c.req.param("contractId") ?? "");
    if (contractId === null) return notFound(c);
    const session = c.var.session!;
    const [calendar, email] = await Promise.all([getCalendar(c.var.db, session, contractId, today()), profileEmail(c.var.db, session)]);
    if (!calendar) return notFound(c);
    if (!email) return respond(c, calendar, email, { notice: "noEmail" }, 422);
    const { t, locale } = c.var;
    const { request } = c.req.valid("form");
    const fileKey = `calendar/${session.customerId}/${calendar.contractId}/${await sha256Hex(request)}.pdf`;
    const fileName = calendarFileName(calendar, t, "pdf");
    if (!c.env.FILES) throw new Error("R2 binding FILES is missing");
    await c.env.FILES.put(fileKey, await calendarPdf(c.env, calendar, t, locale), {
      httpMetadata: { contentType: "application/pdf", contentDisposition: `attachment; filename="${fileName}"` },
    });
    const result = await enqueueCalendarMail(c.var.db, session, calendar, {
      recipient: email,
      subject: fill(t.calendar.mailSubject, { contract: calendar.contractNumber }),
      body: fill(t.calendar.mailBody, { address: calendar.address, contract: calendar.contractNumber, provider: c.env.PROVIDER_NAME }),
      fileKey,
      fileName,
      dedupeKey: `calendar:${session.customerId}:${calendar.contractId}:${request}`,
    });
    if (result.sent) c.var.deliverOutbox();
    return respond(c, calendar, email, { notice: result.sent ? "sent" : "alreadySent", email }, 200);
  },
);

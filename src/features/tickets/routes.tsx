import { type Context, Hono } from "hono";
import * as z from "zod";
import { TicketFormBlock, type TicketFormState } from "../../../views/tickets/TicketForm.tsx";
import { TicketPage } from "../../../views/tickets/TicketPage.tsx";
import { NewTicketPage, TicketsPage } from "../../../views/tickets/TicketsPage.tsx";
import type { Messages } from "../../i18n/en.ts";
import { checkFiles, readUpload, storeFiles, UPLOAD_BODY_LIMIT } from "../../lib/attachments.ts";
import { declareBodyLimits } from "../../lib/body-limit.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill, formatDate } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { normalizeBelgianPhone } from "../../lib/phone.ts";
import { can } from "../../lib/principal.ts";
import { publicUrl } from "../../lib/public-links.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { threadReplyHandlers, uploadProblemText } from "../../lib/thread-replies.ts";
import { declare, right } from "../../lib/routes.ts";
import { customerAuthorLabel, MAX_MESSAGE, requesterContacts, threadDetail, threadQueries } from "../../lib/threads.ts";
import type { FormErrors } from "../../lib/validation.ts";
import { brusselsDate } from "../../lib/workdays.ts";
import { billingAddress, createTicket, detailOf, isSubject, NEEDS, type Needs, ticketFactsQuery, ticketsPage } from "./service.ts";

export const ticketsRoutes = new Hono<AppEnv>();

// 003 "Créer un ticket technique": part of the complaints application, for accounts with a mobile
// fleet only (tickets are about mobile lines): without the fleet every ticket page is "not found".
declare({
  "GET /tickets": right("complaints", "view"),
  "GET /tickets/new": right("complaints", "create"),
  "GET /tickets/new/form": right("complaints", "create"),
  "POST /tickets": right("complaints", "create"),
  "GET /tickets/:id": right("complaints", "view"),
  "POST /tickets/:id/messages": right("complaints", "create"),
  "POST /tickets/:id/close": right("complaints", "create"),
  "GET /tickets/:id/attachments/:attachmentId": right("complaints", "view"),
});
declareBodyLimits({ "POST /tickets": UPLOAD_BODY_LIMIT, "POST /tickets/:id/messages": UPLOAD_BODY_LIMIT });

const SCOPE = (c: Context<AppEnv>) => ({ customerId: c.var.session!.principal.customerId, kind: "ticket" as const });

// A waste customer never sees tickets: every ticket route is "not found" without the fleet.
ticketsRoutes.use("/tickets/*", async (c, next) => {
  if (!c.var.session || !can(c.var.session.principal, "fleet", "view")) return renderFailure(c, "not_found");
  await next();
});
ticketsRoutes.use("/tickets", async (c, next) => {
  if (!c.var.session || !can(c.var.session.principal, "fleet", "view")) return renderFailure(c, "not_found");
  await next();
});

const cursor = (value: string | undefined) => (value && /^\d{1,15}~\d{1,15}$/.test(value) ? value : null);

/** From today to a year ahead (Brussels days). */
function actionDates(now = Date.now()) {
  const today = brusselsDate(now);
  const next = new Date(`${today}T12:00:00Z`);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return { min: today, max: next.toISOString().slice(0, 10) };
}

ticketsRoutes.get("/tickets", async (c) => {
  const list = await ticketsPage(c.var.db, c.var.session!.principal, cursor(c.req.query("after")), cursor(c.req.query("before")));
  return renderPage(c, { title: c.var.t.tickets.title }, <TicketsPage list={list} />);
});

/** The form's state for a subject and detail from the query; the requester's contacts and the address prefilled. */
async function formState(c: Context<AppEnv>, query: { subject?: string; detail?: string }, values?: Record<string, string>, errors: FormErrors = {}): Promise<TicketFormState> {
  const subject = isSubject(query.subject) ? query.subject : null;
  const detail = detailOf(subject, query.detail);
  let prefilled = values;
  if (!prefilled && detail) {
    const session = c.var.session!;
    const [contacts, address] = await Promise.all([requesterContacts(c.var.db, session), NEEDS[detail].order ? billingAddress(c.var.db, session.customerId) : null]);
    const [, street = address?.street ?? "", number = ""] = address?.street.match(/^(.*?)\s+(\d+\S*)$/) ?? [];
    prefilled = {
      email: contacts.email ?? "",
      mobile: contacts.mobile ? contacts.mobile.replace(/^\+32/, "0") : "",
      ...(address ? { postcode: address.postcode, locality: address.city, street, houseNumber: number } : {}),
    };
  }
  return { subject, detail, values: prefilled ?? {}, errors, dates: actionDates() };
}

ticketsRoutes.get("/tickets/new", async (c) => {
  const state = await formState(c, c.req.query());
  return renderPage(c, { title: c.var.t.tickets.newTitle }, <NewTicketPage state={state} />);
});

/** htmx: the block after a change of subject or detail, swapped in place. */
ticketsRoutes.get("/tickets/new/form", async (c) => {
  const state = await formState(c, c.req.query());
  return renderPartial(c, <TicketFormBlock state={state} />);
});

function localize(issues: readonly { path: readonly PropertyKey[]; message: string }[], t: Messages): FormErrors {
  const out: FormErrors = {};
  const own = t.tickets.errors as Record<string, string>;
  for (const issue of issues) out[String(issue.path[0] ?? "form")] ??= own[issue.message] ?? t.errors.required;
  return out;
}

const text = (max: number, error: string, required = true) => {
  const base = z.string().trim().max(max, { error: "tooLongField" });
  return required ? z.string({ error }).trim().min(1, { error }).max(max, { error: "tooLongField" }) : base.optional().default("");
};
const mobileNumber = (error: string) =>
  z
    .string({ error })
    .trim()
    .transform((v, ctx) => {
      const phone = normalizeBelgianPhone(v);
      if (!phone?.startsWith("+324")) {
        ctx.addIssue({ code: "custom", message: error });
        return z.NEVER;
      }
      return phone;
    });

function ticketSchema(needs: Needs, dates: { min: string; max: string }) {
  return z.object({
    phoneNumber: needs.phone
      ? mobileNumber("phoneNumber")
      : z
          .unknown()
          .optional()
          .transform(() => null),
    actionDate: needs.date
      ? z
          .string({ error: "actionDate" })
          .trim()
          .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "actionDate" })
          .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && v >= dates.min && v <= dates.max, { error: "actionDate" })
      : z
          .unknown()
          .optional()
          .transform(() => null),
    message: needs.message
      ? z.string({ error: "message" }).trim().min(1, { error: "message" }).max(MAX_MESSAGE, { error: "messageTooLong" })
      : z.string().trim().max(MAX_MESSAGE, { error: "messageTooLong" }).optional().default(""),
    quantity: needs.order
      ? z
          .string({ error: "quantity" })
          .trim()
          .regex(/^\d{1,3}$/, { error: "quantity" })
          .transform(Number)
          .refine((n) => n >= 10 && n <= 200 && n % 10 === 0, { error: "quantity" })
      : z
          .unknown()
          .optional()
          .transform(() => null),
    postcode: needs.order
      ? z
          .string({ error: "postcode" })
          .trim()
          .regex(/^[1-9]\d{3}$/, { error: "postcode" })
      : z.unknown().optional(),
    locality: needs.order ? text(100, "locality") : z.unknown().optional(),
    street: needs.order ? text(100, "street") : z.unknown().optional(),
    houseNumber: needs.order ? text(10, "houseNumber") : z.unknown().optional(),
    suffix: needs.order ? text(10, "", false) : z.unknown().optional(),
    box: needs.order ? text(10, "", false) : z.unknown().optional(),
    email: z
      .string({ error: "email" })
      .trim()
      .min(1, { error: "email" })
      .max(254, { error: "email" })
      .pipe(z.email({ error: "email" })),
    mobile: z
      .string()
      .trim()
      .optional()
      .default("")
      .transform((v, ctx) => {
        if (v === "") return null;
        const phone = normalizeBelgianPhone(v);
        if (!phone) {
          ctx.addIssue({ code: "custom", message: "mobile" });
          return z.NEVER;
        }
        return phone;
      }),
  });
}

ticketsRoutes.post("/tickets", async (c) => {
  const { t, db, session } = c.var;
  const principal = session!.principal;
  // Authorized (declaration + fleet) before anything of the upload is read.
  const upload = await readUpload(c);
  const values = upload.fields;
  const subject = isSubject(values.subject) ? values.subject : null;
  const detail = detailOf(subject, values.detail);
  const k = t.tickets;
  if (!subject || !detail) {
    const errors: FormErrors = subject ? { detail: k.errors.detail } : { subject: k.errors.subject };
    return renderFailure(c, "invalid", { title: k.newTitle, content: <NewTicketPage state={await formState(c, { subject: values.subject, detail: values.detail }, values, errors)} /> });
  }
  const needs = NEEDS[detail];
  const parsed = ticketSchema(needs, actionDates()).safeParse(values);
  const errors: FormErrors = parsed.success ? {} : localize(parsed.error.issues, t);
  const checked = upload.problem ? { types: [], problem: upload.problem } : checkFiles(upload.files);
  if (checked.problem) errors.attachments = uploadProblemText(t, checked.problem);
  else if (needs.csv && !checked.types.includes("text/csv")) errors.attachments = k.errors.csvNeeded;
  if (!parsed.success || Object.keys(errors).length > 0) {
    return renderFailure(c, "invalid", { title: k.newTitle, content: <NewTicketPage state={await formState(c, { subject, detail }, values, errors)} /> });
  }
  const input = parsed.data;
  const stored = await storeFiles(c.env.FILES, upload.files, checked.types);
  const author = await customerAuthorLabel(db, session!);
  const title = `${k.subjects[subject]} – ${k.details[detail]}`;
  const mailValues = {
    reference: "{reference}",
    customer: session!.customerNumber,
    name: "",
    title,
    summary: [input.phoneNumber, input.actionDate, input.quantity !== null ? `${input.quantity} × SIM` : null].filter(Boolean).join(" · "),
    message: input.message,
    email: input.email,
    mobile: input.mobile ?? "",
  };
  const token = crypto.randomUUID();
  const result = await createTicket(
    db,
    principal,
    {
      subject,
      detail,
      title,
      phoneNumber: input.phoneNumber as string | null,
      actionDate: input.actionDate as string | null,
      message: input.message || title,
      quantity: input.quantity as number | null,
      address: needs.order
        ? {
            country: "BE",
            postcode: String(input.postcode),
            locality: String(input.locality),
            street: String(input.street),
            houseNumber: String(input.houseNumber),
            suffix: input.suffix ? String(input.suffix) : null,
            box: input.box ? String(input.box) : null,
          }
        : null,
      requesterEmail: input.email,
      requesterMobile: input.mobile,
    },
    author,
    stored,
    [
      { channel: "email", recipient: c.env.PROVIDER_EMAIL, subject: fill(k.mail.providerSubject, mailValues), body: fill(k.mail.providerBody, mailValues), dedupeKey: `ticket:${token}:provider` },
      {
        channel: "email",
        recipient: input.email,
        subject: fill(k.mail.customerSubject, mailValues),
        body: fill(k.mail.customerBody, { ...mailValues, link: publicUrl(c, "/tickets/{reference}"), provider: c.env.PROVIDER_NAME }),
        dedupeKey: `ticket:${token}:customer`,
      },
    ],
  );
  if (!result.ok) {
    const reason = result.reason === "quantity" ? k.errors.quantity : t.errors.forbidden;
    return renderFailure(c, result, { title: k.newTitle, content: <NewTicketPage state={await formState(c, { subject, detail }, values, { quantity: fill(k.errors.order, { reason }) })} /> });
  }
  c.var.deliverOutbox();
  const { id, order } = result.value;
  const query = order ? `?sent=1&delivery=${order.deliveryDate}` : "?sent=1";
  return redirectAfterPost(c, `/${c.var.locale}/tickets/${id}${query}`);
});

/** The ticket's page; with a failure ("conflict": closed, "invalid": the reply's errors) at its status. */
async function ticketPage(c: Context<AppEnv>, view: { values?: Record<string, string>; errors?: FormErrors; notice?: string } = {}, failure?: "conflict" | "invalid") {
  const id = idParam(c.req.param("id"));
  if (id === null) return renderFailure(c, "not_found");
  const { db } = c.var;
  const [heads, messages, files, facts] = await db.batch([...threadQueries(db, SCOPE(c), id), ticketFactsQuery(db, SCOPE(c).customerId, id)]);
  const detail = threadDetail([heads, messages, files]);
  if (!detail || !facts[0]) return renderFailure(c, "not_found");
  const page = { title: fill(c.var.t.tickets.detailTitle, { reference: String(id) }), content: <TicketPage detail={detail} facts={facts[0]} {...view} /> };
  return failure ? renderFailure(c, failure, page) : renderPage(c, { title: page.title }, page.content);
}

ticketsRoutes.get("/tickets/:id", async (c) => {
  const { t, locale } = c.var;
  const delivery = c.req.query("delivery");
  const reference = c.req.param("id");
  const notice = c.req.query("sent")
    ? delivery && /^\d{4}-\d{2}-\d{2}$/.test(delivery)
      ? fill(t.tickets.sentOrder, { reference, date: formatDate(locale, Date.parse(`${delivery}T12:00:00Z`)) })
      : fill(t.tickets.sent, { reference })
    : c.req.query("added")
      ? t.complaints.thread.sentReply
      : undefined;
  return ticketPage(c, { notice });
});

const replies = threadReplyHandlers("ticket", "tickets", ticketPage);
ticketsRoutes.post("/tickets/:id/messages", replies.reply);
ticketsRoutes.post("/tickets/:id/close", replies.close);
ticketsRoutes.get("/tickets/:id/attachments/:attachmentId", replies.attachment);

import { type Context, Hono } from "hono";
import * as z from "zod";
import { ComplaintPage } from "../../../views/complaints/ComplaintPage.tsx";
import { ComplaintsPage } from "../../../views/complaints/ComplaintsPage.tsx";
import type { Messages } from "../../i18n/en.ts";
import { UPLOAD_BODY_LIMIT } from "../../lib/attachments.ts";
import { declareBodyLimits } from "../../lib/body-limit.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { publicUrl } from "../../lib/public-links.ts";
import { redirectAfterPost, renderFailure, renderPage } from "../../lib/render.tsx";
import { threadReplyHandlers } from "../../lib/thread-replies.ts";
import { declare, right } from "../../lib/routes.ts";
import { customerAuthorLabel, MAX_MESSAGE, threadDetail, threadQueries, requesterContacts } from "../../lib/threads.ts";
import { formValues, type FormErrors } from "../../lib/validation.ts";
import { complaintFactsQuery, complaintsPage, contractsOf, customerName, fileComplaint, NATURES, serviceDateRange } from "./service.ts";

export const complaintsRoutes = new Hono<AppEnv>();

// 000 p.10: any account with the application files complaints; reading needs "view", writing "create".
declare({
  "GET /complaints": right("complaints", "view"),
  "POST /complaints": right("complaints", "create"),
  "GET /complaints/:id": right("complaints", "view"),
  "POST /complaints/:id/messages": right("complaints", "create"),
  "POST /complaints/:id/close": right("complaints", "create"),
  "GET /complaints/:id/attachments/:attachmentId": right("complaints", "view"),
});
declareBodyLimits({ "POST /complaints/:id/messages": UPLOAD_BODY_LIMIT });

const SCOPE = (c: Context<AppEnv>) => ({ customerId: c.var.session!.principal.customerId, kind: "complaint" as const });

/** A schema's message key in the user's language: this module's errors first, then the shared ones. */
function localize(issues: readonly { path: readonly PropertyKey[]; message: string }[], t: Messages): FormErrors {
  const out: FormErrors = {};
  const own = t.complaints.errors as Record<string, string>;
  const shared = t.errors as Record<string, string>;
  for (const issue of issues) out[String(issue.path[0] ?? "form")] ??= own[issue.message] ?? shared[issue.message] ?? t.errors.required;
  return out;
}

function complaintSchema(contracts: { contractNumber: string; service: string }[], dates: { min: string; max: string }) {
  const numbers = contracts.map((k) => k.contractNumber);
  const services = [...new Set(contracts.map((k) => k.service))];
  return z.object({
    contract: z
      .string({ error: "contract" })
      .trim()
      .refine((v) => numbers.includes(v), { error: "contract" }),
    service: z
      .string({ error: "service" })
      .trim()
      .refine((v) => services.includes(v), { error: "service" }),
    nature: z.enum(NATURES, { error: "nature" }),
    comment: z.string({ error: "comment" }).trim().min(1, { error: "comment" }).max(MAX_MESSAGE, { error: "commentTooLong" }),
    serviceDate: z
      .string({ error: "serviceDate" })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "serviceDate" })
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: "serviceDate" })
      .refine((v) => v <= dates.max, { error: "serviceDateFuture" })
      .refine((v) => v >= dates.min, { error: "serviceDateOld" }),
  });
}

const cursor = (value: string | undefined) => (value && /^\d{1,15}~\d{1,15}$/.test(value) ? value : null);

complaintsRoutes.get("/complaints", async (c) => {
  const principal = c.var.session!.principal;
  const data = await complaintsPage(c.var.db, principal, cursor(c.req.query("after")), cursor(c.req.query("before")));
  const sent = idParam(c.req.query("sent"));
  return renderPage(
    c,
    { title: c.var.t.complaints.title },
    <ComplaintsPage data={data} dates={serviceDateRange()} notice={sent ? fill(c.var.t.complaints.sent, { reference: String(sent) }) : undefined} />,
  );
});

complaintsRoutes.post("/complaints", async (c) => {
  const { t, db, session } = c.var;
  const principal = session!.principal;
  const form = await c.req.parseBody();
  const values = formValues(form);
  const dates = serviceDateRange();
  const contracts = await contractsOf(db, principal);
  const parsed = complaintSchema(contracts, dates).safeParse(values);
  if (!parsed.success) {
    const data = await complaintsPage(db, principal, null, null);
    return renderFailure(c, "invalid", { title: t.complaints.title, content: <ComplaintsPage data={data} dates={dates} values={values} errors={localize(parsed.error.issues, t)} /> });
  }
  const input = parsed.data;
  const contract = contracts.find((k) => k.contractNumber === input.contract)!;
  const author = await customerAuthorLabel(db, session!);
  const k = t.complaints;
  const nature = k.natures[input.nature];
  const [name, recipient] = await Promise.all([customerName(db, principal.customerId), confirmationAddress(c)]);
  const mailValues = {
    reference: "{reference}",
    customer: session!.customerNumber,
    name,
    contract: input.contract,
    service: input.service,
    nature,
    date: input.serviceDate,
    comment: input.comment,
    author,
  };
  const token = crypto.randomUUID();
  const mails = [
    {
      channel: "email" as const,
      recipient: c.env.PROVIDER_EMAIL,
      subject: fill(k.mail.providerSubject, mailValues),
      body: fill(k.mail.providerBody, mailValues),
      dedupeKey: `complaint:${token}:provider`,
    },
    ...(recipient
      ? [
          {
            channel: "email" as const,
            recipient,
            subject: fill(k.mail.customerSubject, mailValues),
            body: fill(k.mail.customerBody, { ...mailValues, link: publicUrl(c, "/complaints/{reference}"), provider: c.env.PROVIDER_NAME }),
            dedupeKey: `complaint:${token}:customer`,
          },
        ]
      : []),
  ];
  const id = await fileComplaint(
    db,
    principal,
    {
      contractId: contract.id,
      contractNumber: input.contract,
      service: input.service,
      nature: input.nature,
      comment: input.comment,
      serviceDate: input.serviceDate,
      title: `${nature} – ${input.contract}`,
    },
    author,
    mails,
  );
  c.var.deliverOutbox();
  return redirectAfterPost(c, `/${c.var.locale}/complaints/${id}?sent=1`);
});

/** Where the confirmation goes: the named user's e-mail address, else the account's contact address. */
async function confirmationAddress(c: Context<AppEnv>): Promise<string | null> {
  const contacts = await requesterContacts(c.var.db, c.var.session!);
  return contacts.email;
}

/** The complaint's page; with a failure ("conflict": closed, "invalid": the reply's errors) at its status. */
async function complaintPage(c: Context<AppEnv>, view: { values?: Record<string, string>; errors?: FormErrors; notice?: string } = {}, failure?: "conflict" | "invalid") {
  const id = idParam(c.req.param("id"));
  if (id === null) return renderFailure(c, "not_found");
  const { db } = c.var;
  const [heads, messages, files, facts] = await db.batch([...threadQueries(db, SCOPE(c), id), complaintFactsQuery(db, SCOPE(c).customerId, id)]);
  const detail = threadDetail([heads, messages, files]);
  if (!detail || !facts[0]) return renderFailure(c, "not_found");
  const page = { title: fill(c.var.t.complaints.detailTitle, { reference: String(id) }), content: <ComplaintPage detail={detail} facts={facts[0]} {...view} /> };
  return failure ? renderFailure(c, failure, page) : renderPage(c, { title: page.title }, page.content);
}

complaintsRoutes.get("/complaints/:id", async (c) => {
  const k = c.var.t.complaints;
  const notice = c.req.query("sent") ? fill(k.sent, { reference: c.req.param("id") }) : c.req.query("added") ? k.thread.sentReply : undefined;
  return complaintPage(c, { notice });
});

const replies = threadReplyHandlers("complaint", "complaints", complaintPage);
complaintsRoutes.post("/complaints/:id/messages", replies.reply);
complaintsRoutes.post("/complaints/:id/close", replies.close);
complaintsRoutes.get("/complaints/:id/attachments/:attachmentId", replies.attachment);

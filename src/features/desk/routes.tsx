import { Hono, type Context } from "hono";
import * as z from "zod";
import { ChangePage, type ChangeView } from "../../../views/desk/ChangePage.tsx";
import { CodePage, LoginPage, type LoginView } from "../../../views/desk/LoginPage.tsx";
import { OrderPage, type OrderView } from "../../../views/desk/OrderPage.tsx";
import { ChangeQueue, OrderQueue, ThreadQueue } from "../../../views/desk/QueuePages.tsx";
import { type DeskThreadView, ThreadPage } from "../../../views/desk/ThreadPage.tsx";
import { CHANGE_STATUSES, ORDER_STATUSES, THREAD_STATUSES, type ThreadKind } from "../../db/schema/enums.ts";
import { counter } from "../../lib/counters.ts";
import { randomToken } from "../../lib/crypto.ts";
import type { AppEnv } from "../../lib/env.ts";
import { catalogs, fill, isLocale } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { parseCursor } from "../../lib/keyset.ts";
import { DUMMY_HASH, verifyPassword } from "../../lib/password.ts";
import { publicOrigin } from "../../lib/public-links.ts";
import { redirectAfterPost } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
import { attachmentResponse } from "../../lib/threads.ts";
import { declare, PUBLIC, staffRoles } from "../../lib/routes.ts";
import { validForm } from "../../lib/validation.ts";
import { brusselsDate, isWorkingDay } from "../../lib/workdays.ts";
import { ALL_STAFF, codeAllowed, deskTokenMatches, loginAllowed } from "./auth.ts";
import { renderDesk, renderDeskFailure } from "./render.tsx";
import {
  acceptTotpStep,
  AGES,
  answerRecipient,
  answerThread,
  assignThread,
  changeDetail,
  changeQueue,
  decideChange,
  DESK_THREAD_STATUSES,
  findStaff,
  moveOrder,
  orderDetail,
  orderQueue,
  setThreadStatus,
  staffById,
  threadDetail,
  threadQueue,
  type Age,
  type ChangeDecision,
  type OrderStep,
  type ThreadDetail,
} from "./service.ts";
import { endDeskSession, loadDeskSession, startDeskSession } from "./session.ts";
import { matchingStep } from "./totp.ts";

/**
 * The provider's desk: its own login (password, then a TOTP code), its own session and its own
 * declarations (need kind "staff"; src/features/desk/auth.ts checks them). Queues across every
 * customer; each action is audited for the customer it concerns.
 */
export const deskRoutes = new Hono<AppEnv>();
/** "/desk" without a language: to the staff member's language, or the negotiated one. */
export const deskEntryRoutes = new Hono<AppEnv>();

const EVERYONE = staffRoles(...ALL_STAFF);
const THREAD_PATHS = { complaint: "complaints", ticket: "tickets" } as const satisfies Record<ThreadKind, string>;

declare({
  "GET /desk": EVERYONE,
  "GET /desk/login": PUBLIC,
  "POST /desk/login": PUBLIC,
  "GET /desk/login/code": PUBLIC,
  "POST /desk/login/code": PUBLIC,
  "POST /desk/logout": EVERYONE,
  "GET /desk/orders": EVERYONE,
  "GET /desk/orders/:id": EVERYONE,
  "POST /desk/orders/:id/confirm": EVERYONE,
  "POST /desk/orders/:id/deliver": EVERYONE,
  "POST /desk/orders/:id/cancel": EVERYONE,
  "GET /desk/changes": EVERYONE,
  "GET /desk/changes/:id": EVERYONE,
  "POST /desk/changes/:id/decide": EVERYONE,
});
for (const path of Object.values(THREAD_PATHS)) {
  declare({
    [`GET /desk/${path}`]: EVERYONE,
    [`GET /desk/${path}/:id`]: EVERYONE,
    [`POST /desk/${path}/:id/answer`]: EVERYONE,
    [`POST /desk/${path}/:id/status`]: EVERYONE,
    // Giving a thread to someone is a supervisor's; anyone may take it for themself.
    [`POST /desk/${path}/:id/assign`]: staffRoles("supervisor"),
    [`POST /desk/${path}/:id/take`]: EVERYONE,
    [`GET /desk/${path}/:id/attachments/:attachmentId`]: EVERYONE,
  });
}

const desk = (c: Context<AppEnv>) => c.var.deskSession!;
const home = (c: Context<AppEnv>, locale = c.var.locale) => `/${locale}/desk/complaints`;

deskEntryRoutes.get("/desk", (c) => {
  const language = desk(c).language;
  return c.redirect(home(c, isLocale(language) ? language : c.var.locale), 302);
});
deskRoutes.get("/desk", (c) => c.redirect(home(c), 302));

// ---------------------------------------------------------------------------------------------
// Login: username and password, then the code of the authenticator app.

const loginSchema = z.object({
  username: z.string().trim().min(1, { error: "required" }).max(100, { error: "required" }),
  password: z.string().min(1, { error: "required" }).max(200, { error: "required" }),
});
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "code" }),
});

function loginPage(c: Context<AppEnv>, view: LoginView, status: 200 | 401 | 422 | 429 = 200) {
  return renderDesk(c, { title: c.var.t.desk.login.title, status }, <LoginPage view={view} />);
}
function codePage(c: Context<AppEnv>, view: LoginView, status: 200 | 401 | 422 | 429 = 200) {
  return renderDesk(c, { title: c.var.t.desk.login.codeTitle, status }, <CodePage view={view} />);
}

deskRoutes.get("/desk/login", async (c) => {
  const session = await loadDeskSession(c);
  if (session?.stage === "full") return c.redirect(home(c), 303);
  return loginPage(c, { values: {}, expired: c.req.query("expired") === "1" });
});

deskRoutes.post(
  "/desk/login",
  validForm(loginSchema, (c, values, errors) => loginPage(c, { values: { username: values.username ?? "" }, errors }, 422)),
  async (c) => {
    const l = c.var.t.desk.login;
    const { username, password } = c.req.valid("form");
    const now = Date.now();
    // Counted before the password is checked: tries sent together are limited like tries in a row.
    if (!(await loginAllowed(c, username, now))) {
      c.header("Retry-After", "900");
      return loginPage(c, { values: { username }, notice: l.tooMany }, 429);
    }
    const member = await findStaff(c.var.db, username);
    // The same work whether the name exists or not: no way to learn which names exist.
    const passwordOk = await verifyPassword(password, member?.passwordHash ?? DUMMY_HASH);
    if (!member || !passwordOk || !member.active) return loginPage(c, { values: { username }, notice: l.wrong }, 401);
    await startDeskSession(c, {
      staffId: member.id,
      username: member.username,
      name: member.name,
      role: member.role,
      language: member.language,
      stage: "password",
    });
    return redirectAfterPost(c, `/${c.var.locale}/desk/login/code`);
  },
);

deskRoutes.get("/desk/login/code", async (c) => {
  const session = await loadDeskSession(c);
  if (!session) return c.redirect(`/${c.var.locale}/desk/login?expired=1`, 303);
  if (session.stage === "full") return c.redirect(home(c), 303);
  c.set("deskSession", session);
  return codePage(c, { values: {} });
});

deskRoutes.post(
  "/desk/login/code",
  validForm(codeSchema, async (c, values, errors) => {
    const session = await loadDeskSession(c);
    if (!session) return c.redirect(`/${c.var.locale}/desk/login?expired=1`, 303);
    c.set("deskSession", session);
    return codePage(c, { values: { code: values.code ?? "" }, errors: { code: errors.code ? c.var.t.desk.login.codeFormat : undefined } }, 422);
  }),
  async (c) => {
    const l = c.var.t.desk.login;
    const session = await loadDeskSession(c);
    if (session?.stage !== "password") return redirectAfterPost(c, `/${c.var.locale}/desk/login?expired=1`);
    c.set("deskSession", session);
    if (!(await deskTokenMatches(c, session))) return renderDeskFailure(c, "forbidden", c.var.t.errors.csrf, true);
    const now = Date.now();
    if (!(await codeAllowed(c, session.staffId, now))) {
      // Too many codes for this login: it starts over, and the limit holds for the next one too.
      await endDeskSession(c);
      c.header("Retry-After", "900");
      return loginPage(c, { values: { username: session.username }, notice: l.tooMany }, 429);
    }
    const { code } = c.req.valid("form");
    const member = await staffById(c.var.db, session.staffId);
    const step = member?.active ? matchingStep(member.totpSecret, code, member.totpLastStep, now) : null;
    // A code is good once: the step is taken in one guarded statement, so a replay (even at the same moment) is refused.
    if (!member || step === null || !(await acceptTotpStep(c.var.db, member.id, step, now))) {
      return codePage(c, { values: {}, errors: { code: l.codeWrong } }, 401);
    }
    await startDeskSession(c, { staffId: member.id, username: member.username, name: member.name, role: member.role, language: member.language, stage: "full" }, now);
    return redirectAfterPost(c, home(c, member.language));
  },
);

deskRoutes.post("/desk/logout", async (c) => {
  await endDeskSession(c);
  return redirectAfterPost(c, `/${c.var.locale}/desk/login`);
});

// ---------------------------------------------------------------------------------------------
// Queues: one status, optionally older than some days, oldest first, a page at a time (keyset).

function queueFilter<S extends string>(c: Context<AppEnv>, statuses: readonly S[], fallback: S) {
  const status = c.req.query("status");
  const age = Number(c.req.query("age") ?? 0);
  return {
    status: statuses.includes(status as S) ? (status as S) : fallback,
    age: (AGES as readonly number[]).includes(age) ? (age as Age) : 0,
    after: parseCursor(c.req.query("after")),
  };
}

for (const [kind, path] of Object.entries(THREAD_PATHS) as [ThreadKind, string][]) {
  deskRoutes.get(`/desk/${path}`, async (c) => {
    const filter = queueFilter(c, THREAD_STATUSES, "new");
    const page = await threadQueue(c.var.db, kind, filter);
    return renderDesk(c, { title: c.var.t.desk.queues[kind] }, <ThreadQueue kind={kind} path={path} filter={filter} page={page} />);
  });
}

deskRoutes.get("/desk/orders", async (c) => {
  const filter = queueFilter(c, ORDER_STATUSES, "ordered");
  const page = await orderQueue(c.var.db, filter);
  return renderDesk(c, { title: c.var.t.desk.queues.order }, <OrderQueue filter={filter} page={page} />);
});

deskRoutes.get("/desk/changes", async (c) => {
  const filter = queueFilter(c, CHANGE_STATUSES, "requested");
  const page = await changeQueue(c.var.db, filter);
  return renderDesk(c, { title: c.var.t.desk.queues.change }, <ChangeQueue filter={filter} page={page} />);
});

// ---------------------------------------------------------------------------------------------
// A complaint or a ticket: read, answer, status, assign.

const answerSchema = z.object({
  body: z.string().trim().min(1, { error: "required" }).max(5000, { error: "tooLong" }),
  submission: z.string().regex(/^[\w-]{16,64}$/, { error: "required" }),
});
const statusSchema = z.object({ status: z.enum(DESK_THREAD_STATUSES, { error: "choice" }) });
const assignSchema = z.object({ staffId: z.union([z.literal(""), z.string().regex(/^[1-9]\d{0,14}$/)], { error: "choice" }) });

for (const [kind, path] of Object.entries(THREAD_PATHS) as [ThreadKind, string][]) {
  const base = (c: Context<AppEnv>, id: number) => `/${c.var.locale}/desk/${path}/${id}`;
  const load = async (c: Context<AppEnv>) => {
    const id = idParam(c.req.param("id"));
    return id === null ? null : threadDetail(c.var.db, kind, id);
  };
  /** The thread's page; "invalid" when a form of it comes back with its errors (422). */
  const page = (c: Context<AppEnv>, detail: ThreadDetail, view: DeskThreadView, failure?: "invalid") => {
    const title = fill(c.var.t.desk.thread.title, { title: detail.thread.title });
    const content = <ThreadPage path={path} detail={detail} view={view} />;
    return failure ? renderDeskFailure(c, failure, { title, content }) : renderDesk(c, { title }, content);
  };

  deskRoutes.get(`/desk/${path}/:id`, async (c) => {
    const detail = await load(c);
    if (!detail) return renderDeskFailure(c, "not_found");
    const done = c.req.query("done");
    const notice = done && done in c.var.t.desk.thread.done ? c.var.t.desk.thread.done[done as keyof typeof c.var.t.desk.thread.done] : undefined;
    return page(c, detail, { notice, submission: randomToken(16) });
  });

  deskRoutes.get(`/desk/${path}/:id/attachments/:attachmentId`, async (c) => {
    const id = idParam(c.req.param("id"));
    const attachmentId = idParam(c.req.param("attachmentId"));
    const response = id === null || attachmentId === null ? null : await attachmentResponse(c.var.db, c.env.FILES, { customerId: null, kind }, id, attachmentId, () => "");
    // A document of the account (a contested invoice) is the customer's page, not the desk's: not served here yet.
    if (!response || response.status === 303) return renderDeskFailure(c, "not_found");
    return response;
  });

  deskRoutes.post(
    `/desk/${path}/:id/answer`,
    validForm(answerSchema, async (c, values, errors) => {
      const detail = await load(c);
      if (!detail) return renderDeskFailure(c, "not_found");
      const message = errors.body ? (values.body?.trim() ? fill(c.var.t.desk.thread.tooLong, { max: 5000 }) : c.var.t.desk.thread.bodyRequired) : undefined;
      return page(c, detail, { answer: values.body ?? "", errors: { body: message ?? c.var.t.errors.csrf }, submission: randomToken(16) }, "invalid");
    }),
    async (c) => {
      const detail = await load(c);
      if (!detail) return renderDeskFailure(c, "not_found");
      const { body, submission } = c.req.valid("form");
      const now = Date.now();
      // A double submit of the same form answers once.
      const first = await counter(c.env.COUNTERS, `desk-submit:${submission}`).claim(24 * 3600 * 1000, now);
      if (first) {
        const recipient = answerRecipient(detail);
        const lang = detail.thread.customerLanguage;
        const m = catalogs[lang].desk.mail;
        const link = `${publicOrigin(c)}/${lang}/${path}/${detail.thread.id}`;
        const mail = recipient
          ? { recipient, subject: fill(m.answerSubject, { title: detail.thread.title }), body: fill(m.answerBody, { title: detail.thread.title, body, link, provider: c.env.PROVIDER_NAME }) }
          : null;
        await answerThread(c.var.db, desk(c), detail, body, mail, submission, now);
        c.var.deliverOutbox();
      }
      return redirectAfterPost(c, `${base(c, detail.thread.id)}?done=answered`);
    },
  );

  deskRoutes.post(
    `/desk/${path}/:id/status`,
    validForm(statusSchema, async (c) => {
      const detail = await load(c);
      if (!detail) return renderDeskFailure(c, "not_found");
      return page(c, detail, { errors: { status: c.var.t.errors.choice }, submission: randomToken(16) }, "invalid");
    }),
    async (c) => {
      const detail = await load(c);
      if (!detail) return renderDeskFailure(c, "not_found");
      await setThreadStatus(c.var.db, desk(c), detail, c.req.valid("form").status);
      return redirectAfterPost(c, `${base(c, detail.thread.id)}?done=status`);
    },
  );

  deskRoutes.post(
    `/desk/${path}/:id/assign`,
    validForm(assignSchema, async (c) => {
      const detail = await load(c);
      if (!detail) return renderDeskFailure(c, "not_found");
      return page(c, detail, { errors: { staffId: c.var.t.errors.choice }, submission: randomToken(16) }, "invalid");
    }),
    async (c) => {
      const detail = await load(c);
      if (!detail) return renderDeskFailure(c, "not_found");
      const { staffId } = c.req.valid("form");
      const to = staffId === "" ? null : (detail.staff.find((s) => s.id === Number(staffId)) ?? undefined);
      if (to === undefined) return page(c, detail, { errors: { staffId: c.var.t.errors.choice }, submission: randomToken(16) }, "invalid");
      await assignThread(c.var.db, desk(c), detail, to);
      return redirectAfterPost(c, `${base(c, detail.thread.id)}?done=assigned`);
    },
  );

  deskRoutes.post(`/desk/${path}/:id/take`, async (c) => {
    const detail = await load(c);
    if (!detail) return renderDeskFailure(c, "not_found");
    const me = desk(c);
    if (detail.thread.assignedStaffId !== me.staffId) await assignThread(c.var.db, me, detail, { id: me.staffId, name: me.name, role: me.role });
    return redirectAfterPost(c, `${base(c, detail.thread.id)}?done=assigned`);
  });
}

// ---------------------------------------------------------------------------------------------
// An order: confirm with a delivery date, deliver, cancel.

const confirmSchema = z.object({
  deliveryDate: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "required" }),
});

async function loadOrder(c: Context<AppEnv>) {
  const id = idParam(c.req.param("id"));
  return id === null ? null : orderDetail(c.var.db, id);
}
/** The order's page; with a failure ("conflict": not at this step now, "invalid": the form's errors) at its status. */
async function orderPage(c: Context<AppEnv>, view: OrderView, failure?: "conflict" | "invalid") {
  const order = found(await loadOrder(c));
  if (!order.ok) return renderDeskFailure(c, order);
  const page = { title: fill(c.var.t.desk.order.title, { id: order.value.id }), content: <OrderPage order={order.value} view={view} /> };
  return failure ? renderDeskFailure(c, failure, page) : renderDesk(c, { title: page.title }, page.content);
}

deskRoutes.get("/desk/orders/:id", (c) => {
  const done = c.req.query("done");
  const words = c.var.t.desk.order.done;
  return orderPage(c, { notice: done && done in words ? words[done as keyof typeof words] : undefined });
});

/** A real calendar day, today or later, and a Belgian working day. */
function deliveryDateProblem(c: Context<AppEnv>, value: string): string | null {
  const o = c.var.t.desk.order;
  const parsed = new Date(`${value}T12:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) return o.dateInvalid;
  if (value < brusselsDate(Date.now())) return o.datePast;
  if (!isWorkingDay(value)) return o.dateNotWorkingDay;
  return null;
}

deskRoutes.post(
  "/desk/orders/:id/confirm",
  validForm(confirmSchema, (c, values) => orderPage(c, { deliveryDate: values.deliveryDate ?? "", errors: { deliveryDate: c.var.t.desk.order.dateInvalid } }, "invalid")),
  async (c) => {
    const order = await loadOrder(c);
    if (!order) return renderDeskFailure(c, "not_found");
    const { deliveryDate } = c.req.valid("form");
    const problem = deliveryDateProblem(c, deliveryDate);
    if (problem) return orderPage(c, { deliveryDate, errors: { deliveryDate: problem } }, "invalid");
    if (!(await moveOrder(c.var.db, desk(c), order, "confirm", deliveryDate))) return orderPage(c, { notice: c.var.t.desk.order.notNow, error: true }, "conflict");
    return redirectAfterPost(c, `/${c.var.locale}/desk/orders/${order.id}?done=confirmed`);
  },
);

for (const step of ["deliver", "cancel"] as const satisfies OrderStep[]) {
  deskRoutes.post(`/desk/orders/:id/${step}`, async (c) => {
    const order = await loadOrder(c);
    if (!order) return renderDeskFailure(c, "not_found");
    if (!(await moveOrder(c.var.db, desk(c), order, step, null))) return orderPage(c, { notice: c.var.t.desk.order.notNow, error: true }, "conflict");
    return redirectAfterPost(c, `/${c.var.locale}/desk/orders/${order.id}?done=${step === "deliver" ? "delivered" : "cancelled"}`);
  });
}

// ---------------------------------------------------------------------------------------------
// A change request: accept, refuse (with a note), done.

const decideSchema = z.object({
  decision: z.enum(["accept", "refuse", "done"], { error: "choice" }),
  note: z.string().trim().max(1000, { error: "tooLong" }).optional(),
});

async function loadChange(c: Context<AppEnv>) {
  const id = idParam(c.req.param("id"));
  return id === null ? null : changeDetail(c.var.db, id);
}
/** The change request's page; with a failure ("conflict": already decided, "invalid": the form's errors) at its status. */
async function changePage(c: Context<AppEnv>, view: ChangeView, failure?: "conflict" | "invalid") {
  const change = found(await loadChange(c));
  if (!change.ok) return renderDeskFailure(c, change);
  const page = { title: fill(c.var.t.desk.change.title, { id: change.value.id }), content: <ChangePage change={change.value} view={view} /> };
  return failure ? renderDeskFailure(c, failure, page) : renderDesk(c, { title: page.title }, page.content);
}

deskRoutes.get("/desk/changes/:id", (c) => {
  const done = c.req.query("done");
  const words = c.var.t.desk.change.done;
  return changePage(c, { notice: done && done in words ? words[done as keyof typeof words] : undefined });
});

deskRoutes.post(
  "/desk/changes/:id/decide",
  validForm(decideSchema, (c, values, errors) => {
    const ch = c.var.t.desk.change;
    return changePage(
      c,
      { decision: values.decision ?? "", note: values.note ?? "", errors: { decision: errors.decision, note: errors.note ? fill(ch.noteTooLong, { max: 1000 }) : undefined } },
      "invalid",
    );
  }),
  async (c) => {
    const change = await loadChange(c);
    if (!change) return renderDeskFailure(c, "not_found");
    const { decision, note } = c.req.valid("form");
    if (decision === "refuse" && !note) return changePage(c, { decision, note: "", errors: { note: c.var.t.desk.change.noteRequired } }, "invalid");
    if (!(await decideChange(c.var.db, desk(c), change, decision as ChangeDecision, note || null))) return changePage(c, { notice: c.var.t.desk.change.notNow, error: true }, "conflict");
    return redirectAfterPost(c, `/${c.var.locale}/desk/changes/${change.id}?done=${decision}`);
  },
);

import { Hono } from "hono";
import { auditInsert } from "../../lib/audit.ts";
import { startSession, endSession } from "../../lib/auth.ts";
import { endAllSessions } from "../../lib/session.ts";
import { codePrincipal } from "../../lib/principal.ts";
import type { AppEnv } from "../../lib/env.ts";
import { afterResponse } from "../../lib/after-response.ts";
import { fill } from "../../lib/i18n.ts";
import { clientKey, hit, limits } from "../../lib/rate-limit.ts";
import { redirectAfterPost, renderPage, renderPartial } from "../../lib/render.tsx";
import { validForm } from "../../lib/validation.ts";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { CodeRequestForm, CodeSent } from "../../../views/auth/CodeDialog.tsx";
import { LoginPage, type LoginNotice } from "../../../views/auth/LoginPage.tsx";
import { codeLoginSchema, codeRequestSchema } from "./schemas.ts";
import { loginWithCode, sendLoginCode, storeLoginCode } from "./service.ts";
import type { Context } from "hono";

export const authRoutes = new Hono<AppEnv>();

declare({
  "GET /login": PUBLIC,
  "POST /login": PUBLIC,
  "GET /login/code": PUBLIC,
  "POST /login/code": PUBLIC,
  // Logging out needs no session: without one it only clears the cookie.
  "POST /logout": PUBLIC,
  "POST /logout/everywhere": PUBLIC,
});

/** The "Get a code" form is a page of its own without JavaScript, and swaps into the login page with it. */
const inDialog = (c: Context<AppEnv>) => (c.req.header("HX-Target") ?? "").endsWith("#code-dialog");

authRoutes.get("/login", (c) => {
  const { t } = c.var;
  if (c.var.session) return c.redirect(`/${c.var.locale}/home`, 303);
  const loggedOut = c.req.query("loggedout");
  const notice: LoginNotice | undefined = loggedOut
    ? { kind: "ok", text: loggedOut === "everywhere" ? t.login.loggedOutEverywhere : t.login.loggedOut }
    : c.req.query("expired")
      ? { text: t.login.expired }
      : undefined;
  return renderPage(c, { title: t.login.title }, <LoginPage values={{ customerNumber: c.req.query("customerNumber") ?? "" }} notice={notice} />);
});

authRoutes.post(
  "/login",
  validForm(codeLoginSchema, (c, values, errors) => renderPage(c, { title: c.var.t.login.title, status: 422 }, <LoginPage values={values} errors={errors} />)),
  async (c) => {
    const { t, locale } = c.var;
    const input = c.req.valid("form");
    const values = { contractNumber: input.contractNumber, customerNumber: input.customerNumber, acceptTerms: "on" };
    const allowed = (await hit(c.env.COUNTERS, limits.loginPerClient, clientKey(c.req.raw))) && (await hit(c.env.COUNTERS, limits.loginPerCustomer, input.customerNumber));
    if (!allowed) return renderPage(c, { title: t.login.title, status: 429 }, <LoginPage values={values} errors={{ form: t.login.tooMany }} />);
    const login = await loginWithCode(c.var.db, c.env.KV, c.env.COUNTERS, input);
    if (login === "used-up") return renderPage(c, { title: t.login.title, status: 422 }, <LoginPage values={values} errors={{ form: t.login.usedUp }} />);
    if (!login) return renderPage(c, { title: t.login.title, status: 422 }, <LoginPage values={values} errors={{ form: t.login.failed }} />);
    const principal = await codePrincipal(c.var.db, login.customerId, login.customerNumber);
    await startSession(c, { ...login, subject: `customer:${login.customerId}`, via: "code", userId: null, principal });
    return redirectAfterPost(c, `/${locale}/home`);
  },
);

authRoutes.get("/login/code", (c) => {
  const view = <CodeRequestForm values={{ customerNumber: c.req.query("customerNumber") ?? "" }} />;
  return inDialog(c) ? renderPartial(c, view) : renderPage(c, { title: c.var.t.code.title }, view);
});

authRoutes.post(
  "/login/code",
  validForm(codeRequestSchema, (c, values, errors) => {
    const view = <CodeRequestForm values={values} errors={errors} />;
    return inDialog(c) ? renderPartial(c, view, 422) : renderPage(c, { title: c.var.t.code.title, status: 422 }, view);
  }),
  async (c) => {
    const { t } = c.var;
    const input = c.req.valid("form");
    const allowed = (await hit(c.env.COUNTERS, limits.codeRequestPerClient, clientKey(c.req.raw))) && (await hit(c.env.COUNTERS, limits.codeRequestPerCustomer, input.customerNumber));
    if (!allowed) {
      const view = <CodeRequestForm values={input} errors={{ form: t.code.tooMany }} />;
      return inDialog(c) ? renderPartial(c, view, 429) : renderPage(c, { title: t.code.title, status: 429 }, view);
    }
    // The code is stored now (the same KV work for any number); finding the contact, the
    // message and the audit come after the answer, so a known number answers no slower.
    const code = await storeLoginCode(c.env.KV, input.customerNumber);
    afterResponse(c, "login code", () =>
      sendLoginCode(c.var.db, input, {
        subject: t.code.messageSubject,
        body: fill(t.code.messageBody, { customer: input.customerNumber, code }),
      }),
    );
    const view = <CodeSent customerNumber={input.customerNumber} channel={input.channel} />;
    return inDialog(c) ? renderPartial(c, view) : renderPage(c, { title: t.code.title }, view);
  },
);

authRoutes.post("/logout/everywhere", async (c) => {
  const session = c.var.session;
  if (session) {
    await endAllSessions(c.env.KV, session.subject);
    await c.var.db.batch([auditInsert(c.var.db, { actor: session.principal.actor, customerId: session.customerId, action: "session.logout_everywhere" })]);
  }
  await endSession(c);
  return redirectAfterPost(c, `/${c.var.locale}/login?loggedout=everywhere`);
});

authRoutes.post("/logout", async (c) => {
  await endSession(c);
  return redirectAfterPost(c, `/${c.var.locale}/login?loggedout=1`);
});

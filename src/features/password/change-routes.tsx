import { Hono, type Context } from "hono";
import { startSession } from "../../lib/auth.ts";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderError, renderPage } from "../../lib/render.tsx";
import { declare, SESSION } from "../../lib/routes.ts";
import { endAllSessions } from "../../lib/session.ts";
import { validForm, type FormErrors } from "../../lib/validation.ts";
import { ChangePasswordPage } from "../../../views/password/ChangePasswordPage.tsx";
import { problemErrors } from "../../../views/password/NewPasswordFields.tsx";
import { attemptPolicies, attemptSucceeded, beginAttempt } from "./attempts.ts";
import { changePassword } from "./change.ts";
import { retryAfter, waitText } from "./http.ts";
import { changePasswordSchema } from "./schemas.ts";

export const changeRoutes = new Hono<AppEnv>();

// Every named user may change their own password, whatever their profile or rights: SESSION.
// A code login may open the page too, but has no password of its own: the page says so (200)
// and a post is a conflict (409), not a denial: nothing is forbidden, there is nothing to change.
declare({ "GET /password/change": SESSION, "POST /password/change": SESSION });

const noPasswordHere = (c: Context<AppEnv>, status: 200 | 409) => renderPage(c, { title: c.var.t.password.change.title, status }, <ChangePasswordPage codeLogin />);
const page = (c: Context<AppEnv>, errors: FormErrors, status: 422 | 429) => renderPage(c, { title: c.var.t.password.change.title, status }, <ChangePasswordPage errors={errors} />);

changeRoutes.get("/password/change", (c) => {
  if (c.var.session?.userId === null) return noPasswordHere(c, 200);
  return renderPage(c, { title: c.var.t.password.change.title }, <ChangePasswordPage done={c.req.query("changed") === "1"} />);
});

changeRoutes.post(
  "/password/change",
  validForm(changePasswordSchema, (c, _values, errors) => (c.var.session?.userId === null ? noPasswordHere(c, 409) : page(c, errors, 422))),
  async (c) => {
    const { t, locale } = c.var;
    const session = c.var.session!;
    if (session.userId === null) return noPasswordHere(c, 409);
    const attempts = await beginAttempt(c.env.COUNTERS, [[attemptPolicies.change, `user:${session.userId}`]]);
    if (attempts.waitMs > 0) {
      retryAfter(c, attempts.waitMs);
      return page(c, { form: waitText(t, attempts.waitMs) }, 429);
    }
    const result = await changePassword(c.var.db, session, c.req.valid("form"));
    if (!result) return renderError(c, 403, t.errors.forbidden);
    if (!result.ok) {
      // Only a wrong current password counts; a new password that breaks a rule is no guess.
      if (!result.wrongCurrent) await attemptSucceeded(attempts, attemptPolicies.change);
      const errors = result.problems ? problemErrors(t, result.problems) : {};
      return page(c, { ...errors, current: result.wrongCurrent ? t.password.change.wrongCurrent : undefined }, 422);
    }
    await attemptSucceeded(attempts, attemptPolicies.change);
    // Whoever knew the old password is logged out everywhere; this browser goes on under a new id.
    if (result.changed) await endAllSessions(c.env.KV, session.subject);
    const { subject, via, userId, customerId, customerNumber, contractNumber, termsVersionId, principal } = session;
    await startSession(c, { subject, via, userId, customerId, customerNumber, contractNumber, termsVersionId, principal });
    return redirectAfterPost(c, `/${locale}/password/change?changed=1`);
  },
);

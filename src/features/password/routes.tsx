import { Hono } from "hono";
import { startSession } from "../../lib/auth.ts";
import type { AppEnv } from "../../lib/env.ts";
import { clientKey } from "../../lib/rate-limit.ts";
import { redirectAfterPost, renderError, renderPage } from "../../lib/render.tsx";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { validForm } from "../../lib/validation.ts";
import { PasswordLoginPage } from "../../../views/password/PasswordLoginPage.tsx";
import { attemptPolicies, attemptSucceeded, attemptWithdrawn, beginAttempt } from "./attempts.ts";
import { changeRoutes } from "./change-routes.tsx";
import { retryAfter, waitText } from "./http.ts";
import { invitationRoutes } from "./invitation-routes.tsx";
import { recoveryRoutes } from "./recovery-routes.tsx";
import { passwordLoginSchema } from "./schemas.ts";
import { findLoginCandidate, loginWithPassword } from "./service.ts";

export const passwordRoutes = new Hono<AppEnv>();

declare({ "GET /login/password": PUBLIC, "POST /login/password": PUBLIC });

/**
 * PBKDF2 runs on the isolate's one thread (about 50 ms a check). A burst of a hundred logins
 * would hold it for seconds, and every other request's database answers would wait behind the
 * hashing until they time out. Beyond this many checks at once, the isolate says "busy" at once
 * instead. A plain number: no I/O object is shared between requests.
 */
const MAX_CHECKS_AT_ONCE = 8;
let checksRunning = 0;

passwordRoutes.get("/login/password", (c) => {
  const { t } = c.var;
  if (c.var.session) return c.redirect(`/${c.var.locale}/home`, 303);
  // Where the reset and invitation pages send the user once their password is set.
  const done = c.req.query("done");
  const notice = done === "reset" ? t.password.resetDone : done === "invitation" ? t.password.invitationDone : undefined;
  return renderPage(c, { title: t.password.title }, <PasswordLoginPage notice={notice} />);
});

passwordRoutes.post(
  "/login/password",
  validForm(passwordLoginSchema, (c, values, errors) =>
    renderPage(c, { title: c.var.t.password.title, status: 422 }, <PasswordLoginPage values={{ identifier: values.identifier ?? "" }} errors={errors} />),
  ),
  async (c) => {
    const { t, locale } = c.var;
    const input = c.req.valid("form");
    const values = { identifier: input.identifier };
    // Counted per user (whichever of its names was typed), per typed name when nobody has it,
    // and per client: a known and an unknown name are locked alike.
    const candidate = await findLoginCandidate(c.var.db, input.identifier);
    const attempts = await beginAttempt(c.env.COUNTERS, [
      [attemptPolicies.account, candidate ? `user:${candidate.id}` : `name:${input.identifier}`],
      [attemptPolicies.client, clientKey(c.req.raw)],
    ]);
    if (attempts.waitMs > 0) {
      retryAfter(c, attempts.waitMs);
      return renderPage(c, { title: t.password.title, status: 429 }, <PasswordLoginPage values={values} errors={{ form: waitText(t, attempts.waitMs) }} />);
    }
    if (checksRunning >= MAX_CHECKS_AT_ONCE) {
      await attemptWithdrawn(attempts);
      c.header("Retry-After", "5");
      return renderError(c, 503, t.errors.unavailable);
    }
    checksRunning += 1;
    const login = await loginWithPassword(c.var.db, candidate, input.password).finally(() => {
      checksRunning -= 1;
    });
    if (!login) {
      return renderPage(c, { title: t.password.title, status: 422 }, <PasswordLoginPage values={values} errors={{ form: t.password.failed }} />);
    }
    await attemptSucceeded(attempts, attemptPolicies.account);
    await startSession(c, {
      subject: `user:${login.userId}`,
      via: "password",
      userId: login.userId,
      customerId: login.customerId,
      customerNumber: login.customerNumber,
      contractNumber: null,
      termsVersionId: login.termsVersionId,
      principal: login.principal,
    });
    return redirectAfterPost(c, `/${locale}/home`);
  },
);

passwordRoutes.route("/", changeRoutes);
passwordRoutes.route("/", recoveryRoutes);
passwordRoutes.route("/", invitationRoutes);

import { Hono } from "hono";
import { startSession } from "../../lib/auth.ts";
import type { AppEnv } from "../../lib/env.ts";
import { clientKey } from "../../lib/rate-limit.ts";
import { redirectAfterPost, renderPage } from "../../lib/render.tsx";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { validForm } from "../../lib/validation.ts";
import { PasswordLoginPage } from "../../../views/password/PasswordLoginPage.tsx";
import { attemptPolicies, checkAttempts, clearFailures, recordFailure } from "./attempts.ts";
import { changeRoutes } from "./change-routes.tsx";
import { retryAfter, waitText } from "./http.ts";
import { invitationRoutes } from "./invitation-routes.tsx";
import { recoveryRoutes } from "./recovery-routes.tsx";
import { passwordLoginSchema } from "./schemas.ts";
import { loginWithPassword } from "./service.ts";

export const passwordRoutes = new Hono<AppEnv>();

declare({ "GET /login/password": PUBLIC, "POST /login/password": PUBLIC });

passwordRoutes.get("/login/password", (c) => {
  const { t } = c.var;
  if (c.var.session) return c.redirect(`/${c.var.locale}/home`, 303);
  // Where the reset and invitation pages send the user once their password is set.
  const done = c.req.query("done");
  const notice = done === "reset" ? t.password.resetDone : done === "invitation" ? t.password.invitationDone : undefined;
  return renderPage(c, { title: t.password.title }, <PasswordLoginPage c={c} notice={notice} />);
});

passwordRoutes.post(
  "/login/password",
  validForm(passwordLoginSchema, (c, values, errors) => renderPage(c, { title: c.var.t.password.title, status: 422 }, <PasswordLoginPage c={c} values={{ identifier: values.identifier ?? "" }} errors={errors} />)),
  async (c) => {
    const { t, locale } = c.var;
    const input = c.req.valid("form");
    const values = { identifier: input.identifier };
    // Counted per typed identifier and per client, whether the user exists or not.
    const attempts = await checkAttempts(c.env.KV, [
      [attemptPolicies.account, input.identifier],
      [attemptPolicies.client, clientKey(c.req.raw)],
    ]);
    if (attempts.waitMs > 0) {
      retryAfter(c, attempts.waitMs);
      return renderPage(c, { title: t.password.title, status: 429 }, <PasswordLoginPage c={c} values={values} errors={{ form: waitText(t, attempts.waitMs) }} />);
    }
    const login = await loginWithPassword(c.var.db, input);
    if (!login) {
      await recordFailure(c.env.KV, attempts);
      return renderPage(c, { title: t.password.title, status: 422 }, <PasswordLoginPage c={c} values={values} errors={{ form: t.password.failed }} />);
    }
    await clearFailures(c.env.KV, attempts, attemptPolicies.account);
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

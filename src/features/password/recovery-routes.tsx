import { Hono, type Context } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { clientKey, hit, type Limit } from "../../lib/rate-limit.ts";
import { redirectAfterPost, renderPage } from "../../lib/render.tsx";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { endAllSessions } from "../../lib/session.ts";
import { validForm, type FormErrors } from "../../lib/validation.ts";
import { ForgotPasswordPage } from "../../../views/password/ForgotPasswordPage.tsx";
import { ForgotUsernamePage } from "../../../views/password/ForgotUsernamePage.tsx";
import { LinkRefusedPage } from "../../../views/password/LinkRefusedPage.tsx";
import { problemErrors } from "../../../views/password/NewPasswordFields.tsx";
import { ResetPasswordPage } from "../../../views/password/ResetPasswordPage.tsx";
import { noStore } from "./http.ts";
import { afterResponse } from "../../lib/after-response.ts";
import { publicUrl } from "../../lib/public-links.ts";
import { requestPasswordReset, resetLink, resetPassword, sendUsernames } from "./recovery.ts";
import { emailSchema, identifierSchema, newPasswordSchema } from "./schemas.ts";

export const recoveryRoutes = new Hono<AppEnv>();

declare({
  "GET /password/forgot": PUBLIC,
  "POST /password/forgot": PUBLIC,
  "GET /password/reset/:token": PUBLIC,
  "POST /password/reset/:token": PUBLIC,
  "GET /username/forgot": PUBLIC,
  "POST /username/forgot": PUBLIC,
});

const recoveryLimits = {
  perClient: { name: "recovery-client", max: 10, windowSeconds: 15 * 60 },
  // Past this, requests for the same name or address are answered alike but send nothing: no mail bombing.
  perIdentifier: { name: "recovery-id", max: 3, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

// ---- Forgotten password: ask for a link -------------------------------------------------------

const forgotPage = (c: Context<AppEnv>, props: { values?: Record<string, string>; errors?: FormErrors; sent?: boolean }, status: 200 | 422 | 429 = 200) =>
  renderPage(c, { title: c.var.t.password.forgot.title, status }, <ForgotPasswordPage {...props} />);

recoveryRoutes.get("/password/forgot", (c) => forgotPage(c, {}));

recoveryRoutes.post(
  "/password/forgot",
  validForm(identifierSchema, (c, values, errors) => forgotPage(c, { values, errors }, 422)),
  async (c) => {
    const { t } = c.var;
    const { identifier } = c.req.valid("form");
    if (!(await hit(c.env.COUNTERS, recoveryLimits.perClient, clientKey(c.req.raw)))) return forgotPage(c, { values: { identifier }, errors: { form: t.password.forgot.tooMany } }, 429);
    if (await hit(c.env.COUNTERS, recoveryLimits.perIdentifier, identifier.toLowerCase())) {
      afterResponse(c, "password mail", () =>
        requestPasswordReset(c.var.db, identifier, (user, token) => ({
          subject: t.password.forgot.messageSubject,
          body: fill(t.password.forgot.messageBody, { name: `${user.firstName} ${user.lastName}`, username: user.username, link: publicUrl(c, `/password/reset/${token}`) }),
        })),
      );
    }
    return forgotPage(c, { sent: true });
  },
);

// ---- Forgotten password: the e-mailed link ----------------------------------------------------

/** 410 Gone: the link existed or may have, and will not work again; the page says how to get a new one. */
function linkGone(c: Context<AppEnv>) {
  const { t, locale } = c.var;
  return renderPage(
    c,
    { title: t.password.reset.invalidTitle, status: 410 },
    <LinkRefusedPage title={t.password.reset.invalidTitle} message={t.password.reset.invalid} next={{ href: `/${locale}/password/forgot`, label: t.password.reset.askNew }} />,
  );
}

async function resetForm(c: Context<AppEnv>, errors: FormErrors = {}, status: 200 | 422 = 200) {
  const token = c.req.param("token") ?? "";
  const link = await resetLink(c.var.db, token);
  if (link.state !== "live") return linkGone(c);
  return renderPage(c, { title: c.var.t.password.reset.title, status }, <ResetPasswordPage token={token} username={link.user.username} errors={errors} />);
}

recoveryRoutes.get("/password/reset/:token", (c) => {
  noStore(c);
  return resetForm(c);
});

recoveryRoutes.post(
  "/password/reset/:token",
  validForm(newPasswordSchema, (c, _values, errors) => resetForm(c, errors, 422)),
  async (c) => {
    noStore(c);
    const result = await resetPassword(c.var.db, c.req.param("token"), c.req.valid("form"));
    if (!result.ok) {
      if ("invalid" in result) return linkGone(c);
      return renderPage(
        c,
        { title: c.var.t.password.reset.title, status: 422 },
        <ResetPasswordPage token={c.req.param("token")} username={result.username} errors={problemErrors(c.var.t, result.problems)} />,
      );
    }
    // Whoever got in with the old password is out.
    if (result.changed) await endAllSessions(c.env.KV, `user:${result.userId}`);
    return redirectAfterPost(c, `/${c.var.locale}/login/password?done=reset`);
  },
);

// ---- Forgotten username -----------------------------------------------------------------------

const usernamePage = (c: Context<AppEnv>, props: { values?: Record<string, string>; errors?: FormErrors; sent?: boolean }, status: 200 | 422 | 429 = 200) =>
  renderPage(c, { title: c.var.t.password.username.title, status }, <ForgotUsernamePage {...props} />);

recoveryRoutes.get("/username/forgot", (c) => usernamePage(c, {}));

recoveryRoutes.post(
  "/username/forgot",
  validForm(emailSchema, (c, values, errors) => usernamePage(c, { values, errors }, 422)),
  async (c) => {
    const { t } = c.var;
    const { email } = c.req.valid("form");
    if (!(await hit(c.env.COUNTERS, recoveryLimits.perClient, clientKey(c.req.raw)))) return usernamePage(c, { values: { email }, errors: { form: t.password.forgot.tooMany } }, 429);
    if (await hit(c.env.COUNTERS, recoveryLimits.perIdentifier, email.toLowerCase())) {
      afterResponse(c, "password mail", () =>
        sendUsernames(c.var.db, email, (usernames) => ({
          subject: t.password.username.messageSubject,
          body: fill(t.password.username.messageBody, { usernames: usernames.map((name) => `- ${name}`).join("\n"), link: publicUrl(c, "/login/password") }),
        })),
      );
    }
    return usernamePage(c, { sent: true });
  },
);

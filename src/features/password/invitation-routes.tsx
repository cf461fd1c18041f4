import { Hono, type Context } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderPage } from "../../lib/render.tsx";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { validForm, type FormErrors } from "../../lib/validation.ts";
import { InvitationPage } from "../../../views/password/InvitationPage.tsx";
import { LinkRefusedPage } from "../../../views/password/LinkRefusedPage.tsx";
import { problemErrors } from "../../../views/password/NewPasswordFields.tsx";
import { noStore } from "./http.ts";
import { acceptInvitation, invitationFor } from "./invitation.ts";
import { newPasswordSchema } from "./schemas.ts";

/** The link that "My users" e-mails to a new user: they choose a password and become VALIDATED. */
export const invitationRoutes = new Hono<AppEnv>();

declare({ "GET /invitation/:token": PUBLIC, "POST /invitation/:token": PUBLIC });

/** A used or expired invitation is gone (410); a deactivated user is refused (403). */
function refused(c: Context<AppEnv>, state: "deactivated" | "invalid") {
  const { t, locale } = c.var;
  const message = state === "deactivated" ? t.password.invitation.deactivated : t.password.invitation.invalid;
  return renderPage(
    c,
    { title: t.password.invitation.invalidTitle, status: state === "deactivated" ? 403 : 410 },
    <LinkRefusedPage title={t.password.invitation.invalidTitle} message={message} next={{ href: `/${locale}/login/password`, label: t.password.invitation.toLogin }} />,
  );
}

async function invitationForm(c: Context<AppEnv>, errors: FormErrors = {}, status: 200 | 422 = 200) {
  const token = c.req.param("token") ?? "";
  const invitation = await invitationFor(c.var.db, token);
  if (invitation.state !== "live") return refused(c, invitation.state);
  return renderPage(c, { title: c.var.t.password.invitation.title, status }, <InvitationPage token={token} username={invitation.user.username} errors={errors} />);
}

invitationRoutes.get("/invitation/:token", (c) => {
  noStore(c);
  return invitationForm(c);
});

invitationRoutes.post(
  "/invitation/:token",
  validForm(newPasswordSchema, (c, _values, errors) => invitationForm(c, errors, 422)),
  async (c) => {
    noStore(c);
    const token = c.req.param("token");
    const result = await acceptInvitation(c.var.db, token, c.req.valid("form"));
    if (!result.ok) {
      if ("state" in result) return refused(c, result.state);
      return renderPage(
        c,
        { title: c.var.t.password.invitation.title, status: 422 },
        <InvitationPage token={token} username={result.user.username} errors={problemErrors(c.var.t, result.problems)} />,
      );
    }
    return redirectAfterPost(c, `/${c.var.locale}/login/password?done=invitation`);
  },
);

import { Hono } from "hono";
import { z } from "zod";
import { startSession } from "../../lib/auth.ts";
import type { AppEnv } from "../../lib/env.ts";
import { clientKey, hit, limits } from "../../lib/rate-limit.ts";
import { redirectAfterPost, renderPage } from "../../lib/render.tsx";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { validForm } from "../../lib/validation.ts";
import { PasswordLoginPage } from "../../../views/password/PasswordLoginPage.tsx";
import { loginWithPassword } from "./service.ts";

export const passwordRoutes = new Hono<AppEnv>();

declare({ "GET /login/password": PUBLIC, "POST /login/password": PUBLIC });

const passwordLoginSchema = z.object({
  identifier: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(254, { error: "required" }),
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(200, { error: "required" }),
});

passwordRoutes.get("/login/password", (c) => {
  if (c.var.session) return c.redirect(`/${c.var.locale}/home`, 303);
  return renderPage(c, { title: c.var.t.password.title }, <PasswordLoginPage c={c} />);
});

passwordRoutes.post(
  "/login/password",
  validForm(passwordLoginSchema, (c, values, errors) => renderPage(c, { title: c.var.t.password.title, status: 422 }, <PasswordLoginPage c={c} values={{ identifier: values.identifier ?? "" }} errors={errors} />)),
  async (c) => {
    const { t, locale } = c.var;
    const input = c.req.valid("form");
    const values = { identifier: input.identifier };
    const allowed = (await hit(c.env.KV, limits.loginPerClient, clientKey(c.req.raw))) && (await hit(c.env.KV, limits.loginPerCustomer, `user:${input.identifier.toLowerCase()}`));
    if (!allowed) return renderPage(c, { title: t.password.title, status: 429 }, <PasswordLoginPage c={c} values={values} errors={{ form: t.login.tooMany }} />);
    const login = await loginWithPassword(c.var.db, input);
    if (!login) return renderPage(c, { title: t.password.title, status: 422 }, <PasswordLoginPage c={c} values={values} errors={{ form: t.password.failed }} />);
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

import { Hono, type Context } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderPage } from "../../lib/render.tsx";
import { declare, SESSION } from "../../lib/routes.ts";
import type { FormErrors } from "../../lib/validation.ts";
import { IdentificationPage, type IdentificationState } from "../../../views/identification/IdentificationPage.tsx";
import { userForm, userMessage } from "../users/form.ts";
import { getIdentification, updateIdentification, type Identification } from "./service.ts";
import { identificationSchema } from "../users/schemas.ts";

export const identificationRoutes = new Hono<AppEnv>();

// Anyone logged in may open it; a login by code has no named person behind it and gets a note.
declare({ "GET /identification": SESSION, "POST /identification": SESSION });

function page(c: Context<AppEnv>, me: Identification | null, state: IdentificationState = {}, status: 200 | 409 | 422 = 200) {
  return renderPage(c, { title: c.var.t.users.identification.title, status }, <IdentificationPage me={me} state={state} />);
}

identificationRoutes.get("/identification", async (c) => {
  const me = await getIdentification(c.var.db, c.var.session!);
  const notice = c.req.query("saved") ? "saved" : c.req.query("unchanged") ? "unchanged" : undefined;
  return page(c, me, { notice });
});

async function invalid(c: Context<AppEnv>, values: Record<string, string>, errors: FormErrors) {
  const me = await getIdentification(c.var.db, c.var.session!);
  return me ? page(c, me, { values, errors }, 422) : page(c, null, {}, 409);
}

identificationRoutes.post("/identification", userForm(identificationSchema, invalid), async (c) => {
  const session = c.var.session!;
  const me = await getIdentification(c.var.db, session);
  if (!me) return page(c, null, {}, 409);
  const input = c.req.valid("form");
  const result = await updateIdentification(c.var.db, session, me, input);
  if (!result.ok) {
    const errors = Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [field, userMessage(c.var.t, key)]));
    const { securityAnswer: _answer, ...values } = input;
    return page(c, me, { values, errors }, 422);
  }
  return redirectAfterPost(c, `/${c.var.locale}/identification?${result.changed ? "saved" : "unchanged"}=1`);
});

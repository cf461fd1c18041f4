import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import type { z } from "zod";
import type { Messages } from "../../i18n/en.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { formValues, type FormErrors, type InvalidForm } from "../../lib/validation.ts";

/** A message key of this module's schemas, in the user's language: users.errors first, then the shared errors. */
export function userMessage(t: Messages, message: string): string {
  const [key = "", max] = message.split(":");
  const own = t.users.errors as Record<string, string>;
  if (key in own) return own[key]!;
  const shared = t.errors as Record<string, string>;
  if (key in shared) return fill(shared[key]!, { max: max ?? "" });
  return t.errors.required;
}

function localize(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, t: Messages): FormErrors {
  const out: FormErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    out[field] ??= userMessage(t, issue.message);
  }
  return out;
}

/** Like validForm, with this module's own messages: invalid input comes back as the same form, 422. */
export function userForm<S extends z.ZodType>(schema: S, onInvalid: InvalidForm) {
  return zValidator("form", schema, (result, c) => {
    if (result.success) return;
    const ctx = c as unknown as Context<AppEnv>;
    return onInvalid(ctx, formValues(result.data), localize(result.error, ctx.var.t));
  });
}

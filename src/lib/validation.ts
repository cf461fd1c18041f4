import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import * as z from "zod";
import type { Messages } from "../i18n/en.ts";
import type { AppEnv } from "./env.ts";

export type ErrorKey = keyof Messages["errors"];
export type FormErrors = Partial<Record<string, string>>;
type Issues = { issues: readonly { path: readonly PropertyKey[]; message: string }[] };

/**
 * Schemas name a catalog key as their message (e.g. "email"); this turns the issues into
 * one message per field in the user's language.
 */
export function localizeIssues(error: Issues, t: Messages): FormErrors {
  const out: FormErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (out[field]) continue;
    const key = issue.message as ErrorKey;
    out[field] = key in t.errors ? t.errors[key] : t.errors.required;
  }
  return out;
}

/** Form values as strings, for re-rendering the form exactly as it was sent. */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === "object") {
    for (const [key, value] of Object.entries(body)) if (typeof value === "string") out[key] = value;
  }
  return out;
}

export type InvalidForm = (c: Context<AppEnv>, values: Record<string, string>, errors: FormErrors) => Response | Promise<Response>;

/** Validates the posted form; on failure the route's own view comes back with the values and errors (422). */
export function validForm<S extends z.ZodType>(schema: S, onInvalid: InvalidForm) {
  return zValidator("form", schema, (result, c) => {
    if (result.success) return;
    const ctx = c as unknown as Context<AppEnv>;
    return onInvalid(ctx, formValues(result.data), localizeIssues(result.error, ctx.var.t));
  });
}

/** A required e-mail address, as every form asks for it (messages are catalog keys). */
export const requiredEmail = () =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .max(254, { error: "email" })
    .pipe(z.email({ error: "email" }));

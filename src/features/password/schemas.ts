import * as z from "zod"; // a namespace import tree-shakes; `{ z }` keeps all of zod and its 64 locales
import { requiredEmail } from "../../lib/validation.ts";

// Long enough for any passphrase, short enough that hashing it costs nothing unusual.
const secret = z.string({ error: "required" }).min(1, { error: "required" }).max(200, { error: "required" });

export const newPasswordSchema = z.object({ newPassword: secret, confirm: secret });

export const changePasswordSchema = z.object({ current: secret, newPassword: secret, confirm: secret });

export const identifierSchema = z.object({
  identifier: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(254, { error: "required" }),
});

export const emailSchema = z.object({
  email: requiredEmail(),
});

export const passwordLoginSchema = z.object({
  identifier: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(254, { error: "required" }),
  password: secret,
});

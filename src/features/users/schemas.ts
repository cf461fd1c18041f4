import * as z from "zod"; // a namespace import tree-shakes; `{ z }` keeps all of zod and its 64 locales
import { PROFILES, USER_STATUSES } from "../../db/schema/enums.ts";
import { requiredEmail } from "../../lib/validation.ts";

// Messages are catalog keys: "usernameFormat" is looked up in t.users.errors, then in t.errors;
// "tooLong:100" fills {max}.

const text = (max: number) =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .max(max, { error: `tooLong:${max}` });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `tooLong:${max}` })
    .default("");

/** A ticked box is sent as "on"; an absent one is undefined, so "not sent" stays distinguishable. */
const checkbox = z
  .string()
  .optional()
  .transform((value) => (value === undefined ? undefined : value === "on"));

export const username = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .regex(/^[A-Za-z0-9._@-]{3,50}$/, { error: "usernameFormat" });

const personal = {
  gender: z.enum(["m", "f", "x"], { error: "choice" }),
  firstName: text(100),
  lastName: text(100),
  email: requiredEmail(),
  // The UI's languages only: "de" (never a UI language) was migrated to "en" (0007).
  language: z.enum(["nl", "fr", "en"], { error: "choice" }),
};

const rights = {
  profile: z.enum(PROFILES, { error: "choice" }).optional(),
  manageAdmins: checkbox,
  manageUsers: checkbox,
  resetPasswords: checkbox,
  ftpAccess: checkbox,
  purchaser: checkbox,
  incidentManager: checkbox,
  financialManager: checkbox,
};

/** A question without an answer (or the reverse) would make the question useless. */
function securityPair<T extends { securityQuestion: string; securityAnswer: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.securityQuestion && !value.securityAnswer) ctx.addIssue({ code: "custom", message: "answerRequired", path: ["securityAnswer"] });
  if (!value.securityQuestion && value.securityAnswer) ctx.addIssue({ code: "custom", message: "questionRequired", path: ["securityQuestion"] });
}

// 004 §2.2.3, in its order, without the password fields: the user is created by invitation.
export const createUserSchema = z
  .object({
    username,
    securityQuestion: optionalText(200),
    securityAnswer: optionalText(200),
    ...personal,
    ...rights,
    profile: z.enum(PROFILES, { error: "choice" }),
  })
  .superRefine(securityPair);

export const editUserSchema = z.object({ ...personal, ...rights });

/** Leaving the answer empty keeps the stored one, unless the question changes (checked by the service). */
export const identificationSchema = z
  .object({
    ...personal,
    securityQuestion: optionalText(200),
    securityAnswer: optionalText(200),
  })
  .superRefine((value, ctx) => {
    if (!value.securityQuestion && value.securityAnswer) ctx.addIssue({ code: "custom", message: "questionRequired", path: ["securityQuestion"] });
  });

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type EditUserInput = z.infer<typeof editUserSchema>;
export type IdentificationInput = z.infer<typeof identificationSchema>;

export const listQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  sort: z.enum(["username", "name", "email", "createdBy", "status"]).catch("username"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

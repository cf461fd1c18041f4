import * as z from "zod"; // a namespace import tree-shakes; `{ z }` keeps all of zod and its 64 locales
import { IDENTITY_PROVIDERS } from "../../db/schema/enums.ts";

const digits = (key: "customerNumber" | "contractNumber") =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .regex(/^\d{1,12}$/, { error: key });

/** First registration or "add a new account" (001 pp.5–6): the provider is the button pressed. */
export const registerSchema = z.object({
  contractNumber: digits("contractNumber"),
  customerNumber: digits("customerNumber"),
  acceptTerms: z.literal("on", { error: "required" }),
  provider: z.enum(IDENTITY_PROVIDERS, { error: "choice" }),
  /** "login" when sent from the login page's block (a refusal is shown there). */
  from: z.literal("login").optional().catch(undefined),
});

/** "I have already registered": only the provider. */
export const providerLoginSchema = z.object({
  provider: z.enum(IDENTITY_PROVIDERS, { error: "choice" }),
});

import * as z from "zod"; // a namespace import tree-shakes; `{ z }` keeps all of zod and its 64 locales
import { CODE_CHANNELS } from "../../db/schema/enums.ts";

const digits = (key: "customerNumber" | "contractNumber") =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .regex(/^\d{1,12}$/, { error: key });

export const codeRequestSchema = z.object({
  customerNumber: digits("customerNumber"),
  channel: z.enum(CODE_CHANNELS, { error: "choice" }),
});

export const codeLoginSchema = z.object({
  contractNumber: digits("contractNumber"),
  customerNumber: digits("customerNumber"),
  code: z
    .string({ error: "required" })
    .trim()
    .regex(/^[A-Za-z0-9]{6}$/, { error: "code" }),
  acceptTerms: z.literal("on", { error: "required" }),
});

import * as z from "zod"; // a namespace import tree-shakes; `{ z }` keeps all of zod and its 64 locales
import { isValidIban, normalizeIban } from "../../lib/iban.ts";
import { PAYMENT_METHODS } from "../../db/schema/enums.ts";

/** Transfer needs nothing more; direct debit needs a valid IBAN (mod 97) and the holder's name. */
export const methodSchema = z
  .object({
    method: z.enum(PAYMENT_METHODS, { error: "choice" }),
    iban: z.string().trim().default(""),
    holder: z.string().trim().default(""),
  })
  .transform((value, ctx) => {
    if (value.method === "transfer") return { method: "transfer" as const };
    if (!isValidIban(value.iban)) ctx.addIssue({ code: "custom", message: "iban", path: ["iban"] });
    // The route words a too long name with its maximum (tooLong takes a number).
    if (value.holder === "" || value.holder.length > 70) ctx.addIssue({ code: "custom", message: value.holder === "" ? "required" : "tooLong", path: ["holder"] });
    if (!isValidIban(value.iban) || value.holder === "" || value.holder.length > 70) return z.NEVER;
    return { method: "direct_debit" as const, iban: normalizeIban(value.iban), holder: value.holder };
  });

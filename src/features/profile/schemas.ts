import * as z from "zod"; // a namespace import tree-shakes; `{ z }` keeps all of zod and its 64 locales
import { isValidIban, normalizeIban } from "../../lib/iban.ts";
import { normalizeBelgianPhone } from "../../lib/phone.ts";
import { EINVOICE_CHANNELS } from "../../db/schema/enums.ts";
import { requiredEmail } from "../../lib/validation.ts";
import { parsePeppolId } from "../einvoice/peppol-id.ts";

export const contactSchema = z.object({
  email: requiredEmail(),
  phone: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return null;
      const normalized = normalizeBelgianPhone(value);
      if (!normalized) ctx.addIssue({ code: "custom", message: "phone" });
      return normalized;
    }),
});

export const offersSchema = z.object({
  offerChannel: z.enum(["email", "post", "sms"], { error: "choice" }),
});

/** The third block: paper, by e-mail (GreenBill, after confirmation), Zoomit (with IBAN) or Peppol (with the 0208 identifier). */
export const zoomitSchema = z
  .object({
    einvoiceChannel: z.enum(EINVOICE_CHANNELS, { error: "choice" }),
    iban: z.string().trim().default(""),
    einvoiceEmail: z.string().trim().default(""),
    peppolId: z.string().trim().max(100, { error: "peppolLength" }).default(""),
  })
  .transform((value, ctx) => {
    if (value.einvoiceChannel === "paper") return { einvoiceChannel: "paper" as const, iban: null, einvoiceEmail: null };
    if (value.einvoiceChannel === "email") {
      const email = z.email().max(254).safeParse(value.einvoiceEmail);
      if (!email.success) {
        ctx.addIssue({ code: "custom", message: value.einvoiceEmail === "" ? "required" : "email", path: ["einvoiceEmail"] });
        return z.NEVER;
      }
      return { einvoiceChannel: "email" as const, iban: null, einvoiceEmail: email.data };
    }
    if (value.einvoiceChannel === "peppol") {
      const parsed = parsePeppolId(value.peppolId);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: value.peppolId === "" ? "required" : parsed.error, path: ["peppolId"] });
        return z.NEVER;
      }
      return { einvoiceChannel: "peppol" as const, iban: null, einvoiceEmail: null, peppolId: parsed.id };
    }
    if (!isValidIban(value.iban)) {
      ctx.addIssue({ code: "custom", message: "iban", path: ["iban"] });
      return z.NEVER;
    }
    return { einvoiceChannel: "zoomit" as const, iban: normalizeIban(value.iban), einvoiceEmail: null };
  });

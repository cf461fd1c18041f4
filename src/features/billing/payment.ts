import { encode } from "uqr";
import { epcPayload } from "../../lib/epc.ts";
import type { Env } from "../../lib/env.ts";
import { formatIban } from "../../lib/iban.ts";
import { formatStructured, structuredCommunication } from "../../lib/structured-communication.ts";

export type Payment = {
  payee: string;
  iban: string;
  bic: string;
  amountCents: number;
  /** +++123/4567/89002+++ */
  communication: string;
  epc: string;
  /** The QR code's modules, border included, as one SVG path. */
  qr: { size: number; path: string };
};

/** A QR code as one path of 1×1 squares: no script, no raw markup, fits the CSP inline. */
export function qrPath(payload: string): { size: number; path: string } {
  // EPC069-12 asks for error correction level M.
  const { data } = encode(payload, { ecc: "M", border: 4 });
  let path = "";
  for (const [y, row] of data.entries()) {
    for (const [x, dark] of row.entries()) if (dark) path += `M${x} ${y}h1v1h-1z`;
  }
  return { size: data.length, path };
}

/** What the customer needs to transfer `amountCents` with a 12-digit structured communication. */
export function paymentFor(env: Pick<Env, "PROVIDER_NAME" | "PROVIDER_IBAN" | "PROVIDER_BIC">, amountCents: number, twelveDigits: string): Payment {
  const communication = formatStructured(twelveDigits);
  const epc = epcPayload({ name: env.PROVIDER_NAME, iban: env.PROVIDER_IBAN, bic: env.PROVIDER_BIC, amountCents, structuredReference: twelveDigits });
  return { payee: env.PROVIDER_NAME, iban: formatIban(env.PROVIDER_IBAN), bic: env.PROVIDER_BIC, amountCents, communication, epc, qr: qrPath(epc) };
}

/** An invoice's own communication when it has one; otherwise one derived from its number. */
export function invoiceCommunication(stored: string | null, reference: string): string {
  const digits = stored?.replace(/\D/g, "");
  return digits && digits.length === 12 ? digits : structuredCommunication(reference);
}

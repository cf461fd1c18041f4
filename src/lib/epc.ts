import { normalizeIban } from "./iban.ts";

/**
 * The EPC QR payload (EPC069-12, "SEPA credit transfer"), version 002, UTF-8: a banking app that
 * scans it pre-fills beneficiary, IBAN, amount and the structured communication.
 * Lines: service tag, version, character set, identification, BIC (optional in 002), name,
 * IBAN, amount, purpose, structured reference, unstructured text, information.
 */
export type EpcTransfer = { name: string; iban: string; bic?: string; amountCents: number; structuredReference?: string; text?: string };

export function epcPayload(transfer: EpcTransfer): string {
  if (transfer.amountCents < 1 || transfer.amountCents > 99_999_999_999) throw new Error("EPC amount must be between 0.01 and 999999999.99 EUR");
  if (transfer.structuredReference && transfer.text) throw new Error("EPC allows a structured reference or a text, not both");
  const amount = `EUR${Math.floor(transfer.amountCents / 100)}.${String(transfer.amountCents % 100).padStart(2, "0")}`;
  const lines = [
    "BCD",
    "002",
    "1",
    "SCT",
    transfer.bic ?? "",
    transfer.name.slice(0, 70),
    normalizeIban(transfer.iban),
    amount,
    "",
    (transfer.structuredReference ?? "").replace(/[+/\s]/g, "").slice(0, 35),
    (transfer.text ?? "").slice(0, 140),
  ];
  // Trailing empty optional lines are left out, as the standard allows.
  while (lines.length > 8 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}

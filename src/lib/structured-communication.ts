/**
 * The Belgian structured communication (OGM/VCS): ten digits and a two-digit check, the ten
 * digits modulo 97 (a remainder of 0 is written 97), shown as +++123/4567/89002+++.
 */
export function checkDigits(base: string): string {
  if (!/^\d{10}$/.test(base)) throw new Error("a structured communication has 10 digits before its check");
  const remainder = Number(BigInt(base) % 97n);
  return String(remainder === 0 ? 97 : remainder).padStart(2, "0");
}

/** From any number (an invoice number, a customer number): its last 10 digits, zero-padded, with the check. */
export function structuredCommunication(reference: string | number): string {
  const digits = String(reference).replace(/\D/g, "").slice(-10).padStart(10, "0");
  return `${digits}${checkDigits(digits)}`;
}

export function formatStructured(twelveDigits: string): string {
  return `+++${twelveDigits.slice(0, 3)}/${twelveDigits.slice(3, 7)}/${twelveDigits.slice(7)}+++`;
}

export function isValidStructured(value: string): boolean {
  const digits = value.replace(/[+/\s]/g, "");
  return /^\d{12}$/.test(digits) && checkDigits(digits.slice(0, 10)) === digits.slice(10);
}

/**
 * Peppol participant identifiers of Belgian companies: scheme 0208 (the KBO/BCE enterprise
 * number), written "0208:0403170701". The enterprise number has 10 digits, starts with 0 or 1,
 * and its last two digits are 97 − (the first 8 digits mod 97).
 */
export const BELGIAN_SCHEME = "0208";

export type PeppolIdError = "peppolScheme" | "peppolLength" | "peppolCheckDigits";
export type PeppolIdResult = { ok: true; id: string; enterpriseNumber: string } | { ok: false; error: PeppolIdError };

/** True when the 10 digits are an enterprise number: first digit 0 or 1, mod-97 check digits right. */
export function isEnterpriseNumber(digits: string): boolean {
  if (!/^[01]\d{9}$/.test(digits)) return false;
  const check = 97 - (Number(digits.slice(0, 8)) % 97);
  return check === Number(digits.slice(8));
}

const SCHEME_PREFIX = /^(?:iso6523-actorid-upis::)?(\d{4})\s*:\s*(.*)$/i;
const VAT_PREFIX = /^BE\s*/i;

/**
 * Reads what a person types: "0208:0403170701", "BE0403.170.701", "0403 170 701", "403170701"
 * (a 9-digit number from before 2023 gets its leading 0). Anything else says what is wrong.
 */
export function parsePeppolId(input: string): PeppolIdResult {
  let rest = input.trim();
  const scheme = SCHEME_PREFIX.exec(rest);
  if (scheme) {
    if (scheme[1] !== BELGIAN_SCHEME) return { ok: false, error: "peppolScheme" };
    rest = scheme[2]!;
  } else if (/^[A-Za-z]{2}/.test(rest) && !VAT_PREFIX.test(rest)) {
    // Another country's VAT number (NL…, FR…): not a Belgian enterprise number.
    return { ok: false, error: "peppolScheme" };
  }
  rest = rest.replace(VAT_PREFIX, "");
  if (!/^[\d\s.\-/]*$/.test(rest)) return { ok: false, error: "peppolLength" };
  let digits = rest.replace(/[\s.\-/]/g, "");
  if (digits.length === 9 && !scheme) digits = `0${digits}`;
  if (digits.length !== 10) return { ok: false, error: "peppolLength" };
  if (!/^[01]/.test(digits) || !isEnterpriseNumber(digits)) return { ok: false, error: "peppolCheckDigits" };
  return { ok: true, id: `${BELGIAN_SCHEME}:${digits}`, enterpriseNumber: digits };
}

/** The identifier a Belgian VAT number stands for ("BE0403170701" → "0208:0403170701"), when it is a valid one. */
export function peppolIdFromVat(vatNumber: string | null | undefined): string | null {
  if (!vatNumber || !/^\s*BE/i.test(vatNumber)) return null;
  const parsed = parsePeppolId(vatNumber);
  return parsed.ok ? parsed.id : null;
}

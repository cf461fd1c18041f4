/** ICCID (ITU-T E.118): 19 or 20 digits, the last a Luhn check digit over the others. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export type IccidProblem = "format" | "checkDigit";

/** Spaces are allowed as typed (SIM cards print ICCIDs in groups); what is stored is the digits. */
export function checkIccid(input: string): { ok: true; iccid: string } | { ok: false; problem: IccidProblem } {
  const digits = input.replace(/\s+/g, "");
  if (!/^\d{19,20}$/.test(digits)) return { ok: false, problem: "format" };
  if (luhnCheckDigit(digits.slice(0, -1)) !== Number(digits.at(-1))) return { ok: false, problem: "checkDigit" };
  return { ok: true, iccid: digits };
}

/** A valid ICCID from a body of 18 or 19 digits (seeds and tests). */
export function withCheckDigit(body: string): string {
  return body + luhnCheckDigit(body);
}

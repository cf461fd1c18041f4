/**
 * Belgian numbers as people type them ("0470 12 34 56", "02/123.45.67", "+32 470 12 34 56")
 * become E.164 ("+32470123456"); anything else is null.
 */
export function normalizeBelgianPhone(value: string): string | null {
  const compact = value.replace(/[\s./()-]/g, "");
  let national: string;
  if (compact.startsWith("+32")) national = compact.slice(3);
  else if (compact.startsWith("0032")) national = compact.slice(4);
  else if (compact.startsWith("0")) national = compact.slice(1);
  else return null;
  if (!/^\d+$/.test(national)) return null;
  const mobile = national.startsWith("4");
  if ((mobile && national.length !== 9) || (!mobile && national.length !== 8)) return null;
  return `+32${national}`;
}

/** "+32470123456" → "0470 12 34 56"; "+3221234567" → "02 123 45 67". */
export function formatBelgianPhone(e164: string | null | undefined): string {
  if (!e164) return "";
  const national = e164.startsWith("+32") ? `0${e164.slice(3)}` : e164;
  if (national.length === 10) return `${national.slice(0, 4)} ${national.slice(4, 6)} ${national.slice(6, 8)} ${national.slice(8)}`;
  const area = /^0[2349]/.test(national) ? 2 : 3;
  const rest = national.slice(area);
  return `${national.slice(0, area)} ${rest.slice(0, rest.length - 4)} ${rest.slice(-4, -2)} ${rest.slice(-2)}`;
}

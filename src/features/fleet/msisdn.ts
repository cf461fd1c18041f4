/** "0489744365" → "0489 74 43 65", as 003 writes numbers; anything else as stored. Worker-free, so scripts can use it. */
export function formatMsisdn(msisdn: string | null): string {
  if (!msisdn) return "";
  return /^0\d{9}$/.test(msisdn) ? `${msisdn.slice(0, 4)} ${msisdn.slice(4, 6)} ${msisdn.slice(6, 8)} ${msisdn.slice(8)}` : msisdn;
}

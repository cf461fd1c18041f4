import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, verifyHOTP } from "@oslojs/otp";

/** RFC 6238 as authenticator apps use it: HMAC-SHA1, 30-second steps, 6 digits. */
export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** One step either side: a phone clock a little off, or a code typed as it changed. */
const DRIFT_STEPS = 1;

export const stepAt = (now: number) => Math.floor(now / 1000 / TOTP_PERIOD_S);

function keyOf(secret: string): Uint8Array | null {
  try {
    return decodeBase32IgnorePadding(secret.replace(/\s+/g, "").toUpperCase());
  } catch {
    return null;
  }
}

/** The code of a time step (the dev page and the tests read it like an authenticator app). */
export function totpCode(secret: string, now = Date.now()): string {
  const key = keyOf(secret);
  if (!key) throw new Error("not a base32 secret");
  return generateHOTP(key, BigInt(stepAt(now)), TOTP_DIGITS);
}

/**
 * The time step a code belongs to, newest first, or null. Only steps after `lastStep` count: a
 * code (or an older one) already accepted is refused (RFC 6238 §5.2).
 */
export function matchingStep(secret: string, code: string, lastStep: number, now = Date.now()): number | null {
  const key = keyOf(secret);
  if (!key || !/^\d{6}$/.test(code)) return null;
  const current = stepAt(now);
  for (let step = current + DRIFT_STEPS; step >= current - DRIFT_STEPS; step--) {
    if (step <= lastStep) break;
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
  }
  return null;
}

import { counter, type Counter } from "./counters.ts";
import { randomFromAlphabet, randomToken, sha256Hex, timingSafeEqual } from "./crypto.ts";

/** No 0/O/o, 1/l/I/i: a code read aloud or copied from an SMS is not misread. */
export const CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;
export const CODE_TTL_SECONDS = 3600;
export const MAX_CODE_TRIES = 5;

/** The code lives in KV with its one-hour TTL; its tries are counted in a Durable Object named by `id`. */
type StoredCode = { id: string; hash: string; expiresAt: number };

const codeKey = (customerNumber: string) => `otp:${customerNumber}`;
// The customer number salts the hash, so equal codes of two customers do not hash alike.
const hashCode = (customerNumber: string, code: string) => sha256Hex(`${customerNumber}:${code}`);

export function generateCode(): string {
  return randomFromAlphabet(CODE_ALPHABET, CODE_LENGTH);
}

/** Stores a fresh code for the customer, replacing any earlier one (and with it its tries). */
export async function storeCode(kv: KVNamespace, customerNumber: string, code: string, now = Date.now()): Promise<void> {
  const stored: StoredCode = { id: randomToken(16), hash: await hashCode(customerNumber, code), expiresAt: now + CODE_TTL_SECONDS * 1000 };
  await kv.put(codeKey(customerNumber), JSON.stringify(stored), { expirationTtl: CODE_TTL_SECONDS });
}

/** "used-up": the code took its last wrong try (now or before); the user needs a new one. */
export type CodeCheck = "valid" | "invalid" | "used-up";

/**
 * Single use and at most MAX_CODE_TRIES comparisons, however many tries arrive together: each
 * try is counted before the comparison, and a right code must also win the one "used" claim.
 * The expiry is checked here too, because KV may keep a key for a while after its TTL.
 */
export async function consumeCode(kv: KVNamespace, counters: DurableObjectNamespace<Counter>, customerNumber: string, code: string, now = Date.now()): Promise<CodeCheck> {
  const key = codeKey(customerNumber);
  const [raw, candidate] = await Promise.all([kv.get(key), hashCode(customerNumber, code)]);
  if (!raw) return "invalid";
  const stored = JSON.parse(raw) as StoredCode;
  if (now >= stored.expiresAt || !stored.id) {
    await kv.delete(key);
    return "invalid";
  }
  const windowMs = stored.expiresAt - now;
  const tries = counter(counters, `otp-tries:${stored.id}`);
  const tryNumber = await tries.hit(windowMs, now);
  if (tryNumber > MAX_CODE_TRIES) return "used-up";
  if (timingSafeEqual(stored.hash, candidate)) {
    if (!(await counter(counters, `otp-used:${stored.id}`).claim(windowMs, now))) return "invalid";
    await kv.delete(key);
    return "valid";
  }
  // The used-up code stays in KV until its hour ends (or a new code replaces it), so the next
  // try is told it is used up rather than merely wrong.
  return tryNumber === MAX_CODE_TRIES ? "used-up" : "invalid";
}

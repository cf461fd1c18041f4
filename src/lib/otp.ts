import { randomFromAlphabet, sha256Hex, timingSafeEqual } from "./crypto.ts";

/** No 0/O/o, 1/l/I/i: a code read aloud or copied from an SMS is not misread. */
export const CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;
export const CODE_TTL_SECONDS = 3600;
export const MAX_CODE_TRIES = 5;

type StoredCode = { hash: string; tries: number; expiresAt: number };

const codeKey = (customerNumber: string) => `otp:${customerNumber}`;
// The customer number salts the hash, so equal codes of two customers do not hash alike.
const hashCode = (customerNumber: string, code: string) => sha256Hex(`${customerNumber}:${code}`);

export function generateCode(): string {
  return randomFromAlphabet(CODE_ALPHABET, CODE_LENGTH);
}

/** Stores a fresh code for the customer, replacing any earlier one. */
export async function storeCode(kv: KVNamespace, customerNumber: string, code: string, now = Date.now()): Promise<void> {
  const stored: StoredCode = { hash: await hashCode(customerNumber, code), tries: 0, expiresAt: now + CODE_TTL_SECONDS * 1000 };
  await kv.put(codeKey(customerNumber), JSON.stringify(stored), { expirationTtl: CODE_TTL_SECONDS });
}

export type CodeCheck = "valid" | "invalid";

/**
 * Single use: a valid code is deleted. A wrong one counts a try; the fifth wrong try deletes it.
 * The expiry is checked here too, because KV may keep a key for a while after its TTL.
 */
export async function consumeCode(kv: KVNamespace, customerNumber: string, code: string, now = Date.now()): Promise<CodeCheck> {
  const key = codeKey(customerNumber);
  const raw = await kv.get(key);
  const candidate = await hashCode(customerNumber, code);
  if (!raw) return "invalid";
  const stored = JSON.parse(raw) as StoredCode;
  if (now >= stored.expiresAt) {
    await kv.delete(key);
    return "invalid";
  }
  if (timingSafeEqual(stored.hash, candidate)) {
    await kv.delete(key);
    return "valid";
  }
  stored.tries += 1;
  const secondsLeft = Math.ceil((stored.expiresAt - now) / 1000);
  if (stored.tries >= MAX_CODE_TRIES || secondsLeft < 60) await kv.delete(key);
  else await kv.put(key, JSON.stringify(stored), { expirationTtl: secondsLeft });
  return "invalid";
}

import { timingSafeEqual } from "./crypto.ts";

// PBKDF2-SHA256 through WebCrypto (QUALITY.md). Workers cap PBKDF2 at 100,000 iterations; the
// parameters are stored with each hash, so a later, stronger setting only needs a rehash at login.
export const PBKDF2_ITERATIONS = 100_000;
const encoder = new TextEncoder();

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>" */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${iterations}$${toB64(salt)}$${toB64(await derive(password, salt, iterations))}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iterations || !salt || !hash) return false;
  const candidate = toB64(await derive(password, fromB64(salt), Number(iterations)));
  return timingSafeEqual(candidate, hash);
}

export function needsRehash(stored: string): boolean {
  return Number(stored.split("$")[1]) < PBKDF2_ITERATIONS;
}

/** A fixed hash to verify against when the user does not exist, so both cases cost the same. */
export const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export type PasswordProblem = "tooShort" | "needsUpper" | "needsLower" | "containsUsername" | "mismatch";

/** 004 §3.2 and the Access issue: at least 8 characters, an upper- and a lower-case letter, not the username. */
export function passwordProblems(password: string, confirm: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < 8) problems.push("tooShort");
  if (!/[A-Z]/.test(password)) problems.push("needsUpper");
  if (!/[a-z]/.test(password)) problems.push("needsLower");
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push("containsUsername");
  if (password !== confirm) problems.push("mismatch");
  return problems;
}

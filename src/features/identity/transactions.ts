import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { IdentityProvider } from "../../db/schema/enums.ts";
import { randomToken, sha256Hex } from "../../lib/crypto.ts";
import type { AppEnv } from "../../lib/env.ts";
import type { Locale } from "../../lib/i18n.ts";

/** Between the redirect to the provider and its callback: at most 10 minutes, used once. */
export const TRANSACTION_COOKIE = "__Host-loket_oidc";
const TTL_SECONDS = 600;

export type Transaction = {
  intent: "register" | "add" | "login";
  provider: IdentityProvider;
  locale: Locale;
  state: string;
  nonce: string;
  codeVerifier: string;
  customerId?: number;
  contractNumber?: string;
  termsVersionId?: number;
};

// KV holds the hash of the cookie's id, like the sessions.
const key = async (id: string) => `oidc-tx:${await sha256Hex(id)}`;

export async function beginTransaction(c: Context<AppEnv>, transaction: Transaction): Promise<void> {
  const id = randomToken(32);
  await c.env.KV.put(await key(id), JSON.stringify(transaction), { expirationTtl: TTL_SECONDS });
  setCookie(c, TRANSACTION_COOKIE, id, { path: "/", secure: true, httpOnly: true, sameSite: "Lax", maxAge: TTL_SECONDS });
}

/** Reads and deletes the transaction before anything else is checked: a callback URL works once. */
export async function takeTransaction(c: Context<AppEnv>): Promise<Transaction | null> {
  const id = getCookie(c, TRANSACTION_COOKIE);
  deleteCookie(c, TRANSACTION_COOKIE, { path: "/", secure: true });
  if (!id) return null;
  const k = await key(id);
  const raw = await c.env.KV.get(k);
  if (!raw) return null;
  await c.env.KV.delete(k);
  return JSON.parse(raw) as Transaction;
}

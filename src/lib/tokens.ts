import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { credentialTokens } from "../db/schema/index.ts";
import { randomToken, sha256Hex } from "./crypto.ts";

export type TokenPurpose = "invitation" | "password_reset";
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = { invitation: 7 * 24 * 3600 * 1000, password_reset: 3600 * 1000 };

/** A fresh link token: the caller batches `insert` with the message that carries `token`. */
export async function issueToken(db: Db, userId: number, purpose: TokenPurpose, now = Date.now()) {
  const token = randomToken(32);
  const insert = db.insert(credentialTokens).values({ userId, purpose, tokenHash: await sha256Hex(token), expiresAt: new Date(now + TOKEN_TTL_MS[purpose]), createdAt: new Date(now) });
  return { token, insert };
}

/** The user id of a live, unused token of that purpose; null for unknown, used or expired. */
export async function peekToken(db: Db, token: string, purpose: TokenPurpose, now = Date.now()): Promise<{ id: number; userId: number } | null> {
  const [row] = await db
    .select({ id: credentialTokens.id, userId: credentialTokens.userId, expiresAt: credentialTokens.expiresAt })
    .from(credentialTokens)
    .where(and(eq(credentialTokens.tokenHash, await sha256Hex(token)), eq(credentialTokens.purpose, purpose), isNull(credentialTokens.usedAt)))
    .limit(1);
  if (!row || row.expiresAt.getTime() <= now) return null;
  return { id: row.id, userId: row.userId };
}

/** Marks a token used; batched with the change it authorizes. The usedAt guard makes a replay a no-op. */
export function useToken(db: Db, tokenId: number, now = Date.now()) {
  return db
    .update(credentialTokens)
    .set({ usedAt: new Date(now) })
    .where(and(eq(credentialTokens.id, tokenId), isNull(credentialTokens.usedAt)));
}

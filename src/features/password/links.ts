import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { credentialTokens, memberships, users } from "../../db/schema/index.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import type { TokenPurpose } from "../../lib/tokens.ts";

/** The account a user-level event is recorded for: the user's first membership (null: none). */
export const firstCustomerId = sql<number | null>`(select ${memberships.customerId} from ${memberships} where ${memberships.userId} = ${users.id} order by ${memberships.id} limit 1)`;

export type LinkUser = {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  status: "INVITED" | "VALIDATED" | "DEACTIVATED";
  passwordHash: string | null;
  customerId: number | null;
};

export type Link = { tokenId: number; live: boolean; usedAt: number | null; user: LinkUser };

// randomToken(32) gives 43 base64url characters; anything else cannot be ours.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * A link token with its user, in one round trip. tokens.ts's peekToken answers only for live
 * tokens; the pages also need to tell a used link apart (a double submit of the form that used it)
 * and see whose it is.
 */
export async function findLink(db: Db, token: string, purpose: TokenPurpose, now = Date.now()): Promise<Link | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({
      tokenId: credentialTokens.id,
      expiresAt: credentialTokens.expiresAt,
      usedAt: credentialTokens.usedAt,
      user: { id: users.id, username: users.username, firstName: users.firstName, lastName: users.lastName, status: users.status, passwordHash: users.passwordHash, customerId: firstCustomerId },
    })
    .from(credentialTokens)
    .innerJoin(users, eq(users.id, credentialTokens.userId))
    .where(and(eq(credentialTokens.tokenHash, await sha256Hex(token)), eq(credentialTokens.purpose, purpose)))
    .limit(1);
  if (!row) return null;
  const usedAt = row.usedAt?.getTime() ?? null;
  return { tokenId: row.tokenId, live: usedAt === null && row.expiresAt.getTime() > now, usedAt, user: row.user };
}

/** Every other open link of that purpose dies with the change: an old e-mail cannot undo it. */
export function closeOpenLinks(db: Db, userId: number, purposes: TokenPurpose[], now = Date.now()) {
  return db
    .update(credentialTokens)
    .set({ usedAt: new Date(now) })
    .where(and(eq(credentialTokens.userId, userId), inArray(credentialTokens.purpose, purposes), isNull(credentialTokens.usedAt)));
}

/** A second submit of the form that just used the link: same password, within a few minutes. */
export const REPLAY_WINDOW_MS = 5 * 60 * 1000;

/**
 * Put after useToken in the batch that changes the user: true only in the batch whose useToken
 * closed the link, so a concurrent second submit of the same form writes nothing.
 */
export const usedJustNow = (tokenId: number, now: number) => sql`exists (select 1 from ${credentialTokens} where ${credentialTokens.id} = ${tokenId} and ${credentialTokens.usedAt} = ${now})`;

import { randomToken, sha256Hex } from "./crypto.ts";

export const SESSION_COOKIE = "__Host-loket_session";
export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Writing lastSeenAt on every request would cost a KV write per page; a minute of slack is harmless. */
const TOUCH_AFTER_MS = 60 * 1000;

export type Session = {
  customerId: number;
  customerNumber: string;
  /** How the user logged in; named users (module Access) add "password". */
  via: "code";
  contractNumber: string;
  termsVersionId: number;
  createdAt: number;
  lastSeenAt: number;
  /** Bumped per customer by "log out everywhere"; an older session is void. */
  generation: number;
};

// KV holds the hash of the id, so a leaked key listing cannot be replayed as a cookie.
const sessionKey = async (id: string) => `session:${await sha256Hex(id)}`;
const generationKey = (customerId: number) => `session-gen:${customerId}`;

function ttlSeconds(session: Session, now: number): number {
  const left = Math.min(session.lastSeenAt + IDLE_MS, session.createdAt + ABSOLUTE_MS) - now;
  return Math.max(60, Math.ceil(left / 1000));
}

export async function currentGeneration(kv: KVNamespace, customerId: number): Promise<number> {
  return Number((await kv.get(generationKey(customerId))) ?? 0);
}

export async function createSession(
  kv: KVNamespace,
  data: Omit<Session, "createdAt" | "lastSeenAt" | "generation">,
  now = Date.now(),
): Promise<string> {
  const id = randomToken(32);
  const session: Session = { ...data, createdAt: now, lastSeenAt: now, generation: await currentGeneration(kv, data.customerId) };
  await kv.put(await sessionKey(id), JSON.stringify(session), { expirationTtl: ttlSeconds(session, now) });
  return id;
}

/** Returns the live session or null; enforces idle and absolute timeouts and the generation. */
export async function loadSession(kv: KVNamespace, id: string, now = Date.now()): Promise<Session | null> {
  const key = await sessionKey(id);
  const raw = await kv.get(key);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  const expired = now - session.lastSeenAt > IDLE_MS || now - session.createdAt > ABSOLUTE_MS;
  if (expired || session.generation !== (await currentGeneration(kv, session.customerId))) {
    await kv.delete(key);
    return null;
  }
  if (now - session.lastSeenAt > TOUCH_AFTER_MS) {
    session.lastSeenAt = now;
    await kv.put(key, JSON.stringify(session), { expirationTtl: ttlSeconds(session, now) });
  }
  return session;
}

export async function updateSession(kv: KVNamespace, id: string, session: Session, now = Date.now()): Promise<void> {
  await kv.put(await sessionKey(id), JSON.stringify(session), { expirationTtl: ttlSeconds(session, now) });
}

export async function destroySession(kv: KVNamespace, id: string): Promise<void> {
  await kv.delete(await sessionKey(id));
}

/** Ends every session of a customer at once (log out everywhere, deactivation). */
export async function endAllSessions(kv: KVNamespace, customerId: number): Promise<void> {
  await kv.put(generationKey(customerId), String((await currentGeneration(kv, customerId)) + 1));
}

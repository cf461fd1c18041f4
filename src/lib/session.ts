import { randomToken, sha256Hex } from "./crypto.ts";
import type { IdentityProvider } from "../db/schema/enums.ts";
import type { Principal } from "./principal.ts";

export const SESSION_COOKIE = "__Host-loket_session";
export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Writing lastSeenAt on every request would cost a KV write per page; a minute of slack is harmless. */
const TOUCH_AFTER_MS = 60 * 1000;

export type Session = {
  /** Whose sessions these are: "user:12" for a named user, "customer:7" for code login, "person:5" for itsme or eID. */
  subject: string;
  via: "code" | "password" | IdentityProvider;
  userId: number | null;
  /** The person (itsme / eID login, issue #13) whose linked accounts this session acts for; absent otherwise. */
  personId?: number | null;
  customerId: number;
  customerNumber: string;
  contractNumber: string | null;
  termsVersionId: number;
  principal: Principal;
  createdAt: number;
  lastSeenAt: number;
  /** Bumped per subject by "log out everywhere", a password change or deactivation: older sessions are void. */
  generation: number;
  /** Bumped per subject on a change of rights: the session reloads its principal under a new id. */
  rightsVersion: number;
};

export type NewSession = Omit<Session, "createdAt" | "lastSeenAt" | "generation" | "rightsVersion">;
type SubjectState = { generation: number; rightsVersion: number };

// KV holds the hash of the id, so a leaked key listing cannot be replayed as a cookie.
const sessionKey = async (id: string) => `session:${await sha256Hex(id)}`;
const subjectKey = (subject: string) => `subject:${subject}`;

function ttlSeconds(session: Session, now: number): number {
  const left = Math.min(session.lastSeenAt + IDLE_MS, session.createdAt + ABSOLUTE_MS) - now;
  return Math.max(60, Math.ceil(left / 1000));
}

export async function subjectState(kv: KVNamespace, subject: string): Promise<SubjectState> {
  const raw = await kv.get(subjectKey(subject));
  return raw ? (JSON.parse(raw) as SubjectState) : { generation: 0, rightsVersion: 0 };
}

export async function createSession(kv: KVNamespace, data: NewSession, now = Date.now(), keepCreatedAt?: number): Promise<{ id: string; session: Session }> {
  const id = randomToken(32);
  const state = await subjectState(kv, data.subject);
  const session: Session = { ...data, createdAt: keepCreatedAt ?? now, lastSeenAt: now, ...state };
  await kv.put(await sessionKey(id), JSON.stringify(session), { expirationTtl: ttlSeconds(session, now) });
  return { id, session };
}

export type LoadedSession = { session: Session; rightsChanged: boolean };

/** The live session or null; enforces idle and absolute timeouts and the subject's generation. */
export async function loadSession(kv: KVNamespace, id: string, now = Date.now()): Promise<LoadedSession | null> {
  const key = await sessionKey(id);
  const raw = await kv.get(key);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  const expired = now - session.lastSeenAt > IDLE_MS || now - session.createdAt > ABSOLUTE_MS;
  const state = expired ? null : await subjectState(kv, session.subject);
  if (!state || session.generation !== state.generation) {
    await kv.delete(key);
    return null;
  }
  if (session.rightsVersion !== state.rightsVersion) return { session, rightsChanged: true };
  if (now - session.lastSeenAt > TOUCH_AFTER_MS) {
    session.lastSeenAt = now;
    await kv.put(key, JSON.stringify(session), { expirationTtl: ttlSeconds(session, now) });
  }
  return { session, rightsChanged: false };
}

export async function updateSession(kv: KVNamespace, id: string, session: Session, now = Date.now()): Promise<void> {
  await kv.put(await sessionKey(id), JSON.stringify(session), { expirationTtl: ttlSeconds(session, now) });
}

export async function destroySession(kv: KVNamespace, id: string): Promise<void> {
  await kv.delete(await sessionKey(id));
}

/** Ends every session of a subject at once (log out everywhere, password change, deactivation). */
export async function endAllSessions(kv: KVNamespace, subject: string): Promise<void> {
  const state = await subjectState(kv, subject);
  await kv.put(subjectKey(subject), JSON.stringify({ ...state, generation: state.generation + 1 }));
}

/** Marks a subject's rights as changed: each of its sessions reloads them under a new id. */
export async function markRightsChanged(kv: KVNamespace, subject: string): Promise<void> {
  const state = await subjectState(kv, subject);
  await kv.put(subjectKey(subject), JSON.stringify({ ...state, rightsVersion: state.rightsVersion + 1 }));
}

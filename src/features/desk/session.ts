import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { StaffRole } from "../../db/schema/enums.ts";
import { randomToken, sha256Hex } from "../../lib/crypto.ts";
import type { AppEnv } from "../../lib/env.ts";
import type { Locale } from "../../lib/i18n.ts";

/**
 * The desk's own session: another cookie, another KV prefix, and nothing in common with the
 * customer's session (src/lib/session.ts), so neither can stand in for the other. A session is
 * first "password" (the password was right, the second factor is still due: 5 minutes), then
 * "full" under a new id once the TOTP code is accepted.
 */
export const DESK_COOKIE = "__Host-loket_desk";
export const DESK_IDLE_MS = 30 * 60 * 1000;
export const DESK_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Between the password and the code. */
export const DESK_SECOND_FACTOR_MS = 5 * 60 * 1000;
const TOUCH_AFTER_MS = 60 * 1000;

export type DeskSession = {
  staffId: number;
  username: string;
  name: string;
  role: StaffRole;
  language: Locale;
  stage: "password" | "full";
  /** The desk's CSRF token: tied to this session, sent by every desk form (field _desk). */
  csrf: string;
  createdAt: number;
  lastSeenAt: number;
};

declare module "hono" {
  interface ContextVariableMap {
    /** Set by the desk's gate (src/features/desk/auth.ts) on desk routes only. */
    deskSession?: DeskSession | null;
  }
}

const keyOf = async (id: string) => `desk-session:${await sha256Hex(id)}`;

function expiresAt(session: DeskSession): number {
  if (session.stage === "password") return session.createdAt + DESK_SECOND_FACTOR_MS;
  return Math.min(session.lastSeenAt + DESK_IDLE_MS, session.createdAt + DESK_ABSOLUTE_MS);
}

const ttlSeconds = (session: DeskSession, now: number) => Math.max(60, Math.ceil((expiresAt(session) - now) / 1000));

async function store(kv: KVNamespace, id: string, session: DeskSession, now: number) {
  await kv.put(await keyOf(id), JSON.stringify(session), { expirationTtl: ttlSeconds(session, now) });
}

/** The live desk session of a request, or null (expired ones are removed). */
export async function loadDeskSession(c: Context<AppEnv>, now = Date.now()): Promise<DeskSession | null> {
  const id = getCookie(c, DESK_COOKIE);
  if (!id) return null;
  const key = await keyOf(id);
  const raw = await c.env.KV.get(key);
  if (!raw) return null;
  const session = JSON.parse(raw) as DeskSession;
  if (now >= expiresAt(session)) {
    await c.env.KV.delete(key);
    return null;
  }
  if (session.stage === "full" && now - session.lastSeenAt > TOUCH_AFTER_MS) {
    session.lastSeenAt = now;
    await store(c.env.KV, id, session, now);
  }
  return session;
}

/** A new id at each step of the login, so a cookie planted before it is worth nothing after it. */
export async function startDeskSession(c: Context<AppEnv>, data: Omit<DeskSession, "csrf" | "createdAt" | "lastSeenAt">, now = Date.now()): Promise<DeskSession> {
  await endDeskSession(c);
  const id = randomToken(32);
  const session: DeskSession = { ...data, csrf: randomToken(24), createdAt: now, lastSeenAt: now };
  await store(c.env.KV, id, session, now);
  setCookie(c, DESK_COOKIE, id, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
  return session;
}

export async function endDeskSession(c: Context<AppEnv>): Promise<void> {
  const id = getCookie(c, DESK_COOKIE);
  if (id) await c.env.KV.delete(await keyOf(id));
  deleteCookie(c, DESK_COOKIE, { path: "/", secure: true });
}

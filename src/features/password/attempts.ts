/**
 * Failed password attempts with growing delays (ASVS 2.2.1). A counter per typed identifier and
 * one per client: after `free` failures each further failure locks the key for twice as long as
 * the one before, up to a ceiling. Keyed by what was typed, so a known and an unknown user are
 * locked alike and the lock says nothing about who exists.
 */
export type AttemptPolicy = { name: string; free: number; firstLockMs: number; maxLockMs: number };

export const attemptPolicies = {
  // 3 failures → 30 s, then 1, 2, 4, 8 min, at most 15 min.
  account: { name: "account", free: 3, firstLockMs: 30_000, maxLockMs: 15 * 60_000 },
  // An office behind one address has many people typing: more room before the first lock.
  client: { name: "client", free: 10, firstLockMs: 30_000, maxLockMs: 15 * 60_000 },
  // Guessing the current password from a session someone left open.
  change: { name: "change", free: 3, firstLockMs: 30_000, maxLockMs: 15 * 60_000 },
} satisfies Record<string, AttemptPolicy>;

type Counter = { failures: number; lockedUntil: number };
type Tracked = { policy: AttemptPolicy; key: string; counter: Counter | null };
export type AttemptCheck = { waitMs: number; tracked: Tracked[] };

/** A quiet day forgets the failures; the lock itself never outlasts maxLockMs. */
const FORGET_AFTER_SECONDS = 24 * 3600;

const kvKey = (policy: AttemptPolicy, value: string) => `pwfail:${policy.name}:${value.trim().toLowerCase()}`;

export function lockFor(policy: AttemptPolicy, failures: number): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.firstLockMs * 2 ** (failures - policy.free), policy.maxLockMs);
}

/** Reads the counters; waitMs > 0 means refuse without even checking the password. */
export async function checkAttempts(kv: KVNamespace, keys: [AttemptPolicy, string][], now = Date.now()): Promise<AttemptCheck> {
  const tracked = await Promise.all(
    keys.map(async ([policy, value]) => {
      const key = kvKey(policy, value);
      const raw = await kv.get(key);
      return { policy, key, counter: raw ? (JSON.parse(raw) as Counter) : null };
    }),
  );
  const waitMs = Math.max(0, ...tracked.map((entry) => (entry.counter ? entry.counter.lockedUntil - now : 0)));
  return { waitMs, tracked };
}

export async function recordFailure(kv: KVNamespace, check: AttemptCheck, now = Date.now()): Promise<void> {
  await Promise.all(
    check.tracked.map(({ policy, key, counter }) => {
      const failures = (counter?.failures ?? 0) + 1;
      const next: Counter = { failures, lockedUntil: now + lockFor(policy, failures) };
      return kv.put(key, JSON.stringify(next), { expirationTtl: FORGET_AFTER_SECONDS });
    }),
  );
}

/** A success clears the account's counter; the client's keeps counting what it got wrong elsewhere. */
export async function clearFailures(kv: KVNamespace, check: AttemptCheck, policy: AttemptPolicy): Promise<void> {
  await Promise.all(check.tracked.filter((entry) => entry.policy === policy && entry.counter).map((entry) => kv.delete(entry.key)));
}

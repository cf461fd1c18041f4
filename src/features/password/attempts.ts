/**
 * Failed password attempts with growing delays (ASVS 2.2.1). A counter per account (the user once
 * the typed name is resolved, else the typed name itself) and one per client: after `free`
 * failures each further failure locks the key for twice as long as the one before, up to a
 * ceiling. Counted exactly in Durable Objects (src/lib/counters.ts), before the password is
 * checked, so tries sent together are refused like tries sent one after the other.
 */
import { counter, type Counter, type LockPolicy } from "../../lib/counters.ts";

export { lockFor } from "../../lib/counters.ts";

export type AttemptPolicy = LockPolicy & { name: string };

/** A quiet day forgets the failures; the lock itself never outlasts maxLockMs. */
const FORGET_AFTER_MS = 24 * 3600 * 1000;

export const attemptPolicies = {
  // 3 failures → 30 s, then 1, 2, 4, 8 min, at most 15 min.
  account: { name: "account", free: 3, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetMs: FORGET_AFTER_MS },
  // An office behind one address has many people typing: more room before the first lock.
  client: { name: "client", free: 10, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetMs: FORGET_AFTER_MS },
  // Guessing the current password from a session someone left open.
  change: { name: "change", free: 3, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetMs: FORGET_AFTER_MS },
} satisfies Record<string, AttemptPolicy>;

type Tried = { policy: AttemptPolicy; stub: DurableObjectStub<Counter> };
/** waitMs > 0: refused without checking the password. Otherwise the try is already counted. */
export type AttemptCheck = { waitMs: number; tried: Tried[] };

const counterKey = (policy: AttemptPolicy, value: string) => `pwfail:${policy.name}:${value.trim().toLowerCase()}`;

/** Counts a try on every key, or on none: a try refused by one lock is not a try on the others. */
export async function beginAttempt(counters: DurableObjectNamespace<Counter>, keys: [AttemptPolicy, string][], now = Date.now()): Promise<AttemptCheck> {
  const tried = keys.map(([policy, value]) => ({ policy, stub: counter(counters, counterKey(policy, value)) }));
  const answers = await Promise.all(tried.map(({ policy, stub }) => stub.attempt(policy, now)));
  const waitMs = Math.max(0, ...answers.map((answer) => answer.waitMs));
  if (waitMs > 0) {
    await Promise.all(tried.map(({ policy, stub }, i) => (answers[i]?.allowed ? stub.forgive(policy, now) : undefined)));
  }
  return { waitMs, tried };
}

/** A success clears the account's counter; the client's keeps what it got wrong elsewhere. */
export async function attemptSucceeded(check: AttemptCheck, cleared: AttemptPolicy, now = Date.now()): Promise<void> {
  await Promise.all(check.tried.map(({ policy, stub }) => (policy === cleared ? stub.clear() : stub.forgive(policy, now))));
}

/** A try that was never checked (the isolate was busy) counts on no key. */
export async function attemptWithdrawn(check: AttemptCheck, now = Date.now()): Promise<void> {
  await Promise.all(check.tried.map(({ policy, stub }) => stub.forgive(policy, now)));
}

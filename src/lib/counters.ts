import { DurableObject } from "cloudflare:workers";

/**
 * Exact counters: one Durable Object per counter key. KV is eventually consistent and a
 * read-modify-write there loses increments when requests run in parallel; a Durable Object runs
 * one call at a time, so each count below is exact whatever arrives together.
 *
 * The caller passes `now`, so a counter and the request that uses it agree on the time.
 */
type State = { count: number; expiresAt: number; lockedUntil: number; claimed: boolean };

export type LockPolicy = { free: number; firstLockMs: number; maxLockMs: number; forgetMs: number };
export type AttemptAnswer = { allowed: boolean; waitMs: number; count: number };

const EMPTY: State = { count: 0, expiresAt: 0, lockedUntil: 0, claimed: false };
const KEY = "state";

export function lockFor(policy: Pick<LockPolicy, "free" | "firstLockMs" | "maxLockMs">, failures: number): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.firstLockMs * 2 ** (failures - policy.free), policy.maxLockMs);
}

export class Counter extends DurableObject {
  private read(now: number): State {
    const stored = this.ctx.storage.kv.get<State>(KEY);
    return stored && stored.expiresAt > now ? stored : { ...EMPTY };
  }

  private write(state: State): void {
    this.ctx.storage.kv.put(KEY, state);
    // Forget the key when it expires, so idle counters cost no storage.
    void this.ctx.storage.setAlarm(state.expiresAt);
  }

  /** Counts one and returns the count within a window that starts with the first hit. */
  hit(windowMs: number, now: number): number {
    const state = this.read(now);
    if (state.count === 0) state.expiresAt = now + windowMs;
    state.count += 1;
    this.write(state);
    return state.count;
  }

  /** True for the first caller only, until the window ends: a single-use token's "used" mark. */
  claim(windowMs: number, now: number): boolean {
    const state = this.read(now);
    if (state.claimed) return false;
    state.claimed = true;
    if (state.expiresAt <= now) state.expiresAt = now + windowMs;
    this.write(state);
    return true;
  }

  /**
   * A try that may fail: refused while locked; otherwise counted before the secret is checked, so
   * tries that arrive together cannot all pass the check. The try that reaches `free` sets the
   * lock; `forgive` takes a try back when it turned out right.
   */
  attempt(policy: LockPolicy, now: number): AttemptAnswer {
    const state = this.read(now);
    if (state.lockedUntil > now) return { allowed: false, waitMs: state.lockedUntil - now, count: state.count };
    state.count += 1;
    state.lockedUntil = now + lockFor(policy, state.count);
    state.expiresAt = Math.max(now + policy.forgetMs, state.lockedUntil);
    this.write(state);
    return { allowed: true, waitMs: 0, count: state.count };
  }

  /** Takes back a try that turned out right; a lock it alone had set is lifted with it. */
  forgive(policy: LockPolicy, now: number): void {
    const state = this.read(now);
    if (state.count === 0) return;
    state.count -= 1;
    if (lockFor(policy, state.count) === 0) state.lockedUntil = 0;
    this.write(state);
  }

  clear(): void {
    this.ctx.storage.kv.delete(KEY);
  }

  count(now: number): number {
    return this.read(now).count;
  }

  override async alarm(): Promise<void> {
    const stored = this.ctx.storage.kv.get<State>(KEY);
    if (stored && stored.expiresAt > Date.now()) await this.ctx.storage.setAlarm(stored.expiresAt);
    else await this.ctx.storage.deleteAll();
  }
}

/** A counter's stub for this request (stubs are cheap; never keep one across requests). */
export function counter(namespace: DurableObjectNamespace<Counter>, key: string): DurableObjectStub<Counter> {
  return namespace.get(namespace.idFromName(key));
}

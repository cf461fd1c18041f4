/**
 * What a service answers: its value, or why not, in one of four words every route understands.
 * Services know no HTTP; `failureStatus` (and `renderFailure` in render.tsx, which uses it) is the
 * one place a failure becomes a status, so "not found" is a 404 in every module, never a 403 here
 * and a 200 there.
 *
 * - not_found: no such thing, or not in the principal's scope (the two must look alike)
 * - forbidden: it exists and is in scope, but this principal may not do that to it
 * - conflict:  allowed, but the thing's state says no (already done, closed, one's own account)
 * - invalid:   what was sent cannot be applied (a taken username, an item that does not exist)
 *
 * A failure may carry details the route needs to say why (`reason`) or to show the form again (`page`).
 */
export type Failure = "not_found" | "forbidden" | "conflict" | "invalid";

export type Ok<T> = { ok: true; value: T };
export type Fail<E extends Failure = Failure, D extends object = object> = { ok: false; error: E } & D;
export type Result<T, F extends Fail = Fail> = Ok<T> | F;

export const failureStatus = { not_found: 404, forbidden: 403, conflict: 409, invalid: 422 } as const satisfies Record<Failure, number>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function fail<E extends Failure>(error: E): Fail<E>;
export function fail<E extends Failure, D extends object>(error: E, details: D): Fail<E, D>;
export function fail<E extends Failure, D extends object>(error: E, details?: D) {
  return { ...details, ok: false, error } as Fail<E, D>;
}

/** A lookup scoped to the principal: nothing found is "not found", whether it exists elsewhere or not at all. */
export function found<T>(value: T | null | undefined): Result<T, Fail<"not_found">> {
  return value === null || value === undefined ? fail("not_found") : ok(value);
}

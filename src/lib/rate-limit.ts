import { counter, type Counter } from "./counters.ts";

/** Fixed-window limits, counted exactly in a Durable Object per key and window. */
export type Limit = { name: string; max: number; windowSeconds: number };

export const limits = {
  codeRequestPerCustomer: { name: "code-cust", max: 3, windowSeconds: 15 * 60 },
  codeRequestPerClient: { name: "code-client", max: 10, windowSeconds: 15 * 60 },
  loginPerClient: { name: "login-client", max: 20, windowSeconds: 15 * 60 },
  loginPerCustomer: { name: "login-cust", max: 10, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

/** Counts one hit and tells whether the key is still within its limit. */
export async function hit(counters: DurableObjectNamespace<Counter>, limit: Limit, key: string, now = Date.now()): Promise<boolean> {
  const window = Math.floor(now / 1000 / limit.windowSeconds);
  const count = await counter(counters, `rl:${limit.name}:${key}:${window}`).hit(limit.windowSeconds * 1000, now);
  return count <= limit.max;
}

export function clientKey(request: Request): string {
  return request.headers.get("CF-Connecting-IP") ?? request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim() ?? "local";
}

import type { Context } from "hono";
import type { Messages } from "../../i18n/en.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";

/** "Wait 30 seconds" / "Wait 4 minutes": rounded up, so the user never comes back too early. */
export function waitText(t: Messages, waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  const wait = seconds <= 90 ? fill(t.password.seconds, { count: seconds }) : fill(t.password.minutes, { count: Math.ceil(seconds / 60) });
  return fill(t.password.locked, { wait });
}

export function retryAfter(c: Context<AppEnv>, waitMs: number): void {
  c.header("Retry-After", String(Math.ceil(waitMs / 1000)));
}

/**
 * Runs the lookup and the e-mail after the answer is sent. The answer is then the same page at
 * the same moment whether the user exists or not: neither its words nor its timing tell.
 */
export function afterResponse(c: Context<AppEnv>, work: () => Promise<number>): void {
  c.executionCtx.waitUntil(
    work()
      .then((sent) => {
        if (sent > 0) c.var.deliverOutbox();
      })
      .catch((error) => console.error("password mail", error)),
  );
}

/** An absolute link for an e-mail, on the host the request came to, in the page's language. */
export function absoluteUrl(c: Context<AppEnv>, path: string): string {
  return `${new URL(c.req.url).origin}/${c.var.locale}${path}`;
}

/** Pages whose address holds a secret token are not cached (the referrer policy is already same-origin). */
export function noStore(c: Context<AppEnv>): void {
  c.header("Cache-Control", "no-store");
}

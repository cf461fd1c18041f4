import type { Context } from "hono";
import type { Messages } from "../../i18n/en.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill, plural, type Locale } from "../../lib/i18n.ts";

/** "Wait 30 seconds" / "Wait 4 minutes": rounded up, so the user never comes back too early. */
export function waitText(t: Messages, waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  const locale = t.meta.lang as Locale;
  const wait = seconds <= 90 ? plural(locale, t.password.seconds, seconds) : plural(locale, t.password.minutes, Math.ceil(seconds / 60));
  return fill(t.password.locked, { wait });
}

export function retryAfter(c: Context<AppEnv>, waitMs: number): void {
  c.header("Retry-After", String(Math.ceil(waitMs / 1000)));
}

/** Pages whose address holds a secret token are not cached (the referrer policy is already same-origin). */
export function noStore(c: Context<AppEnv>): void {
  c.header("Cache-Control", "no-store");
}

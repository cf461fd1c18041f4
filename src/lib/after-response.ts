import type { Context } from "hono";
import type { AppEnv } from "./env.ts";

/**
 * Runs lookups and messages after the answer is sent. The answer is then the same page at the
 * same moment whether the person asked about exists or not: neither its words nor its timing
 * tell. The work returns how many messages it queued; they are delivered right away.
 */
export function afterResponse(c: Context<AppEnv>, label: string, work: () => Promise<number>): void {
  c.executionCtx.waitUntil(
    work()
      .then((queued) => {
        if (queued > 0) c.var.deliverOutbox();
      })
      .catch((error) => console.error(label, error)),
  );
}

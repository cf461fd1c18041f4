import { createApp } from "./app.tsx";
import { dbFromEnv } from "./db/client.ts";
import { resumeRunningBulkJobs } from "./features/fleet/bulk-service.ts";
import { applyDueChanges } from "./features/fleet/changes.ts";
import { deactivateDormantUsers } from "./features/password/lifecycle.ts";
import type { Env } from "./lib/env.ts";
import { deliverPending, senderFor } from "./lib/outbox.ts";
import { brusselsDate } from "./lib/workdays.ts";

// The exact counters' Durable Object class: wrangler.toml binds it as COUNTERS.
export { Counter } from "./lib/counters.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  /** Cron: dormant users, the fleet's due line changes and unfinished bulk changes, and outbox messages that could not be delivered during their request. */
  async scheduled(_controller, env, ctx) {
    await deactivateDormantUsers(dbFromEnv(env), env.KV).catch((error) => console.error("dormant users", error));
    // The fleet's dated operator changes (activate, SIM swap, suspend, stop) whose day has come.
    await applyDueChanges(dbFromEnv(env), brusselsDate(Date.now())).catch((error) => console.error("fleet changes", error));
    // Bulk changes whose apply request ended before the last chunk, and whose page nobody reopened.
    await resumeRunningBulkJobs(dbFromEnv(env), 20_000).catch((error) => console.error("bulk changes", error));
    const sender = senderFor(env);
    if (!sender) return;
    ctx.waitUntil(deliverPending(dbFromEnv(env), sender).then(() => undefined));
  },
} satisfies ExportedHandler<Env>;

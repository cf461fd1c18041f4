import { createApp } from "./app.tsx";
import { dbFromEnv } from "./db/client.ts";
import { resumeRunningBulkJobs } from "./features/fleet/bulk-service.ts";
import { applyDueChanges } from "./features/fleet/changes.ts";
import { applyDuePackRequests } from "./features/fleet/packs-service.ts";
import { rollUpUsage } from "./features/fleet/usage.ts";
import { checkUsageAlerts, purgeUsage } from "./features/fleet/usage-cron.ts";
import { deactivateDormantUsers } from "./features/password/lifecycle.ts";
import type { Env } from "./lib/env.ts";
import { deliverPending, senderFor } from "./lib/outbox.ts";
import { deliverNewDocuments } from "./features/einvoice/deliveries.ts";
import { peppolSenderFor } from "./features/einvoice/peppol-sender.ts";
import { sellerFromEnv } from "./features/documents/ubl.ts";
import { brusselsDate } from "./lib/workdays.ts";

// The exact counters' Durable Object class: wrangler.toml binds it as COUNTERS.
export { Counter } from "./lib/counters.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  /** Cron: dormant users, the fleet's due line changes and unfinished bulk changes, usage rollup, notifications and retention, and outbox messages that could not be delivered during their request. */
  async scheduled(_controller, env, ctx) {
    await deactivateDormantUsers(dbFromEnv(env), env.KV).catch((error) => console.error("dormant users", error));
    // The fleet's dated operator changes (activate, SIM swap, suspend, stop) whose day has come.
    await applyDueChanges(dbFromEnv(env), brusselsDate(Date.now())).catch((error) => console.error("fleet changes", error));
    // Group pack requests the desk confirmed whose effective date has come (order, change, stop).
    await applyDuePackRequests(dbFromEnv(env), brusselsDate(Date.now())).catch((error) => console.error("pack requests", error));
    // Bulk changes whose apply request ended before the last chunk, and whose page nobody reopened.
    await resumeRunningBulkJobs(dbFromEnv(env), 20_000).catch((error) => console.error("bulk changes", error));
    // Usage: roll the visible days up per line and period, then the out-of-bundle notifications (once per threshold and period), then retention.
    await rollUpUsage(dbFromEnv(env)).catch((error) => console.error("usage rollup", error));
    await checkUsageAlerts(dbFromEnv(env), Date.now(), env.PUBLIC_ORIGIN).catch((error) => console.error("usage alerts", error));
    await purgeUsage(dbFromEnv(env)).catch((error) => console.error("usage purge", error));
    // New invoices and credit notes to their channel: Peppol through the access point, e-mails queued (sent just below), paper and Zoomit recorded.
    const deliveryDb = dbFromEnv(env);
    await deliverNewDocuments(deliveryDb, peppolSenderFor(env, deliveryDb), sellerFromEnv(env), Date.now(), { mail: { origin: env.PUBLIC_ORIGIN, provider: env.PROVIDER_NAME } }).catch((error) =>
      console.error("document deliveries", error),
    );
    const sender = senderFor(env);
    if (!sender) return;
    ctx.waitUntil(deliverPending(dbFromEnv(env), sender).then(() => undefined));
  },
} satisfies ExportedHandler<Env>;

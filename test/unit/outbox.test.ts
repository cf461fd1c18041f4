import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.tsx";
import { createDb } from "../../src/db/client.ts";
import { deliverPending, enqueueMessage, MAX_ATTEMPTS, type MessageSender } from "../../src/lib/outbox.ts";
import type { Env } from "../../src/lib/env.ts";

const db = () => createDb((env as unknown as Env).TURSO_DATABASE_URL, (env as unknown as Env).TURSO_AUTH_TOKEN);

async function statusOf(dedupeKey: string) {
  const rows = await db().query.outboxMessages.findFirst({ where: (m, { eq }) => eq(m.dedupeKey, dedupeKey) });
  return rows;
}

describe("outbox", () => {
  it("retries a failed send on the next run, and sends it once", async () => {
    const key = `test-retry-${Date.now()}`;
    await enqueueMessage(db(), { channel: "email", recipient: "retry@test.example", subject: "s", body: "b", dedupeKey: key });
    // The same request replayed enqueues nothing more.
    await enqueueMessage(db(), { channel: "email", recipient: "retry@test.example", subject: "s", body: "b", dedupeKey: key });
    const sent: string[] = [];
    let failing = true;
    const sender: MessageSender = {
      async send(message) {
        if (message.dedupeKey !== key) return;
        if (failing) throw new Error("gateway down");
        sent.push(message.dedupeKey);
      },
    };
    await deliverPending(db(), sender, Date.now(), 500);
    expect(await statusOf(key)).toMatchObject({ status: "pending", attempts: 1, lastError: "Error: gateway down" });
    failing = false;
    await deliverPending(db(), sender, Date.now(), 500);
    await deliverPending(db(), sender, Date.now(), 500);
    expect(sent).toEqual([key]);
    expect(await statusOf(key)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("gives up after the maximum number of attempts", async () => {
    const key = `test-giveup-${Date.now()}`;
    await enqueueMessage(db(), { channel: "sms", recipient: "+32470000000", subject: "s", body: "b", dedupeKey: key });
    const sender: MessageSender = {
      async send(message) {
        if (message.dedupeKey === key) throw new Error("no route");
      },
    };
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) await deliverPending(db(), sender, Date.now(), 500);
    expect(await statusOf(key)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });
});

describe("a failing database", () => {
  it("answers a clear 503 page in the user's language, never a stack trace", async () => {
    const app = createApp();
    const broken = { ...(env as unknown as Env), TURSO_DATABASE_URL: "http://127.0.0.1:9" };
    const response = await app.request("/fr/terms", {}, broken, { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext);
    expect(response.status).toBe(503);
    const html = await response.text();
    expect(html).toContain("temporairement indisponible");
    expect(html).not.toMatch(/at \w+ \(|Error:/);
  });
});

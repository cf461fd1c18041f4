import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { formatDateTime } from "../../src/lib/i18n.ts";
import type { listOutbox } from "../../src/features/dev/service.ts";

type Message = Awaited<ReturnType<typeof listOutbox>>[number];

export function OutboxPage({ c, messages }: { c: Context<AppEnv>; messages: Message[] }) {
  const { t, locale } = c.var;
  return (
    <>
      <h1>{t.dev.outbox}</h1>
      <p class="hint">{t.dev.outboxIntro}</p>
      {messages.length === 0 ? (
        <p>{t.dev.empty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.dev.created}</th>
                <th scope="col">{t.dev.channel}</th>
                <th scope="col">{t.dev.to}</th>
                <th scope="col">{t.dev.subject}</th>
                <th scope="col">{t.dev.body}</th>
                <th scope="col">{t.dev.status}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr>
                  <td>{formatDateTime(locale, m.createdAt)}</td>
                  <td>{m.channel}</td>
                  <td>{m.recipient}</td>
                  <td>{m.subject}</td>
                  <td class="outbox-body">{m.body}</td>
                  <td>{m.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

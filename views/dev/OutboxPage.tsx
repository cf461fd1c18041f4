import { formatDateTime } from "../../src/lib/i18n.ts";
import type { listOutbox } from "../../src/features/dev/service.ts";
import { useView } from "../ui/context.ts";
import { DataTable } from "../ui/DataTable.tsx";

type Message = Awaited<ReturnType<typeof listOutbox>>[number];

export function OutboxPage({ messages }: { messages: Message[] }) {
  const { t, locale } = useView();
  return (
    <>
      <h1>{t.dev.outbox}</h1>
      <p class="hint">{t.dev.outboxIntro}</p>
      {messages.length === 0 ? (
        <p>{t.dev.empty}</p>
      ) : (
        <DataTable columns={[t.dev.created, t.dev.channel, t.dev.to, t.dev.subject, t.dev.body, t.dev.status]}>
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
        </DataTable>
      )}
    </>
  );
}

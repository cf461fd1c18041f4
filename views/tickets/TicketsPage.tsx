import type { ThreadList } from "../../src/lib/threads.ts";
import { useView } from "../ui/context.ts";
import { Notice } from "../ui/Field.tsx";
import { ThreadTable } from "../threads/ThreadTable.tsx";
import { type TicketFormState, TicketFormBlock } from "./TicketForm.tsx";

/** The tickets of the account, newest activity first, and the way to create one. */
export function TicketsPage({ list }: { list: ThreadList }) {
  const { t, locale } = useView();
  const k = t.tickets;
  return (
    <>
      <h1>{k.title}</h1>
      <p class="hint">{k.intro}</p>
      <p>
        <a class="button" href={`/${locale}/tickets/new`}>
          {k.create}
        </a>
      </p>
      <section aria-labelledby="tickets-list">
        <h2 id="tickets-list">{k.listTitle}</h2>
        <ThreadTable list={list} base={`/${locale}/tickets`} empty={k.none} />
      </section>
    </>
  );
}

export function NewTicketPage({ state, notice }: { state: TicketFormState; notice?: string }) {
  const { t, locale } = useView();
  const k = t.tickets;
  return (
    <>
      <h1>{k.newTitle}</h1>
      {notice ? <Notice kind="error">{notice}</Notice> : null}
      <TicketFormBlock state={state} />
      <p>
        <a href={`/${locale}/tickets`}>{k.backToList}</a>
      </p>
    </>
  );
}

import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { ThreadKind, ThreadStatus } from "../db/schema/enums.ts";
import { attachments, contactDetails, documents, threadMessages, threads, users } from "../db/schema/index.ts";
import type { StoredFile } from "./attachments.ts";
import { auditInsert } from "./audit.ts";
import { download } from "./downloads.ts";
import { enqueueMessage, type OutgoingMessage } from "./outbox.ts";

/**
 * A complaint or a ticket is a thread of messages between the customer and the provider's desk.
 * Read here with its messages and attachments (for the customer's pages and for the desk), and
 * written here when the customer adds a message. `customerId` scopes every read: a thread of
 * another customer is not found; the desk passes null (it sees every customer's threads).
 */
export type ThreadScope = { customerId: number | null; kind: ThreadKind };

export const THREAD_PAGE_SIZE = 20;
export const MAX_MESSAGE = 4000;

export type ThreadRow = { id: number; title: string; status: ThreadStatus; createdAt: Date; updatedAt: Date };
export type ThreadList = { rows: ThreadRow[]; next: string | null; previous: string | null };
export type AttachmentRow = { id: number; messageId: number; name: string; contentType: string; size: number; documentId: number | null };
export type MessageRow = { id: number; at: Date; author: "customer" | "staff"; authorLabel: string; body: string; attachments: AttachmentRow[] };
export type ThreadHead = ThreadRow & { customerId: number; kind: ThreadKind; createdBy: string; closedAt: Date | null };
export type ThreadDetail = { thread: ThreadHead; messages: MessageRow[] };

function scoped(scope: ThreadScope, id?: number): SQL {
  return and(eq(threads.kind, scope.kind), scope.customerId === null ? undefined : eq(threads.customerId, scope.customerId), id === undefined ? undefined : eq(threads.id, id))!;
}

/** Keyset cursor "updatedAtMs~id". */
export function parseThreadCursor(value: string | null | undefined): [number, number] | null {
  const match = value?.match(/^(\d{1,15})~(\d{1,15})$/);
  return match ? [Number(match[1]), Number(match[2])] : null;
}
const cursorOf = (row: ThreadRow) => `${row.updatedAt.getTime()}~${row.id}`;

/** The query of one page of a customer's threads, newest activity first (to batch with a page's other reads). */
export function threadPageQuery(db: Db, scope: ThreadScope & { customerId: number }, after: string | null, before: string | null) {
  const a = parseThreadCursor(after);
  const b = a ? null : parseThreadCursor(before);
  const conditions = [scoped(scope)];
  if (a) conditions.push(sql`(${threads.updatedAt}, ${threads.id}) < (${a[0]}, ${a[1]})`);
  if (b) conditions.push(sql`(${threads.updatedAt}, ${threads.id}) > (${b[0]}, ${b[1]})`);
  return db
    .select({ id: threads.id, title: threads.title, status: threads.status, createdAt: threads.createdAt, updatedAt: threads.updatedAt })
    .from(threads)
    .where(and(...conditions))
    .orderBy(...(b ? [asc(threads.updatedAt), asc(threads.id)] : [desc(threads.updatedAt), desc(threads.id)]))
    .limit(THREAD_PAGE_SIZE + 1);
}

/** Turns the rows of threadPageQuery into a page with its cursors. */
export function threadPage(found: ThreadRow[], after: string | null, before: string | null): ThreadList {
  const a = parseThreadCursor(after);
  const b = a ? null : parseThreadCursor(before);
  const more = found.length > THREAD_PAGE_SIZE;
  const rows = found.slice(0, THREAD_PAGE_SIZE);
  if (b) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  return { rows, next: last && (b || more) ? cursorOf(last) : null, previous: first && (a || (b && more)) ? cursorOf(first) : null };
}

/** The queries of one thread with its messages and their attachments: one batch, one round trip. */
export function threadQueries(db: Db, scope: ThreadScope, id: number) {
  const inScope = db.select({ id: threads.id }).from(threads).where(scoped(scope, id));
  return [
    db
      .select({
        id: threads.id,
        title: threads.title,
        status: threads.status,
        createdAt: threads.createdAt,
        updatedAt: threads.updatedAt,
        customerId: threads.customerId,
        kind: threads.kind,
        createdBy: threads.createdBy,
        closedAt: threads.closedAt,
      })
      .from(threads)
      .where(scoped(scope, id))
      .limit(1),
    db
      .select({ id: threadMessages.id, at: threadMessages.at, author: threadMessages.author, authorLabel: threadMessages.authorLabel, body: threadMessages.body })
      .from(threadMessages)
      .where(inArray(threadMessages.threadId, inScope))
      .orderBy(asc(threadMessages.at), asc(threadMessages.id)),
    db
      .select({ id: attachments.id, messageId: attachments.messageId, name: attachments.name, contentType: attachments.contentType, size: attachments.size, documentId: attachments.documentId })
      .from(attachments)
      .where(inArray(attachments.threadId, inScope))
      .orderBy(asc(attachments.id)),
  ] as const;
}

type ThreadResults = [ThreadHead[], { id: number; at: Date; author: "customer" | "staff"; authorLabel: string; body: string }[], AttachmentRow[]];

/** Puts the rows of threadQueries together; null when the thread is not in scope. */
export function threadDetail([heads, messages, files]: ThreadResults): ThreadDetail | null {
  const thread = heads[0];
  if (!thread) return null;
  const byMessage = new Map<number, AttachmentRow[]>();
  for (const file of files) byMessage.set(file.messageId, [...(byMessage.get(file.messageId) ?? []), file]);
  return { thread, messages: messages.map((m) => ({ ...m, attachments: byMessage.get(m.id) ?? [] })) };
}

export async function getThread(db: Db, scope: ThreadScope, id: number): Promise<ThreadDetail | null> {
  const [heads, messages, files] = await db.batch(threadQueries(db, scope, id));
  return threadDetail([heads, messages, files]);
}

/** One attachment of a thread in scope, with where its bytes are: an R2 key or a document of the account. */
export async function getAttachment(db: Db, scope: ThreadScope, threadId: number, attachmentId: number) {
  const [row] = await db
    .select({ id: attachments.id, name: attachments.name, contentType: attachments.contentType, size: attachments.size, fileKey: attachments.fileKey, documentId: attachments.documentId })
    .from(attachments)
    .innerJoin(threads, eq(threads.id, attachments.threadId))
    .where(and(eq(attachments.id, attachmentId), scoped(scope, threadId)))
    .limit(1);
  return row ?? null;
}

/** How a customer's message is signed: the named user's name, else the customer number (code login). */
export async function customerAuthorLabel(db: Db, session: { userId: number | null; customerNumber: string }): Promise<string> {
  if (session.userId === null) return session.customerNumber;
  const [user] = await db.select({ first: users.firstName, last: users.lastName, username: users.username }).from(users).where(eq(users.id, session.userId)).limit(1);
  const name = user ? `${user.first ?? ""} ${user.last ?? ""}`.trim() : "";
  return name || user?.username || session.customerNumber;
}

/** The newest message's id inside the batch that wrote it (a batch is one write transaction). */
const lastMessageId = sql`(SELECT max(id) FROM thread_messages)`;

/** The attachment rows of the message just inserted in the same batch. */
export function attachmentInserts(db: Db, files: StoredFile[], documentFiles: { documentId: number; name: string; contentType: string; size: number }[] = []) {
  return [
    ...files.map((file) =>
      db.insert(attachments).values({
        threadId: sql`(SELECT thread_id FROM thread_messages WHERE id = ${lastMessageId})`,
        messageId: lastMessageId,
        fileKey: file.key,
        name: file.name,
        contentType: file.contentType,
        size: file.size,
      }),
    ),
    ...documentFiles.map((file) =>
      db.insert(attachments).values({
        threadId: sql`(SELECT thread_id FROM thread_messages WHERE id = ${lastMessageId})`,
        messageId: lastMessageId,
        documentId: file.documentId,
        name: file.name,
        contentType: file.contentType,
        size: file.size,
      }),
    ),
  ];
}

/** The id of the thread inserted earlier in the same batch. */
export const lastThreadId = sql`(SELECT max(id) FROM threads)`;

/**
 * The statements of a new thread's first message, after the thread (and its complaint or ticket
 * row) in the same batch: the message, then its attachments.
 */
export function firstMessageInserts(db: Db, message: { authorLabel: string; body: string }, files: StoredFile[], now: number, documentFiles: Parameters<typeof attachmentInserts>[2] = []) {
  return [
    db.insert(threadMessages).values({ threadId: lastThreadId, at: new Date(now), author: "customer", authorLabel: message.authorLabel, body: message.body }),
    ...attachmentInserts(db, files, documentFiles),
  ];
}

/**
 * The statements of a customer's message on an open thread: the message, its attachments, and the
 * thread back with the desk (in_progress when it had been answered). A closed thread takes none:
 * the guard makes the whole batch write nothing (the caller checks `status` first).
 */
export function customerMessageInserts(db: Db, thread: { id: number }, message: { authorLabel: string; body: string }, files: StoredFile[], now: number) {
  return [
    db.insert(threadMessages).values({ threadId: thread.id, at: new Date(now), author: "customer", authorLabel: message.authorLabel, body: message.body }),
    ...attachmentInserts(db, files),
    db
      .update(threads)
      .set({ updatedAt: new Date(now), status: sql`CASE WHEN ${threads.status} = 'answered' THEN 'in_progress' ELSE ${threads.status} END` })
      .where(eq(threads.id, thread.id)),
  ];
}

export function closeThreadUpdate(db: Db, thread: { id: number }, now: number) {
  return db
    .update(threads)
    .set({ status: "closed", closedAt: new Date(now), updatedAt: new Date(now) })
    .where(eq(threads.id, thread.id));
}

/** A contested document's name as an attachment. */
export async function documentName(db: Db, documentId: number): Promise<string | null> {
  const [row] = await db.select({ reference: documents.reference }).from(documents).where(eq(documents.id, documentId)).limit(1);
  return row ? `${row.reference}.pdf` : null;
}

export type Actor = { actor: string; customerId: number };

/**
 * A customer's message on one of their threads, with its attachments, the audit event and the
 * e-mail to the desk, in one batch. "closed" when the thread is closed (nothing is written).
 */
export async function addCustomerMessage(
  db: Db,
  who: Actor,
  thread: { id: number; status: ThreadStatus; kind: ThreadKind },
  message: { authorLabel: string; body: string },
  files: StoredFile[],
  mail: OutgoingMessage | null,
  now = Date.now(),
): Promise<"added" | "closed"> {
  if (thread.status === "closed") return "closed";
  const statements = [
    ...customerMessageInserts(db, thread, message, files, now),
    auditInsert(db, { actor: who.actor, customerId: who.customerId, action: `${thread.kind}.message`, after: { threadId: thread.id, files: files.map((f) => f.name) } }, now),
    ...(mail ? [enqueueMessage(db, mail, now)] : []),
  ];
  await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  return "added";
}

/** The customer closes a thread: it stays readable, takes no more messages. */
export async function closeThread(db: Db, who: Actor, thread: { id: number; status: ThreadStatus; kind: ThreadKind }, now = Date.now()): Promise<void> {
  if (thread.status === "closed") return;
  await db.batch([
    closeThreadUpdate(db, thread, now),
    auditInsert(db, { actor: who.actor, customerId: who.customerId, action: `${thread.kind}.closed`, before: { status: thread.status }, after: { threadId: thread.id, status: "closed" } }, now),
  ]);
}

/** A customer message as posted: its text (trimmed) and the check of its length. */
export function messageError(body: string): "message" | "messageTooLong" | null {
  if (body.trim() === "") return "message";
  if (body.length > MAX_MESSAGE) return "messageTooLong";
  return null;
}

/** The reference users and the desk see for a thread: its number. */
export const threadReference = (id: number) => String(id);

/**
 * An attachment's bytes for who may see its thread (else null: the caller answers 404). A file
 * from R2 goes out through downloads.ts (its checked type, Content-Disposition, nosniff); a
 * contested document is the account's own document, served by the documents module.
 */
export async function attachmentResponse(
  db: Db,
  bucket: R2Bucket | undefined,
  scope: ThreadScope,
  threadId: number,
  attachmentId: number,
  documentHref: (documentId: number) => string,
): Promise<Response | null> {
  const file = await getAttachment(db, scope, threadId, attachmentId);
  if (!file) return null;
  if (file.documentId !== null) return new Response(null, { status: 303, headers: { Location: documentHref(file.documentId) } });
  if (!file.fileKey || !bucket) return null;
  const object = await bucket.get(file.fileKey);
  if (!object) return null;
  return download(object.body, { type: file.contentType, name: file.name, size: object.size, inline: false });
}

/** Who asks, as the forms prefill it: the named user's e-mail address, else the account's contact details; the mobile from the account. */
export async function requesterContacts(db: Db, session: { userId: number | null; customerId: number }): Promise<{ email: string | null; mobile: string | null }> {
  const [contact, user] = await db.batch([
    db.select({ email: contactDetails.email, phone: contactDetails.phone }).from(contactDetails).where(eq(contactDetails.customerId, session.customerId)).limit(1),
    db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, session.userId ?? 0))
      .limit(1),
  ]);
  return { email: user[0]?.email ?? contact[0]?.email ?? null, mobile: contact[0]?.phone ?? null };
}

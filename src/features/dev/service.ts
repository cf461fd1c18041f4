import { desc } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { outboxMessages } from "../../db/schema/index.ts";

export const OUTBOX_PAGE = 50;

/** The newest messages first; a developer reads login codes here. */
export function listOutbox(db: Db, limit = OUTBOX_PAGE) {
  return db.select().from(outboxMessages).orderBy(desc(outboxMessages.id)).limit(limit);
}

import type { Db } from "../../db/client.ts";
import { termsAcceptances } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import type { Session } from "../../lib/session.ts";

/** Records acceptance of a terms version; accepting twice is one acceptance. */
export async function acceptTerms(db: Db, session: Session, terms: { id: number; version: string }, now = Date.now()) {
  await db.batch([
    db
      .insert(termsAcceptances)
      .values({ customerId: session.customerId, termsVersionId: terms.id, acceptedAt: new Date(now) })
      .onConflictDoNothing(),
    auditInsert(db, { actor: session.principal.actor, customerId: session.customerId, action: "terms.accepted", after: { version: terms.version } }, now),
  ]);
}

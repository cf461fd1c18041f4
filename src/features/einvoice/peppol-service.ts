import type { Db } from "../../db/client.ts";
import { contactDetails } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import type { Session } from "../../lib/session.ts";
import { getProfile, type Profile } from "../profile/service.ts";
import { PeppolFailure, type PeppolSender } from "./peppol-sender.ts";

export type PeppolChoice = { status: "saved" | "unchanged"; profile: Profile } | { status: "recipient_unknown" | "unavailable"; profile: Profile };

const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The test message that confirms an identifier is reachable: a small XML note, no invoice. */
export function peppolTestMessage(recipient: string, now: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<LoketPeppolTest xmlns="urn:loket:peppol:test:1"><Recipient>${escapeXml(recipient)}</Recipient><Sent>${new Date(now).toISOString()}</Sent></LoketPeppolTest>\n`;
}

/**
 * Chooses Peppol for the account's invoices: the identifier must be registered on the network
 * (lookup) and take a test message; only then are channel and identifier stored, with their
 * audit event, in one batch. Unknown or unreachable: nothing is stored.
 */
export async function choosePeppol(db: Db, session: Session, sender: PeppolSender, peppolId: string, now = Date.now()): Promise<PeppolChoice> {
  const before = await getProfile(db, session);
  if (before.einvoiceChannel === "peppol" && before.peppolId === peppolId) return { status: "unchanged", profile: before };
  try {
    if (!(await sender.lookup(peppolId))) return { status: "recipient_unknown", profile: before };
    await sender.send({ xml: peppolTestMessage(peppolId, now), recipient: peppolId, documentId: null, kind: "test" });
  } catch (error) {
    if (error instanceof PeppolFailure && error.code === "recipient_unknown") return { status: "recipient_unknown", profile: before };
    if (error instanceof PeppolFailure) return { status: "unavailable", profile: before };
    throw error;
  }
  const change = { einvoiceChannel: "peppol" as const, peppolId, einvoiceEmailPending: null };
  await db.batch([
    db
      .insert(contactDetails)
      .values({ customerId: session.customerId, ...before, ...change, updatedAt: new Date(now) })
      .onConflictDoUpdate({ target: contactDetails.customerId, set: { ...change, updatedAt: new Date(now) } }),
    auditInsert(
      db,
      {
        actor: session.principal.actor,
        customerId: session.customerId,
        action: "profile.peppol",
        before: { einvoiceChannel: before.einvoiceChannel, peppolId: before.peppolId },
        after: { einvoiceChannel: "peppol", peppolId },
      },
      now,
    ),
  ]);
  return { status: "saved", profile: { ...before, ...change } };
}

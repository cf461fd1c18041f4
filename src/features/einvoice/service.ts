import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { contactDetails, emailConfirmations } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { randomToken, sha256Hex } from "../../lib/crypto.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import type { Session } from "../../lib/session.ts";
import { getProfile, type Profile } from "../profile/service.ts";

/** GreenBill art. 2: activation only after the address is validated through the mail sent to it. */
export const CONFIRMATION_TTL_MS = 24 * 3600 * 1000;
/** A second submit within this time is the same request (a double click), not a wish for a new link. */
const DOUBLE_SUBMIT_MS = 60 * 1000;

export type ConfirmationMail = { subject: string; body: (link: string) => string; linkFor: (token: string) => string };

/**
 * Asks for invoices by e-mail: the address is kept as pending and a single-use link (24 h) goes
 * to that very address. Nothing about the current channel changes until the link is followed.
 */
export async function requestEinvoiceEmail(db: Db, session: Session, email: string, mail: ConfirmationMail, now = Date.now()): Promise<{ status: "unchanged" | "sent"; profile: Profile }> {
  const before = await getProfile(db, session);
  if (before.einvoiceChannel === "email" && before.einvoiceEmail === email && before.einvoiceEmailPending === null) return { status: "unchanged", profile: before };
  if (before.einvoiceEmailPending === email) {
    const [recent] = await db
      .select({ id: emailConfirmations.id })
      .from(emailConfirmations)
      .where(
        and(
          eq(emailConfirmations.customerId, session.customerId),
          eq(emailConfirmations.email, email),
          isNull(emailConfirmations.usedAt),
          gt(emailConfirmations.createdAt, new Date(now - DOUBLE_SUBMIT_MS)),
        ),
      )
      .orderBy(desc(emailConfirmations.createdAt))
      .limit(1);
    if (recent) return { status: "unchanged", profile: before };
  }
  const token = randomToken(32);
  const tokenHash = await sha256Hex(token);
  const pending = before.einvoiceEmailPending;
  await db.batch([
    db
      .insert(contactDetails)
      .values({ customerId: session.customerId, ...before, einvoiceEmailPending: email, updatedAt: new Date(now) })
      .onConflictDoUpdate({ target: contactDetails.customerId, set: { einvoiceEmailPending: email, updatedAt: new Date(now) } }),
    db.insert(emailConfirmations).values({ customerId: session.customerId, email, tokenHash, expiresAt: new Date(now + CONFIRMATION_TTL_MS), createdAt: new Date(now) }),
    enqueueMessage(db, { channel: "email", recipient: email, subject: mail.subject, body: mail.body(mail.linkFor(token)), dedupeKey: `einvoice-confirm:${tokenHash}` }, now),
    auditInsert(
      db,
      { actor: session.principal.actor, customerId: session.customerId, action: "profile.einvoice.request", before: { einvoiceEmailPending: pending }, after: { einvoiceEmailPending: email } },
      now,
    ),
  ]);
  return { status: "sent", profile: { ...before, einvoiceEmailPending: email } };
}

export type ConfirmResult = { ok: true; email: string } | { ok: false };

/**
 * Following the link activates e-mail invoices, once. The link is void when used, expired, or when
 * the pending address changed since (a newer request or another channel chosen meanwhile).
 */
export async function confirmEinvoiceEmail(db: Db, token: string, now = Date.now()): Promise<ConfirmResult> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false };
  const tokenHash = await sha256Hex(token);
  const [row] = await db
    .select({
      id: emailConfirmations.id,
      customerId: emailConfirmations.customerId,
      email: emailConfirmations.email,
      expiresAt: emailConfirmations.expiresAt,
      usedAt: emailConfirmations.usedAt,
      pending: contactDetails.einvoiceEmailPending,
      channel: contactDetails.einvoiceChannel,
      current: contactDetails.einvoiceEmail,
    })
    .from(emailConfirmations)
    .innerJoin(contactDetails, eq(contactDetails.customerId, emailConfirmations.customerId))
    .where(eq(emailConfirmations.tokenHash, tokenHash))
    .limit(1);
  if (!row || row.usedAt !== null || row.expiresAt.getTime() <= now || row.pending !== row.email) return { ok: false };
  const at = new Date(now);
  // The guards repeat the checks inside the batch: of two clicks at once, only one changes anything.
  const [used] = await db.batch([
    db
      .update(emailConfirmations)
      .set({ usedAt: at })
      .where(and(eq(emailConfirmations.id, row.id), isNull(emailConfirmations.usedAt)))
      .returning({ id: emailConfirmations.id }),
    db
      .update(contactDetails)
      .set({ einvoiceChannel: "email", einvoiceEmail: row.email, einvoiceEmailPending: null, updatedAt: at })
      .where(and(eq(contactDetails.customerId, row.customerId), eq(contactDetails.einvoiceEmailPending, row.email))),
    auditInsert(
      db,
      {
        actor: `einvoice-link:${row.email}`,
        customerId: row.customerId,
        action: "profile.einvoice.confirm",
        before: { einvoiceChannel: row.channel, einvoiceEmail: row.current, einvoiceEmailPending: row.pending },
        after: { einvoiceChannel: "email", einvoiceEmail: row.email, einvoiceEmailPending: null },
      },
      now,
    ),
  ]);
  return used.length > 0 ? { ok: true, email: row.email } : { ok: false };
}

import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { contactDetails, customers, persons, type EinvoiceChannel } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import type { Session } from "../../lib/session.ts";

export type Profile = {
  email: string | null;
  phone: string | null;
  nationalRegisterNumber: string | null;
  offerChannel: "email" | "post" | "sms";
  einvoiceChannel: EinvoiceChannel;
  zoomitIban: string | null;
  /** The address invoices go to while the channel is "email" (GreenBill). */
  einvoiceEmail: string | null;
  /** Asked for, not yet confirmed through the link sent to it. */
  einvoiceEmailPending: string | null;
  /** "0208:0403170701" while the channel is "peppol" (kept when another channel is chosen). */
  peppolId: string | null;
  /** The account's VAT number, to prefill the Peppol identifier. */
  vatNumber: string | null;
  /** For a person logged in with itsme or the eID card (issue #13): their own national register number. */
  personNationalNumber?: string | null;
};

const empty: Profile = {
  email: null,
  phone: null,
  nationalRegisterNumber: null,
  offerChannel: "email",
  einvoiceChannel: "paper",
  zoomitIban: null,
  einvoiceEmail: null,
  einvoiceEmailPending: null,
  peppolId: null,
  vatNumber: null,
};

export async function getProfile(db: Db, session: Session): Promise<Profile> {
  const personId = session.personId;
  const contact = db
    .select({
      email: contactDetails.email,
      phone: contactDetails.phone,
      nationalRegisterNumber: contactDetails.nationalRegisterNumber,
      offerChannel: contactDetails.offerChannel,
      einvoiceChannel: contactDetails.einvoiceChannel,
      zoomitIban: contactDetails.zoomitIban,
      einvoiceEmail: contactDetails.einvoiceEmail,
      einvoiceEmailPending: contactDetails.einvoiceEmailPending,
      peppolId: contactDetails.peppolId,
      vatNumber: sql<string | null>`(SELECT ${customers.vatNumber} FROM ${customers} WHERE ${customers.id} = ${contactDetails.customerId})`,
    })
    .from(contactDetails)
    .where(eq(contactDetails.customerId, session.customerId))
    .limit(1);
  if (!personId) {
    const [row] = await contact;
    return row ?? empty;
  }
  // One round trip: the account's contact details and the person's own number.
  const [rows, people] = await db.batch([contact, db.select({ nationalNumber: persons.nationalNumber }).from(persons).where(eq(persons.id, personId)).limit(1)]);
  return { ...(rows[0] ?? empty), personNationalNumber: people[0]?.nationalNumber ?? null };
}

/** "••.••.••-•••.28": only the last two digits (the check digits) of a national register number are shown. */
export function maskNationalNumber(nationalNumber: string): string {
  return `••.••.••-•••.${nationalNumber.slice(-2)}`;
}

type Change = Partial<Pick<Profile, "email" | "phone" | "offerChannel" | "einvoiceChannel" | "zoomitIban" | "einvoiceEmail" | "einvoiceEmailPending">>;

/**
 * Writes one block of the profile with its audit event in one batch. Submitting the same values
 * twice (a double click) changes nothing and records nothing the second time.
 */
export async function updateProfile(db: Db, session: Session, block: "contact" | "offers" | "zoomit", change: Change, now = Date.now()) {
  const before = await getProfile(db, session);
  const changedKeys = (Object.keys(change) as (keyof Change)[]).filter((key) => change[key] !== before[key]);
  if (changedKeys.length === 0) return { changed: false as const, profile: before };
  const beforeValues = Object.fromEntries(changedKeys.map((key) => [key, before[key]]));
  const afterValues = Object.fromEntries(changedKeys.map((key) => [key, change[key]]));
  await db.batch([
    db
      .insert(contactDetails)
      .values({ customerId: session.customerId, ...before, ...change, updatedAt: new Date(now) })
      .onConflictDoUpdate({ target: contactDetails.customerId, set: { ...change, updatedAt: new Date(now) } }),
    auditInsert(db, { actor: session.principal.actor, customerId: session.customerId, action: `profile.${block}`, before: beforeValues, after: afterValues }, now),
  ]);
  return { changed: true as const, profile: { ...before, ...change } };
}

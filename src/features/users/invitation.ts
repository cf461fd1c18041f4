import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { AuditEntry } from "../../lib/audit.ts";
import { randomToken, sha256Hex } from "../../lib/crypto.ts";
import { catalogs, fill, type Locale } from "../../lib/i18n.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import { issueToken, TOKEN_TTL_MS } from "../../lib/tokens.ts";

type Invitee = { id: number; username: string; firstName: string; lastName: string; email: string; language: "nl" | "fr" | "en" | "de" };

/** The portal speaks nl, fr and en; a German-speaking user reads the English message and page. */
export function portalLocale(language: Invitee["language"]): Locale {
  return language === "de" ? "en" : language;
}

/**
 * A new invitation token and the e-mail that carries its link, both to be batched with the change
 * that causes them. The page behind the link (/invitation/:token) lets the user choose a password.
 */
export async function invitationStatements(db: Db, user: Invitee, origin: string, now: number) {
  const { token, insert } = await issueToken(db, user.id, "invitation", now);
  const message = enqueueMessage(db, { channel: "email", ...invitationMessage(user, origin, token), dedupeKey: `invitation:${user.id}:${now}` }, now);
  return [insert, message] as const;
}

function invitationMessage(user: Invitee, origin: string, token: string) {
  const locale = portalLocale(user.language);
  const t = catalogs[locale].users;
  const link = `${origin}/${locale}/invitation/${token}`;
  return { recipient: user.email, subject: t.invitationSubject, body: fill(t.invitationBody, { name: `${user.firstName} ${user.lastName}`, username: user.username, link }) };
}

/**
 * Sending the invitation again, at most once per `pauseMs` however many requests come at once: the
 * new token is inserted only when no invitation token is younger than the pause, and the e-mail,
 * the audit event and voiding the older links follow only when it was (`changes() = 1` of the
 * statement before, in one batch). The first statement's rowsAffected tells whether it was sent.
 */
export async function resendInvitationStatements(db: Db, user: Invitee, origin: string, audit: AuditEntry, now: number, pauseMs: number) {
  const token = randomToken(32);
  const hash = await sha256Hex(token);
  const { recipient, subject, body } = invitationMessage(user, origin, token);
  return [
    db.run(sql`INSERT INTO credential_tokens (user_id, purpose, token_hash, expires_at, created_at)
      SELECT ${user.id}, 'invitation', ${hash}, ${now + TOKEN_TTL_MS.invitation}, ${now}
      WHERE NOT EXISTS (SELECT 1 FROM credential_tokens WHERE user_id = ${user.id} AND purpose = 'invitation' AND created_at > ${now - pauseMs})`),
    db.run(sql`INSERT INTO outbox_messages (created_at, channel, recipient, subject, body, status, attempts, dedupe_key)
      SELECT ${now}, 'email', ${recipient}, ${subject}, ${body}, 'pending', 0, ${`invitation:${user.id}:${now}`} WHERE changes() = 1
      ON CONFLICT (dedupe_key) DO NOTHING`),
    db.run(sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject)
      SELECT ${now}, ${audit.actor}, ${audit.customerId}, ${audit.action}, NULL, ${JSON.stringify(audit.after ?? null)}, NULL WHERE changes() = 1`),
    db.run(sql`UPDATE credential_tokens SET used_at = ${now}
      WHERE user_id = ${user.id} AND purpose = 'invitation' AND used_at IS NULL AND token_hash <> ${hash} AND changes() = 1`),
  ] as const;
}

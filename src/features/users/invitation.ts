import type { Db } from "../../db/client.ts";
import { catalogs, fill, type Locale } from "../../lib/i18n.ts";
import { enqueueMessage } from "../../lib/outbox.ts";
import { issueToken } from "../../lib/tokens.ts";

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
  const locale = portalLocale(user.language);
  const t = catalogs[locale].users;
  const link = `${origin}/${locale}/invitation/${token}`;
  const message = enqueueMessage(
    db,
    {
      channel: "email",
      recipient: user.email,
      subject: t.invitationSubject,
      body: fill(t.invitationBody, { name: `${user.firstName} ${user.lastName}`, username: user.username, link }),
      // The token is new for every request, so its timestamp and user make the key unique per request.
      dedupeKey: `invitation:${user.id}:${now}`,
    },
    now,
  );
  return [insert, message] as const;
}

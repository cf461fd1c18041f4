// Planned maintenance (issue #13): two past windows and one planned in 7 days, in the night slot
// (23:00–02:00 Brussels time, 002 §5.4). Relative to the moment of seeding, and never one that shows
// a banner or makes the portal read-only near it: the e2e tests and the bench run on the demo data.
import type { Client } from "@libsql/client/node";
import { brusselsLocalToUtc } from "../src/features/maintenance/service.ts";

const DAY = 24 * 3600 * 1000;
const brusselsDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" });

/** 23:00 Brussels time on the day `days` from now, and three hours later. */
function nightSlot(days: number, now: number): { startsAt: number; endsAt: number } {
  const startsAt = brusselsLocalToUtc(`${brusselsDay.format(now + days * DAY)} 23:00`)!;
  return { startsAt, endsAt: startsAt + 3 * 3600 * 1000 };
}

const notices = [
  {
    days: -60,
    severity: "outage",
    readOnly: true,
    nl: "Migratie van de databank: Loket was niet beschikbaar.",
    fr: "Migration de la base de données\u00a0: Loket n’était pas disponible.",
    en: "Database migration: Loket was unavailable.",
  },
  {
    days: -20,
    severity: "warning",
    readOnly: false,
    nl: "Update van de servers: Loket kon trager reageren.",
    fr: "Mise à jour des serveurs\u00a0: Loket pouvait répondre plus lentement.",
    en: "Server update: Loket could respond more slowly.",
  },
  {
    days: 7,
    severity: "outage",
    readOnly: true,
    nl: "Update van het factuursysteem: u kunt uw documenten raadplegen, maar niets wijzigen.",
    fr: "Mise à jour du système de facturation\u00a0: vous pouvez consulter vos documents, mais rien modifier.",
    en: "Billing system update: you can consult your documents, but not change anything.",
  },
] as const;

export async function seedMaintenance(client: Client, now = Date.now()): Promise<void> {
  for (const notice of notices) {
    const { startsAt, endsAt } = nightSlot(notice.days, now);
    await client.execute({
      sql: "INSERT INTO maintenance_notices (starts_at, ends_at, severity, read_only, text_nl, text_fr, text_en, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      args: [startsAt, endsAt, notice.severity, notice.readOnly ? 1 : 0, notice.nl, notice.fr, notice.en, "desk:sam.supervisor", Math.min(now, startsAt - 14 * DAY)],
    });
  }
}

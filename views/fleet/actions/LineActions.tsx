import type { ActionLine } from "../../../src/features/fleet/actions-service.ts";
import { ACTION_FROM, ACTION_KINDS, type ActionKind } from "../../../src/features/fleet/changes.ts";
import { fill, formatDate, type Locale } from "../../../src/lib/i18n.ts";
import { can } from "../../../src/lib/principal.ts";
import { useView } from "../../ui/context.ts";

export const actionPath = (locale: string, lineId: number, kind: ActionKind) => `/${locale}/fleet/lines/${lineId}/${kind.replace("_", "-")}`;
export const showDay = (locale: Locale, day: string) => formatDate(locale, Date.parse(`${day}T12:00:00Z`));

/** What LineActions needs of a line: its id, status and the action change waiting for the operator. */
export type LineActionsLine = Pick<ActionLine, "id" | "status" | "pending">;

/**
 * A line's actions (003: Activer la carte SIM, Remplacer la carte SIM, suspendre/réactiver,
 * Arrêter le numéro de téléphone), for the line's page: the links that apply to its status, or
 * "Pending: <change> on <date>" while the operator has one to carry out. A stopped line and a user
 * without the fleet's "manage" function get no links. Each link opens a confirmation page.
 */
export function LineActions({ line }: { line: LineActionsLine }) {
  const { t, locale, principal } = useView();
  const w = t.fleetWizard;
  if (line.pending) {
    return (
      <p class="notice" role="status" data-pending={line.pending.kind}>
        {fill(w.pending, { change: t.fleet.changeKinds[line.pending.kind], date: showDay(locale, line.pending.effectiveDate) })}
      </p>
    );
  }
  if (line.status === "STOPPED" || !principal || !can(principal, "fleet", "manage")) return null;
  const kinds = ACTION_KINDS.filter((kind) => ACTION_FROM[kind].includes(line.status));
  return (
    <nav aria-label={w.actions.title}>
      <ul class="tabs">
        {kinds.map((kind) => (
          <li>
            <a href={actionPath(locale, line.id, kind)}>{w.actions[kind]}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

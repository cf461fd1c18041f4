import { managesFleet } from "../../../src/features/fleet/scope.ts";
import { plural } from "../../../src/lib/i18n.ts";
import { can } from "../../../src/lib/principal.ts";
import { useView } from "../../ui/context.ts";
import { CsrfField } from "../../ui/CsrfField.tsx";

export const SELECTION_ID = "fleet-selection";

/**
 * What is selected and the actions that apply to it: the bulk changes and the export for a fleet
 * manager, the line's page when one line is ticked. htmx swaps it after each tick; the client
 * bundle keeps it in view and counts ticks before the answer arrives. Files are plain links.
 */
export function SelectionBar({ count, back, singleId }: { count: number; back: string; singleId: number | null }) {
  const { t, locale, principal } = useView();
  const l = t.fleetLines;
  const p = principal!;
  const manager = managesFleet(p);
  const mayManage = manager && can(p, "fleet", "manage");
  return (
    <section
      class="card selection-bar"
      id={SELECTION_ID}
      aria-label={l.selection}
      aria-live="polite"
      data-count={String(count)}
      data-one={l.selected.one}
      data-other={l.selected.other}
      data-none={l.noneSelected}
    >
      <p>
        <strong data-selection-count="">{count === 0 ? l.noneSelected : plural(locale, l.selected, count)}</strong>
      </p>
      {count > 0 ? (
        <ul class="actions">
          {count === 1 && singleId !== null ? (
            <li>
              <a href={`/${locale}/fleet/lines/${singleId}`}>{l.manageOne}</a>
            </li>
          ) : null}
          {mayManage
            ? (["plan", "options_add", "options_remove"] as const).map((kind) => (
                <li>
                  <a href={`/${locale}/fleet/bulk/new?kind=${kind}`}>{l.bulk[kind]}</a>
                </li>
              ))
            : null}
          {manager ? (
            <li>
              <a href={`/${locale}/fleet/lines.xlsx?selection=1`} download hx-boost="false">
                {l.exportSelection}
              </a>
            </li>
          ) : null}
          <li>
            <form class="inline" method="post" action={`/${locale}/fleet/selection/clear`}>
              <CsrfField />
              <input type="hidden" name="back" value={back} />
              <button type="submit" class="linkbutton">
                {l.clearSelection}
              </button>
            </form>
          </li>
        </ul>
      ) : null}
    </section>
  );
}

import { formatMsisdn } from "../../../src/features/fleet/msisdn.ts";
import type { LineChoice, LinePicker as Picker } from "../../../src/features/fleet/managers-service.ts";
import { fill, plural } from "../../../src/lib/i18n.ts";
import { Checkbox } from "../../ui/choices.tsx";
import { useView } from "../../ui/context.ts";

export const PICKER_RESULTS_ID = "line-picker-results";

function label(line: LineChoice, template: string): string {
  const number = formatMsisdn(line.msisdn) || line.iccid;
  return line.description ? fill(template, { number, description: line.description }) : number;
}

/**
 * The search-and-tick list of the account's lines (003: the lines delegated to a MEMBER). The
 * ticked lines stay above the search; without JavaScript the search button posts the form, which
 * comes back with everything kept; with htmx, typing swaps only the lines (a GET with the ticks).
 */
export function LinePicker({ picker, searchUrl, error }: { picker: Picker; searchUrl: string; error?: string }) {
  const { t } = useView();
  const m = t.fleetManagers;
  return (
    <fieldset aria-describedby={["line-picker-hint", error ? "line-picker-error" : ""].filter(Boolean).join(" ")}>
      <legend>{m.lines}</legend>
      <p class="hint" id="line-picker-hint">
        {m.linesHint}
      </p>
      {error ? (
        <p class="field-error" id="line-picker-error">
          {error}
        </p>
      ) : null}
      <label for="line-picker-q">{m.searchLines}</label>
      <input
        type="search"
        id="line-picker-q"
        name="q"
        value={picker.q}
        maxlength={100}
        autocomplete="off"
        hx-get={searchUrl}
        hx-trigger="input changed delay:300ms, search"
        hx-target={`#${PICKER_RESULTS_ID}`}
        hx-swap="outerHTML"
        hx-include="[name='lines'], [name='picked']"
      />
      <input type="hidden" name="picked" value="1" />{" "}
      <button type="submit" class="secondary" name="search" value="1" formnovalidate>
        {m.searchLinesButton}
      </button>
      <PickerResults picker={picker} />
    </fieldset>
  );
}

/** The part a search swaps: the ticked lines, then what the search found. */
export function PickerResults({ picker }: { picker: Picker }) {
  const { t, locale } = useView();
  const m = t.fleetManagers;
  return (
    <div id={PICKER_RESULTS_ID} aria-live="polite">
      <p>
        <strong>{m.chosen}</strong>
      </p>
      {picker.chosen.length + picker.kept.length === 0 ? <p class="hint">{m.noneChosen}</p> : null}
      {/* "shown": the lines this form lists; one left unticked is taken back, any other stays as it is. */}
      {picker.chosen.map((line) => (
        <>
          <input type="hidden" name="shown" value={String(line.id)} />
          <Checkbox id={`line-${line.id}`} name="lines" value={String(line.id)} label={label(line, m.lineLabel)} checked />
        </>
      ))}
      {picker.kept.map((line) => (
        <>
          <input type="hidden" name="shown" value={String(line.id)} />
          <Checkbox id={`line-${line.id}`} name="lines" value={String(line.id)} label={label(line, m.lineLabel)} />
        </>
      ))}
      {picker.results === null ? null : (
        <>
          <p>
            <strong>{m.results}</strong>
          </p>
          {picker.results.length === 0 ? <p>{m.noResults}</p> : null}
          {picker.results.map((line) => (
            <>
              <input type="hidden" name="shown" value={String(line.id)} />
              <Checkbox id={`line-${line.id}`} name="lines" value={String(line.id)} label={label(line, m.lineLabel)} />
            </>
          ))}
          {picker.more ? <p class="hint">{plural(locale, m.moreResults, picker.results.length)}</p> : null}
        </>
      )}
    </div>
  );
}

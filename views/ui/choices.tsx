import type { Child } from "hono/jsx";

type Attrs = Record<string, string | boolean | undefined>;

export type Choice = { value: string; label: Child; checked?: boolean; disabled?: boolean; id?: string; attrs?: Attrs };

const errorId = (id: string) => `${id}-error`;
const hintId = (id: string) => `${id}-hint`;
const describedBy = (id: string, hint?: Child, error?: string) => [hint ? hintId(id) : "", error ? errorId(id) : ""].filter(Boolean).join(" ") || undefined;

/**
 * One checkbox with its label after it; a disabled one is greyed out. Without a value the browser
 * sends "on". `after` follows the label (a link to what is accepted); an error is tied to the box.
 */
export function Checkbox({
  id,
  name,
  value,
  label,
  checked,
  disabled,
  error,
  after,
  attrs,
}: {
  id: string;
  name: string;
  value?: string;
  label: Child;
  checked?: boolean;
  disabled?: boolean;
  error?: string;
  after?: Child;
  attrs?: Attrs;
}) {
  return (
    <div class="check">
      <input
        type="checkbox"
        id={id}
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? errorId(id) : undefined}
        {...attrs}
      />
      <label for={id} class={disabled ? "hint" : undefined}>
        {label}
      </label>
      {after}
      {error ? (
        <p class="field-error" id={errorId(id)}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Checkboxes that answer one question: a fieldset named by its legend (GOV.UK "Checkboxes").
 * An error is read with the group (aria-describedby on the fieldset).
 */
export function CheckboxGroup({ id, name, legend, hint, error, items }: { id?: string; name: string; legend: Child; hint?: Child; error?: string; items: Choice[] }) {
  const base = id ?? name;
  return (
    <fieldset aria-describedby={describedBy(base, hint, error)}>
      <legend>{legend}</legend>
      {hint ? (
        <p class="hint" id={hintId(base)}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={errorId(base)}>
          {error}
        </p>
      ) : null}
      {items.map((item) => (
        <Checkbox id={item.id ?? `${base}-${item.value}`} name={name} value={item.value} label={item.label} checked={item.checked} disabled={item.disabled} attrs={item.attrs} />
      ))}
    </fieldset>
  );
}

/**
 * One choice among a few, all visible: a fieldset named by its legend (GOV.UK "Radios"). Short
 * choices sit on one line; `stacked` puts each on its own (long labels, as the users' profiles).
 */
export function RadioGroup({
  id,
  name,
  legend,
  hint,
  error,
  value,
  items,
  stacked,
}: {
  id?: string;
  name: string;
  legend: Child;
  hint?: Child;
  error?: string;
  value?: string | null;
  items: Choice[];
  stacked?: boolean;
}) {
  const base = id ?? name;
  return (
    <fieldset aria-describedby={describedBy(base, hint, error)}>
      <legend>{legend}</legend>
      {hint ? (
        <p class="hint" id={hintId(base)}>
          {hint}
        </p>
      ) : null}
      {items.map((item) => {
        const itemId = item.id ?? `${base}-${item.value}`;
        const choice = (
          <>
            <input type="radio" id={itemId} name={name} value={item.value} checked={item.checked ?? item.value === value} disabled={item.disabled} {...item.attrs} />
            <label for={itemId}>{item.label}</label>
          </>
        );
        return stacked ? <div class="check">{choice}</div> : choice;
      })}
      {error ? (
        <p class="field-error" id={errorId(base)}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * A labelled select: its label, hint and error tied to it. No wrapper, so it sits in the
 * caller's layout (a search bar, a grid cell).
 */
export function Select({
  id,
  name,
  label,
  hint,
  error,
  value,
  options,
  attrs,
}: {
  id: string;
  name: string;
  label: Child;
  hint?: Child;
  error?: string;
  value?: string | null;
  options: { value: string; label: Child }[];
  attrs?: Attrs;
}) {
  return (
    <>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={hintId(id)}>
          {hint}
        </p>
      ) : null}
      <select id={id} name={name} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy(id, hint, error)} {...attrs}>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p class="field-error" id={errorId(id)}>
          {error}
        </p>
      ) : null}
    </>
  );
}

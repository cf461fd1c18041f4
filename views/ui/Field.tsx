import type { Child } from "hono/jsx";

export type FieldErrors = Partial<Record<string, string>>;

/** A labelled input with its hint and its error, tied together for screen readers. */
export function Field(props: {
  id: string;
  name: string;
  label: string;
  value?: string | null;
  type?: string;
  hint?: string;
  error?: string;
  autocomplete?: string;
  required?: boolean;
  inputmode?: "numeric" | "text" | "email" | "tel";
  maxlength?: number;
  extra?: Child;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div>
      <label for={props.id}>
        {props.label}
        {props.extra}
      </label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A message on the page. The outcome of what the user just did (every "ok" or "error", or one
 * marked `focus`) takes the focus: on a full page load by autofocus, after an htmx swap because
 * htmx focuses [autofocus] in new content. Either way it is scrolled into view and read out,
 * instead of landing out of sight above the button that was pressed.
 */
export function Notice({ kind, focus, children }: { kind?: "ok" | "error"; focus?: boolean; children: Child }) {
  const outcome = focus ?? kind !== undefined;
  return (
    <p class={`notice${kind ? ` ${kind}` : ""}`} role={kind === "error" ? "alert" : "status"} tabindex={outcome ? -1 : undefined} autofocus={outcome || undefined}>
      {children}
    </p>
  );
}

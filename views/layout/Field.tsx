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

export function Notice({ kind, children }: { kind?: "ok" | "error"; children: Child }) {
  return (
    <p class={`notice${kind ? ` ${kind}` : ""}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </p>
  );
}

import type { Context } from "hono";
import type { Account } from "../../src/features/rights/service.ts";
import { itemKey, localName, scopeKinds, type Catalog } from "../../src/lib/catalog.ts";
import type { AppEnv } from "../../src/lib/env.ts";
import { CSRF_FIELD } from "../../src/lib/security.ts";
import { Notice } from "../ui/Field.tsx";

export type FormNotice = { kind?: "ok" | "error"; text: string };

export function accountLine(account: Account): string {
  return `${account.name}, ${account.billingStreet}, ${account.billingPostcode} ${account.billingCity}`;
}

function Item({ name, value, label, checked, enabled }: { name: string; value: string; label: string; checked: boolean; enabled: boolean }) {
  const id = `item-${value.replace(":", "-")}`;
  return (
    <div class="check">
      <input type="checkbox" id={id} name={name} value={value} checked={checked} disabled={!enabled} />
      <label for={id} class={enabled ? undefined : "hint"}>
        {label}
      </label>
    </div>
  );
}

/**
 * 004 §2.3.1–2.3.6: the application's access rights, then what they are limited to. Items the
 * administrator does not hold are shown, greyed out and disabled ("Niet toegewezen rechten zijn
 * uitgegrijsd"); the server applies the same rule whatever the form sends.
 */
export function RightsForm(props: { c: Context<AppEnv>; action: string; cancelHref: string; catalog: Catalog; current: Set<string>; held: Set<string>; readOnly: boolean; notice?: FormNotice }) {
  const { c, catalog, current, held, readOnly } = props;
  const { t, locale } = c.var;
  const enabled = (key: string) => !readOnly && held.has(key);
  const blocks = scopeKinds.map((kind) => ({ kind, items: catalog.scopes.filter((s) => s.kind === kind) })).filter((block) => block.items.length > 0);
  const empty = catalog.functions.length === 0 && blocks.length === 0;
  return (
    <section class="card" id="rights-form">
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      {empty ? <p>{t.rights.noItems}</p> : null}
      <form method="post" action={props.action}>
        <input type="hidden" name={CSRF_FIELD} value={c.var.csrfToken} />
        {catalog.functions.length > 0 ? (
          <fieldset>
            <legend>{t.rights.functions}</legend>
            {catalog.functions.map((f) => {
              const key = itemKey("function", f.id);
              return <Item name="item" value={key} label={localName(f, locale)} checked={current.has(key)} enabled={enabled(key)} />;
            })}
          </fieldset>
        ) : null}
        {blocks.map((block) => (
          <fieldset>
            <legend>{t.rights.kinds[block.kind]}</legend>
            {block.items.map((s) => {
              const key = itemKey("scope", s.id);
              return <Item name="item" value={key} label={s.label} checked={current.has(key)} enabled={enabled(key)} />;
            })}
          </fieldset>
        ))}
        {readOnly || empty ? null : (
          <p>
            <button type="submit">{t.rights.save}</button>{" "}
            <a class="button secondary" href={props.cancelHref}>
              {t.rights.cancel}
            </a>
          </p>
        )}
      </form>
    </section>
  );
}

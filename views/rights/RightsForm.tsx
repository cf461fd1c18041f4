import type { Account } from "../../src/features/rights/service.ts";
import { itemKey, localName, scopeKinds, type Catalog } from "../../src/lib/catalog.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { CheckboxGroup } from "../ui/choices.tsx";

export type FormNotice = { kind?: "ok" | "error"; text: string };

export function accountLine(account: Account): string {
  return `${account.name}, ${account.billingStreet}, ${account.billingPostcode} ${account.billingCity}`;
}

const item = (key: string, label: string, checked: boolean, enabled: boolean) => ({ id: `item-${key.replace(":", "-")}`, value: key, label, checked, disabled: !enabled });

/**
 * 004 §2.3.1–2.3.6: the application's access rights, then what they are limited to. Items the
 * administrator does not hold are shown, greyed out and disabled ("Niet toegewezen rechten zijn
 * uitgegrijsd"); the server applies the same rule whatever the form sends.
 */
export function RightsForm(props: { action: string; cancelHref: string; catalog: Catalog; current: Set<string>; held: Set<string>; readOnly: boolean; notice?: FormNotice }) {
  const { catalog, current, held, readOnly } = props;
  const { t, locale } = useView();
  const enabled = (key: string) => !readOnly && held.has(key);
  const blocks = scopeKinds.map((kind) => ({ kind, items: catalog.scopes.filter((s) => s.kind === kind) })).filter((block) => block.items.length > 0);
  const empty = catalog.functions.length === 0 && blocks.length === 0;
  return (
    <section class="card" id="rights-form">
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      {empty ? <p>{t.rights.noItems}</p> : null}
      <form method="post" action={props.action}>
        <CsrfField />
        {catalog.functions.length > 0 ? (
          <CheckboxGroup
            name="item"
            legend={t.rights.functions}
            items={catalog.functions.map((f) => {
              const key = itemKey("function", f.id);
              return item(key, localName(f, locale), current.has(key), enabled(key));
            })}
          />
        ) : null}
        {blocks.map((block) => (
          <CheckboxGroup
            name="item"
            legend={t.rights.kinds[block.kind]}
            items={block.items.map((s) => {
              const key = itemKey("scope", s.id);
              return item(key, s.label, current.has(key), enabled(key));
            })}
          />
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

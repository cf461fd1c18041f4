import type { BulkCatalog } from "../../../src/features/fleet/bulk-service.ts";
import type { BulkKind } from "../../../src/db/schema/enums.ts";
import { fill, formatMoney, plural } from "../../../src/lib/i18n.ts";
import { CheckboxGroup, RadioGroup } from "../../ui/choices.tsx";
import { useView } from "../../ui/context.ts";
import { CsrfField } from "../../ui/CsrfField.tsx";
import { Notice } from "../../ui/Field.tsx";

export type BulkChooseView = {
  kind: BulkKind;
  catalog: BulkCatalog;
  /** Ids posted or given in the address; null: the selection kept by the overview. */
  lineIds: number[] | null;
  count: number;
  key: string;
  values?: { plan?: string; options?: string[] };
  errors?: { plan?: string; options?: string; lines?: string };
};

/**
 * Step 1 of a bulk change (003 "Gérer vos plans tarifaires" / "Ajouter des options" / "Supprimer
 * des options"): the new plan by category with its price, or the options; then "Check the
 * selected numbers" creates the review.
 */
export function BulkChoosePage({ view }: { view: BulkChooseView }) {
  const { t, locale } = useView();
  const b = t.fleetBulk;
  const { kind, catalog, values = {}, errors = {} } = view;
  const chosenOptions = new Set(values.options ?? []);
  return (
    <>
      <h1>{b.titles[kind]}</h1>
      <p class="hint">{b.intros[kind]}</p>
      {errors.lines ? <Notice kind="error">{errors.lines}</Notice> : null}
      <p>
        <strong>{plural(locale, b.selected, view.count)}</strong>
      </p>
      {view.count === 0 ? (
        <p>
          {b.noSelection} <a href={`/${locale}/fleet/lines`}>{b.toOverview}</a>
        </p>
      ) : null}
      <form method="post" action={`/${locale}/fleet/bulk`} class="card">
        <CsrfField />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="key" value={view.key} />
        {(view.lineIds ?? []).map((id) => (
          <input type="hidden" name="line" value={String(id)} />
        ))}
        {kind === "plan" ? (
          <>
            <h2>{b.choosePlan}</h2>
            {(["mobile", "data"] as const).map((category, i) => (
              <RadioGroup
                id={`bulk-plan-${category}`}
                name="plan"
                legend={b.categories[category]}
                error={i === 0 ? errors.plan : undefined}
                value={values.plan ?? null}
                stacked
                items={catalog.plans
                  .filter((plan) => plan.kind === category)
                  .map((plan) => ({ value: String(plan.id), label: fill(b.planPrice, { plan: plan.name, price: formatMoney(locale, plan.monthlyCents) }) }))}
              />
            ))}
            <p class="hint">{b.planRemovesOptions}</p>
          </>
        ) : (
          <CheckboxGroup
            id="bulk-options"
            name="option"
            legend={kind === "options_add" ? b.chooseOptionsAdd : b.chooseOptionsRemove}
            hint={kind === "options_add" ? b.optionsHint : undefined}
            error={errors.options}
            items={catalog.options.map((option) => ({ value: String(option.id), label: option.name, checked: chosenOptions.has(String(option.id)) }))}
          />
        )}
        <div>
          <button type="submit" disabled={view.count === 0}>
            {b.review}
          </button>
        </div>
      </form>
    </>
  );
}

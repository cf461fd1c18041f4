import type { Child } from "hono/jsx";
import type { ContractPage as Data } from "../../../src/features/fleet/contract-service.ts";
import { fill, formatMoney } from "../../../src/lib/i18n.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { Notice } from "../../ui/Field.tsx";
import { useView } from "../../ui/context.ts";
import { PacksTab, type PacksState } from "../packs/PacksTab.tsx";

export type ContractTab = "plans" | "packs";

/** 003 "Consulter le contrat": the contract selector (several mobile contracts only), then the two tabs. */
export function ContractPage({ page, tab, state }: { page: Data; tab: ContractTab; state?: PacksState }) {
  const { t, locale } = useView();
  const k = t.fleetContract;
  const contract = page.contract;
  if (!contract) {
    return (
      <>
        <h1>{k.titleNone}</h1>
        <Notice>{k.noContract}</Notice>
      </>
    );
  }
  const base = `/${locale}/fleet/contract`;
  const query = (name: ContractTab) => {
    const params = new URLSearchParams();
    if (page.contracts.length > 1) params.set("contract", String(contract.id));
    if (name === "packs") params.set("tab", "packs");
    const text = params.toString();
    return text ? `${base}?${text}` : base;
  };
  return (
    <>
      <h1>{fill(k.title, { contract: contract.contractNumber })}</h1>
      {page.contracts.length > 1 ? (
        <form method="get" action={base} class="inline">
          <label for="contract">{k.contract}</label>{" "}
          <select id="contract" name="contract">
            {page.contracts.map((c) => (
              <option value={String(c.id)} selected={c.id === contract.id}>
                {c.contractNumber}
              </option>
            ))}
          </select>
          {tab === "packs" ? <input type="hidden" name="tab" value="packs" /> : null} <button type="submit">{k.show}</button>
        </form>
      ) : null}
      <nav aria-label={k.tabs.label}>
        <ul class="tabs">
          {(["plans", "packs"] as const).map((name) => (
            <li>
              <a href={query(name)} aria-current={name === tab ? "page" : undefined}>
                {k.tabs[name]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "plans" ? <PlansMatrix page={page} /> : <PacksTab page={page} state={state} />}
    </>
  );
}

/** Options (rows) × plans (columns): each cell the option's monthly price on that plan, or "Not applicable". */
export function PlansMatrix({ page }: { page: Data }) {
  const { t, locale } = useView();
  const k = t.fleetContract.plans;
  const perMonth = (cents: number) => fill(k.perMonth, { amount: formatMoney(locale, cents) });
  const columns: Child[] = [
    k.option,
    ...page.plans.map((plan) => (
      <span data-plan={plan.id}>
        <span class="hint">{k.kinds[plan.kind]}</span>
        <br />
        {plan.name}
        <br />
        {perMonth(plan.monthlyCents)}
      </span>
    )),
  ];
  return (
    <section aria-labelledby="plans-title">
      <h2 id="plans-title">{t.fleetContract.tabs.plans}</h2>
      <DataTable caption={k.caption} columns={columns} matrix>
        {page.options.map((option) => (
          <tr data-option={option.id}>
            <th scope="row">{option.name}</th>
            {page.plans.map((plan) => {
              const cents = page.prices.get(`${plan.id}:${option.id}`);
              return <td data-cell={`${plan.id}:${option.id}`}>{cents === undefined ? t.fleet.notAllowed : formatMoney(locale, cents)}</td>;
            })}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

import type { ContractPage, OfferRow } from "../../../src/features/fleet/contract-service.ts";
import { managesFleet } from "../../../src/features/fleet/scope.ts";
import { fill, formatMoney, intlTag, type Locale } from "../../../src/lib/i18n.ts";
import { can } from "../../../src/lib/principal.ts";
import { RadioGroup, Select } from "../../ui/choices.tsx";
import { CsrfField } from "../../ui/CsrfField.tsx";
import { useView } from "../../ui/context.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { Field, Notice } from "../../ui/Field.tsx";
import { Bar } from "../usage/format.tsx";

/** What the last post left for the tab: a notice, or a form's values and errors (422) or refusal (409). */
export type PacksState = {
  notice?: { kind: "ok" | "error"; text: string };
  form?: "order" | "modify" | "alert";
  values?: Record<string, string>;
  errors?: Record<string, string>;
};

const longDays = {} as Record<Locale, Intl.DateTimeFormat>;
/** "1 January 2027" / "1 janvier 2027" / "1 januari 2027". */
export function longDay(locale: Locale, day: string): string {
  longDays[locale] ??= new Intl.DateTimeFormat(intlTag[locale], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return longDays[locale].format(Date.parse(`${day}T12:00:00Z`));
}

const gb = (mb: number) => Math.round((mb / 1024) * 10) / 10;

/** 003 "Pack de groupe": the offers, the contract's pack with its open request and use, its notification, and the forms. */
export function PacksTab({ page, state }: { page: ContractPage; state?: PacksState }) {
  const { t, locale, env, principal } = useView();
  const k = t.fleetContract.packs;
  const manager = principal !== null && managesFleet(principal) && can(principal, "fleet", "manage");
  const offerOf = (id: number | null) => page.offers.find((o) => o.id === id);
  const pack = page.pack;
  const provider = env.PROVIDER_NAME;
  const money = (cents: number) => formatMoney(locale, cents);
  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">{t.fleetContract.tabs.packs}</h2>
      {state?.notice ? <Notice kind={state.notice.kind}>{state.notice.text}</Notice> : null}
      {page.refused ? (
        <Notice>
          <span data-pack-refused>
            {fill(k.refused, { request: fill(k.requestKinds[page.refused.kind], { offer: offerOf(page.refused.offerId)?.name ?? "" }), provider })}
            {page.refused.note ? ` ${fill(k.refusedNote, { note: page.refused.note })}` : null}
          </span>
        </Notice>
      ) : null}
      <section class="card" aria-labelledby="pack-current">
        <h3 id="pack-current">{k.current}</h3>
        {pack ? (
          <dl class="facts" data-pack={pack.id}>
            <dt>{k.offer}</dt>
            <dd data-pack-offer>{offerOf(pack.offerId)?.name}</dd>
            <dt>{k.status}</dt>
            <dd data-pack-status>{k.statuses[pack.status]}</dd>
            {pack.startsOn ? (
              <>
                <dt>{k.since}</dt>
                <dd>{longDay(locale, pack.startsOn)}</dd>
              </>
            ) : null}
            {pack.request ? (
              <>
                <dt>{k.pending}</dt>
                <dd data-pack-request={pack.request.id}>
                  {fill(k.requestLine, {
                    request: fill(k.requestKinds[pack.request.kind], { offer: offerOf(pack.request.offerId)?.name ?? "" }),
                    status: fill(k.requestStatuses[pack.request.status], { provider }),
                  })}{" "}
                  {pack.request.status === "pending"
                    ? fill(k.takesEffect, { date: longDay(locale, pack.request.effectiveDate), provider })
                    : fill(k.confirmedEffect, { date: longDay(locale, pack.request.effectiveDate) })}
                  {manager && pack.request.status === "pending" ? (
                    <form method="post" action={`/${locale}/fleet/packs/requests/${pack.request.id}/cancel`}>
                      <CsrfField />
                      <button type="submit" class="secondary">
                        {k.cancel}
                      </button>
                    </form>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p>{k.none}</p>
        )}
      </section>
      {pack?.status === "active" ? <PackUsageCard page={page} /> : null}
      <section aria-labelledby="pack-offers">
        <h3 id="pack-offers">{k.offersTitle}</h3>
        <p class="hint">{k.offersIntro}</p>
        <DataTable columns={[k.offer, k.monthly, k.extraGb]}>
          {page.offers.map((offer) => (
            <tr data-offer={offer.id}>
              <th scope="row">{offer.name}</th>
              <td>{money(offer.monthlyCents)}</td>
              <td>{money(offer.extraGbCents)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      {manager ? <PackForms page={page} state={state} /> : null}
      {pack ? <AlertForm page={page} state={state} manager={manager} /> : null}
    </section>
  );
}

function offerChoices(offers: OfferRow[], locale: Locale, exclude: number | null, label: string) {
  return offers.filter((o) => o.id !== exclude).map((o) => ({ value: String(o.id), label: fill(label, { name: o.name, price: formatMoney(locale, o.monthlyCents) }) }));
}

/** Order (no pack), change or stop (an active pack without an open request). */
function PackForms({ page, state }: { page: ContractPage; state?: PacksState }) {
  const { t, locale, env } = useView();
  const k = t.fleetContract.packs;
  const when = <p class="hint">{fill(k.takesEffect, { date: longDay(locale, page.nextStart), provider: env.PROVIDER_NAME })}</p>;
  const pack = page.pack;
  const contract = page.contract!;
  if (!pack) {
    return (
      <section class="card" aria-labelledby="pack-order">
        <h3 id="pack-order">{k.orderTitle}</h3>
        {when}
        <form method="post" action={`/${locale}/fleet/packs/order`} novalidate>
          <CsrfField />
          <input type="hidden" name="contract" value={String(contract.id)} />
          <Select
            id="order-offer"
            name="offer"
            label={k.offer}
            value={state?.form === "order" ? state.values?.offer : undefined}
            error={state?.form === "order" ? state.errors?.offer : undefined}
            options={offerChoices(page.offers, locale, null, k.offerChoice)}
          />{" "}
          <button type="submit">{k.order}</button>
        </form>
      </section>
    );
  }
  if (pack.status !== "active" || pack.request) return null;
  return (
    <>
      <section class="card" aria-labelledby="pack-modify">
        <h3 id="pack-modify">{k.modifyTitle}</h3>
        {when}
        <form method="post" action={`/${locale}/fleet/packs/${pack.id}/modify`} novalidate>
          <CsrfField />
          <Select
            id="modify-offer"
            name="offer"
            label={k.newOffer}
            value={state?.form === "modify" ? state.values?.offer : undefined}
            error={state?.form === "modify" ? state.errors?.offer : undefined}
            options={offerChoices(page.offers, locale, pack.offerId, k.offerChoice)}
          />{" "}
          <button type="submit">{k.modify}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="pack-stop">
        <h3 id="pack-stop">{k.stopTitle}</h3>
        <p class="hint">{k.stopIntro}</p>
        {when}
        <form method="post" action={`/${locale}/fleet/packs/${pack.id}/stop`}>
          <CsrfField />
          <button type="submit" class="secondary">
            {k.stop}
          </button>
        </form>
      </section>
    </>
  );
}

/** The pack's use this period: a number and a bar (inline SVG, no script). */
function PackUsageCard({ page }: { page: ContractPage }) {
  const { t, locale } = useView();
  const k = t.fleetContract.packs;
  const usage = page.usage;
  const included = usage?.includedMb ?? 0;
  const used = usage?.usedMb ?? 0;
  const fmt = new Intl.NumberFormat(intlTag[locale], { maximumFractionDigits: 1 });
  return (
    <section class="card" aria-labelledby="pack-usage">
      <h3 id="pack-usage">{k.usageTitle}</h3>
      {usage?.throughDay ? (
        <>
          <p data-pack-usage>{fill(k.usedOf, { used: fmt.format(gb(used)), included: fmt.format(gb(included)) })}</p>
          <Bar used={used} included={included} />
          <p class="hint">{fill(k.usageThrough, { date: longDay(locale, usage.throughDay) })}</p>
          <p data-pack-extra>{fill(k.extra, { amount: formatMoney(locale, usage.extraCents) })}</p>
        </>
      ) : (
        <p>{k.usageNone}</p>
      )}
      <p>
        <a href={`/${locale}/fleet/usage`}>{k.perLine}</a>
      </p>
    </section>
  );
}

const euros = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace(".", ","));

/** "Warn me when out-of-bundle use passes € X" for the pack (003). */
function AlertForm({ page, state, manager }: { page: ContractPage; state?: PacksState; manager: boolean }) {
  const { t, locale } = useView();
  const k = t.fleetContract.packs;
  const mine = state?.form === "alert";
  const enabled = mine ? state.values?.enabled : page.alert ? (page.alert.enabled ? "on" : "off") : "off";
  const amount = mine ? state.values?.amount : page.alert ? euros(page.alert.thresholdCents) : "";
  return (
    <section class="card" aria-labelledby="pack-alert">
      <h3 id="pack-alert">{k.alertTitle}</h3>
      <p class="hint">{k.alertIntro}</p>
      {manager ? (
        <form method="post" action={`/${locale}/fleet/packs/${page.pack!.id}/alert`} novalidate>
          <CsrfField />
          <RadioGroup
            name="enabled"
            legend={k.alertEnabled}
            value={enabled}
            error={mine ? state.errors?.enabled : undefined}
            items={[
              { value: "on", label: k.alertOn },
              { value: "off", label: k.alertOff },
            ]}
          />
          <Field id="alert-amount" name="amount" label={k.amount} hint={k.amountHint} value={amount} inputmode="text" maxlength={12} error={mine ? state.errors?.amount : undefined} />
          <button type="submit">{k.save}</button>
        </form>
      ) : (
        <p data-alert>{page.alert?.enabled ? fill(k.alertShown, { amount: formatMoney(locale, page.alert.thresholdCents) }) : k.alertOff}</p>
      )}
    </section>
  );
}

import { formatMsisdn } from "../../../src/features/fleet/msisdn.ts";
import type { Child } from "hono/jsx";
import { LINE_BLOCKS } from "../../../src/db/schema/enums.ts";
import { mayChangeSection, PAY_BY_MOBILE_LIMITS, TITLES, type LinePage as LinePageData, type PlanReview, type Section } from "../../../src/features/fleet/line-service.ts";
import { fill, formatDate, formatDateTime, formatMoney } from "../../../src/lib/i18n.ts";
import { formatBelgianPhone } from "../../../src/lib/phone.ts";
import { can } from "../../../src/lib/principal.ts";
import type { FormErrors } from "../../../src/lib/validation.ts";
import { ACTION_KINDS, type ActionKind } from "../../../src/features/fleet/changes.ts";
import { actionKey } from "../../../src/features/history/service.ts";
import { CsrfField } from "../../ui/CsrfField.tsx";
import { LineActions } from "../actions/LineActions.tsx";
import { LineUsageLinks } from "../usage/LineUsagePage.tsx";
import { DataTable } from "../../ui/DataTable.tsx";
import { Field, Notice } from "../../ui/Field.tsx";
import { Pager } from "../../ui/Pager.tsx";
import { CheckboxGroup, RadioGroup, Select } from "../../ui/choices.tsx";
import { useView } from "../../ui/context.ts";

export type SectionState = {
  values?: Record<string, string | string[]>;
  errors?: FormErrors;
  notice?: "saved" | "unchanged" | "stopped" | "confirmed";
};
export type States = Partial<Record<Section, SectionState>>;

/** Each section's block on the page: the id htmx swaps (the products' forms share one block). */
export const BLOCK_OF: Record<Section, string> = {
  user: "line-user",
  address: "line-address",
  plan: "line-products",
  billing: "line-products",
  optionsAdd: "line-products",
  optionsRemove: "line-products",
  splitBill: "line-products",
  blocks: "line-blocks",
  payByMobile: "line-pay-by-mobile",
  device: "line-device",
};

/** "0489744365" → "0489 74 43 65", as 003 writes numbers. */

/** The action (activate, SIM swap, suspend…) the operator still has to carry out on the line, if any. */
function pendingAction(page: LinePageData): { id: number; kind: ActionKind; effectiveDate: string } | null {
  const change = page.changes.find((c) => c.status === "pending" && (ACTION_KINDS as readonly string[]).includes(c.kind));
  return change ? { id: change.id, kind: change.kind as ActionKind, effectiveDate: change.effectiveDate } : null;
}

type Props = { page: LinePageData; states?: States; review?: PlanReview };

/** 003 "Gérer la carte SIM": the sections in the manual's order, then the history. */
export function LinePage({ page, states = {}, review }: Props) {
  const { t, locale } = useView();
  const l = t.fleetLine;
  const { line } = page;
  return (
    <>
      <p>
        <a href={`/${locale}/fleet/lines`}>{l.back}</a>
      </p>
      <h1>{line.msisdn ? fill(l.title, { number: formatMsisdn(line.msisdn) }) : fill(l.titleNoNumber, { iccid: line.iccid })}</h1>
      <p>
        {fill(l.statusLine, { status: t.fleet.statuses[line.status] })}
        <br />
        {fill(l.iccid, { iccid: line.iccid })}
      </p>
      <LineUsageLinks lineId={line.id} />
      <LineActions line={{ id: line.id, status: line.status, pending: pendingAction(page) }} />
      {line.status === "STOPPED" ? <Notice>{l.stoppedReadOnly}</Notice> : null}
      <nav aria-label={l.sections}>
        <ul class="inline-list">
          <li>
            <a href="#line-user">{l.userTitle}</a>
          </li>
          <li>
            <a href="#line-address">{l.addressTitle}</a>
          </li>
          <li>
            <a href="#line-products">{l.productsTitle}</a>
          </li>
          <li>
            <a href="#line-blocks">{l.blocksTitle}</a>
          </li>
          <li>
            <a href="#line-pay-by-mobile">{l.payByMobileTitle}</a>
          </li>
          {line.deviceCompanyOwned ? (
            <li>
              <a href="#line-device">{l.deviceTitle}</a>
            </li>
          ) : null}
          <li>
            <a href="#line-history">{l.historyTitle}</a>
          </li>
        </ul>
      </nav>
      <UserBlock page={page} state={states.user} />
      <AddressBlock page={page} state={states.address} />
      <ProductsBlock page={page} states={states} review={review} />
      <BlocksBlock page={page} state={states.blocks} />
      <PayByMobileBlock page={page} state={states.payByMobile} />
      {line.deviceCompanyOwned ? <DeviceBlock page={page} state={states.device} /> : null}
      <HistoryBlock page={page} />
    </>
  );
}

/** Whether this principal may change the section now: fleet.manage, the section's own rule, a line not stopped. */
function useMayChange(page: LinePageData, section: Section): boolean {
  const { principal } = useView();
  return principal !== null && can(principal, "fleet", "manage") && mayChangeSection(principal, section) && page.line.status !== "STOPPED";
}

function Outcome({ state, section }: { state?: SectionState; section: Section }) {
  const { t } = useView();
  const l = t.fleetLine;
  if (!state) return null;
  const hasErrors = state.errors && Object.keys(state.errors).length > 0;
  return (
    <>
      {state.notice === "saved" ? <Notice kind="ok">{l.saved[section]}</Notice> : null}
      {state.notice === "unchanged" ? <Notice focus>{l.unchanged}</Notice> : null}
      {state.notice === "stopped" ? <Notice kind="error">{l.stoppedRefused}</Notice> : null}
      {state.notice === "confirmed" ? <Notice kind="error">{l.userConfirmed}</Notice> : null}
      {hasErrors ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
    </>
  );
}

function sectionAction(locale: string, id: number, path: string) {
  return `/${locale}/fleet/lines/${id}/${path}`;
}

/** A form of a section: posts to its own address; htmx swaps the section's block in place. */
function SectionForm({ page, path, block, label, children }: { page: LinePageData; path: string; block: string; label?: string; children: Child }) {
  const { t, locale } = useView();
  const action = sectionAction(locale, page.line.id, path);
  return (
    <form method="post" action={action} hx-post={action} hx-target={`#${block}`} hx-swap="outerHTML" novalidate>
      <CsrfField />
      {children}
      <button type="submit">{label ?? t.fleetLine.update}</button>
    </form>
  );
}

function Block({ id, title, children }: { id: string; title: string; children: Child }) {
  return (
    <section class="card" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

const str = (value: string | string[] | undefined, fallback: string | null | undefined) => (typeof value === "string" ? value : (fallback ?? ""));

export function UserBlock({ page, state }: { page: LinePageData; state?: SectionState }) {
  const { t } = useView();
  const l = t.fleetLine;
  const { line } = page;
  const v = state?.values ?? {};
  const e = state?.errors ?? {};
  const editable = useMayChange(page, "user") && !line.userConfirmed;
  const fields = (
    <>
      <Field id="description" name="description" label={l.description} value={str(v.description, line.description)} error={e.description} maxlength={100} />
      <Select
        id="userTitle"
        name="userTitle"
        label={l.civility}
        value={str(v.userTitle, line.userTitle)}
        error={e.userTitle}
        options={[{ value: "", label: l.civilities.none }, ...TITLES.map((title) => ({ value: title, label: l.civilities[title] }))]}
      />
      <Field id="userFirstName" name="userFirstName" label={l.firstName} value={str(v.userFirstName, line.userFirstName)} error={e.userFirstName} autocomplete="off" maxlength={100} />
      <Field id="userLastName" name="userLastName" label={l.lastName} value={str(v.userLastName, line.userLastName)} error={e.userLastName} autocomplete="off" maxlength={100} />
      <Field id="userBirthDate" name="userBirthDate" type="date" label={l.birthDate} hint={l.birthDateHint} value={str(v.userBirthDate, line.userBirthDate)} error={e.userBirthDate} />
      <Field id="userEmail" name="userEmail" type="email" label={l.email} value={str(v.userEmail, line.userEmail)} error={e.userEmail} autocomplete="off" />
      <Field id="userPhone" name="userPhone" type="tel" label={l.phone} value={str(v.userPhone, formatBelgianPhone(line.userPhone))} error={e.userPhone} autocomplete="off" />
      <Select
        id="userLanguage"
        name="userLanguage"
        label={l.language}
        value={str(v.userLanguage, line.userLanguage)}
        error={e.userLanguage}
        options={(["nl", "fr", "en"] as const).map((lang) => ({ value: lang, label: l.languages[lang] }))}
      />
    </>
  );
  return (
    <Block id="line-user" title={l.userTitle}>
      <Outcome state={state} section="user" />
      {line.userConfirmed ? <p class="hint">{l.userConfirmed}</p> : editable ? <p class="hint">{l.userIntro}</p> : null}
      {editable ? (
        <SectionForm page={page} path="user" block="line-user">
          {fields}
        </SectionForm>
      ) : (
        <fieldset disabled>{fields}</fieldset>
      )}
    </Block>
  );
}

export function AddressBlock({ page, state }: { page: LinePageData; state?: SectionState }) {
  const { t } = useView();
  const l = t.fleetLine;
  const { line } = page;
  const v = state?.values ?? {};
  const e = state?.errors ?? {};
  const fields = (
    <>
      <Field id="street" name="street" label={l.street} value={str(v.street, line.street)} error={e.street} autocomplete="address-line1" maxlength={100} />
      <Field id="houseNumber" name="houseNumber" label={l.houseNumber} value={str(v.houseNumber, line.houseNumber)} error={e.houseNumber} maxlength={20} />
      <Field id="postcode" name="postcode" label={l.postcode} value={str(v.postcode, line.postcode)} error={e.postcode} autocomplete="postal-code" maxlength={10} />
      <Field id="city" name="city" label={l.city} value={str(v.city, line.city)} error={e.city} autocomplete="address-level2" maxlength={100} />
      <Field id="country" name="country" label={l.country} value={str(v.country, line.country)} error={e.country} autocomplete="country" maxlength={60} />
    </>
  );
  return (
    <Block id="line-address" title={l.addressTitle}>
      <Outcome state={state} section="address" />
      {useMayChange(page, "address") ? (
        <SectionForm page={page} path="address" block="line-address">
          {fields}
        </SectionForm>
      ) : (
        <fieldset disabled>{fields}</fieldset>
      )}
    </Block>
  );
}

export function ProductsBlock({ page, states = {}, review }: { page: LinePageData; states?: States; review?: PlanReview }) {
  const { t, locale } = useView();
  const l = t.fleetLine;
  const { line } = page;
  const editable = useMayChange(page, "plan");
  const money = (cents: number) => formatMoney(locale, cents);
  const planLabel = (plan: { name: string; monthlyCents: number }) => `${plan.name} (${fill(t.fleet.perMonth, { amount: money(plan.monthlyCents) })})`;
  const onLine = page.options.filter((o) => o.onLine);
  const addable = page.options.filter((o) => !o.onLine);
  const planState = states.plan;
  const billingState = states.billing;
  const addState = states.optionsAdd;
  const removeState = states.optionsRemove;
  const splitState = states.splitBill;
  const checkedIn = (state: SectionState | undefined, name: string) => {
    const value = state?.values?.[name];
    return new Set(Array.isArray(value) ? value : value ? [value] : []);
  };
  const addChecked = checkedIn(addState, "options");
  const removeChecked = checkedIn(removeState, "removeOptions");
  const splitValue = str(splitState?.values?.splitBill, line.splitBill ? "yes" : "no");
  return (
    <Block id="line-products" title={l.productsTitle}>
      {review ? <PlanReviewBlock page={page} review={review} /> : null}
      {/* Tariff plan */}
      <h3>{l.plan}</h3>
      <Outcome state={planState} section="plan" />
      <p data-plan>{line.planName}</p>
      {editable && !review ? (
        <SectionForm page={page} path="plan" block="line-products" label={l.modify}>
          <Select
            id="plan"
            name="plan"
            label={l.newPlan}
            value={str(planState?.values?.plan, String(line.planId))}
            error={planState?.errors?.plan}
            options={page.plans.map((plan) => ({ value: String(plan.id), label: `${plan.kind === "data" ? `${l.dataPlans} – ` : ""}${planLabel(plan)}` }))}
          />
        </SectionForm>
      ) : null}
      {/* Billing account */}
      <h3>{l.billingAccount}</h3>
      <Outcome state={billingState} section="billing" />
      <p data-billing>{line.billingNumber ?? l.billingNone}</p>
      {editable && page.billingAccounts.length > 0 ? (
        <SectionForm page={page} path="billing-account" block="line-products" label={l.modify}>
          <Select
            id="billingAccount"
            name="billingAccount"
            label={l.billingAccount}
            value={str(billingState?.values?.billingAccount, line.billingAccountId === null ? "" : String(line.billingAccountId))}
            error={billingState?.errors?.billingAccount}
            options={page.billingAccounts.map((account) => ({ value: String(account.id), label: `${account.number} – ${account.name}` }))}
          />
        </SectionForm>
      ) : null}
      {/* Options */}
      <h3>{l.options}</h3>
      <Outcome state={addState} section="optionsAdd" />
      <Outcome state={removeState} section="optionsRemove" />
      {onLine.length === 0 ? (
        <p>{l.noOptions}</p>
      ) : (
        <ul data-options>
          {onLine.map((option) => (
            <li>{option.monthlyCents === null ? fill(l.optionNotAllowed, { name: option.name }) : fill(l.optionPrice, { name: option.name, price: money(option.monthlyCents) })}</li>
          ))}
        </ul>
      )}
      {editable ? (
        <>
          {addable.some((o) => o.monthlyCents !== null) ? (
            <SectionForm page={page} path="options/add" block="line-products" label={l.addOptions}>
              <CheckboxGroup
                id="options"
                name="options"
                legend={l.addOptions}
                hint={l.addOptionsHint}
                error={addState?.errors?.options}
                items={addable.map((option) =>
                  option.monthlyCents === null
                    ? { value: String(option.id), label: fill(l.optionNotAllowed, { name: option.name }), disabled: true }
                    : { value: String(option.id), label: fill(l.optionPrice, { name: option.name, price: money(option.monthlyCents) }), checked: addChecked.has(String(option.id)) },
                )}
              />
            </SectionForm>
          ) : (
            <p class="hint">{l.noOptionToAdd}</p>
          )}
          {onLine.length > 0 ? (
            <SectionForm page={page} path="options/remove" block="line-products" label={l.removeOptions}>
              <CheckboxGroup
                id="removeOptions"
                name="removeOptions"
                legend={l.removeOptions}
                error={removeState?.errors?.removeOptions}
                items={onLine.map((option) => ({ value: String(option.id), label: option.name, checked: removeChecked.has(String(option.id)) }))}
              />
            </SectionForm>
          ) : null}
        </>
      ) : null}
      {/* Split bill profile */}
      <h3>{l.splitBillTitle}</h3>
      <Outcome state={splitState} section="splitBill" />
      <p data-split-bill>{line.splitBill ? line.splitBillProfile : l.splitBillNone}</p>
      {editable ? (
        <SectionForm page={page} path="split-bill" block="line-products" label={l.modify}>
          <RadioGroup
            id="splitBill"
            name="splitBill"
            legend={l.splitBill}
            value={splitValue}
            error={splitState?.errors?.splitBill}
            items={[
              { value: "yes", label: l.yes },
              { value: "no", label: l.no },
            ]}
          />
          <Field
            id="splitBillProfile"
            name="splitBillProfile"
            label={l.splitBillProfile}
            value={str(splitState?.values?.splitBillProfile, line.splitBillProfile)}
            error={splitState?.errors?.splitBillProfile}
            maxlength={60}
          />
        </SectionForm>
      ) : null}
    </Block>
  );
}

/** The review step of a plan change (003 "Vérifier les numéros sélectionnés"): number, previous plan, new plan. */
function PlanReviewBlock({ page, review }: { page: LinePageData; review: PlanReview }) {
  const { t, locale } = useView();
  const l = t.fleetLine;
  return (
    <div class="card" id="plan-review">
      <h3>{l.planReviewTitle}</h3>
      <DataTable columns={[t.fleet.column.phoneNumber, l.previousPlan, l.newPlan]}>
        <tr>
          <td>{formatMsisdn(page.line.msisdn) || page.line.iccid}</td>
          <td>{review.from.name}</td>
          <td>{review.to.name}</td>
        </tr>
      </DataTable>
      {review.removed.length > 0 ? <Notice>{fill(l.willBeRemoved, { options: review.removed.join(", ") })}</Notice> : <p>{l.nothingRemoved}</p>}
      <SectionForm page={page} path="plan" block="line-products" label={l.apply}>
        <input type="hidden" name="plan" value={String(review.to.id)} />
        <input type="hidden" name="confirm" value="1" />
      </SectionForm>
      <p>
        <a href={`/${locale}/fleet/lines/${page.line.id}#line-products`}>{l.cancel}</a>
      </p>
    </div>
  );
}

export function BlocksBlock({ page, state }: { page: LinePageData; state?: SectionState }) {
  const { t } = useView();
  const l = t.fleetLine;
  const posted = state?.values?.blocks;
  const checked = new Set<string>(state?.values ? (Array.isArray(posted) ? posted : posted ? [posted] : []) : page.blocks);
  const editable = useMayChange(page, "blocks");
  const group = (
    <CheckboxGroup
      id="blocks"
      name="blocks"
      legend={l.blocksTitle}
      hint={l.blocksHint}
      error={state?.errors?.blocks}
      items={LINE_BLOCKS.map((block) => ({ value: block, label: t.fleet.blocks[block], checked: checked.has(block), disabled: !editable }))}
    />
  );
  return (
    <Block id="line-blocks" title={l.blocksTitle}>
      <Outcome state={state} section="blocks" />
      {editable ? (
        <SectionForm page={page} path="blocks" block="line-blocks">
          <input type="hidden" name="sent" value="1" />
          {group}
        </SectionForm>
      ) : (
        group
      )}
    </Block>
  );
}

export function PayByMobileBlock({ page, state }: { page: LinePageData; state?: SectionState }) {
  const { t, locale } = useView();
  const l = t.fleetLine;
  const current = page.line.payByMobileLimitCents;
  const amounts: number[] = [...PAY_BY_MOBILE_LIMITS];
  // A limit stored before the list changed is still shown as it is.
  if (!amounts.includes(current)) amounts.push(current);
  const select = (
    <Select
      id="payByMobileLimit"
      name="payByMobileLimit"
      label={l.payByMobileLimit}
      hint={l.payByMobileHint}
      value={str(state?.values?.payByMobileLimit, String(current))}
      error={state?.errors?.payByMobileLimit}
      options={amounts.map((cents) => ({ value: String(cents), label: formatMoney(locale, cents) }))}
    />
  );
  return (
    <Block id="line-pay-by-mobile" title={l.payByMobileTitle}>
      <Outcome state={state} section="payByMobile" />
      <p data-pay-by-mobile>{formatMoney(locale, current)}</p>
      {useMayChange(page, "payByMobile") ? (
        <SectionForm page={page} path="pay-by-mobile" block="line-pay-by-mobile">
          {select}
        </SectionForm>
      ) : null}
    </Block>
  );
}

export function DeviceBlock({ page, state }: { page: LinePageData; state?: SectionState }) {
  const { t } = useView();
  const l = t.fleetLine;
  const { line } = page;
  const v = state?.values ?? {};
  const e = state?.errors ?? {};
  const fields = (
    <>
      <Field id="imei" name="imei" label={l.imei} hint={l.imeiHint} value={str(v.imei, line.imei)} error={e.imei} inputmode="numeric" maxlength={20} autocomplete="off" />
      <Field id="deviceBrand" name="deviceBrand" label={l.brand} value={str(v.deviceBrand, line.deviceBrand)} error={e.deviceBrand} maxlength={60} />
      <Field id="deviceType" name="deviceType" label={l.type} value={str(v.deviceType, line.deviceType)} error={e.deviceType} maxlength={60} />
    </>
  );
  return (
    <Block id="line-device" title={l.deviceTitle}>
      <Outcome state={state} section="device" />
      <p class="hint">{l.deviceIntro}</p>
      {useMayChange(page, "device") ? (
        <SectionForm page={page} path="device" block="line-device">
          {fields}
        </SectionForm>
      ) : (
        <fieldset disabled>{fields}</fieldset>
      )}
    </Block>
  );
}

function HistoryBlock({ page }: { page: LinePageData }) {
  const { t, locale } = useView();
  const l = t.fleetLine;
  const base = `/${locale}/fleet/lines/${page.line.id}`;
  // The same labels as the account's History page: one catalog for every audited action.
  const labelOf = (action: string) => (t.rights.history.actions as Record<string, string>)[actionKey(action)] ?? l.otherAction;
  const who = (row: { actor: string; username: string | null }) =>
    row.username ?? (row.actor.startsWith("desk:") ? l.customerService : row.actor.startsWith("code:") ? l.codeLogin : row.actor.startsWith("system") ? l.otherAction : row.actor);
  const { history } = page;
  return (
    <Block id="line-history" title={l.historyTitle}>
      {page.changes.length > 0 ? (
        <DataTable caption={l.operatorChanges} columns={[l.what, l.effective, l.status]}>
          {page.changes.map((change) => (
            <tr data-change={change.kind} data-status={change.status}>
              <td>{t.fleet.changeKinds[change.kind]}</td>
              <td>{formatDate(locale, new Date(`${change.effectiveDate}T12:00:00Z`))}</td>
              <td>{change.status === "pending" ? <strong>{t.fleet.changeStatuses.pending}</strong> : t.fleet.changeStatuses[change.status]}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {history.rows.length === 0 ? (
        <p>{l.noHistory}</p>
      ) : (
        <DataTable label={l.historyTitle} columns={[l.when, l.who, l.what]}>
          {history.rows.map((row) => (
            <tr data-action={row.action}>
              <td>{formatDateTime(locale, row.at)}</td>
              <td>{who(row)}</td>
              <td>{labelOf(row.action)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager
        first={history.previous ? { href: `${base}#line-history`, label: l.newest } : undefined}
        previous={history.previous ? `${base}?before=${history.previous}#line-history` : null}
        next={history.next ? `${base}?after=${history.next}#line-history` : null}
        labels={{ next: l.older }}
      />
    </Block>
  );
}

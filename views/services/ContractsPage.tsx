import type { ChangeRequestRow, ContractRow, ServiceErrors } from "../../src/features/services/service.ts";
import { CHANGE_KINDS } from "../../src/db/schema/enums.ts";
import { CONTAINER_SIZES, FREQUENCIES, MAX_COMMENT } from "../../src/features/services/service.ts";
import { fill, formatDate } from "../../src/lib/i18n.ts";
import { RadioGroup, Select } from "../ui/choices.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { Field, Notice } from "../ui/Field.tsx";
import { errorTexts, FixBelow, ServicesFrame, showDay } from "./parts.tsx";

export const CHANGE_FORM_ID = "services-change";

/** Tab 1 (manual p.13 "View/Modify your contracts"): each contract with its service, site and status, and its change requests. */
export function ContractsPage({ contracts, saved }: { contracts: ContractRow[]; saved?: string }) {
  const { t, locale } = useView();
  const s = t.services;
  return (
    <ServicesFrame current="contracts">
      <p>{s.contractsIntro}</p>
      {saved ? <Notice kind="ok">{fill(s.changeSaved, { number: saved })}</Notice> : null}
      {contracts.length === 0 ? <p>{s.noContracts}</p> : null}
      {contracts.map((contract) => (
        <section class="card" id={`contract-${contract.id}`} aria-labelledby={`contract-${contract.id}-title`}>
          <h2 id={`contract-${contract.id}-title`}>{fill(t.app.labelValue, { label: s.contractNumber, value: contract.contractNumber })}</h2>
          <dl class="facts">
            <dt>{s.service}</dt>
            <dd>{contract.service}</dd>
            <dt>{s.site}</dt>
            <dd>{contract.siteName ? `${contract.siteName} – ${contract.siteAddress}` : contract.customerName}</dd>
            <dt>{s.status}</dt>
            <dd>{s.contractStatuses[contract.status]}</dd>
          </dl>
          {contract.status === "ended" ? null : (
            <p>
              <a class="button" href={`/${locale}/services/contracts/${contract.id}/change`} aria-label={fill(s.modifyLabel, { number: contract.contractNumber })}>
                {s.modify}
              </a>
            </p>
          )}
          <RequestsTable number={contract.contractNumber} requests={contract.requests} />
        </section>
      ))}
    </ServicesFrame>
  );
}

/** A contract's change requests, newest first, each with its status and the day it got it. */
function RequestsTable({ number, requests }: { number: string; requests: ChangeRequestRow[] }) {
  const { t, locale } = useView();
  const s = t.services;
  if (requests.length === 0) return null;
  return (
    <DataTable caption={fill(s.requestsOf, { number })} columns={[{ label: s.status, sort: "descending" }, s.change, s.newValue, s.effectiveFrom, s.comment]}>
      {requests.map((request) => (
        <tr data-request={request.id}>
          <td>
            {fill(s.statusOn, { status: s.changeStatuses.requested, date: formatDate(locale, request.createdAt) })}
            {request.status !== "requested" && request.decidedAt ? (
              <>
                <br />
                {fill(s.statusOn, { status: s.changeStatuses[request.status], date: formatDate(locale, request.decidedAt) })}
              </>
            ) : null}
          </td>
          <td>{s.changeKinds[request.kind]}</td>
          <td>{newValueText(s, request)}</td>
          <td>{showDay(locale, request.effectiveDate)}</td>
          <td>{request.comment ?? ""}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function newValueText(s: ReturnType<typeof useView>["t"]["services"], request: { kind: string; newValue: string | null }): string {
  if (request.newValue === null) return "—";
  if (request.kind === "container_size") return `${request.newValue} L`;
  if (request.kind === "frequency") return s.frequencies[request.newValue as keyof typeof s.frequencies] ?? request.newValue;
  return request.newValue;
}

export type ChangeFormState = { values?: Record<string, string>; errors?: ServiceErrors; fieldErrors?: Partial<Record<string, string>> };

/** The "Modify" form of one contract, then its requests. */
export function ChangePage({ contract, state }: { contract: ContractRow; state?: ChangeFormState }) {
  const { t, locale } = useView();
  const s = t.services;
  return (
    <ServicesFrame current="contracts">
      <h2>{fill(s.changeTitle, { number: contract.contractNumber })}</h2>
      <p>{fill(s.changeIntro, { number: contract.contractNumber, service: contract.service, site: contract.siteName ?? contract.customerName })}</p>
      <ChangeForm contract={contract} state={state} />
      <RequestsTable number={contract.contractNumber} requests={contract.requests} />
      <p>
        <a href={`/${locale}/services#contract-${contract.id}`}>{s.backToContracts}</a>
      </p>
    </ServicesFrame>
  );
}

/** The form htmx swaps in place when it comes back with errors (422). */
export function ChangeForm({ contract, state }: { contract: ContractRow; state?: ChangeFormState }) {
  const { t, locale } = useView();
  const s = t.services;
  const values = state?.values ?? {};
  const errors = { ...state?.fieldErrors, ...errorTexts(t, locale, state?.errors) };
  const action = `/${locale}/services/contracts/${contract.id}/change`;
  return (
    <section class="card" id={CHANGE_FORM_ID}>
      <FixBelow errors={errors} />
      <form method="post" action={action} hx-post={action} hx-target={`#${CHANGE_FORM_ID}`} hx-swap="outerHTML" hx-push-url="false" novalidate>
        <CsrfField />
        <RadioGroup
          id="change-kind"
          name="kind"
          legend={s.kind}
          error={errors.kind}
          value={values.kind ?? "container_size"}
          items={CHANGE_KINDS.map((kind) => ({ value: kind, label: s.changeKinds[kind] }))}
        />
        <div>
          <Select
            id="change-size"
            name="newSize"
            label={s.newSize}
            hint={s.newSizeHint}
            error={errors.newSize}
            value={values.newSize ?? ""}
            options={[{ value: "", label: "—" }, ...CONTAINER_SIZES.map((size) => ({ value: size, label: `${size} L` }))]}
          />
        </div>
        <div>
          <Select
            id="change-frequency"
            name="frequency"
            label={s.newFrequency}
            hint={s.newFrequencyHint}
            error={errors.frequency}
            value={values.frequency ?? ""}
            options={[{ value: "", label: "—" }, ...FREQUENCIES.map((f) => ({ value: f, label: s.frequencies[f] }))]}
          />
        </div>
        <Field id="change-date" name="effectiveDate" type="date" label={s.effectiveDate} hint={s.dateHint} value={values.effectiveDate} error={errors.effectiveDate} required />
        <TextArea id="change-comment" name="comment" label={s.comment} hint={fill(s.commentHint, { max: MAX_COMMENT })} value={values.comment} error={errors.comment} maxlength={MAX_COMMENT} />
        <button type="submit">{s.sendRequest}</button>
      </form>
    </section>
  );
}

/** A labelled text area with its hint and error (the kit has single-line fields only). */
export function TextArea(props: { id: string; name: string; label: string; hint?: string; value?: string; error?: string; maxlength?: number }) {
  const describedBy = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <textarea id={props.id} name={props.name} rows={3} maxlength={props.maxlength} aria-invalid={props.error ? "true" : undefined} aria-describedby={describedBy}>
        {props.value ?? ""}
      </textarea>
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

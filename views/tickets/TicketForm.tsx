import { NEEDS, SUBJECT_CODES, SUBJECTS, type Detail, type Subject } from "../../src/features/tickets/service.ts";
import { Select } from "../ui/choices.tsx";
import { useView } from "../ui/context.ts";
import { CsrfField } from "../ui/CsrfField.tsx";
import { Field, type FieldErrors, Notice } from "../ui/Field.tsx";

export const TICKET_FORM_ID = "ticket-form";

export type TicketFormState = { subject: Subject | null; detail: Detail | null; values: Record<string, string>; errors: FieldErrors; dates: { min: string; max: string } };

/**
 * 003 "Créer un ticket technique": 1. the subject, 2. "Plus de détails", 3. the fields the detail
 * needs, then Send. Without JavaScript, steps 1 and 2 are a small GET form ("Next"); with htmx the
 * details follow the subject in place (hx-get on change) and the fields follow the detail.
 */
export function TicketFormBlock({ state }: { state: TicketFormState }) {
  const { t, locale } = useView();
  const k = t.tickets;
  const { subject, detail, errors } = state;
  const partial = `/${locale}/tickets/new/form`;
  const live = { "hx-get": partial, "hx-trigger": "change", "hx-target": `#${TICKET_FORM_ID}`, "hx-swap": "outerHTML", "hx-include": "closest form" };
  return (
    <div id={TICKET_FORM_ID}>
      <form class="card" method="get" action={`/${locale}/tickets/new`}>
        <p class="hint">{k.step1}</p>
        <div>
          <Select
            id="ticket-subject"
            name="subject"
            label={k.subject}
            value={subject ?? ""}
            error={errors.subject}
            options={[{ value: "", label: k.subjectChoose }, ...SUBJECT_CODES.map((code) => ({ value: code, label: k.subjects[code] }))]}
            attrs={live}
          />
        </div>
        {subject ? (
          <>
            <p class="hint">{k.step2}</p>
            <div>
              <Select
                id="ticket-detail"
                name="detail"
                label={k.detail}
                value={detail ?? ""}
                error={errors.detail}
                options={[{ value: "", label: k.detailChoose }, ...SUBJECTS[subject].map((code) => ({ value: code, label: k.details[code] }))]}
                attrs={live}
              />
            </div>
          </>
        ) : null}
        {detail ? null : (
          <div>
            <button type="submit" class="secondary">
              {k.next}
            </button>
          </div>
        )}
      </form>
      {subject && detail ? <TicketFields state={{ ...state, subject, detail }} /> : null}
    </div>
  );
}

function TicketFields({ state }: { state: TicketFormState & { subject: Subject; detail: Detail } }) {
  const { t, locale, csrfToken } = useView();
  const k = t.tickets;
  const { values, errors, detail } = state;
  const needs = NEEDS[detail];
  const action = `/${locale}/tickets`;
  const v = (name: string) => values[name] ?? "";
  const messageDescribed = ["ticket-message-hint", errors.message ? "ticket-message-error" : ""].filter(Boolean).join(" ");
  const filesDescribed = ["ticket-files-hint", errors.attachments ? "ticket-files-error" : ""].filter(Boolean).join(" ");
  return (
    <form class="card" method="post" action={action} enctype="multipart/form-data" hx-post={action} hx-headers={JSON.stringify({ "X-CSRF-Token": csrfToken })} novalidate>
      <CsrfField />
      <input type="hidden" name="subject" value={state.subject} />
      <input type="hidden" name="detail" value={detail} />
      <p class="hint">{k.step3}</p>
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t.errors.fixBelow}</Notice> : null}
      {needs.phone ? (
        <Field id="ticket-phoneNumber" name="phoneNumber" type="tel" inputmode="tel" label={k.phoneNumber} hint={k.phoneNumberHint} value={v("phoneNumber")} error={errors.phoneNumber} required />
      ) : null}
      {needs.date ? (
        <div>
          <label for="ticket-actionDate">{k.actionDate}</label>
          <p class="hint" id="ticket-actionDate-hint">
            {k.actionDateHint}
          </p>
          <input
            type="date"
            id="ticket-actionDate"
            name="actionDate"
            value={v("actionDate")}
            min={state.dates.min}
            max={state.dates.max}
            required
            aria-invalid={errors.actionDate ? "true" : undefined}
            aria-describedby={errors.actionDate ? "ticket-actionDate-hint ticket-actionDate-error" : "ticket-actionDate-hint"}
          />
          {errors.actionDate ? (
            <p class="field-error" id="ticket-actionDate-error">
              {errors.actionDate}
            </p>
          ) : null}
        </div>
      ) : null}
      {needs.order ? (
        <>
          <Field id="ticket-quantity" name="quantity" inputmode="numeric" label={k.quantity} hint={k.quantityHint} value={v("quantity")} error={errors.quantity} required maxlength={3} />
          <fieldset>
            <legend>{k.address}</legend>
            <div>
              <Select id="ticket-country" name="country" label={k.country} value="BE" options={[{ value: "BE", label: k.countries.BE }]} />
            </div>
            <Field id="ticket-postcode" name="postcode" inputmode="numeric" autocomplete="postal-code" label={k.postcode} value={v("postcode")} error={errors.postcode} required maxlength={4} />
            <Field id="ticket-locality" name="locality" autocomplete="address-level2" label={k.locality} value={v("locality")} error={errors.locality} required maxlength={100} />
            <Field id="ticket-street" name="street" autocomplete="address-line1" label={k.street} value={v("street")} error={errors.street} required maxlength={100} />
            <Field id="ticket-houseNumber" name="houseNumber" label={k.houseNumber} value={v("houseNumber")} error={errors.houseNumber} required maxlength={10} />
            <Field id="ticket-suffix" name="suffix" label={k.suffix} hint={k.suffixHint} value={v("suffix")} error={errors.suffix} maxlength={10} />
            <Field id="ticket-box" name="box" label={k.box} hint={k.boxHint} value={v("box")} error={errors.box} maxlength={10} />
          </fieldset>
        </>
      ) : null}
      <div>
        <label for="ticket-message">{k.message}</label>
        <p class="hint" id="ticket-message-hint">
          {needs.csv ? k.messageCsv : k.messageHint}
        </p>
        <textarea id="ticket-message" name="message" rows={5} maxlength={4000} required={needs.message} aria-invalid={errors.message ? "true" : undefined} aria-describedby={messageDescribed}>
          {v("message")}
        </textarea>
        {errors.message ? (
          <p class="field-error" id="ticket-message-error">
            {errors.message}
          </p>
        ) : null}
      </div>
      <Field id="ticket-email" name="email" type="email" inputmode="email" autocomplete="email" label={k.email} value={v("email")} error={errors.email} required maxlength={254} />
      <Field id="ticket-mobile" name="mobile" type="tel" inputmode="tel" autocomplete="tel" label={k.mobile} value={v("mobile")} error={errors.mobile} maxlength={20} />
      {/* Last, so that a refused file leaves everything above read (the upload is read as it streams). */}
      <div>
        <label for="ticket-files">{k.attach}</label>
        <p class="hint" id="ticket-files-hint">
          {k.attachHint}
        </p>
        <input
          type="file"
          id="ticket-files"
          name="attachments"
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.csv,.xlsx,.docx"
          aria-invalid={errors.attachments ? "true" : undefined}
          aria-describedby={filesDescribed}
        />
        {errors.attachments ? (
          <p class="field-error" id="ticket-files-error">
            {errors.attachments} {t.complaints.thread.filesAgain}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit">{k.send}</button>
      </div>
    </form>
  );
}

import { Hono, type Context } from "hono";
import * as z from "zod";
import { TermsDeskPage, TermsVersionPage, formatCount, type TermsDeskNotice, type TermsFormState } from "../../../views/desk/TermsDeskPage.tsx";
import { declareBodyLimits } from "../../lib/body-limit.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill, formatDateTime } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { cursorText, parseCursor } from "../../lib/keyset.ts";
import { redirectAfterPost } from "../../lib/render.tsx";
import { declare, staffRoles } from "../../lib/routes.ts";
import { validForm, type FormErrors, type InvalidForm } from "../../lib/validation.ts";
import { BODY_MAX, checkPublish, type PublishError, publishTerms, type PublishErrors, termsForDesk, termsVersionForDesk, VERSION_MAX, withdrawTerms } from "../terms/desk-service.ts";
import { renderDesk, renderDeskFailure } from "./render.tsx";
import { actorOf } from "./service.ts";

/**
 * The desk's "Terms of use" (issue #13, item 7): supervisors publish a new version of the terms
 * with the moment it applies, read each version's texts, and withdraw one that does not apply yet.
 */
export const deskTermsRoutes = new Hono<AppEnv>();

const SUPERVISOR = staffRoles("supervisor");
declare({
  "GET /desk/terms": SUPERVISOR,
  "POST /desk/terms": SUPERVISOR,
  "GET /desk/terms/:id{[0-9]+}": SUPERVISOR,
  "POST /desk/terms/:id{[0-9]+}/withdraw": SUPERVISOR,
});
// Three texts of up to 50,000 characters each, percent-encoded (an accented letter takes 6 bytes).
declareBodyLimits({ "POST /desk/terms": 1024 * 1024 });

const text = (max: number) => z.string({ error: "required" }).trim().min(1, { error: "required" }).max(max, { error: "tooLong" });
const publishSchema = z.object({
  version: text(VERSION_MAX),
  when: z.enum(["now", "later"], { error: "choice" }),
  date: z.string().optional(),
  time: z.string().optional(),
  bodyNl: text(BODY_MAX),
  bodyFr: text(BODY_MAX),
  bodyEn: text(BODY_MAX),
});

const FIELD_MAX: Record<string, number> = { version: VERSION_MAX, bodyNl: BODY_MAX, bodyFr: BODY_MAX, bodyEn: BODY_MAX };

async function renderTermsDesk(c: Context<AppEnv>, options: { form?: TermsFormState; notice?: TermsDeskNotice; status?: 200 | 409 | 422; noticeId?: number | null } = {}) {
  const now = Date.now();
  const before = parseCursor(c.req.query("before"));
  const page = await termsForDesk(c.var.db, before, options.noticeId ?? null, now);
  const p = c.var.t.termsDesk;
  const notice =
    options.notice ?? (page.notice ? { kind: "ok" as const, text: fill(p.published, { version: page.notice.version, date: formatDateTime(c.var.locale, page.notice.effectiveAt) }) } : undefined);
  return renderDesk(
    c,
    { title: p.title, status: options.status },
    <TermsDeskPage
      rows={page.rows}
      currentId={page.currentId}
      next={page.next ? cursorText(page.next) : null}
      before={before ? cursorText(before) : null}
      notice={notice}
      form={options.form ?? { values: { when: "later" }, errors: {} }}
      bodyMax={BODY_MAX}
      versionMax={VERSION_MAX}
      now={now}
    />,
  );
}

const invalidPublish: InvalidForm = (c, values, errors) => {
  // The catalog's "at most {max} characters" names each field's own limit.
  const filled: FormErrors = {};
  for (const [field, message] of Object.entries(errors)) filled[field] = message && fill(message, { max: formatCount(c.var.locale, FIELD_MAX[field] ?? BODY_MAX) });
  // The moment is checked too, so every mistake is shown at once.
  if (values.when === "later") {
    const messages = c.var.t.termsDesk.errors;
    const moment = checkPublish({ when: "later", date: values.date, time: values.time, version: "", bodyNl: "", bodyFr: "", bodyEn: "" }).errors;
    for (const [field, key] of Object.entries(moment) as [string, PublishError][]) filled[field] ??= messages[key];
  }
  return renderTermsDesk(c, { form: { values, errors: filled }, status: 422 });
};

deskTermsRoutes.get("/desk/terms", async (c) => {
  // The version withdrawn no longer exists: the notice says so without words from the address.
  const notice = c.req.query("withdrawn") === "1" ? { kind: "ok" as const, text: c.var.t.termsDesk.withdrawn } : undefined;
  return renderTermsDesk(c, { notice, noticeId: idParam(c.req.query("published")) });
});

deskTermsRoutes.post("/desk/terms", validForm(publishSchema, invalidPublish), async (c) => {
  const input = c.req.valid("form");
  const result = await publishTerms(c.var.db, input, actorOf(c.var.deskSession!));
  if (!result.ok) {
    const messages = c.var.t.termsDesk.errors;
    const errors = Object.fromEntries(Object.entries(result.errors as PublishErrors).map(([field, key]) => [field, messages[key]]));
    const values = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v ?? ""]));
    return renderTermsDesk(c, { form: { values, errors }, status: 422 });
  }
  return redirectAfterPost(c, `/${c.var.locale}/desk/terms?published=${result.value.id}`);
});

deskTermsRoutes.get("/desk/terms/:id{[0-9]+}", async (c) => {
  const id = idParam(c.req.param("id"));
  const version = id === null ? null : await termsVersionForDesk(c.var.db, id);
  if (!version) return renderDeskFailure(c, "not_found");
  return renderDesk(c, { title: fill(c.var.t.termsDesk.text.title, { version: version.version }) }, <TermsVersionPage version={version} />);
});

deskTermsRoutes.post("/desk/terms/:id{[0-9]+}/withdraw", async (c) => {
  const id = idParam(c.req.param("id"));
  if (id === null) return renderDeskFailure(c, "not_found");
  const result = await withdrawTerms(c.var.db, id, actorOf(c.var.deskSession!));
  if (result.ok) return redirectAfterPost(c, `/${c.var.locale}/desk/terms?withdrawn=1`);
  if (result.error === "not_found") return renderDeskFailure(c, "not_found");
  const p = c.var.t.termsDesk;
  const message = result.reason === "effective" ? p.alreadyEffective : p.alreadyAccepted;
  return renderTermsDesk(c, { notice: { kind: "error", text: fill(message, { version: result.version, date: formatDateTime(c.var.locale, result.effectiveAt) }) }, status: 409 });
});

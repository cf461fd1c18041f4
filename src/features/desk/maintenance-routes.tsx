import type { Context } from "hono";
import { Hono } from "hono";
import * as z from "zod";
import { MaintenanceDeskPage, type MaintenanceDeskNotice, type MaintenanceForm } from "../../../views/desk/MaintenanceDeskPage.tsx";
import { MAINTENANCE_SEVERITIES } from "../../db/schema/enums.ts";
import type { AppEnv } from "../../lib/env.ts";
import { idParam } from "../../lib/ids.ts";
import { redirectAfterPost } from "../../lib/render.tsx";
import { declare, staffRoles } from "../../lib/routes.ts";
import { validForm } from "../../lib/validation.ts";
import { parseCursor } from "../../lib/keyset.ts";
import { brusselsLocalToUtc, cancelNotice, listNotices, publishNotice } from "../maintenance/service.ts";
import { ALL_STAFF } from "./auth.ts";
import { renderDesk, renderDeskFailure } from "./render.tsx";
import { actorOf } from "./service.ts";

/**
 * The desk's "Maintenance" (issue #13, 002 §5.4): staff of both roles publish a planned maintenance
 * window (a banner on every portal page from 24 hours before; optionally read-only while it runs)
 * and withdraw it. Audited without a customer: a notice concerns every account.
 */
export const deskMaintenanceRoutes = new Hono<AppEnv>();

const EVERYONE = staffRoles(...ALL_STAFF);
declare({
  "GET /desk/maintenance": EVERYONE,
  "POST /desk/maintenance": EVERYONE,
  "POST /desk/maintenance/:id{[0-9]+}/cancel": EVERYONE,
});

// Messages are keys of the catalog's maintenance.desk.errors.
type ErrorKey = keyof AppEnv["Variables"]["t"]["maintenance"]["desk"]["errors"];
const when = z.string({ error: "when" }).transform((value, ctx) => {
  const at = brusselsLocalToUtc(value);
  if (at === null) {
    ctx.addIssue({ code: "custom", message: "when" });
    return z.NEVER;
  }
  return at;
});
const text = z.string({ error: "required" }).trim().min(1, { error: "required" }).max(500, { error: "tooLong" });

const noticeSchema = z
  .object({
    startsAt: when,
    endsAt: when,
    severity: z.enum(MAINTENANCE_SEVERITIES, { error: "severity" }),
    readOnly: z.literal("on").optional(),
    textNl: text,
    textFr: text,
    textEn: text,
  })
  .superRefine((form, ctx) => {
    if (form.endsAt <= form.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endBeforeStart" });
    else if (form.endsAt <= Date.now()) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endPast" });
  });

/** The issues in the desk's words, one per field (the first). */
function formErrors(c: Context<AppEnv>, values: Record<string, string>): MaintenanceForm["errors"] {
  const result = noticeSchema.safeParse(values);
  if (result.success) return {};
  const messages = c.var.t.maintenance.desk.errors;
  const errors: MaintenanceForm["errors"] = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= messages[issue.message as ErrorKey] ?? messages.required;
  }
  // Zod checks the window only once every field is valid: say what is wrong with it at once too.
  const start = brusselsLocalToUtc(values.startsAt ?? "");
  const end = brusselsLocalToUtc(values.endsAt ?? "");
  if (end !== null && !errors.endsAt) {
    if (start !== null && end <= start) errors.endsAt = messages.endBeforeStart;
    else if (end <= Date.now()) errors.endsAt = messages.endPast;
  }
  return errors;
}

async function page(c: Context<AppEnv>, form: MaintenanceForm, status: 200 | 422 = 200, notice?: MaintenanceDeskNotice) {
  const afterText = c.req.method === "GET" ? c.req.query("after") : undefined;
  const cursor = parseCursor(afterText);
  const now = Date.now();
  const lists = await listNotices(c.var.db, cursor, now);
  return renderDesk(
    c,
    { title: c.var.t.maintenance.desk.title, status },
    <MaintenanceDeskPage current={lists.planned} past={lists.past} next={lists.next} after={cursor ? afterText! : null} form={form} notice={notice} now={now} />,
  );
}

deskMaintenanceRoutes.get("/desk/maintenance", (c) => {
  const d = c.var.t.maintenance.desk;
  const done = c.req.query("done");
  const notice: MaintenanceDeskNotice | undefined =
    done === "published"
      ? { kind: "ok", text: d.published }
      : done === "cancelled"
        ? { kind: "ok", text: d.cancelledOk }
        : c.req.query("already") === "1"
          ? { kind: "error", text: d.already }
          : undefined;
  return page(c, { values: {}, errors: {} }, 200, notice);
});

deskMaintenanceRoutes.post(
  "/desk/maintenance",
  validForm(noticeSchema, (c, values) => {
    // A valid date typed with a space comes back as the datetime-local input can show it.
    const shown = { ...values };
    for (const key of ["startsAt", "endsAt"]) if (shown[key] && brusselsLocalToUtc(shown[key]) !== null) shown[key] = shown[key].trim().replace(" ", "T").slice(0, 16);
    return page(c, { values: shown, errors: formErrors(c, values) }, 422);
  }),
  async (c) => {
    const form = c.req.valid("form");
    await publishNotice(
      c.var.db,
      {
        startsAt: form.startsAt,
        endsAt: form.endsAt,
        severity: form.severity,
        readOnly: form.readOnly === "on",
        textNl: form.textNl,
        textFr: form.textFr,
        textEn: form.textEn,
      },
      actorOf(c.var.deskSession!),
    );
    return redirectAfterPost(c, `/${c.var.locale}/desk/maintenance?done=published`);
  },
);

deskMaintenanceRoutes.post("/desk/maintenance/:id{[0-9]+}/cancel", async (c) => {
  const id = idParam(c.req.param("id"));
  if (id === null) return renderDeskFailure(c, "not_found");
  const result = await cancelNotice(c.var.db, id, actorOf(c.var.deskSession!));
  const base = `/${c.var.locale}/desk/maintenance`;
  if (!result.ok) return result.error === "conflict" ? redirectAfterPost(c, `${base}?already=1`) : renderDeskFailure(c, "not_found");
  return redirectAfterPost(c, `${base}?done=cancelled`);
});

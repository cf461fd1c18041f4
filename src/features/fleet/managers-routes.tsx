import { type Context, Hono, type Next } from "hono";
import * as z from "zod";
import { ManagerForm } from "../../../views/fleet/managers/ManagerForm.tsx";
import { type ManagerMessage, ManagerPage } from "../../../views/fleet/managers/ManagerPage.tsx";
import { ManagersPage, ManagersResults, MANAGERS_RESULTS_ID } from "../../../views/fleet/managers/ManagersPage.tsx";
import { PICKER_RESULTS_ID, PickerResults } from "../../../views/fleet/managers/LinePicker.tsx";
import { FLEET_ROLES } from "../../db/schema/enums.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill, plural } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { publicOrigin } from "../../lib/public-links.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { declare, right } from "../../lib/routes.ts";
import { markRightsChanged } from "../../lib/session.ts";
import type { FormErrors } from "../../lib/validation.ts";
import { requiredEmail } from "../../lib/validation.ts";
import { userForm } from "../users/form.ts";
import { username } from "../users/schemas.ts";
import {
  changeRole,
  createManager,
  findManager,
  type LinePicker,
  linePicker,
  listManagers,
  MAX_DELEGATED,
  type ManagerDetail,
  managerPage,
  mayManageManagers,
  parseManagersQuery,
  resendManagerInvitation,
  saveDelegations,
} from "./managers-service.ts";

/**
 * Fleet, part "managers" (003 "Gérer les profils utilisateur"): the list, "Créer un nouvel
 * utilisateur", one manager's page (role, delegated lines, resend the invitation). A MANAGER with
 * the right to manage the fleet only; anyone else gets 403.
 */
export const fleetManagersRoutes = new Hono<AppEnv>();

declare({
  "GET /fleet/managers": right("fleet", "manage"),
  "GET /fleet/managers/new": right("fleet", "manage"),
  "POST /fleet/managers/new": right("fleet", "manage"),
  "GET /fleet/managers/:id": right("fleet", "manage"),
  "POST /fleet/managers/:id/role": right("fleet", "manage"),
  "POST /fleet/managers/:id/lines": right("fleet", "manage"),
  "POST /fleet/managers/:id/resend": right("fleet", "manage"),
});

/** Only a MANAGER: a MEMBER with the manage right still gets 403 on every page here. */
fleetManagersRoutes.use("/fleet/managers", gate);
fleetManagersRoutes.use("/fleet/managers/*", gate);
async function gate(c: Context<AppEnv>, next: Next) {
  const principal = c.var.session?.principal;
  if (principal && !mayManageManagers(principal)) return renderFailure(c, "forbidden");
  await next();
}

/** Line ids from a query or a form (one value or many); anything that is no id is dropped by the caller's check. */
function idsOf(value: unknown): (number | null)[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => idParam(typeof v === "string" ? v : undefined));
}
const validIds = (value: unknown) => idsOf(value).filter((id): id is number => id !== null);

const htmxTarget = (c: Context<AppEnv>, id: string) => c.req.header("HX-Request") === "true" && (c.req.header("HX-Target") ?? "").endsWith(`#${id}`);

// ——— The list ———

fleetManagersRoutes.get("/fleet/managers", async (c) => {
  const query = parseManagersQuery((name) => c.req.query(name));
  const list = await listManagers(c.var.db, c.var.session!.principal, query);
  if (htmxTarget(c, MANAGERS_RESULTS_ID)) return renderPartial(c, <ManagersResults query={query} list={list} />);
  return renderPage(c, { title: c.var.t.fleetManagers.title }, <ManagersPage query={query} list={list} />);
});

// ——— Create a new user ———

const createSchema = z.object({
  username,
  firstName: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(100, { error: "tooLong:100" }),
  lastName: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(100, { error: "tooLong:100" }),
  email: requiredEmail(),
  language: z.enum(["nl", "fr", "en"], { error: "choice" }),
  role: z.enum(FLEET_ROLES, { error: "choice" }),
});

function createPage(c: Context<AppEnv>, values: Record<string, string>, picker: LinePicker, errors: FormErrors = {}) {
  return { title: c.var.t.fleetManagers.newTitle, content: <ManagerForm values={values} errors={errors} picker={picker} /> };
}

async function createForm(c: Context<AppEnv>, values: Record<string, string>, q: string, ticked: number[], errors: FormErrors = {}, status: 200 | 422 = 200) {
  const picker = await linePicker(c.var.db, c.var.session!.principal, q, ticked);
  const { title, content } = createPage(c, values, picker, errors);
  return renderPage(c, { title, status }, content);
}

fleetManagersRoutes.get("/fleet/managers/new", async (c) => {
  const q = c.req.query("q") ?? "";
  const ticked = validIds(c.req.queries("lines"));
  if (htmxTarget(c, PICKER_RESULTS_ID)) return renderPartial(c, <PickerResults picker={await linePicker(c.var.db, c.var.session!.principal, q, ticked)} />);
  return createForm(c, { language: c.var.locale, role: "MEMBER" }, q, ticked);
});

/** The form's strings as sent (to show them again) and its ticked lines. */
async function sentForm(c: Context<AppEnv>) {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === "string" && key !== "_csrf") values[key] = value;
  return { values, lines: body.lines, shown: body.shown, q: typeof body.q === "string" ? body.q : "", search: body.search !== undefined };
}

fleetManagersRoutes.post(
  "/fleet/managers/new",
  // The search button (no JavaScript) posts the form: it comes back with the lines found, nothing stored.
  async (c, next) => {
    const sent = await sentForm(c);
    if (sent.search) return createForm(c, sent.values, sent.q, validIds(sent.lines));
    await next();
  },
  userForm(createSchema, async (c, values, errors) => {
    const sent = await sentForm(c);
    return createForm(c, values, "", validIds(sent.lines), errors, 422);
  }),
  async (c) => {
    const { t } = c.var;
    const input = c.req.valid("form");
    const sent = await sentForm(c);
    const ids = idsOf(sent.lines);
    const lines = validIds(sent.lines);
    const invalidLine = ids.length !== lines.length;
    const result = invalidLine ? ({ ok: false, error: "invalid", reason: "lines" } as const) : await createManager(c.var.db, c.var.session!, { ...input, lines }, publicOrigin(c));
    if (!result.ok && result.error === "forbidden") return renderFailure(c, result, t.users.cannotGrant);
    if (!result.ok) {
      const message = result.reason === "usernameTaken" ? { username: t.users.errors.usernameTaken } : { lines: fill(t.fleetManagers.errors[result.reason], { max: MAX_DELEGATED }) };
      // A foreign or unknown line is not shown again: only the account's lines come back ticked.
      const picker = await linePicker(c.var.db, c.var.session!.principal, "", lines);
      return renderFailure(c, result, createPage(c, sent.values, picker, message));
    }
    c.var.deliverOutbox();
    return redirectAfterPost(c, `/${c.var.locale}/fleet/managers/${result.value.id}?notice=created`);
  },
);

// ——— One manager ———

const notices = ["created", "role", "lines", "resent", "resentRecently"] as const;
type NoticeKind = (typeof notices)[number];

function noticeText(c: Context<AppEnv>, kind: NoticeKind, manager: ManagerDetail): string {
  const m = c.var.t.fleetManagers;
  const name = `${manager.firstName} ${manager.lastName}`;
  if (kind === "created") return fill(m.created, { name, email: manager.email });
  if (kind === "role") return fill(m.roleChanged, { name, role: c.var.t.fleet.roles[manager.role] });
  if (kind === "lines") return plural(c.var.locale, m.linesSaved, manager.lines.length, { name });
  return fill(kind === "resent" ? m.resent : m.resentRecently, { email: manager.email });
}

function showManager(c: Context<AppEnv>, manager: ManagerDetail, picker: LinePicker, message?: ManagerMessage, status: 200 | 404 | 409 | 422 | 403 = 200) {
  const page = <ManagerPage manager={manager} picker={picker} message={message} self={c.var.session!.userId === manager.id} />;
  return renderPage(c, { title: `${manager.firstName} ${manager.lastName} – ${c.var.t.fleetManagers.title}`, status }, page);
}

/** The picker as the stored delegations show it. */
const storedPicker = (manager: ManagerDetail): LinePicker => ({ q: "", chosen: manager.lines, kept: [], results: null, more: false });

fleetManagersRoutes.get("/fleet/managers/:id", async (c) => {
  const id = idParam(c.req.param("id"));
  if (!id) return renderFailure(c, "not_found");
  const q = c.req.query("q") ?? "";
  // "picked": the form's ticks travel with the search (none ticked is a choice too); without it, the stored lines.
  const ticked = c.req.query("picked") ? validIds(c.req.queries("lines")) : null;
  const data = await managerPage(c.var.db, c.var.session!.principal, id, q, ticked);
  if (!data) return renderFailure(c, "not_found");
  if (htmxTarget(c, PICKER_RESULTS_ID)) return renderPartial(c, <PickerResults picker={data.picker} />);
  const kind = notices.find((n) => n === c.req.query("notice"));
  return showManager(c, data.manager, data.picker, kind ? { kind: "ok", text: noticeText(c, kind, data.manager) } : undefined);
});

const roleSchema = z.object({ role: z.enum(FLEET_ROLES, { error: "choice" }) });

fleetManagersRoutes.post(
  "/fleet/managers/:id/role",
  userForm(roleSchema, async (c, _values, errors) => {
    const id = idParam(c.req.param("id"));
    const manager = id ? await findManager(c.var.db, c.var.session!.principal, id) : null;
    if (!manager) return renderFailure(c, "not_found");
    return showManager(c, manager, storedPicker(manager), { kind: "error", text: errors.role ?? c.var.t.errors.choice, at: "role" }, 422);
  }),
  async (c) => {
    const { t } = c.var;
    const id = idParam(c.req.param("id"));
    if (!id) return renderFailure(c, "not_found");
    const result = await changeRole(c.var.db, c.var.session!, id, c.req.valid("form").role);
    if (!result.ok) {
      if (result.error !== "conflict") return renderFailure(c, result, result.error === "forbidden" ? t.users.cannotManage : undefined);
      const name = `${result.manager.firstName} ${result.manager.lastName}`;
      const text = result.reason === "self" ? t.fleetManagers.ownRole : fill(t.fleetManagers.lastManager, { name });
      return showManager(c, result.manager, storedPicker(result.manager), { kind: "error", text, at: "role" }, 409);
    }
    // Their open sessions pick up the new role on the next request.
    if (result.value.changed) await markRightsChanged(c.env.KV, `user:${id}`);
    return redirectAfterPost(c, `/${c.var.locale}/fleet/managers/${id}${result.value.changed ? "?notice=role" : ""}`);
  },
);

fleetManagersRoutes.post("/fleet/managers/:id/lines", async (c) => {
  const { t, db } = c.var;
  const principal = c.var.session!.principal;
  const id = idParam(c.req.param("id"));
  if (!id) return renderFailure(c, "not_found");
  const sent = await sentForm(c);
  const ids = idsOf(sent.lines);
  const lines = validIds(sent.lines);
  // The search button (no JavaScript): the page again with the ticks kept and the lines found.
  if (sent.search) {
    const data = await managerPage(db, principal, id, sent.q, lines);
    if (!data) return renderFailure(c, "not_found");
    return showManager(c, data.manager, data.picker);
  }
  const result = ids.length !== lines.length ? await invalidLines(c, id) : await saveDelegations(db, c.var.session!, id, lines, validIds(sent.shown));
  if (!result.ok) {
    if (result.error === "not_found" || result.error === "forbidden") return renderFailure(c, result, result.error === "forbidden" ? t.users.cannotManage : undefined);
    if (result.error === "conflict") return showManager(c, result.manager, storedPicker(result.manager), { kind: "error", text: t.fleetManagers.notMember, at: "lines" }, 409);
    const picker = await linePicker(db, principal, "", lines);
    const text = fill(t.fleetManagers.errors[result.reason], { max: MAX_DELEGATED });
    return showManager(c, result.manager, picker, { kind: "error", text, at: "lines" }, 422);
  }
  return redirectAfterPost(c, `/${c.var.locale}/fleet/managers/${id}?notice=lines`);
});

/** An id that is no id at all: the same answer as a line of another account. */
async function invalidLines(c: Context<AppEnv>, id: number) {
  const manager = await findManager(c.var.db, c.var.session!.principal, id);
  if (!manager) return { ok: false as const, error: "not_found" as const };
  return { ok: false as const, error: "invalid" as const, reason: "lines" as const, manager };
}

fleetManagersRoutes.post("/fleet/managers/:id/resend", async (c) => {
  const { t } = c.var;
  const id = idParam(c.req.param("id"));
  if (!id) return renderFailure(c, "not_found");
  const result = await resendManagerInvitation(c.var.db, c.var.session!, id, publicOrigin(c));
  if (!result.ok) {
    if (result.error === "conflict") {
      const name = `${result.manager.firstName} ${result.manager.lastName}`;
      return showManager(c, result.manager, storedPicker(result.manager), { kind: "error", text: fill(t.fleetManagers.alreadyConfirmed, { name }), at: "invitation" }, 409);
    }
    return renderFailure(c, result, result.error === "forbidden" ? t.users.cannotManage : undefined);
  }
  if (result.value.sent) c.var.deliverOutbox();
  return redirectAfterPost(c, `/${c.var.locale}/fleet/managers/${id}?notice=${result.value.sent ? "resent" : "resentRecently"}`);
});

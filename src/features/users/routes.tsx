import { Hono, type Context } from "hono";
import { idParam } from "../../lib/ids.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { publicOrigin } from "../../lib/public-links.ts";
import { redirectAfterPost, renderError, renderPage, renderPartial } from "../../lib/render.tsx";
import { declare, manage } from "../../lib/routes.ts";
import { endAllSessions, markRightsChanged } from "../../lib/session.ts";
import type { FormErrors } from "../../lib/validation.ts";
import { DeactivatePage } from "../../../views/users/DeactivatePage.tsx";
import { CreateUserPage, EditUserPage, valuesOf } from "../../../views/users/UserForm.tsx";
import { RESULTS_ID, UsersPage, UsersResults } from "../../../views/users/UsersPage.tsx";
import { userForm } from "./form.ts";
import { grantable, mayManage, newUserRights } from "./rules.ts";
import { createUserSchema, editUserSchema, listQuerySchema } from "./schemas.ts";
import { createUser, deactivateUser, deactivationBlock, findManagedUser, grantableFor, listUsers, resendInvitation, updateUser, type ManagedUser } from "./service.ts";

export const usersRoutes = new Hono<AppEnv>();

// 004 §2.2: whoever may manage users (Access Owner, Access Manager, a user with the right).
declare({
  "GET /users": manage("users"),
  "GET /users/new": manage("users"),
  "POST /users/new": manage("users"),
  "GET /users/:id/edit": manage("users"),
  "POST /users/:id/edit": manage("users"),
  "GET /users/:id/deactivate": manage("users"),
  "POST /users/:id/deactivate": manage("users"),
  "POST /users/:id/resend": manage("users"),
});

const notices = ["created", "updated", "unchanged", "deactivated", "resent", "resentRecently"] as const;
type NoticeKind = (typeof notices)[number];

function userId(c: Context<AppEnv>): number | null {
  return idParam(c.req.param("id"));
}

function backToList(c: Context<AppEnv>, notice: NoticeKind, id: number) {
  return redirectAfterPost(c, `/${c.var.locale}/users?notice=${notice}&user=${id}`);
}

usersRoutes.get("/users", async (c) => {
  const { t } = c.var;
  const principal = c.var.session!.principal;
  const query = listQuerySchema.parse(c.req.query());
  const kind = notices.find((n) => n === c.req.query("notice"));
  const noticeUserId = kind ? Number(c.req.query("user")) || null : null;
  let list = await listUsers(c.var.db, principal, query, noticeUserId);
  if (list.rows.length === 0 && query.page > list.pages) {
    query.page = list.pages;
    list = await listUsers(c.var.db, principal, query, noticeUserId);
  }
  // Active search swaps only the results; everything else gets the page.
  if (c.req.header("HX-Request") === "true" && c.req.header("HX-Target")?.endsWith(`#${RESULTS_ID}`)) {
    return renderPartial(c, <UsersResults query={query} list={list} />);
  }
  const notice = kind && list.noticeUser ? fill(t.users[kind], { username: list.noticeUser.username, email: list.noticeUser.email }) : undefined;
  return renderPage(c, { title: t.users.title }, <UsersPage query={query} list={list} notice={notice} />);
});

function createForm(c: Context<AppEnv>, values: Record<string, string>, errors: FormErrors = {}, status: 200 | 422 = 200) {
  const allowed = grantable(c.var.session!.principal);
  return renderPage(c, { title: c.var.t.users.newTitle, status }, <CreateUserPage state={{ values, errors }} allowed={allowed} current={newUserRights} />);
}

usersRoutes.get("/users/new", (c) => createForm(c, { profile: "portal", language: c.var.locale }));

usersRoutes.post(
  "/users/new",
  userForm(createUserSchema, (c, values, errors) => createForm(c, values, errors, 422)),
  async (c) => {
    const { t } = c.var;
    const input = c.req.valid("form");
    const result = await createUser(c.var.db, c.var.session!, input, publicOrigin(c));
    if (!result.ok && result.reason === "cannotGrant") return renderError(c, 403, t.users.cannotGrant);
    if (!result.ok) {
      const values = Object.fromEntries(Object.entries(input).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : value === true ? [[key, "on"]] : [])));
      return createForm(c, values, { username: t.users.errors.usernameTaken }, 422);
    }
    c.var.deliverOutbox();
    return backToList(c, "created", result.user.id);
  },
);

function editForm(c: Context<AppEnv>, user: ManagedUser, values: Record<string, string>, errors: FormErrors = {}, status: 200 | 422 = 200) {
  const session = c.var.session!;
  const allowed = grantableFor(session.principal, session.userId, user);
  return renderPage(
    c,
    { title: fill(c.var.t.users.editTitle, { username: user.username }), status },
    <EditUserPage user={user} state={{ values, errors }} allowed={allowed} self={session.userId === user.id} />,
  );
}

usersRoutes.get("/users/:id/edit", async (c) => {
  const id = userId(c);
  const user = id ? await findManagedUser(c.var.db, c.var.session!.principal, id) : null;
  if (!user) return renderError(c, 404, c.var.t.errors.notFound);
  if (!mayManage(c.var.session!.principal, user)) return renderError(c, 403, c.var.t.users.cannotManage);
  return editForm(c, user, valuesOf(user));
});

usersRoutes.post(
  "/users/:id/edit",
  userForm(editUserSchema, async (c, values, errors) => {
    const id = userId(c);
    const user = id ? await findManagedUser(c.var.db, c.var.session!.principal, id) : null;
    if (!user) return renderError(c, 404, c.var.t.errors.notFound);
    return editForm(c, user, values, errors, 422);
  }),
  async (c) => {
    const { t } = c.var;
    const id = userId(c);
    if (!id) return renderError(c, 404, t.errors.notFound);
    const result = await updateUser(c.var.db, c.var.session!, id, c.req.valid("form"));
    if (!result.ok) {
      if (result.reason === "notFound") return renderError(c, 404, t.errors.notFound);
      return renderError(c, 403, result.reason === "sharedIdentity" ? t.users.otherAccounts : t.users[result.reason]);
    }
    // Their open sessions pick up the new rights on the next request, under a new session id.
    if (result.rightsChanged) await markRightsChanged(c.env.KV, `user:${id}`);
    return backToList(c, result.changed ? "updated" : "unchanged", id);
  },
);

function blockedMessage(c: Context<AppEnv>, block: "self" | "shared") {
  return block === "self" ? c.var.t.users.cannotDeactivateSelf : c.var.t.users.cannotDeactivateShared;
}

/** The confirmation page, or why there is nothing to confirm. */
async function confirmDeactivation(c: Context<AppEnv>) {
  const { t } = c.var;
  const id = userId(c);
  const user = id ? await findManagedUser(c.var.db, c.var.session!.principal, id) : null;
  if (!user) return renderError(c, 404, t.errors.notFound);
  const block = deactivationBlock(c.var.session!, user);
  if (block === "cannotManage") return renderError(c, 403, t.users.cannotManage);
  const title = fill(t.users.deactivateTitle, { username: user.username });
  if (block) return renderPage(c, { title, status: 409 }, <DeactivatePage user={user} blocked={blockedMessage(c, block)} />);
  if (user.status === "DEACTIVATED") return renderPage(c, { title }, <DeactivatePage user={user} blocked={fill(t.users.alreadyDeactivated, { username: user.username })} />);
  return renderPage(c, { title }, <DeactivatePage user={user} />);
}

usersRoutes.get("/users/:id/deactivate", confirmDeactivation);

usersRoutes.post("/users/:id/deactivate", async (c) => {
  const { t } = c.var;
  const body = await c.req.parseBody();
  if (body.confirm !== "yes") return confirmDeactivation(c);
  const id = userId(c);
  if (!id) return renderError(c, 404, t.errors.notFound);
  const result = await deactivateUser(c.var.db, c.var.session!, id);
  if (!result.ok) {
    if (result.reason === "notFound") return renderError(c, 404, t.errors.notFound);
    if (result.reason === "cannotManage") return renderError(c, 403, t.users.cannotManage);
    return confirmDeactivation(c);
  }
  // Their sessions end now, not when they next expire.
  await endAllSessions(c.env.KV, `user:${id}`);
  return backToList(c, "deactivated", id);
});

usersRoutes.post("/users/:id/resend", async (c) => {
  const { t } = c.var;
  const id = userId(c);
  if (!id) return renderError(c, 404, t.errors.notFound);
  const result = await resendInvitation(c.var.db, c.var.session!, id, publicOrigin(c));
  if (!result.ok) {
    if (result.reason === "notFound") return renderError(c, 404, t.errors.notFound);
    if (result.reason === "cannotManage") return renderError(c, 403, t.users.cannotManage);
    return renderError(c, 409, fill(t.users.notInvited, { username: result.user.username }));
  }
  if (result.sent) c.var.deliverOutbox();
  return backToList(c, result.sent ? "resent" : "resentRecently", id);
});

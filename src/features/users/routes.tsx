import { Hono, type Context } from "hono";
import { idParam } from "../../lib/ids.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { publicOrigin } from "../../lib/public-links.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
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

/** The user of the URL, if the principal's account has them. */
async function managedUser(c: Context<AppEnv>) {
  const id = userId(c);
  return found(id ? await findManagedUser(c.var.db, c.var.session!.principal, id) : null);
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

function createPage(c: Context<AppEnv>, values: Record<string, string>, errors: FormErrors = {}) {
  const allowed = grantable(c.var.session!.principal);
  return { title: c.var.t.users.newTitle, content: <CreateUserPage state={{ values, errors }} allowed={allowed} current={newUserRights} /> };
}

function createForm(c: Context<AppEnv>, values: Record<string, string>, errors: FormErrors = {}, status: 200 | 422 = 200) {
  const { title, content } = createPage(c, values, errors);
  return renderPage(c, { title, status }, content);
}

usersRoutes.get("/users/new", (c) => createForm(c, { profile: "portal", language: c.var.locale }));

usersRoutes.post(
  "/users/new",
  userForm(createUserSchema, (c, values, errors) => createForm(c, values, errors, 422)),
  async (c) => {
    const { t } = c.var;
    const input = c.req.valid("form");
    const result = await createUser(c.var.db, c.var.session!, input, publicOrigin(c));
    if (!result.ok && result.error === "forbidden") return renderFailure(c, result, t.users.cannotGrant);
    if (!result.ok) {
      const values = Object.fromEntries(Object.entries(input).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : value === true ? [[key, "on"]] : [])));
      return renderFailure(c, result, createPage(c, values, { username: t.users.errors.usernameTaken }));
    }
    c.var.deliverOutbox();
    return backToList(c, "created", result.value.id);
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
  const user = await managedUser(c);
  if (!user.ok) return renderFailure(c, user);
  if (!mayManage(c.var.session!.principal, user.value)) return renderFailure(c, "forbidden", c.var.t.users.cannotManage);
  return editForm(c, user.value, valuesOf(user.value));
});

usersRoutes.post(
  "/users/:id/edit",
  userForm(editUserSchema, async (c, values, errors) => {
    const user = await managedUser(c);
    if (!user.ok) return renderFailure(c, user);
    return editForm(c, user.value, values, errors, 422);
  }),
  async (c) => {
    const { t } = c.var;
    const id = userId(c);
    if (!id) return renderFailure(c, "not_found");
    const result = await updateUser(c.var.db, c.var.session!, id, c.req.valid("form"));
    if (!result.ok) return renderFailure(c, result, result.error === "forbidden" ? (result.reason === "sharedIdentity" ? t.users.otherAccounts : t.users[result.reason]) : undefined);
    // Their open sessions pick up the new rights on the next request, under a new session id.
    if (result.value.rightsChanged) await markRightsChanged(c.env.KV, `user:${id}`);
    return backToList(c, result.value.changed ? "updated" : "unchanged", id);
  },
);

function blockedMessage(c: Context<AppEnv>, block: "self" | "shared") {
  return block === "self" ? c.var.t.users.cannotDeactivateSelf : c.var.t.users.cannotDeactivateShared;
}

/** The confirmation page, or why there is nothing to confirm. */
async function confirmDeactivation(c: Context<AppEnv>) {
  const { t } = c.var;
  const lookup = await managedUser(c);
  if (!lookup.ok) return renderFailure(c, lookup);
  const user = lookup.value;
  const block = deactivationBlock(c.var.session!, user);
  if (block === "cannotManage") return renderFailure(c, "forbidden", t.users.cannotManage);
  const title = fill(t.users.deactivateTitle, { username: user.username });
  if (block) return renderFailure(c, "conflict", { title, content: <DeactivatePage user={user} blocked={blockedMessage(c, block)} /> });
  if (user.status === "DEACTIVATED") return renderPage(c, { title }, <DeactivatePage user={user} blocked={fill(t.users.alreadyDeactivated, { username: user.username })} />);
  return renderPage(c, { title }, <DeactivatePage user={user} />);
}

usersRoutes.get("/users/:id/deactivate", confirmDeactivation);

usersRoutes.post("/users/:id/deactivate", async (c) => {
  const { t } = c.var;
  const body = await c.req.parseBody();
  if (body.confirm !== "yes") return confirmDeactivation(c);
  const id = userId(c);
  if (!id) return renderFailure(c, "not_found");
  const result = await deactivateUser(c.var.db, c.var.session!, id);
  // A conflict (oneself, a shared identity) is said on the confirmation page, with its 409.
  if (!result.ok && result.error === "conflict") return confirmDeactivation(c);
  if (!result.ok) return renderFailure(c, result, result.error === "forbidden" ? t.users.cannotManage : undefined);
  // Their sessions end now, not when they next expire.
  await endAllSessions(c.env.KV, `user:${id}`);
  return backToList(c, "deactivated", id);
});

usersRoutes.post("/users/:id/resend", async (c) => {
  const { t } = c.var;
  const id = userId(c);
  if (!id) return renderFailure(c, "not_found");
  const result = await resendInvitation(c.var.db, c.var.session!, id, publicOrigin(c));
  if (!result.ok) {
    const message = result.error === "forbidden" ? t.users.cannotManage : result.error === "conflict" ? fill(t.users.notInvited, { username: result.user.username }) : undefined;
    return renderFailure(c, result, message);
  }
  if (result.value.sent) c.var.deliverOutbox();
  return backToList(c, result.value.sent ? "resent" : "resentRecently", id);
});

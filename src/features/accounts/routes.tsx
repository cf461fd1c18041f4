import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderFailure, renderPage } from "../../lib/render.tsx";
import { declare, SESSION } from "../../lib/routes.ts";
import { createSession, destroySession, SESSION_COOKIE } from "../../lib/session.ts";
import { AccountsPage } from "../../../views/accounts/AccountsPage.tsx";
import { listAccounts, switchTarget } from "./service.ts";
import { idParam } from "../../lib/ids.ts";

export const accountsRoutes = new Hono<AppEnv>();

// Anyone logged in sees the accounts they act for; whether they may switch is the service's question.
declare({ "GET /accounts": SESSION, "POST /accounts/switch": SESSION });

accountsRoutes.get("/accounts", async (c) => {
  const q = (c.req.query("q") ?? "").trim().slice(0, 100);
  const list = await listAccounts(c.var.db, c.var.session!, q);
  return renderPage(c, { title: c.var.t.rights.accounts.title }, <AccountsPage list={list} q={q} />);
});

accountsRoutes.post("/accounts/switch", async (c) => {
  const { locale } = c.var;
  const session = c.var.session!;
  const value = (await c.req.parseBody()).customerId;
  const customerId = idParam(typeof value === "string" ? value : undefined);
  if (customerId === session.customerId) return redirectAfterPost(c, `/${locale}/home`);
  // A login by code acts for its one account: every other account is out of its reach, like an unknown one.
  const target = customerId !== null && (session.userId !== null || session.personId) ? await switchTarget(c.var.db, session, customerId) : null;
  if (!target || customerId === null) return renderFailure(c, "not_found");
  // Same login, another account: a new session id (the rights changed), the same absolute lifetime.
  const old = getCookie(c, SESSION_COOKIE);
  if (old) await destroySession(c.env.KV, old);
  const { id } = await createSession(
    c.env.KV,
    {
      subject: session.subject,
      via: session.via,
      userId: session.userId,
      personId: session.personId ?? null,
      customerId,
      customerNumber: target.customerNumber,
      contractNumber: null,
      termsVersionId: target.termsVersionId,
      principal: target.principal,
    },
    Date.now(),
    session.createdAt,
  );
  setCookie(c, SESSION_COOKIE, id, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
  return redirectAfterPost(c, `/${locale}/home`);
});

import { Hono, type Context } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import { startSession } from "../../lib/auth.ts";
import { catalogs } from "../../lib/i18n.ts";
import { personPrincipal } from "../../lib/principal.ts";
import { publicOrigin } from "../../lib/public-links.ts";
import { clientKey, hit, limits } from "../../lib/rate-limit.ts";
import { renderError, renderPage } from "../../lib/render.tsx";
import { declare, PUBLIC } from "../../lib/routes.ts";
import { validForm } from "../../lib/validation.ts";
import type { IdentityProvider } from "../../db/schema/enums.ts";
import { LoginPage } from "../../../views/auth/LoginPage.tsx";
import { CallbackFailedPage, RegisterPage } from "../../../views/identity/IdentityForms.tsx";
import { providerConfig } from "../../lib/identity-providers.ts";
import { readOnlyNotice } from "../maintenance/service.ts";
import { authorizationRequest, finishAuthorization, type IdentityClaims } from "./oidc.ts";
import { providerLoginSchema, registerSchema } from "./schemas.ts";
import { findRegistrationTarget, loginPerson, registerPerson, type PersonLogin } from "./service.ts";
import { beginTransaction, takeTransaction, type Transaction } from "./transactions.ts";

/** Registration and login with itsme or the eID card (issue #13; 001 pp.5–6), under /{lang}. */
export const identityRoutes = new Hono<AppEnv>();
/** The provider's way back: one address for every language (the language travels in the transaction). */
export const oidcCallbackRoutes = new Hono<AppEnv>();

declare({
  // Public: a first registration has no session; a person's session uses the same form to add an account.
  "GET /identity/register": PUBLIC,
  "POST /identity/register": PUBLIC,
  "POST /identity/login": PUBLIC,
  "GET /oidc/callback": PUBLIC,
});

const redirectUri = (c: Context<AppEnv>) => `${publicOrigin(c)}/oidc/callback`;

/** Leaving the site: a 303 for a form, HX-Redirect for htmx (it cannot follow a redirect to another origin). */
function toProvider(c: Context<AppEnv>, url: string) {
  c.header("Cache-Control", "no-store");
  if (c.req.header("HX-Request") === "true") {
    c.header("HX-Redirect", url);
    return c.body(null, 200);
  }
  return c.redirect(url, 303);
}

const adding = (c: Context<AppEnv>) => Boolean(c.var.session?.personId);

function registerPage(c: Context<AppEnv>, props: { values?: Record<string, string>; errors?: Record<string, string | undefined>; notice?: string }, status: 200 | 422 | 429 | 503 = 200) {
  // Sent from the login page's block: refused there, with the other ways to log in around it.
  if (status !== 200 && props.values?.from === "login" && !c.var.session) {
    const notice = props.notice ? { kind: "error" as const, text: props.notice } : undefined;
    return renderPage(c, { title: c.var.t.login.title, status }, <LoginPage register={{ values: props.values, errors: props.errors ?? {} }} notice={notice} />);
  }
  const add = adding(c);
  return renderPage(c, { title: add ? c.var.t.identity.addAccount : c.var.t.identity.pageTitle, status }, <RegisterPage {...props} adding={add} />);
}

identityRoutes.get("/identity/register", (c) => {
  const { t } = c.var;
  const unknown = providerConfig(c.env, c.req.query("unknown") ?? "");
  const notice = unknown ? t.identity.unknown[unknown.provider] : undefined;
  return registerPage(c, { values: { customerNumber: c.req.query("customerNumber") ?? "" }, notice });
});

identityRoutes.post(
  "/identity/register",
  validForm(registerSchema, (c, values, errors) => registerPage(c, { values, errors }, 422)),
  async (c) => {
    const { t } = c.var;
    const input = c.req.valid("form");
    const values = { contractNumber: input.contractNumber, customerNumber: input.customerNumber, acceptTerms: "on", from: c.req.valid("form").from ?? "" };
    const config = providerConfig(c.env, input.provider);
    if (!config) return registerPage(c, { values, errors: { provider: t.errors.choice } }, 422);
    // The same limits as a login by code: this form also tells whether two numbers belong together.
    const allowed = (await hit(c.env.COUNTERS, limits.loginPerClient, clientKey(c.req.raw))) && (await hit(c.env.COUNTERS, limits.loginPerCustomer, input.customerNumber));
    if (!allowed) return registerPage(c, { values, errors: { form: t.login.tooMany } }, 429);
    const target = await findRegistrationTarget(c.var.db, input);
    if (!target) return registerPage(c, { values, errors: { form: t.identity.failed } }, 422);
    return redirectToProvider(c, config.provider, {
      intent: adding(c) ? "add" : "register",
      customerId: target.customerId,
      contractNumber: target.contractNumber,
      termsVersionId: target.termsVersionId,
    }).catch((error) => unavailable(config.provider, error, () => registerPage(c, { values, notice: t.identity.unavailable[config.provider] }, 503)));
  },
);

identityRoutes.post(
  "/identity/login",
  validForm(providerLoginSchema, (c) => renderError(c, 400, c.var.t.errors.badRequest)),
  async (c) => {
    const { t } = c.var;
    const config = providerConfig(c.env, c.req.valid("form").provider);
    if (!config) return renderError(c, 400, t.errors.badRequest);
    return redirectToProvider(c, config.provider, { intent: "login" }).catch((error) => unavailable(config.provider, error, () => renderError(c, 503, t.identity.unavailable[config.provider])));
  },
);

async function redirectToProvider(c: Context<AppEnv>, provider: IdentityProvider, what: Pick<Transaction, "intent" | "customerId" | "contractNumber" | "termsVersionId">) {
  const config = providerConfig(c.env, provider);
  if (!config) throw new Error("provider not configured");
  const authorization = await authorizationRequest(config, redirectUri(c), c.var.locale);
  await beginTransaction(c, { ...what, provider, locale: c.var.locale, state: authorization.state, nonce: authorization.nonce, codeVerifier: authorization.codeVerifier });
  return toProvider(c, authorization.url);
}

function unavailable(provider: IdentityProvider, error: unknown, page: () => Response | Promise<Response>) {
  console.warn(`identity: ${provider} unavailable:`, reasonOf(error));
  return page();
}

/** What went wrong, for the log: the library's code and message, never a claim's value. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const oauthError = (error as { error?: unknown }).error;
  return [error.name, typeof code === "string" ? code : "", typeof oauthError === "string" ? oauthError : "", error.message].filter(Boolean).join(" ");
}

/**
 * The provider sends the browser back here. The transaction is read and deleted first (a
 * callback URL works once); any failure answers 400 in the transaction's language and stores
 * nothing. The ID token is dropped after its claims are read: it is kept nowhere.
 */
oidcCallbackRoutes.get("/oidc/callback", async (c) => {
  const transaction = await takeTransaction(c);
  if (transaction) {
    c.set("locale", transaction.locale);
    c.set("t", catalogs[transaction.locale]);
  }
  c.header("Cache-Control", "no-store");
  const fail = (reason: string) => {
    console.warn(`identity: callback refused (${transaction?.provider ?? "no transaction"}, ${transaction?.intent ?? "-"}): ${reason}`);
    return renderPage(c, { title: c.var.t.identity.callbackTitle, status: 400 }, <CallbackFailedPage provider={transaction?.provider} />);
  };
  if (!transaction) return fail("no transaction (missing, expired or used)");
  const config = providerConfig(c.env, transaction.provider);
  if (!config) return fail("provider not configured");
  // A registration is a change: refused while a read-only maintenance window runs (one begun just before it).
  if (transaction.intent !== "login" && readOnlyNotice(c.var.maintenance ?? [])) return fail("read-only maintenance window");

  let claims: IdentityClaims;
  try {
    claims = await finishAuthorization(config, redirectUri(c), new URL(c.req.url), transaction);
  } catch (error) {
    return fail(reasonOf(error));
  }

  const { db } = c.var;
  const locale = transaction.locale;
  let login: PersonLogin | null;
  if (transaction.intent === "login") {
    login = await loginPerson(db, claims.nationalNumber, transaction.provider);
    if (!login) return c.redirect(`/${locale}/identity/register?unknown=${transaction.provider}`, 303);
  } else {
    if (transaction.customerId === undefined || !transaction.contractNumber || transaction.termsVersionId === undefined) return fail("incomplete transaction");
    login = await registerPerson(db, claims, {
      customerId: transaction.customerId,
      contractNumber: transaction.contractNumber,
      termsVersionId: transaction.termsVersionId,
      provider: transaction.provider,
      adding: transaction.intent === "add",
    });
    if (!login) return fail("registration not stored");
  }
  const principal = await personPrincipal(db, login.personId, login.customerId);
  if (!principal) return fail("account not linked");
  await startSession(c, {
    subject: `person:${login.personId}`,
    via: transaction.provider,
    userId: null,
    personId: login.personId,
    customerId: login.customerId,
    customerNumber: login.customerNumber,
    contractNumber: login.contractNumber,
    termsVersionId: login.termsVersionId,
    principal,
  });
  return c.redirect(`/${locale}/home`, 303);
});

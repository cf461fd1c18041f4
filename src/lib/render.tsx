import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { RequestContext } from "hono/jsx-renderer";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Document, PageFrame, PageTitle } from "../../views/ui/Document.tsx";
import { ErrorPage } from "../../views/ui/ErrorPage.tsx";
import type { AppEnv } from "./env.ts";
import { failureStatus, type Failure } from "./result.ts";

export type PageOptions = { title: string; status?: ContentfulStatusCode };

/**
 * One handler, one view: a plain request gets the whole document; an htmx request that swaps
 * the page frame gets only the frame (its title travels in it, htmx applies it).
 * A history restore or a body-targeted request still gets the whole document.
 */
export function wantsFragment(c: Context<AppEnv>): boolean {
  return c.req.header("HX-Request") === "true" && c.req.header("HX-History-Restore-Request") !== "true" && c.req.header("HX-Request-Type") !== "full";
}

/**
 * Everything below renders inside the request's context (RequestContext.Provider): a view reads
 * the language, catalog, CSRF token and principal with `useView()` (views/ui/context.ts).
 */
export function renderPage(c: Context<AppEnv>, options: PageOptions, content: Child) {
  c.header("Vary", "HX-Request");
  const frame = <PageFrame>{content}</PageFrame>;
  const body = wantsFragment(c) ? (
    <>
      <PageTitle title={options.title} />
      {frame}
    </>
  ) : (
    <Document title={options.title}>{frame}</Document>
  );
  return c.html(<RequestContext.Provider value={c}>{body}</RequestContext.Provider>, options.status ?? 200);
}

/** A part of a page (a form block, a dialog) that htmx swaps in place. */
export function renderPartial(c: Context<AppEnv>, content: Child, status: ContentfulStatusCode = 200) {
  c.header("Vary", "HX-Request");
  return c.html(<RequestContext.Provider value={c}>{content}</RequestContext.Provider>, status);
}

export function renderError(c: Context<AppEnv>, status: ContentfulStatusCode, message: string) {
  return renderPage(c, { title: c.var.t.errors.title, status }, <ErrorPage message={message} />);
}

/**
 * The one place a service's failure (src/lib/result.ts) becomes an answer: the status of its kind,
 * with the route's own page at that status (a form with its notice) or the error page saying
 * `message` (by default the catalog's words for "not found" and "forbidden").
 */
export function renderFailure(c: Context<AppEnv>, failure: Failure | { error: Failure }, page?: string | { title: string; content: Child }) {
  const error = typeof failure === "string" ? failure : failure.error;
  const status = failureStatus[error];
  if (page !== undefined && typeof page !== "string") return renderPage(c, { title: page.title, status }, page.content);
  const { errors } = c.var.t;
  return renderError(c, status, page ?? (error === "not_found" ? errors.notFound : error === "forbidden" ? errors.forbidden : errors.badRequest));
}

/**
 * After a successful POST: a 303 for the browser; for htmx, HX-Location so it loads the
 * next page in place and puts the right address in the bar.
 */
export function redirectAfterPost(c: Context<AppEnv>, location: string) {
  if (c.req.header("HX-Request") === "true") {
    c.header("HX-Location", JSON.stringify({ path: location, target: "#page" }));
    return c.body(null, 200);
  }
  return c.redirect(location, 303);
}

import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { RequestContext } from "hono/jsx-renderer";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DeskDocument, DeskErrorPage, DeskFrame, DeskTitle } from "../../../views/desk/Layout.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { wantsFragment } from "../../lib/render.tsx";
import { type Failure, failureStatus } from "../../lib/result.ts";

/** As renderPage (src/lib/render.tsx), in the desk's own document and frame. */
export function renderDesk(c: Context<AppEnv>, options: { title: string; status?: ContentfulStatusCode }, content: Child) {
  c.header("Vary", "HX-Request");
  c.header("Cache-Control", "no-store");
  const frame = <DeskFrame>{content}</DeskFrame>;
  const body = wantsFragment(c) ? (
    <>
      <DeskTitle title={options.title} />
      {frame}
    </>
  ) : (
    <DeskDocument title={options.title}>{frame}</DeskDocument>
  );
  return c.html(<RequestContext.Provider value={c}>{body}</RequestContext.Provider>, options.status ?? 200);
}

export function renderDeskError(c: Context<AppEnv>, status: ContentfulStatusCode, message: string, loginLink = false) {
  return renderDesk(c, { title: c.var.t.errors.title, status }, <DeskErrorPage message={message} loginLink={loginLink} />);
}

/**
 * As renderFailure (src/lib/render.tsx), in the desk's document: a failure's word becomes its status
 * (src/lib/result.ts), with the route's own page at that status or the desk's error page saying
 * `message` (by default the catalog's "not found" / "forbidden"); `loginLink` points it to the login.
 */
export function renderDeskFailure(c: Context<AppEnv>, failure: Failure | { error: Failure }, page?: string | { title: string; content: Child }, loginLink = false) {
  const error = typeof failure === "string" ? failure : failure.error;
  const status = failureStatus[error];
  if (page !== undefined && typeof page !== "string") return renderDesk(c, { title: page.title, status }, page.content);
  const { errors } = c.var.t;
  return renderDeskError(c, status, page ?? (error === "not_found" ? errors.notFound : error === "forbidden" ? errors.forbidden : errors.badRequest), loginLink);
}

import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Document, PageFrame, PageTitle } from "../../views/layout/Document.tsx";
import { ErrorPage } from "../../views/layout/ErrorPage.tsx";
import type { AppEnv } from "./env.ts";

export type PageOptions = { title: string; status?: ContentfulStatusCode };

/**
 * One handler, one view: a plain request gets the whole document; an htmx request that swaps
 * the page frame gets only the frame (its title travels in it, htmx applies it).
 * A history restore or a body-targeted request still gets the whole document.
 */
export function wantsFragment(c: Context<AppEnv>): boolean {
  return c.req.header("HX-Request") === "true" && c.req.header("HX-History-Restore-Request") !== "true" && c.req.header("HX-Request-Type") !== "full";
}

export function renderPage(c: Context<AppEnv>, options: PageOptions, content: Child) {
  c.header("Vary", "HX-Request");
  const frame = <PageFrame c={c}>{content}</PageFrame>;
  const body = wantsFragment(c) ? (
    <>
      <PageTitle c={c} title={options.title} />
      {frame}
    </>
  ) : (
    <Document c={c} title={options.title}>
      {frame}
    </Document>
  );
  return c.html(body, options.status ?? 200);
}

/** A part of a page (a form block, a dialog) that htmx swaps in place. */
export function renderPartial(c: Context<AppEnv>, content: Child, status: ContentfulStatusCode = 200) {
  c.header("Vary", "HX-Request");
  // The fragment makes any Child (a string, an array, an element) one JSX node for c.html.
  // biome-ignore lint/complexity/noUselessFragments: c.html does not take a bare Child
  return c.html(<>{content}</>, status);
}

export function renderError(c: Context<AppEnv>, status: ContentfulStatusCode, message: string) {
  return renderPage(c, { title: c.var.t.errors.title, status }, <ErrorPage c={c} message={message} />);
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

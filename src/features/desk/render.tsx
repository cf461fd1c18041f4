import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { RequestContext } from "hono/jsx-renderer";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DeskDocument, DeskErrorPage, DeskFrame, DeskTitle } from "../../../views/desk/Layout.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { wantsFragment } from "../../lib/render.tsx";

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

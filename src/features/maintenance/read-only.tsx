import type { Context, MiddlewareHandler } from "hono";
import { ReadOnlyPage } from "../../../views/maintenance/ReadOnlyPage.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { renderPage } from "../../lib/render.tsx";
import { bannerNotices, currentNotices, type MaintenanceNotice, readOnlyNotice } from "./service.ts";

/**
 * What still works while a read-only maintenance window runs (every other POST, PUT, PATCH and
 * DELETE is refused with a 503). One list, and why each is on it:
 * - the desk (/desk…, /{lang}/desk…): staff must be able to log in and to cancel or end the window;
 * - /dev/…: development tools, never in production;
 * - logging in and out (the code, the password, itsme / eID, the form's code request, logout and
 *   logout everywhere): people must be able to reach the pages they can still read, and leave;
 *   a login writes only its session and its audit line;
 * - accepting new terms: a login with a new terms version cannot go on without it;
 * - switching to another of one's accounts (My accounts): it changes the session, not the account's
 *   data, and a head office reads its buildings' documents that way.
 */
const ALLOWED_WHILE_READ_ONLY = [
  /^\/desk(\/|$)/,
  /^\/(nl|fr|en)\/desk(\/|$)/,
  /^\/dev(\/|$)/,
  /^\/(nl|fr|en)\/login\/?$/,
  /^\/(nl|fr|en)\/login\/code\/?$/,
  /^\/(nl|fr|en)\/login\/password\/?$/,
  /^\/(nl|fr|en)\/logout\/?$/,
  /^\/(nl|fr|en)\/logout\/everywhere\/?$/,
  /^\/(nl|fr|en)\/identity\/login\/?$/,
  /^\/(nl|fr|en)\/terms\/accept\/?$/,
  /^\/(nl|fr|en)\/accounts\/switch\/?$/,
];

export const allowedWhileReadOnly = (path: string) => ALLOWED_WHILE_READ_ONLY.some((pattern) => pattern.test(path));

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * After `authorize`: puts the notices that may show a banner on the request (c.var.maintenance,
 * from the service's one-minute cache: no database round trip on a warm isolate), then, while a
 * read-only window runs, refuses every change outside the list above with the 503 page, in the
 * user's language, and Retry-After (seconds to the end). Reads keep working.
 */
export const maintenanceMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const notices = await currentNotices(c.var.db);
  const now = Date.now();
  c.set("maintenance", bannerNotices(notices, now));
  if (READS.has(c.req.method)) return next();
  const running = readOnlyNotice(notices, now);
  if (!running || allowedWhileReadOnly(c.req.path)) return next();
  return refuse(c, running, now);
};

function refuse(c: Context<AppEnv>, notice: MaintenanceNotice, now: number) {
  c.header("Retry-After", String(Math.max(1, Math.ceil((notice.endsAt - now) / 1000))));
  c.header("Cache-Control", "no-store");
  // An htmx form that swaps only its own block gets the whole page frame instead: the message is
  // about the portal, not the block.
  if (c.req.header("HX-Request") === "true") {
    c.header("HX-Retarget", "#page");
    c.header("HX-Reswap", "innerHTML");
  }
  return renderPage(c, { title: c.var.t.maintenance.readOnly.title, status: 503 }, <ReadOnlyPage notice={notice} now={now} />);
}

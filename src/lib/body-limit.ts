import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "./env.ts";
import { intlTag, type Locale } from "./i18n.ts";
import { routeKey } from "./routes.ts";

/** A form of text fields is small; a route that takes files declares its own limit. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

const limits = new Map<string, number>();

/** "POST /tickets" → bytes. Declared next to the route, like its Need. */
export function declareBodyLimits(table: Record<string, number>): void {
  for (const [key, bytes] of Object.entries(table)) limits.set(key, bytes);
}

export function bodyLimitFor(method: string, path: string): number {
  return limits.get(routeKey(method, path)) ?? DEFAULT_BODY_LIMIT;
}

/**
 * Refuses a body above the matched route's limit before it is read: by its Content-Length at
 * once, or while streaming when it has none. Runs before the CSRF check, which may read a form.
 */
export const limitBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const body = c.req.raw.body;
  if (!body) return next();
  const target = matchedRoutes(c).findLast((route) => route.method !== "ALL");
  const maxSize = target ? bodyLimitFor(target.method, target.path) : DEFAULT_BODY_LIMIT;
  const tooLarge = () => new HTTPException(413, { message: String(maxSize) });
  const length = c.req.header("Content-Length");
  if (length !== undefined && !c.req.raw.headers.has("Transfer-Encoding")) {
    if (Number.parseInt(length, 10) > maxSize) throw tooLarge();
    return next();
  }
  // No length announced: the bytes are counted as whoever reads the body reads them, and the
  // reading fails at the limit. (hono's bodyLimit would read the whole body here, before the
  // route's authorization.)
  let size = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxSize) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  c.req.raw = new Request(c.req.raw, { body: counted });
  await next();
  // A reader that caught the failed read (the form parser answers 400) still gets the 413 page.
  if (size > maxSize) throw tooLarge();
};

const sizeFormats = new Map<string, Intl.NumberFormat>();

/** "64 kB" / "10 MB" in the user's language, for the 413 page. */
export function limitText(bytes: number, locale: Locale): string {
  const unit = bytes >= 1024 * 1024 ? "megabyte" : "kilobyte";
  const key = `${locale}:${unit}`;
  let format = sizeFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlTag[locale], { style: "unit", unit, maximumFractionDigits: 1 });
    sizeFormats.set(key, format);
  }
  return format.format(bytes / (unit === "megabyte" ? 1024 * 1024 : 1024));
}

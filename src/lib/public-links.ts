import type { Context } from "hono";
import type { AppEnv } from "./env.ts";

/**
 * The origin of links in e-mails (password reset, invitation, e-invoice confirmation). Always the
 * configured PUBLIC_ORIGIN, never the request's Host: a forged Host would otherwise put an
 * attacker's address in a genuine e-mail.
 */
export function publicOrigin(c: Context<AppEnv>): string {
  return c.env.PUBLIC_ORIGIN.replace(/\/+$/, "");
}

/** An absolute link for an e-mail, in the page's language. */
export function publicUrl(c: Context<AppEnv>, path: string): string {
  return `${publicOrigin(c)}/${c.var.locale}${path}`;
}

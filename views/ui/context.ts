import type { Context } from "hono";
import { useRequestContext } from "hono/jsx-renderer";
import type { AppEnv } from "../../src/lib/env.ts";

/**
 * What every view reads from the request it answers: its language, its catalog, the CSRF token
 * for its forms, the session and the principal, and the configuration (env: the provider's name,
 * phone, e-mail). src/lib/render.tsx puts the request's context around everything it renders,
 * so no component takes a `c` prop.
 */
export function useView() {
  const c: Context<AppEnv> = useRequestContext<AppEnv>();
  const { t, locale, csrfToken, session } = c.var;
  return { c, env: c.env, t, locale, csrfToken, session, principal: session?.principal ?? null };
}

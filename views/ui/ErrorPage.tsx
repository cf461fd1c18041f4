import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";

export function ErrorPage({ c, message }: { c: Context<AppEnv>; message: string }) {
  const { t, locale } = c.var;
  return (
    <section class="card">
      <h1>{t.errors.title}</h1>
      <p class="notice error" role="alert">
        {message}
      </p>
      <p>
        <a href={`/${locale}`}>{t.errors.goHome}</a>
      </p>
    </section>
  );
}

import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill } from "../../src/lib/i18n.ts";
import { Notice } from "../layout/Field.tsx";

/** Where the link in the confirmation e-mail lands (signed in or not). */
export function EinvoiceConfirmedPage({ c, email }: { c: Context<AppEnv>; email: string }) {
  const { t, locale } = c.var;
  return (
    <>
      <h1>{t.profile.einvoiceConfirmedTitle}</h1>
      <Notice kind="ok">{fill(t.profile.einvoiceConfirmed, { email })}</Notice>
      <p>
        <a href={`/${locale}/profile`}>{t.profile.title}</a>
      </p>
    </>
  );
}

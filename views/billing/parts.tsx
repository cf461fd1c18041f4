import type { Context } from "hono";
import type { AppEnv } from "../../src/lib/env.ts";
import { fill, formatDate, type Locale } from "../../src/lib/i18n.ts";

/** A stored calendar day ("YYYY-MM-DD", Brussels) in the locale's format; noon UTC is that day in Brussels. */
export function day(locale: Locale, value: string): string {
  return formatDate(locale, new Date(`${value}T12:00:00Z`));
}

/** "Payment method: transfer", or the pending direct debit request while its mandate is unsigned. */
export function MethodLine({ c, method, requestedAt }: { c: Context<AppEnv>; method: "transfer" | "direct_debit"; requestedAt: Date | null }) {
  const { t, locale } = c.var;
  const b = t.billing;
  const name = method === "direct_debit" ? b.methodDirectDebit : b.methodTransfer;
  return (
    <>
      <strong>{fill(c.var.t.app.label, { label: b.method })}</strong> {name}
      {method === "transfer" && requestedAt ? <> ({fill(b.methodRequested, { date: formatDate(locale, requestedAt) })})</> : null}
    </>
  );
}

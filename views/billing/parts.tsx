import { fill, formatDate, type Locale } from "../../src/lib/i18n.ts";
import { useView } from "../ui/context.ts";

/** A stored calendar day ("YYYY-MM-DD", Brussels) in the locale's format; noon UTC is that day in Brussels. */
export function day(locale: Locale, value: string): string {
  return formatDate(locale, new Date(`${value}T12:00:00Z`));
}

/** "Payment method: transfer", or the pending direct debit request while its mandate is unsigned. */
export function MethodLine({ method, requestedAt }: { method: "transfer" | "direct_debit"; requestedAt: Date | null }) {
  const { t, locale } = useView();
  const b = t.billing;
  const name = method === "direct_debit" ? b.methodDirectDebit : b.methodTransfer;
  return (
    <>
      <strong>{fill(t.app.label, { label: b.method })}</strong> {name}
      {method === "transfer" && requestedAt ? <> ({fill(b.methodRequested, { date: formatDate(locale, requestedAt) })})</> : null}
    </>
  );
}

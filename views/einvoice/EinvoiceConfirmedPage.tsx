import { fill } from "../../src/lib/i18n.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";

/** Where the link in the confirmation e-mail lands (signed in or not). */
export function EinvoiceConfirmedPage({ email }: { email: string }) {
  const { t, locale } = useView();
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

import type { Payment } from "../../src/features/billing/payment.ts";
import { fill, formatMoney } from "../../src/lib/i18n.ts";
import { Notice } from "../ui/Field.tsx";
import { useView } from "../ui/context.ts";

/**
 * Pay one invoice or a whole balance: the transfer details and the EPC QR code a banking app
 * scans. The QR is inline SVG (no script, no image request); null payment: nothing is open.
 */
export function PayPage({ title, payment, nothingOpen }: { title: string; payment: Payment | null; nothingOpen: string }) {
  const { t, locale } = useView();
  const b = t.billing;
  return (
    <>
      <h1>{title}</h1>
      {payment === null ? (
        <Notice>{nothingOpen}</Notice>
      ) : (
        <section class="card">
          <p class="hint">{b.payIntro}</p>
          <dl class="facts">
            <dt>{b.payee}</dt>
            <dd>{payment.payee}</dd>
            <dt>{b.iban}</dt>
            <dd>{payment.iban}</dd>
            <dt>{b.bic}</dt>
            <dd>{payment.bic}</dd>
            <dt>{b.amount}</dt>
            <dd data-amount>{formatMoney(locale, payment.amountCents)}</dd>
            <dt>{b.structured}</dt>
            <dd data-communication>{payment.communication}</dd>
          </dl>
          <figure>
            <svg
              xmlns="http://www.w3.org/2000/svg"
              viewBox={`0 0 ${payment.qr.size} ${payment.qr.size}`}
              width="220"
              height="220"
              shape-rendering="crispEdges"
              role="img"
              aria-label={fill(b.qrLabel, { amount: formatMoney(locale, payment.amountCents), payee: payment.payee, communication: payment.communication })}
              data-epc={payment.epc}
            >
              <rect width="100%" height="100%" fill="#fff" />
              <path d={payment.qr.path} fill="#000" />
            </svg>
            <figcaption>{b.scan}</figcaption>
          </figure>
        </section>
      )}
      <p>
        <a href={`/${locale}/balance`}>{b.backToBalance}</a>
      </p>
    </>
  );
}

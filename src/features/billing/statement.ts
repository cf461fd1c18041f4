import type { Messages } from "../../i18n/en.ts";
import type { Env } from "../../lib/env.ts";
import { fill, formatDate, formatMoney, type Locale } from "../../lib/i18n.ts";
import { PdfWriter } from "../../lib/pdf.ts";
import type { StatementData } from "./service.ts";

/** The account statement (000 p.12): customer, billing accounts with their open amount, open invoices, total. */
export async function renderStatementPdf(env: Env, t: Messages, locale: Locale, data: StatementData, now: number): Promise<{ bytes: Uint8Array; totalCents: number }> {
  const s = t.billing;
  const pdf = await PdfWriter.create(env, s.statementPdfTitle);
  pdf.text(fill(s.statementCustomer, { number: data.customer.number, name: data.customer.name }), { bold: true });
  pdf.text(fill(s.statementDate, { date: formatDate(locale, now) }));
  const day = (value: string) => formatDate(locale, new Date(`${value}T12:00:00Z`));
  const documentRow = (d: StatementData["open"][number]) => {
    const sign = d.kind === "credit_note" ? -1 : 1;
    pdf.row([
      { text: s.kinds[d.kind], x: 0 },
      { text: d.reference, x: 80 },
      { text: day(d.documentDate), x: 200 },
      { text: d.dueDate ? day(d.dueDate) : "", x: 280 },
      { text: formatMoney(locale, sign * d.amountCents), x: 0, alignRight: 420 },
      { text: formatMoney(locale, sign * d.openCents), x: 0, alignRight: 495 },
    ]);
  };
  let totalCents = 0;
  for (const account of data.accounts) {
    totalCents += account.openCents;
    pdf.gap(10);
    pdf.text(fill(s.billingAccount, { number: account.number }), { bold: true, size: 11 });
    pdf.text(`${account.name}, ${account.street}, ${account.postcode} ${account.city}`, { size: 9 });
    const open = data.open.filter((d) => d.billingAccountId === account.id);
    if (open.length === 0) {
      pdf.text(s.statementNoOpen, { size: 9 });
    } else {
      pdf.row([
        { text: s.kind, x: 0, bold: true },
        { text: s.number, x: 80, bold: true },
        { text: s.date, x: 200, bold: true },
        { text: s.due, x: 280, bold: true },
        { text: s.amount, x: 0, bold: true, alignRight: 420 },
        { text: s.open, x: 0, bold: true, alignRight: 495 },
      ]);
      pdf.rule();
      for (const d of open) documentRow(d);
    }
    pdf.rule();
    pdf.row([
      { text: s.openAmount, x: 0, bold: true },
      { text: formatMoney(locale, account.openCents), x: 0, bold: true, alignRight: 495 },
    ]);
  }
  if (data.unassigned) {
    totalCents += data.unassigned.openCents;
    pdf.gap(10);
    pdf.text(s.unassignedTitle, { bold: true, size: 11 });
    for (const d of data.unassigned.documents) documentRow(d);
    pdf.rule();
    pdf.row([
      { text: s.openAmount, x: 0, bold: true },
      { text: formatMoney(locale, data.unassigned.openCents), x: 0, bold: true, alignRight: 495 },
    ]);
  }
  pdf.gap(14);
  pdf.row(
    [
      { text: s.statementTotal, x: 0, bold: true },
      { text: formatMoney(locale, totalCents), x: 0, bold: true, alignRight: 495 },
    ],
    12,
  );
  return { bytes: await pdf.bytes(), totalCents };
}

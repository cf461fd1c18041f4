/**
 * Invoices and credit notes as Peppol BIS Billing 3.0 UBL 2.1 (EN 16931): what an accounting
 * package imports and what a Peppol access point carries. Built with ubl-xml.ts (every value
 * escaped), totals from invoice-lines.ts (EN 16931 rounding), proved against the official rules
 * by test/node/ubl-validator.test.ts.
 */
import { BELGIAN_SCHEME, peppolIdFromVat } from "../einvoice/peppol-id.ts";
import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.ts";
import { billingAccounts, contactDetails, contracts, customers, documentLines, documents, sites } from "../../db/schema/index.ts";
import { catalogs, fill } from "../../lib/i18n.ts";
import { type InvoiceLine, lineFromTotals, totals as totalsOf, type VatBreakdown } from "./invoice-lines.ts";
import { el, leaf, type XmlChild, type XmlNode, xmlDocument } from "./ubl-xml.ts";

/** The provider as the seller of an e-invoice (EN 16931 BG-4), from wrangler.toml [vars]. */
export type Seller = {
  name: string;
  /** KBO/BCE enterprise number, 10 digits: the Peppol identifier 0208:<enterpriseNumber>. */
  enterpriseNumber: string;
  /** "BE0123456749". */
  vatNumber: string;
  street: string;
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  iban: string;
  bic: string;
  email?: string;
};

type SellerVar =
  | "PROVIDER_NAME"
  | "PROVIDER_ENTERPRISE_NUMBER"
  | "PROVIDER_VAT_NUMBER"
  | "PROVIDER_STREET"
  | "PROVIDER_POSTCODE"
  | "PROVIDER_CITY"
  | "PROVIDER_COUNTRY"
  | "PROVIDER_IBAN"
  | "PROVIDER_BIC";
/** The seller's vars (a part of Env, so node tests and scripts can import this file without the Workers types). */
export type SellerVars = Record<SellerVar, string> & { PROVIDER_EMAIL?: string };

export function sellerFromEnv(env: SellerVars): Seller {
  return {
    name: env.PROVIDER_NAME,
    enterpriseNumber: env.PROVIDER_ENTERPRISE_NUMBER,
    vatNumber: env.PROVIDER_VAT_NUMBER,
    street: env.PROVIDER_STREET,
    postcode: env.PROVIDER_POSTCODE,
    city: env.PROVIDER_CITY,
    country: env.PROVIDER_COUNTRY,
    iban: env.PROVIDER_IBAN,
    bic: env.PROVIDER_BIC,
    email: env.PROVIDER_EMAIL,
  };
}

export const CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
export const PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

const NS = {
  invoice: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
  creditNote: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
};

/** "BE 0456.789.133" → "0456789133" when it is a valid Belgian enterprise number, else null. */
export function enterpriseNumberFromVat(vat: string | null | undefined): string | null {
  return peppolIdFromVat(vat)?.slice(BELGIAN_SCHEME.length + 1) ?? null;
}

/** Cents as a UBL amount: "91.61", "-0.03". */
export function money(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Thousandths as a decimal: 2500 → "2.5", 125 → "0.125". */
export function quantity(milli: number): string {
  const sign = milli < 0 ? "-" : "";
  const abs = Math.abs(milli);
  const fraction = String(abs % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return `${sign}${Math.floor(abs / 1000)}${fraction ? `.${fraction}` : ""}`;
}

const percent = (rate: number) => rate.toFixed(2);

/** Base64 of bytes, in chunks (String.fromCharCode on a whole PDF would overflow the stack). */
function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const parent = alias(customers, "parent");
const corrected = alias(documents, "corrected");

/** Everything the UBL of one document needs, in one batched round trip. */
async function readDocument(db: Db, documentId: number) {
  const [rows, lines] = await db.batch([
    db
      .select({
        doc: documents,
        customerNumber: customers.customerNumber,
        customerName: customers.name,
        vatNumber: customers.vatNumber,
        parentVatNumber: parent.vatNumber,
        parentName: parent.name,
        language: customers.language,
        street: customers.billingStreet,
        postcode: customers.billingPostcode,
        city: customers.billingCity,
        email: contactDetails.email,
        einvoiceEmail: contactDetails.einvoiceEmail,
        peppolId: contactDetails.peppolId,
        accountName: billingAccounts.name,
        accountStreet: billingAccounts.street,
        accountPostcode: billingAccounts.postcode,
        accountCity: billingAccounts.city,
        siteName: sites.name,
        siteStreet: sites.street,
        sitePostcode: sites.postcode,
        siteCity: sites.city,
        contractNumber: contracts.contractNumber,
        correctedReference: corrected.reference,
        correctedDate: corrected.documentDate,
      })
      .from(documents)
      .innerJoin(customers, eq(customers.id, documents.customerId))
      .leftJoin(parent, eq(parent.id, customers.parentId))
      .leftJoin(contactDetails, eq(contactDetails.customerId, documents.customerId))
      .leftJoin(billingAccounts, eq(billingAccounts.id, documents.billingAccountId))
      .leftJoin(sites, eq(sites.id, documents.siteId))
      .leftJoin(contracts, eq(contracts.id, documents.contractId))
      .leftJoin(corrected, sql`${corrected.id} = ${documents.correctsDocumentId} AND ${corrected.customerId} = ${documents.customerId}`)
      .where(eq(documents.id, documentId))
      .limit(1),
    db.select().from(documentLines).where(eq(documentLines.documentId, documentId)).orderBy(asc(documentLines.position)),
  ]);
  return { row: rows[0], lines };
}

type Party = {
  endpoint: { scheme: string; id: string };
  name: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
  vatNumber: string | null;
  legalName: string;
  enterpriseNumber: string | null;
  email: string | null;
};

const cbc = (name: string, text: string | number | null | undefined, attrs: Record<string, string | undefined> | null = null) => leaf(`cbc:${name}`, text, attrs);
const cac = (name: string, ...children: XmlChild[]) => el(`cac:${name}`, null, ...children);
const amount = (name: string, cents: number) => cbc(name, money(cents), { currencyID: "EUR" });
const vatScheme = () => cac("TaxScheme", cbc("ID", "VAT"));

function partyXml(p: Party): XmlNode {
  return cac(
    "Party",
    cbc("EndpointID", p.endpoint.id, { schemeID: p.endpoint.scheme }),
    cac("PartyName", cbc("Name", p.name)),
    cac("PostalAddress", cbc("StreetName", p.street), cbc("CityName", p.city), cbc("PostalZone", p.postcode), cac("Country", cbc("IdentificationCode", p.country))),
    p.vatNumber ? cac("PartyTaxScheme", cbc("CompanyID", p.vatNumber), vatScheme()) : null,
    cac("PartyLegalEntity", cbc("RegistrationName", p.legalName), cbc("CompanyID", p.enterpriseNumber, p.enterpriseNumber ? { schemeID: "0208" } : null)),
    p.email ? cac("Contact", cbc("ElectronicMail", p.email)) : null,
  );
}

function taxCategory(name: "TaxCategory" | "ClassifiedTaxCategory", category: string, rate: number, exemptionReason: string | null): XmlNode {
  return cac(name, cbc("ID", category), cbc("Percent", percent(category === "S" ? rate : 0)), category === "E" ? cbc("TaxExemptionReason", exemptionReason) : null, vatScheme());
}

/**
 * The Peppol BIS Billing 3.0 UBL of an invoice or credit note; null for any other kind or an
 * unknown id. No scope check here: the caller has checked that the reader may see the document.
 * With options.pdf, the PDF travels inside as an additional document (BG-24).
 */
export async function ublForDocument(db: Db, documentId: number, seller: Seller, options?: { pdf?: Uint8Array }): Promise<{ fileName: string; xml: string } | null> {
  const { row, lines: stored } = await readDocument(db, documentId);
  if (!row) return null;
  const doc = row.doc;
  if ((doc.kind !== "invoice" && doc.kind !== "credit_note") || doc.amountCents === null) return null;
  const credit = doc.kind === "credit_note";
  const t = catalogs[row.language].documents.ubl;

  // A document without lines (older, or made by hand) gets one line from its totals; the stored
  // VAT is what the UBL states, so the amount to pay is always the stored one.
  const lines: InvoiceLine[] = stored.length > 0 ? stored : [lineFromTotals(doc.amountCents, doc.vatCents ?? 0, fill(t.oneLine, { reference: row.contractNumber ?? doc.reference }))];
  const computed = totalsOf(lines);
  const vatCents = stored.length > 0 ? computed.taxCents : (doc.vatCents ?? 0);
  const breakdown: VatBreakdown[] = stored.length > 0 ? computed.breakdown : computed.breakdown.map((b) => ({ ...b, taxCents: vatCents }));
  const taxInclusive = computed.taxExclusiveCents + vatCents;
  // The stored amount is what is asked: a difference (never with seeded lines) is stated as rounding (BT-114).
  const rounding = doc.amountCents - taxInclusive;

  const buyerEnterprise = enterpriseNumberFromVat(row.vatNumber) ?? enterpriseNumberFromVat(row.parentVatNumber);
  const peppol = row.peppolId?.match(/^(\d{4}):(.+)$/);
  const buyerEmail = row.einvoiceEmail ?? row.email;
  const endpoint = peppol
    ? { scheme: peppol[1]!, id: peppol[2]! }
    : buyerEnterprise
      ? { scheme: "0208", id: buyerEnterprise }
      : { scheme: "EM", id: buyerEmail ?? `${row.customerNumber}@customers.invalid` };
  const buyer: Party = {
    endpoint,
    name: row.accountName ?? row.customerName,
    street: row.accountStreet ?? row.street,
    postcode: row.accountPostcode ?? row.postcode,
    city: row.accountCity ?? row.city,
    country: "BE",
    vatNumber: row.vatNumber ?? row.parentVatNumber,
    legalName: row.vatNumber ? row.customerName : (row.parentName ?? row.customerName),
    enterpriseNumber: buyerEnterprise,
    email: buyerEmail,
  };
  const sellerParty: Party = {
    endpoint: { scheme: "0208", id: seller.enterpriseNumber },
    name: seller.name,
    street: seller.street,
    postcode: seller.postcode,
    city: seller.city,
    country: seller.country,
    vatNumber: seller.vatNumber,
    legalName: seller.name,
    enterpriseNumber: seller.enterpriseNumber,
    email: seller.email ?? null,
  };

  const fileName = `${doc.reference.replace(/[^A-Za-z0-9._-]/g, "_")}.xml`;
  const pdfName = `${doc.kind}-${doc.reference.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf`;
  const exemption = t.exempt;
  const lineName = credit ? "CreditNoteLine" : "InvoiceLine";
  const root = el(
    credit ? "CreditNote" : "Invoice",
    { xmlns: credit ? NS.creditNote : NS.invoice, "xmlns:cac": NS.cac, "xmlns:cbc": NS.cbc },
    cbc("CustomizationID", CUSTOMIZATION_ID),
    cbc("ProfileID", PROFILE_ID),
    cbc("ID", doc.reference),
    cbc("IssueDate", doc.documentDate),
    credit ? null : cbc("DueDate", doc.dueDate),
    credit ? cbc("CreditNoteTypeCode", "381") : cbc("InvoiceTypeCode", "380"),
    cbc("DocumentCurrencyCode", "EUR"),
    // PEPPOL-EN16931-R003: a buyer reference or an order reference; the customer number when the buyer gave neither.
    cbc("BuyerReference", doc.buyerReference ?? (doc.orderReference ? null : row.customerNumber)),
    doc.periodStart || doc.periodEnd ? cac("InvoicePeriod", cbc("StartDate", doc.periodStart), cbc("EndDate", doc.periodEnd)) : null,
    doc.orderReference ? cac("OrderReference", cbc("ID", doc.orderReference)) : null,
    credit && row.correctedReference ? cac("BillingReference", cac("InvoiceDocumentReference", cbc("ID", row.correctedReference), cbc("IssueDate", row.correctedDate))) : null,
    row.contractNumber ? cac("ContractDocumentReference", cbc("ID", row.contractNumber)) : null,
    options?.pdf
      ? cac(
          "AdditionalDocumentReference",
          cbc("ID", doc.reference),
          cbc("DocumentDescription", t.pdfDescription),
          cac("Attachment", cbc("EmbeddedDocumentBinaryObject", base64(options.pdf), { mimeCode: "application/pdf", filename: pdfName })),
        )
      : null,
    cac("AccountingSupplierParty", partyXml(sellerParty)),
    cac("AccountingCustomerParty", partyXml(buyer)),
    row.siteStreet
      ? cac(
          "Delivery",
          cac(
            "DeliveryLocation",
            cac("Address", cbc("StreetName", row.siteStreet), cbc("CityName", row.siteCity), cbc("PostalZone", row.sitePostcode), cac("Country", cbc("IdentificationCode", "BE"))),
          ),
          cac("DeliveryParty", cac("PartyName", cbc("Name", row.siteName))),
        )
      : null,
    credit
      ? null
      : cac(
          "PaymentMeans",
          cbc("PaymentMeansCode", "30"),
          cbc("PaymentID", doc.structuredCommunication),
          cac("PayeeFinancialAccount", cbc("ID", seller.iban), cbc("Name", seller.name), cac("FinancialInstitutionBranch", cbc("ID", seller.bic))),
        ),
    credit ? null : cac("PaymentTerms", cbc("Note", doc.dueDate ? fill(t.paymentTermsDue, { date: doc.dueDate }) : t.paymentTerms)),
    cac(
      "TaxTotal",
      amount("TaxAmount", vatCents),
      ...breakdown.map((b) => cac("TaxSubtotal", amount("TaxableAmount", b.taxableCents), amount("TaxAmount", b.taxCents), taxCategory("TaxCategory", b.category, b.rate, exemption))),
    ),
    cac(
      "LegalMonetaryTotal",
      amount("LineExtensionAmount", computed.lineExtensionCents),
      amount("TaxExclusiveAmount", computed.taxExclusiveCents),
      amount("TaxInclusiveAmount", taxInclusive),
      rounding !== 0 ? amount("PayableRoundingAmount", rounding) : null,
      amount("PayableAmount", doc.amountCents),
    ),
    ...lines.map((line, i) =>
      cac(
        lineName,
        cbc("ID", i + 1),
        cbc(credit ? "CreditedQuantity" : "InvoicedQuantity", quantity(line.quantityMilli), { unitCode: line.unitCode }),
        amount("LineExtensionAmount", line.netCents),
        cac("Item", cbc("Name", line.description), taxCategory("ClassifiedTaxCategory", line.vatCategory, line.vatRate, null)),
        cac("Price", amount("PriceAmount", line.unitPriceCents)),
      ),
    ),
  );
  return { fileName, xml: xmlDocument(root) };
}

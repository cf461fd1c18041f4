import type { Db } from "../../db/client.ts";
import type { Env } from "../../lib/env.ts";

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

export function sellerFromEnv(env: Env): Seller {
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

/**
 * The Peppol BIS Billing 3.0 UBL of an invoice or credit note; null for any other kind or an
 * unknown id. No scope check here: the caller has checked that the reader may see the document.
 * STUB: the signature is final, the XML is filled in next.
 */
export async function ublForDocument(
  db: Db,
  documentId: number,
  seller: Seller,
  options?: { pdf?: Uint8Array },
): Promise<{ fileName: string; xml: string } | null> {
  void db;
  void documentId;
  void seller;
  void options;
  return null;
}

import { describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { PdfWriter } from "../../src/lib/pdf.ts";

describe("PdfWriter", () => {
  it("writes a real PDF with the provider header, page breaks included, in workerd", async () => {
    const writer = await PdfWriter.create(
      { PROVIDER_NAME: "Net Brussel PRO", PROVIDER_ADDRESS: "Rue 1, 1000 Brussel", PROVIDER_PHONE: "0800 988 77", PROVIDER_EMAIL: "pro@example.be" },
      "Factuur 213800090167",
    );
    for (let i = 0; i < 80; i++)
      writer.row([
        { text: `Regel ${i} – € 1,00`, x: 0 },
        { text: "€ 91,61", x: 0, alignRight: 495 },
      ]);
    const bytes = await writer.bytes();
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const parsed = await PDFDocument.load(bytes);
    expect(parsed.getPageCount()).toBe(2);
    expect(parsed.getTitle()).toBe("Factuur 213800090167");
  });
});

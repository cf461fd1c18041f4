import { describe, expect, it } from "vitest";
import { isEnterpriseNumber, parsePeppolId, peppolIdFromVat } from "../../src/features/einvoice/peppol-id.ts";

describe("Peppol identifiers: scheme 0208, the enterprise number with its mod-97 check digits", () => {
  it.each(["0208:0403170701", "BE0403.170.701", "0403 170 701", "be 0403170701", " 0208 : 0403.170.701 ", "403170701", "iso6523-actorid-upis::0208:0403170701"])("%s is 0208:0403170701", (input) => {
    expect(parsePeppolId(input)).toEqual({ ok: true, id: "0208:0403170701", enterpriseNumber: "0403170701" });
  });

  it("check digits are 97 − (first 8 digits mod 97): 97 itself when the remainder is 0", () => {
    expect(isEnterpriseNumber("0123456749")).toBe(true);
    expect(isEnterpriseNumber("0000000097")).toBe(true);
    expect(isEnterpriseNumber("0000000000")).toBe(false);
    expect(isEnterpriseNumber("1000000000")).toBe(false);
    expect(isEnterpriseNumber("2000000000")).toBe(false);
  });

  it.each([
    ["9925:BE0403170701", "peppolScheme"],
    ["0088:5412345000013", "peppolScheme"],
    ["NL0403170701", "peppolScheme"],
    ["0208:0403170702", "peppolCheckDigits"],
    ["BE0403.170.710", "peppolCheckDigits"],
    ["2403170701", "peppolCheckDigits"],
    ["0208:040317070", "peppolLength"],
    ["0208:04031707011", "peppolLength"],
    ["0208:12345", "peppolLength"],
    ["", "peppolLength"],
    ["0208:04031707ab", "peppolLength"],
  ])("%s is refused: %s", (input, error) => {
    expect(parsePeppolId(input)).toEqual({ ok: false, error });
  });

  it("a valid Belgian VAT number gives the identifier to prefill; anything else none", () => {
    expect(peppolIdFromVat("BE0403170701")).toBe("0208:0403170701");
    expect(peppolIdFromVat("BE 0403.170.701")).toBe("0208:0403170701");
    expect(peppolIdFromVat("BE0456789123")).toBeNull();
    expect(peppolIdFromVat("NL123456789B01")).toBeNull();
    expect(peppolIdFromVat(null)).toBeNull();
  });
});

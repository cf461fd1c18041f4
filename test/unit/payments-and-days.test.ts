import { describe, expect, it } from "vitest";
import { checkDigits, formatStructured, isValidStructured, structuredCommunication } from "../../src/lib/structured-communication.ts";
import { addWorkingDays, belgianHolidays, brusselsDate, easterSunday, isWorkingDay } from "../../src/lib/workdays.ts";

describe("Belgian structured communication", () => {
  it("computes the mod-97 check on known examples", () => {
    // 1234567890 mod 97 = 2 → +++123/4567/89002+++ (the example in the Documents issue).
    expect(checkDigits("1234567890")).toBe("02");
    expect(formatStructured(structuredCommunication("1234567890"))).toBe("+++123/4567/89002+++");
    // A multiple of 97 checks as 97, never 00.
    expect(checkDigits("0000000097")).toBe("97");
    expect(checkDigits("0000000000")).toBe("97");
    expect(structuredCommunication("213800090167")).toBe(`3800090167${checkDigits("3800090167")}`);
  });

  it("validates what it formats and rejects a wrong check", () => {
    expect(isValidStructured("+++123/4567/89002+++")).toBe(true);
    expect(isValidStructured("+++123/4567/89003+++")).toBe(false);
    expect(isValidStructured("123456789")).toBe(false);
  });
});

describe("Belgian working days", () => {
  it("knows Easter and the ten public holidays", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2026)).toBe("2026-04-05");
    const h2026 = belgianHolidays(2026);
    expect([...h2026].sort()).toEqual(["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-07-21", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"]);
  });

  it("skips weekends and holidays", () => {
    expect(isWorkingDay("2026-11-11")).toBe(false); // Armistice, a Wednesday
    expect(isWorkingDay("2026-11-14")).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-12")).toBe(true);
    // Tuesday 10 Nov 2026 + 5 working days: 12, 13, 16, 17, 18 (11 Nov is a holiday, 14–15 a weekend).
    expect(addWorkingDays("2026-11-10", 5)).toBe("2026-11-18");
    // Across Christmas and New Year 2026–2027.
    expect(addWorkingDays("2026-12-24", 3)).toBe("2026-12-30");
    expect(addWorkingDays("2026-12-31", 1)).toBe("2027-01-04");
  });

  it("takes the calendar day in Brussels, not UTC", () => {
    expect(brusselsDate(Date.UTC(2026, 10, 22, 23, 30))).toBe("2026-11-23");
    expect(brusselsDate(Date.UTC(2026, 6, 20, 21, 59))).toBe("2026-07-20");
  });
});

import { epcPayload } from "../../src/lib/epc.ts";

describe("EPC QR payload (EPC069-12)", () => {
  it("lays out every field in order", () => {
    const payload = epcPayload({ name: "Net Brussel PRO", iban: "be68 5390 0754 7034", bic: "GKCCBEBB", amountCents: 9161, structuredReference: "+++123/4567/89002+++" });
    expect(payload.split("\n")).toEqual(["BCD", "002", "1", "SCT", "GKCCBEBB", "Net Brussel PRO", "BE68539007547034", "EUR91.61", "", "123456789002"]);
  });

  it("writes cents exactly and refuses amounts out of range", () => {
    expect(epcPayload({ name: "X", iban: "BE68539007547034", amountCents: 5, text: "Invoice 1" }).split("\n")[7]).toBe("EUR0.05");
    expect(epcPayload({ name: "X", iban: "BE68539007547034", amountCents: 100000 }).split("\n")).toHaveLength(8);
    expect(() => epcPayload({ name: "X", iban: "BE68539007547034", amountCents: 0 })).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { idParam } from "../../src/lib/ids.ts";

describe("ids from URLs and forms: one schema for every module", () => {
  it("takes a positive integer of up to 15 digits, and nothing else", () => {
    expect(idParam("1")).toBe(1);
    expect(idParam("999999999999999")).toBe(999_999_999_999_999);
    for (const bad of [undefined, "", "0", "01", "-1", "1.5", "1e3", " 1", "1 ", "0x10", "1234567890123456", "abc"]) expect(idParam(bad), String(bad)).toBeNull();
  });
});

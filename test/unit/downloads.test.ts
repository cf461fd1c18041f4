import { describe, expect, it } from "vitest";
import { contentDisposition, download } from "../../src/lib/downloads.ts";

describe("one download helper", () => {
  it("names a file as is when it is ASCII, and as UTF-8 with an ASCII fallback when not", () => {
    expect(contentDisposition("invoice-123.pdf")).toBe('attachment; filename="invoice-123.pdf"');
    expect(contentDisposition("invoice-123.pdf", true)).toBe('inline; filename="invoice-123.pdf"');
    expect(contentDisposition("calendrier-des-collectes-été.pdf")).toBe(`attachment; filename="calendrier-des-collectes-ete.pdf"; filename*=UTF-8''calendrier-des-collectes-%C3%A9t%C3%A9.pdf`);
    expect(contentDisposition('a"b.pdf')).toContain('filename="a_b.pdf"');
  });

  it("is never cached by a shared cache nor sniffed", async () => {
    const response = download("x", { type: "text/calendar; charset=utf-8", name: "a.ics", size: 1 });
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Length")).toBe("1");
    expect(await response.text()).toBe("x");
  });
});

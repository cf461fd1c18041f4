import { afterEach, describe, expect, it, vi } from "vitest";
import { httpPeppolSender, PeppolFailure, peppolSenderFor } from "../../src/features/einvoice/peppol-sender.ts";
import type { Env } from "../../src/lib/env.ts";

/** The production adapter against a stand-in for the access point's HTTP API (README "E-invoices over Peppol"). */
const env = { ENVIRONMENT: "production", PEPPOL_AP_URL: "https://ap.example.test/api/", PEPPOL_AP_TOKEN: "secret-token" } as unknown as Env;
type Call = { url: string; method: string; headers: Headers; body: string };

function accessPoint(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), method: init?.method ?? "GET", headers: new Headers(init?.headers), body: typeof init?.body === "string" ? init.body : "" };
    calls.push(call);
    return answer(call);
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the Peppol access point adapter", () => {
  it("is configured by PEPPOL_AP_URL and the secret PEPPOL_AP_TOKEN; without them production sends nothing", () => {
    expect(httpPeppolSender(env)).not.toBeNull();
    expect(peppolSenderFor({ ...env, PEPPOL_AP_TOKEN: undefined }, null as never)).toBeNull();
    expect(peppolSenderFor({ ...env, PEPPOL_AP_URL: undefined }, null as never)).toBeNull();
  });

  it("posts the UBL with the recipient, the kind and one idempotency key per document, and reads the transmission id", async () => {
    const calls = accessPoint(() => Response.json({ transmissionId: "tx-42" }, { status: 202 }));
    const sent = await httpPeppolSender(env)!.send({ xml: "<Invoice/>", recipient: "0208:0403170701", documentId: 7, kind: "invoice" });
    expect(sent).toEqual({ transmissionId: "tx-42" });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("https://ap.example.test/api/documents");
    expect(calls[0]!.method).toBe("POST");
    expect(calls[0]!.body).toBe("<Invoice/>");
    expect(calls[0]!.headers.get("Authorization")).toBe("Bearer secret-token");
    expect(calls[0]!.headers.get("Content-Type")).toBe("application/xml");
    expect(calls[0]!.headers.get("X-Peppol-Recipient")).toBe("0208:0403170701");
    expect(calls[0]!.headers.get("Idempotency-Key")).toBe("loket-document-7");
  });

  it.each([
    [404, {}, "recipient_unknown"],
    [422, { error: "recipient_unknown" }, "recipient_unknown"],
    [400, { error: "schematron" }, "rejected"],
    [503, {}, "unavailable"],
    [200, {}, "unavailable"],
  ])("an answer %i %j is a typed failure: %s", async (status, body, code) => {
    accessPoint(() => Response.json(body, { status }));
    const error = await httpPeppolSender(env)!
      .send({ xml: "<Invoice/>", recipient: "0208:0403170701", documentId: 8, kind: "invoice" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PeppolFailure);
    expect((error as PeppolFailure).code).toBe(code);
  });

  it("looks a participant up (404 = not registered) and follows a transmission up", async () => {
    const calls = accessPoint((call) => {
      if (call.url.endsWith("/participants/0208%3A0000000097")) return new Response(null, { status: 404 });
      if (call.url.includes("/participants/")) return new Response(null, { status: 200 });
      if (call.url.endsWith("/transmissions/tx-1")) return Response.json({ status: "delivered" });
      if (call.url.endsWith("/transmissions/tx-2")) return Response.json({ status: "failed", reason: "recipient_unknown" });
      return Response.json({ status: "sent" });
    });
    const sender = httpPeppolSender(env)!;
    expect(await sender.lookup("0208:0403170701")).toBe(true);
    expect(await sender.lookup("0208:0000000097")).toBe(false);
    expect(await sender.status("tx-1")).toEqual({ status: "delivered" });
    expect(await sender.status("tx-2")).toEqual({ status: "failed", reason: "recipient_unknown" });
    expect(await sender.status("tx-3")).toEqual({ status: "sent" });
    expect(calls.every((call) => call.headers.get("Authorization") === "Bearer secret-token")).toBe(true);
  });
});

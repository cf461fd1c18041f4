import { SELF } from "cloudflare:test";
import type { TestBrowser } from "./browser.ts";

/** Sends a multipart form as a browser does: the token in the form (JavaScript off) or in the X-CSRF-Token header (htmx). */
export async function upload(
  browser: TestBrowser,
  path: string,
  fields: Record<string, string>,
  files: { name: string; bytes: Uint8Array | string; type?: string }[] = [],
  options: { tokenIn?: "form" | "header"; headers?: Record<string, string> } = {},
) {
  const form = new FormData();
  const token = browser.csrfToken();
  if ((options.tokenIn ?? "form") === "form") form.set("_csrf", token);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append("attachments", new File([file.bytes], file.name, { type: file.type ?? "application/octet-stream" }));
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const headers: Record<string, string> = { Cookie: cookie, Origin: "https://loket.test", "CF-Connecting-IP": browser.ip, ...(options.headers ?? {}) };
  if (options.tokenIn === "header") headers["X-CSRF-Token"] = token;
  const response = await SELF.fetch(`https://loket.test${path}`, { method: "POST", body: form, headers, redirect: "manual" });
  const text = await response.text();
  if ((response.headers.get("Content-Type") ?? "").includes("html")) browser.lastHtml = text;
  return { response, status: response.status, text, location: response.headers.get("Location") };
}

const ascii = (s: string) => new TextEncoder().encode(s);
export const PDF = ascii("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
/** A Windows program (MZ … PE) under a PDF's name. */
export const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0xb8, ...new Array(100).fill(0), 0x50, 0x45, 0, 0]);
export const CSV = ascii("first name;last name;mobile\nAnna;Peeters;0470123456\n");

/** A multipart body streamed in chunks, counting how much of it the server pulls. */
export function countedMultipart(boundary: string, fields: Record<string, string>, file: { name: string; size: number }, trailing: number) {
  const state = { pulled: 0 };
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join("");
  const parts: Uint8Array[] = [ascii(`${head}--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`)];
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let fileLeft = file.size - 9;
  let trailingLeft = trailing;
  let ended = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      let next: Uint8Array;
      if (parts.length > 0) next = parts.shift()!;
      else if (fileLeft > 0) {
        next = fileLeft >= chunk.length ? chunk : chunk.subarray(0, fileLeft);
        fileLeft -= next.length;
      } else if (trailingLeft > 0) {
        next = trailingLeft >= chunk.length ? chunk : chunk.subarray(0, trailingLeft);
        trailingLeft -= next.length;
      } else if (!ended) {
        ended = true;
        next = ascii(`\r\n--${boundary}--\r\n`);
      } else {
        controller.close();
        return;
      }
      state.pulled += next.length;
      controller.enqueue(next);
    },
  });
  return { stream, state };
}

/**
 * Every file the portal hands out (a PDF, a ZIP, a calendar) goes through here: never cached by a
 * shared cache, never sniffed as something else, shown in the browser or saved under its name.
 */
export type Download = {
  type: string;
  name: string;
  /** Show it in the browser (a PDF) rather than save it. */
  inline?: boolean;
  size?: number;
};

/** RFC 6266: an ASCII name as is; another name also as UTF-8 (filename*), with an ASCII fallback. */
export function contentDisposition(name: string, inline = false): string {
  const kind = inline ? "inline" : "attachment";
  const ascii = name
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\]/g, "_");
  if (ascii === name) return `${kind}; filename="${name}"`;
  return `${kind}; filename="${ascii || "download"}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function download(body: BodyInit | null, file: Download): Response {
  const headers: Record<string, string> = {
    "Content-Type": file.type,
    "Content-Disposition": contentDisposition(file.name, file.inline),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
  };
  if (file.size !== undefined) headers["Content-Length"] = String(file.size);
  return new Response(body, { headers });
}

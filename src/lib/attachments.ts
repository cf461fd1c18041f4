import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./env.ts";

/**
 * Files sent with a complaint or ticket message: at most 4, at most 10 MB each, of a type found
 * in their content (never the name or the browser's claim). Stored in R2 under random keys.
 */
export const MAX_ATTACHMENTS = 4;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** What an upload route declares with declareBodyLimits: the files and the form around them. */
export const UPLOAD_BODY_LIMIT = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 256 * 1024;
/** The form field that carries the files. */
export const ATTACHMENT_FIELD = "attachments";

const MAX_FIELD_BYTES = 64 * 1024;
const MAX_FIELDS = 100;
const MAX_HEADER_BYTES = 8 * 1024;

export const ATTACHMENT_TYPES = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "text/csv": ["csv", "txt"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const startsWith = (bytes: Uint8Array, prefix: number[] | Uint8Array, at = 0) => bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  if (first === undefined) return from;
  for (let i = haystack.indexOf(first, from); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** Control characters other than tab, line feed, form feed and carriage return: not a text a person wrote. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const CONTENT_TYPES = ascii("[Content_Types].xml");
const WORD = ascii("word/document.xml");
const WORKBOOK = ascii("xl/workbook.xml");

/** The names of a ZIP's entries, read from its local file headers (PK\x03\x04). */
function zipEntryNames(bytes: Uint8Array, limit = 200): Uint8Array[] {
  const names: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; names.length < limit && at + 30 <= bytes.length; ) {
    if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04], at)) break;
    const flags = view.getUint16(at + 6, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    names.push(bytes.subarray(at + 30, at + 30 + nameLength));
    // With a data descriptor the size is not in the header: look for the next header instead.
    if (flags & 0x08) {
      const next = indexOfBytes(bytes, ascii("PK\x03\x04"), at + 30 + nameLength + extraLength);
      if (next === -1) break;
      at = next;
    } else at += 30 + nameLength + extraLength + compressed;
  }
  return names;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && startsWith(a, b);

/**
 * The type of a file from its bytes: PDF, PNG and JPEG by their signatures; XLSX and DOCX as ZIP
 * archives with [Content_Types].xml and their main part; CSV as UTF-8 text without NUL. Null: refused.
 */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (!names.some((name) => same(name, CONTENT_TYPES))) return null;
    if (names.some((name) => same(name, WORD))) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (names.some((name) => same(name, WORKBOOK))) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return null;
  }
  if (bytes.length === 0 || bytes.includes(0)) return null;
  try {
    const text = utf8.decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)), { stream: bytes.length > 64 * 1024 });
    // Text, but not a program: no control characters other than tab, line feed, carriage return, form feed.
    if (hasControlCharacters(text)) return null;
    if (text.startsWith("#!") || text.startsWith("MZ")) return null;
    return "text/csv";
  } catch {
    return null;
  }
}

export type UploadedFile = { name: string; bytes: Uint8Array };
export type StoredFile = { key: string; name: string; contentType: AttachmentType; size: number };
export type UploadProblem = { kind: "count" | "size" | "type"; name?: string };
export type Upload = { fields: Record<string, string>; files: UploadedFile[]; problem: UploadProblem | null };

/** The extension a name ends with, lower case ("" without one). */
const extensionOf = (name: string) => name.match(/\.([A-Za-z0-9]{1,8})$/)?.[1]?.toLowerCase() ?? "";

/** A file's name as stored and shown: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = Array.from(base)
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join("")
    .trim();
  return (cleaned || "file").slice(-200);
}

/** The type found in the content, when its name's extension agrees with it (a program renamed .pdf is refused). */
export function checkFile(file: UploadedFile): AttachmentType | null {
  const type = sniffType(file.bytes);
  if (!type) return null;
  const extension = extensionOf(file.name);
  return (ATTACHMENT_TYPES[type] as readonly string[]).includes(extension) ? type : null;
}

/** Every file of an upload checked; the first one refused is the problem. */
export function checkFiles(files: UploadedFile[]): { types: AttachmentType[]; problem: UploadProblem | null } {
  const types: AttachmentType[] = [];
  for (const file of files) {
    const type = checkFile(file);
    if (!type) return { types, problem: { kind: "type", name: file.name } };
    types.push(type);
  }
  return { types, problem: null };
}

/** A random R2 key (crypto.getRandomValues): nobody can guess another customer's file. */
export function newFileKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `attachments/${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Puts the checked files in R2; their rows are written by the caller with the message. */
export async function storeFiles(bucket: R2Bucket | undefined, files: UploadedFile[], types: AttachmentType[]): Promise<StoredFile[]> {
  if (files.length === 0) return [];
  if (!bucket) throw new Error("FILES bucket not bound");
  const stored: StoredFile[] = [];
  for (const [i, file] of files.entries()) {
    const key = newFileKey();
    const contentType = types[i]!;
    await bucket.put(key, file.bytes, { httpMetadata: { contentType } });
    stored.push({ key, name: cleanFileName(file.name), contentType, size: file.bytes.byteLength });
  }
  return stored;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function boundaryOf(contentType: string): string | null {
  const match = contentType.match(/boundary=(?:"([^"]+)"|([^;\s]+))/i);
  return match?.[1] ?? match?.[2] ?? null;
}

function partHeaders(block: string): { name: string | null; filename: string | null } {
  const disposition = block.split("\r\n").find((line) => line.toLowerCase().startsWith("content-disposition:")) ?? "";
  const param = (key: string) => {
    const match = disposition.match(new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, "i")) ?? disposition.match(new RegExp(`;\\s*${key}=([^;\\s]+)`, "i"));
    return match ? match[1]!.replace(/\\(.)/g, "$1") : null;
  };
  return { name: param("name"), filename: param("filename") };
}

const decodeLatin = new TextDecoder("utf-8");

/**
 * Reads a multipart form as it streams in: text fields, then the files, each file counted as it
 * arrives. A fifth file or a file over 10 MB stops the reading at once (the rest of the body is
 * never read); the fields read so far come back so the form keeps what the user typed (the form
 * puts its file input last). Used when the request's CSRF token came in the header; when the
 * token was in the form, csrfAfterAuthorize has already parsed it, and those parts are read instead.
 */
export async function readUpload(c: Context<AppEnv>): Promise<Upload> {
  if (c.var.csrfPending || c.req.raw.bodyUsed) return fromParsedForm(c);
  const boundary = boundaryOf(c.req.header("Content-Type") ?? "");
  const body = c.req.raw.body;
  if (!boundary || !body) {
    // Not multipart (an urlencoded form without files): the ordinary parser.
    return fromParsedForm(c);
  }
  const reader = body.getReader();
  const delimiter = ascii(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let problem: UploadProblem | null = null;
  // The body starts with "--boundary" (no CRLF before it): prepend one so every delimiter looks alike.
  let buffer: Uint8Array = ascii("\r\n");
  let done = false;
  const pull = async () => {
    if (done) return false;
    const next = await reader.read();
    if (next.done) {
      done = true;
      return false;
    }
    buffer = concat(buffer, next.value);
    return true;
  };
  const bad = () => new HTTPException(400, { message: "malformed multipart" });
  try {
    // Find the first delimiter.
    for (;;) {
      const at = indexOfBytes(buffer, delimiter);
      if (at !== -1) {
        buffer = buffer.subarray(at + delimiter.length);
        break;
      }
      if (buffer.length > MAX_HEADER_BYTES) throw bad();
      if (!(await pull())) throw bad();
    }
    let count = 0;
    for (;;) {
      // After a delimiter: "--" ends the body, else CRLF then the part's headers.
      while (buffer.length < 2) if (!(await pull())) throw bad();
      if (buffer[0] === 0x2d && buffer[1] === 0x2d) break;
      let headerEnd = indexOfBytes(buffer, ascii("\r\n\r\n"));
      while (headerEnd === -1) {
        if (buffer.length > MAX_HEADER_BYTES || !(await pull())) throw bad();
        headerEnd = indexOfBytes(buffer, ascii("\r\n\r\n"));
      }
      const headers = partHeaders(decodeLatin.decode(buffer.subarray(0, headerEnd)));
      buffer = buffer.subarray(headerEnd + 4);
      if (++count > MAX_FIELDS + MAX_ATTACHMENTS + 1) throw bad();
      const isFile = headers.filename !== null;
      const limit = isFile ? MAX_ATTACHMENT_BYTES : MAX_FIELD_BYTES;
      const chunks: Uint8Array[] = [];
      let size = 0;
      let over = false;
      for (;;) {
        const at = indexOfBytes(buffer, delimiter);
        const take = at !== -1 ? at : Math.max(0, buffer.length - delimiter.length);
        if (take > 0) {
          size += take;
          if (size > limit) {
            over = true;
            break;
          }
          chunks.push(buffer.slice(0, take));
          buffer = buffer.subarray(take);
        }
        if (at !== -1) {
          buffer = buffer.subarray(delimiter.length);
          break;
        }
        if (!(await pull())) throw bad();
      }
      if (isFile) {
        const name = headers.filename ?? "";
        if (over) {
          problem = { kind: "size", name };
          break;
        }
        // An empty file input sends an empty part without a name: nothing was chosen.
        if (name === "" && size === 0) continue;
        if (headers.name !== ATTACHMENT_FIELD) continue;
        if (files.length === MAX_ATTACHMENTS) {
          problem = { kind: "count" };
          break;
        }
        files.push({ name, bytes: chunks.length === 1 ? chunks[0]! : chunks.reduce(concat, new Uint8Array(0)) });
      } else {
        if (over) throw new HTTPException(413, { message: String(MAX_FIELD_BYTES) });
        if (headers.name && !(headers.name in fields)) fields[headers.name] = decodeLatin.decode(chunks.reduce(concat, new Uint8Array(0)));
      }
    }
  } finally {
    // Whatever is left is not read: cancelling tells the sender to stop.
    if (!done) reader.cancel().catch(() => {});
  }
  return { fields, files, problem };
}

/** The same from a form already parsed by the CSRF check (its size bounded by the route's body limit). */
async function fromParsedForm(c: Context<AppEnv>): Promise<Upload> {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new HTTPException(400, { message: "malformed body" });
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") fields[key] = first;
  }
  const raw = form[ATTACHMENT_FIELD];
  const chosen = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v && !(v.name === "" && v.size === 0));
  if (chosen.length > MAX_ATTACHMENTS) return { fields, files: [], problem: { kind: "count" } };
  const big = chosen.find((file) => file.size > MAX_ATTACHMENT_BYTES);
  if (big) return { fields, files: [], problem: { kind: "size", name: big.name } };
  const files = await Promise.all(chosen.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
  return { fields, files, problem: null };
}

import { downloadZip } from "client-zip";
import { download } from "../../lib/downloads.ts";
import { idParam } from "../../lib/ids.ts";
import { Hono, type Context } from "hono";
import { ContestPage, type ContestView } from "../../../views/documents/ContestPage.tsx";
import { DocumentsPage, SelectionBlock } from "../../../views/documents/DocumentsPage.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { redirectAfterPost, renderError, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
import { declare, right } from "../../lib/routes.ts";
import { customerAuthorLabel } from "../../lib/threads.ts";
import { addWorkingDays, brusselsDate } from "../../lib/workdays.ts";
import { fileNameOf, storedPdf } from "./files.ts";
import { sellerFromEnv, ublForDocument } from "./ubl.ts";
import { applyPage, readSelection, writeSelection } from "./selection.ts";
import { CONTEST_WORKING_DAYS, contestDocument, contestState, documentsInScope, getDocument, idsInScope, kindsFor, listDocuments, retentionCutoff, type Kind, type ListQuery } from "./service.ts";

export const documentsRoutes = new Hono<AppEnv>();

// Viewing lists and contests; a file leaves the portal only with the download right.
declare({
  "GET /documents": right("documents", "view"),
  "POST /documents/selection": right("documents", "view"),
  "POST /documents/selection/clear": right("documents", "view"),
  "GET /documents/selection.zip": right("documents", "download"),
  "GET /documents/:id/pdf": right("documents", "download"),
  "GET /documents/:id/ubl": right("documents", "download"),
  "GET /documents/:id/contest": right("documents", "view"),
  "POST /documents/:id/contest": right("documents", "view"),
});

const MAX_REASON = 2000;

function retentionMonths(c: Context<AppEnv>): number {
  const months = Number(c.env.RETENTION_INVOICE_MONTHS);
  return Number.isInteger(months) && months > 0 ? months : 24;
}
const cutoffFor = (c: Context<AppEnv>) => retentionCutoff(retentionMonths(c));

const ZIP_FORMATS = ["pdf", "ubl", "both"] as const;
type ZipFormat = (typeof ZIP_FORMATS)[number];
/** What the ZIP holds per document; PDF unless asked otherwise. */
const zipFormat = (value: string | undefined): ZipFormat => (ZIP_FORMATS.includes(value as ZipFormat) ? (value as ZipFormat) : "pdf");
const hasUbl = (kind: string) => kind === "invoice" || kind === "credit_note";
const ublEntryName = (doc: { kind: string; reference: string }) => fileNameOf(doc).replace(/\.pdf$/, ".xml");

const isoDay = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
const positiveId = idParam;

function listQuery(c: Context<AppEnv>): ListQuery {
  const tab = c.req.query("tab");
  // A tab that does not apply to the account (a waste tab for a mobile customer) is the first tab.
  return {
    kind: kindsFor(c.var.session!.principal).includes(tab as Kind) ? (tab as Kind) : "invoice",
    site: positiveId(c.req.query("site")),
    contract: positiveId(c.req.query("contract")),
    from: isoDay(c.req.query("from")),
    to: isoDay(c.req.query("to")),
    after: c.req.query("after") ?? null,
    before: c.req.query("before") ?? null,
  };
}

/** Only a way back into this page is followed after a post: never an address from elsewhere. */
function backTo(c: Context<AppEnv>, value: unknown): string {
  const list = `/${c.var.locale}/documents`;
  return typeof value === "string" && (value === list || value.startsWith(`${list}?`)) ? value : list;
}

documentsRoutes.get("/documents", async (c) => {
  const session = c.var.session!;
  const query = listQuery(c);
  // From after to matches nothing: say so next to the dates (422), keep what was typed, list nothing.
  const reversed = query.from !== null && query.to !== null && query.from > query.to;
  const [list, selected] = await Promise.all([listDocuments(c.var.db, session.principal, reversed ? { ...query, from: null, to: null } : query, cutoffFor(c)), readSelection(c.env.KV, session)]);
  const page = reversed ? { ...list, rows: [], next: null, previous: null } : list;
  const dateError = reversed ? c.var.t.documents.datesReversed : undefined;
  const title = c.var.t.documents.title;
  const content = <DocumentsPage query={query} list={page} selected={selected} retentionMonths={retentionMonths(c)} dateError={dateError} />;
  return reversed ? renderFailure(c, "invalid", { title, content }) : renderPage(c, { title }, content);
});

documentsRoutes.post("/documents/selection", async (c) => {
  const session = c.var.session!;
  const form = await c.req.parseBody({ all: true });
  const ids = (field: unknown) =>
    (Array.isArray(field) ? field : field === undefined ? [] : [field]).map((v) => positiveId(typeof v === "string" ? v : undefined)).filter((v): v is number => v !== null);
  const shown = ids(form.shown).slice(0, 100);
  const checked = ids(form.selected).slice(0, 100);
  const current = await readSelection(c.env.KV, session);
  // A tampered or no longer visible id is dropped here: only ids the principal may see are kept.
  const allowed = new Set(await idsInScope(c.var.db, session.principal, [...new Set([...current, ...shown])], cutoffFor(c)));
  const next = applyPage(
    current.filter((id) => allowed.has(id)),
    shown.filter((id) => allowed.has(id)),
    checked.filter((id) => allowed.has(id)),
  );
  await writeSelection(c.env.KV, session, next);
  // A pager button of the list's form: the ticks of this page are kept, then that page is shown.
  const page = typeof form.page === "string" ? backTo(c, form.page) : null;
  const back = page ?? backTo(c, form.back);
  if (c.req.header("HX-Request") === "true" && page === null) return renderPartial(c, <SelectionBlock count={next.length} back={back} />);
  return redirectAfterPost(c, back);
});

documentsRoutes.post("/documents/selection/clear", async (c) => {
  const form = await c.req.parseBody();
  await writeSelection(c.env.KV, c.var.session!, []);
  return redirectAfterPost(c, backTo(c, form.back));
});

documentsRoutes.get("/documents/selection.zip", async (c) => {
  const session = c.var.session!;
  // Scope is checked again now: the stored selection may be old, or not what was stored by us.
  const docs = await documentsInScope(c.var.db, session.principal, await readSelection(c.env.KV, session), cutoffFor(c));
  const { env } = c;
  const { locale, db } = c.var;
  const format = zipFormat(c.req.query("format"));
  const seller = sellerFromEnv(env);
  async function* entries() {
    for (const doc of docs) {
      const lastModified = new Date(`${doc.documentDate}T12:00:00Z`);
      const file = await storedPdf(env, doc, locale);
      // Only invoices and credit notes have an e-invoice: the other documents always come as PDF.
      if (format === "pdf" || !hasUbl(doc.kind)) {
        yield { name: fileNameOf(doc), input: file.body, size: file.size, lastModified };
        continue;
      }
      const pdf = new Uint8Array(await file.arrayBuffer());
      if (format === "both") yield { name: fileNameOf(doc), input: pdf, lastModified };
      const ubl = await ublForDocument(db, doc.id, seller, { pdf });
      // Side by side with the PDF: invoice-123.pdf and invoice-123.xml.
      if (ubl) yield { name: ublEntryName(doc), input: ubl.xml, lastModified };
    }
  }
  // client-zip pulls one PDF at a time from the generator as the client reads: the archive is never whole in memory.
  const zip = downloadZip(entries());
  return download(zip.body, { type: "application/zip", name: `documents-${brusselsDate(Date.now())}.zip` });
});

async function documentOr404(c: Context<AppEnv>) {
  const id = positiveId(c.req.param("id"));
  return id === null ? null : getDocument(c.var.db, c.var.session!.principal, id, cutoffFor(c));
}

documentsRoutes.get("/documents/:id/pdf", async (c) => {
  const lookup = found(await documentOr404(c));
  if (!lookup.ok) return renderFailure(c, lookup);
  const doc = lookup.value;
  const file = await storedPdf(c.env, doc, c.var.locale);
  return download(file.body, { type: "application/pdf", name: fileNameOf(doc), size: file.size, inline: c.req.query("download") !== "1" });
});

/** The e-invoice (Peppol BIS Billing 3.0 UBL) of an invoice or credit note, the PDF inside; same scope and retention as the PDF. */
documentsRoutes.get("/documents/:id/ubl", async (c) => {
  const lookup = found(await documentOr404(c));
  if (!lookup.ok) return renderFailure(c, lookup);
  const doc = lookup.value;
  if (!hasUbl(doc.kind)) return renderError(c, 404, c.var.t.errors.notFound);
  const pdf = await storedPdf(c.env, doc, c.var.locale);
  const ubl = await ublForDocument(c.var.db, doc.id, sellerFromEnv(c.env), { pdf: new Uint8Array(await pdf.arrayBuffer()) });
  if (!ubl) return renderError(c, 404, c.var.t.errors.notFound);
  return download(ubl.xml, { type: "application/xml", name: ubl.fileName });
});

function contestWindowEnd(availableAt: Date): string {
  return addWorkingDays(brusselsDate(availableAt), CONTEST_WORKING_DAYS);
}

async function contestPage(c: Context<AppEnv>, view: ContestView, status: 200 | 409 | 422 = 200) {
  const doc = await documentOr404(c);
  if (!doc || contestState(doc.kind, doc.availableAt, doc.contested) === null) return renderError(c, 404, c.var.t.errors.notFound);
  const open = contestState(doc.kind, doc.availableAt, doc.contested) === "open";
  return renderPage(
    c,
    { title: fill(c.var.t.documents.contestTitle, { reference: doc.reference }), status },
    <ContestPage doc={doc} until={contestWindowEnd(doc.availableAt)} open={open} view={view} />,
  );
}

documentsRoutes.get("/documents/:id/contest", async (c) => {
  const d = c.var.t.documents;
  const reference = c.req.query("contested");
  return contestPage(c, reference !== undefined ? { notice: { kind: "ok", text: fill(d.contestSaved, { reference }) } } : {});
});

documentsRoutes.post("/documents/:id/contest", async (c) => {
  const d = c.var.t.documents;
  const session = c.var.session!;
  const doc = await documentOr404(c);
  if (!doc || contestState(doc.kind, doc.availableAt, doc.contested) === null) return renderError(c, 404, c.var.t.errors.notFound);
  const form = await c.req.parseBody();
  const reason = typeof form.reason === "string" ? form.reason.trim() : "";
  if (reason === "") return contestPage(c, { reason, error: d.reasonRequired }, 422);
  if (reason.length > MAX_REASON) return contestPage(c, { reason, error: d.reasonTooLong }, 422);
  const author = await customerAuthorLabel(c.var.db, session);
  const result = await contestDocument(c.var.db, session.principal, doc, reason, Date.now(), { title: fill(c.var.t.complaints.contested, { reference: doc.reference }), authorLabel: author });
  if (result === "closed") return contestPage(c, { notice: { kind: "error", text: fill(d.contestClosed, { reference: doc.reference }) } }, 409);
  if (result === "already") return contestPage(c, { notice: { text: fill(d.alreadyContested, { reference: doc.reference }) } });
  return redirectAfterPost(c, `/${c.var.locale}/documents/${doc.id}/contest?contested=${encodeURIComponent(doc.reference)}`);
});

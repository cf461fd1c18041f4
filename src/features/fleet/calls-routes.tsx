import { type Context, Hono } from "hono";
import { CallsPage } from "../../../views/fleet/calls/CallsPage.tsx";
import { lineLabel } from "../../../views/fleet/usage/LineUsagePage.tsx";
import { download } from "../../lib/downloads.ts";
import type { AppEnv } from "../../lib/env.ts";
import { fill, type Locale } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { renderFailure, renderPage } from "../../lib/render.tsx";
import { declare, right } from "../../lib/routes.ts";
import { type CallRow, callLine, callPeriods, callsInChunks, callsPage, parseCallPeriod } from "./calls-service.ts";
import { type Cell, xlsxStream } from "./export.ts";

/** Fleet, part "call details" (issue #11, 002): a line's calls, SMS and MMS of a billed period, paginated, as CSV and .xlsx. */
export const fleetCallsRoutes = new Hono<AppEnv>();

// Seeing a line's call details needs fleet.view and the line in scope (404 otherwise); the downloads hold what the page shows.
declare({
  "GET /fleet/lines/:id/calls": right("fleet", "view"),
  "GET /fleet/lines/:id/calls.csv": right("fleet", "view"),
  "GET /fleet/lines/:id/calls.xlsx": right("fleet", "view"),
});

const principalOf = (c: Context<AppEnv>) => c.var.session!.principal;

/**
 * No period: the newest billed period. A period given but malformed, current, or older than the 6
 * months of call details: 404 (the records do not exist for the user).
 */
function periodOf(c: Context<AppEnv>): string | null | undefined {
  const asked = c.req.query("period");
  if (asked === undefined || asked === "") return callPeriods()[0] ?? null;
  return parseCallPeriod(asked) ?? undefined;
}

fleetCallsRoutes.get("/fleet/lines/:id/calls", async (c) => {
  const id = idParam(c.req.param("id"));
  const period = periodOf(c);
  if (id === null || period === undefined) return renderFailure(c, "not_found");
  const page = await callsPage(c.var.db, principalOf(c), id, period, { after: c.req.query("after"), before: c.req.query("before") });
  if (!page) return renderFailure(c, "not_found");
  return renderPage(c, { title: fill(c.var.t.fleetUsage.callsTitle, { number: lineLabel(page.line) }) }, <CallsPage page={page} />);
});

/** "2026-11-03 14:05:09" in Brussels: a date and time every spreadsheet reads. */
const brusselsDateTime = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
const when = (row: CallRow) => brusselsDateTime.format(row.startedAt);

/** Cents as a spreadsheet of that language reads a decimal: "1,25" in Dutch and French, "1.25" in English. */
function decimal(locale: Locale, cents: number): string {
  const text = (cents / 100).toFixed(2);
  return locale === "en" ? text : text.replace(".", ",");
}

/**
 * One CSV field. `;` separates them: Excel in Belgium (nl-BE, fr-BE) uses the comma as the decimal
 * mark and therefore `;` as the list separator, so a `;` file opens in columns with a double click
 * and the amounts stay numbers. A field with `;`, a quote or a line break is quoted; one that a
 * spreadsheet would take for a formula (= @ or a sign before something other than a number) gets a
 * leading apostrophe.
 */
function csvField(value: string): string {
  const safe = /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-]?\d+([.,]\d+)?$/.test(value)) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function exportable(c: Context<AppEnv>) {
  const id = idParam(c.req.param("id"));
  const period = parseCallPeriod(c.req.query("period"));
  if (id === null || period === null) return null;
  const line = await callLine(c.var.db, principalOf(c), id);
  return line ? { line, period } : null;
}

const fileName = (c: Context<AppEnv>, line: { msisdn: string | null; iccid: string }, period: string, ext: string) => `${c.var.t.fleetUsage.file}-${line.msisdn ?? line.iccid}-${period}.${ext}`;

fleetCallsRoutes.get("/fleet/lines/:id/calls.csv", async (c) => {
  const found = await exportable(c);
  if (!found) return renderFailure(c, "not_found");
  const { locale } = c.var;
  const u = c.var.t.fleetUsage;
  const col = u.callColumn;
  const chunks = callsInChunks(c.var.db, principalOf(c), found.line.id, found.period)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const header = [col.when, col.kind, col.number, u.durationSeconds, col.roaming, col.amount].map(csvField).join(";");
  // UTF-8 with a byte order mark: without it Excel reads the file as Windows-1252 and the accents break.
  let started = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${header}\r\n`));
          return;
        }
        const { value: rows, done } = await chunks.next();
        if (done) return controller.close();
        const text = rows
          .map((row) => [when(row), u.kinds[row.kind], row.number, String(row.durationSeconds), row.roamingCountry ?? "", decimal(locale, row.cents)].map(csvField).join(";"))
          .join("\r\n");
        controller.enqueue(encoder.encode(`${text}\r\n`));
      },
      async cancel() {
        await chunks.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return download(body, { type: "text/csv; charset=utf-8", name: fileName(c, found.line, found.period, "csv") });
});

fleetCallsRoutes.get("/fleet/lines/:id/calls.xlsx", async (c) => {
  const found = await exportable(c);
  if (!found) return renderFailure(c, "not_found");
  const u = c.var.t.fleetUsage;
  const col = u.callColumn;
  const chunks = callsInChunks(c.var.db, principalOf(c), found.line.id, found.period);
  const cells = (row: CallRow): Cell[] => [when(row), u.kinds[row.kind], row.number, row.durationSeconds, row.roamingCountry, { money: row.cents }];
  async function* rows() {
    for await (const chunk of chunks) yield chunk.map(cells);
  }
  const columns = [
    { header: col.when, width: 20 },
    { header: col.kind, width: 10 },
    { header: col.number, width: 18 },
    { header: u.durationSeconds, width: 12 },
    { header: col.roaming, width: 10 },
    { header: col.amount, width: 12 },
  ];
  return download(xlsxStream(u.sheet, columns, rows()), {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    name: fileName(c, found.line, found.period, "xlsx"),
  });
});

import { Zip, ZipDeflate } from "fflate";

/**
 * A streamed .xlsx (Office Open XML spreadsheet) of one sheet, written by hand over fflate's
 * streaming Zip: the sheet's rows are deflated as each chunk arrives and leave the Worker at
 * once, so 10,000 rows never sit in memory together. Strings are inline (no shared strings table
 * to keep), numbers and dates are typed cells (a date is Excel's day serial with a date format).
 */
export type Cell = string | number | { date: string } | { money: number } | null;
export type XlsxColumn = { header: string; width: number };

const encoder = new TextEncoder();
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Style indexes of styles.xml's cellXfs: 0 plain, 1 date, 2 money (#,##0.00), 3 header (bold).
const DATE_STYLE = 1;
const MONEY_STYLE = 2;
const HEADER_STYLE = 3;

/** Text as XML character data: the five specials escaped, characters XML 1.0 forbids dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** "2026-03-30" → Excel's day number (days since 1899-12-30), or null for anything else. */
export function excelDate(isoDay: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return null;
  return (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function cellXml(cell: Cell, ref: string, style?: number): string {
  if (cell === null || cell === "") return "";
  const s = style === undefined ? "" : ` s="${style}"`;
  if (typeof cell === "number") return Number.isFinite(cell) ? `<c r="${ref}"${s}><v>${cell}</v></c>` : "";
  if (typeof cell === "string") return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`;
  if ("money" in cell) return `<c r="${ref}" s="${MONEY_STYLE}"><v>${cell.money / 100}</v></c>`;
  const serial = excelDate(cell.date);
  return serial === null ? "" : `<c r="${ref}" s="${DATE_STYLE}"><v>${serial}</v></c>`;
}

function rowXml(cells: Cell[], r: number, style?: number): string {
  return `<row r="${r}">${cells.map((cell, i) => cellXml(cell, `${columnName(i)}${r}`, style)).join("")}</row>`;
}

const staticFiles = (sheetName: string): [string, string][] => [
  [
    "[Content_Types].xml",
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  ],
  [
    "_rels/.rels",
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    "xl/workbook.xml",
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${escapeXml(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    "xl/_rels/workbook.xml.rels",
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  ],
  [
    "xl/styles.xml",
    `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  ],
];

/**
 * The workbook as a stream: the fixed parts first, then the sheet, pulled one chunk of rows at a
 * time as the client reads (the stream's pull), so a slow download does not pile rows up.
 */
export function xlsxStream(sheetName: string, columns: XlsxColumn[], chunks: AsyncIterable<Cell[][]>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  let sheet: ZipDeflate;
  let zip: Zip;
  let rowNumber = 1;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, data, final) => {
          if (error) return controller.error(error);
          if (data.length > 0) controller.enqueue(data);
          if (final) controller.close();
        });
        for (const [name, text] of staticFiles(sheetName)) {
          const file = new ZipDeflate(name, { level: 6 });
          zip.add(file);
          file.push(encoder.encode(text), true);
        }
        sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 6 });
        zip.add(sheet);
        const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join("");
        const head =
          `${XML}<worksheet xmlns="${MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
          `<cols>${cols}</cols><sheetData>${rowXml(
            columns.map((c) => c.header),
            1,
            HEADER_STYLE,
          )}`;
        sheet.push(encoder.encode(head), false);
      },
      async pull() {
        const { value, done } = await iterator.next();
        if (done) {
          sheet.push(encoder.encode("</sheetData></worksheet>"), true);
          zip.end();
          return;
        }
        sheet.push(encoder.encode(value.map((cells) => rowXml(cells, ++rowNumber)).join("")), false);
      },
      async cancel() {
        await iterator.return?.();
        zip.terminate();
      },
    },
    { highWaterMark: 0 },
  );
}

import { WorkbookWriter } from "@cj-tech-master/excelts/browser";

/**
 * A streamed .xlsx of one sheet, written by @cj-tech-master/excelts's streaming WorkbookWriter
 * (its browser entry: no Node `fs`, runs in workerd). The stream is pulled: each read by the
 * client asks the DB for the next chunk of rows, the writer commits them into the deflated sheet
 * part and its bytes go out, so 10,000 rows never sit in memory together. Strings are inline (no
 * shared strings table to keep), the money column is a number with a € format and the date
 * column a real date cell; the header row is bold and frozen.
 */
export type Cell = string | number | { date: string } | { money: number } | null;
export type XlsxColumn = { header: string; width: number };

const DATE_FORMAT = "dd/mm/yyyy";
const MONEY_FORMAT = '#,##0.00 "€"';

/** "2026-03-30" → that day at 00:00 UTC (Excel's day number once written), or null for anything else. */
function isoDay(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** A cell's value and, for money and dates, its number format. */
function value(cell: Cell): { value: string | number | Date | null; numFmt?: string } {
  if (cell === null || cell === "") return { value: null };
  if (typeof cell === "number") return { value: Number.isFinite(cell) ? cell : null };
  if (typeof cell === "string") return { value: cell };
  if ("money" in cell) return { value: cell.money / 100, numFmt: MONEY_FORMAT };
  const day = isoDay(cell.date);
  return day ? { value: day, numFmt: DATE_FORMAT } : { value: null };
}

/**
 * The workbook as a stream: the writer's output is enqueued as it comes; the sheet's rows are
 * pulled one chunk at a time as the client reads (highWaterMark 0), so a slow download does not
 * pile rows up.
 */
export function xlsxStream(sheetName: string, columns: XlsxColumn[], chunks: AsyncIterable<Cell[][]>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  let workbook: WorkbookWriter;
  let sheet: ReturnType<WorkbookWriter["addWorksheet"]>;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const sink = new WritableStream<Uint8Array>({
          write: (bytes) => controller.enqueue(bytes),
          close: () => controller.close(),
          abort: (reason) => controller.error(reason),
        });
        workbook = new WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false, trueStreaming: true });
        sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31), { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
        sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
        const header = sheet.getRow(1);
        header.font = { bold: true };
        header.commit();
      },
      async pull() {
        const { value: rows, done } = await iterator.next();
        if (done) {
          sheet.commit();
          await workbook.commit();
          return;
        }
        for (const cells of rows) {
          const row = sheet.addRow([]);
          cells.forEach((cell, i) => {
            const { value: v, numFmt } = value(cell);
            if (v === null) return;
            const target = row.getCell(i + 1);
            target.value = v;
            if (numFmt) target.numFmt = numFmt;
          });
          row.commit();
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

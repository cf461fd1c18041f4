import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { Env } from "./env.ts";

/**
 * A plain A4 business document: the provider's header, then lines of text and tables written top
 * to bottom, new pages as needed. Standard fonts only (WinAnsi): no font files in the bundle.
 */
export class PdfWriter {
  private constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private page: PDFPage,
    private y: number,
  ) {}

  static readonly margin = 50;

  static async create(env: Pick<Env, "PROVIDER_NAME" | "PROVIDER_ADDRESS" | "PROVIDER_PHONE" | "PROVIDER_EMAIL">, title: string): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    doc.setProducer("Loket");
    doc.setCreationDate(new Date(0));
    doc.setModificationDate(new Date(0));
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    const writer = new PdfWriter(doc, font, bold, doc.addPage([595.28, 841.89]), 841.89 - PdfWriter.margin);
    writer.text(env.PROVIDER_NAME, { size: 16, bold: true });
    writer.text(`${env.PROVIDER_ADDRESS} · ${env.PROVIDER_PHONE} · ${env.PROVIDER_EMAIL}`, { size: 9 });
    writer.gap(12);
    writer.text(title, { size: 14, bold: true });
    writer.gap(6);
    return writer;
  }

  /**
   * Characters outside WinAnsi (the standard fonts' encoding) become "?" instead of failing. The
   * narrow no-break space of fr-BE numbers ("12 345,60 €") is drawn as a no-break space, which the fonts have.
   */
  private safe(value: string): string {
    return value.replace(/\u202f/g, "\u00a0").replace(/[^\x20-\x7e\xa0-\xff€–—‘’“”•…]/g, "?");
  }

  private ensure(height: number) {
    if (this.y - height < PdfWriter.margin) {
      this.page = this.doc.addPage([595.28, 841.89]);
      this.y = 841.89 - PdfWriter.margin;
    }
  }

  gap(points: number) {
    this.y -= points;
  }

  text(value: string, options: { size?: number; bold?: boolean; x?: number } = {}) {
    const size = options.size ?? 10;
    this.ensure(size + 4);
    this.y -= size + 4;
    this.page.drawText(this.safe(value), { x: PdfWriter.margin + (options.x ?? 0), y: this.y, size, font: options.bold ? this.bold : this.font, color: rgb(0.1, 0.1, 0.1) });
  }

  /** One table row: cells at fixed x offsets (points from the left margin). */
  row(cells: { text: string; x: number; bold?: boolean; alignRight?: number }[], size = 10) {
    this.ensure(size + 6);
    this.y -= size + 6;
    for (const cell of cells) {
      const value = this.safe(cell.text);
      const font = cell.bold ? this.bold : this.font;
      const x = cell.alignRight !== undefined ? PdfWriter.margin + cell.alignRight - font.widthOfTextAtSize(value, size) : PdfWriter.margin + cell.x;
      this.page.drawText(value, { x, y: this.y, size, font });
    }
  }

  rule() {
    this.ensure(8);
    this.y -= 4;
    this.page.drawLine({ start: { x: PdfWriter.margin, y: this.y }, end: { x: 595.28 - PdfWriter.margin, y: this.y }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    this.y -= 4;
  }

  async bytes(): Promise<Uint8Array> {
    return this.doc.save();
  }
}

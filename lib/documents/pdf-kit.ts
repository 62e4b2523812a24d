import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts, type RGB } from "pdf-lib";
import { toWinAnsi } from "./winansi";

/**
 * The little layout pdf-lib lacks: wrapped, aligned and justified paragraphs, tables
 * with borders that break across pages, all top-down. Every string is passed through
 * toWinAnsi here, so callers hand over user text as it is.
 */

export type Fonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont };
export type Align = "left" | "center" | "right" | "justify";

export const black = rgb(0, 0, 0);
export const A4: [number, number] = [595.28, 841.89];
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28];

export async function embedFonts(doc: PDFDocument, family: "helvetica" | "times" = "helvetica"): Promise<Fonts> {
  const names =
    family === "times"
      ? [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold, StandardFonts.TimesRomanItalic]
      : [StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.HelveticaOblique];
  const [regular, bold, italic] = await Promise.all(names.map((n) => doc.embedFont(n)));
  return { regular, bold, italic };
}

/** Lines of at most `width` points; a word longer than a line is cut where it must be. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const clean = toWinAnsi(text);
  if (!clean) return [""];
  const lines: string[] = [];
  let line = "";
  for (const word of clean.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  lines.push(line);
  return lines;
}

/** The largest size from `max` down to `min` at which `text` fits on one line of `width`. */
export function fitSize(text: string, font: PDFFont, max: number, min: number, width: number): number {
  const clean = toWinAnsi(text);
  let size = max;
  while (size > min && font.widthOfTextAtSize(clean, size) > width) size -= 0.5;
  return size;
}

/** Draws one already-wrapped line at baseline `y` between x and x + width. */
export function drawLine(page: PDFPage, line: string, o: { x: number; y: number; width: number; font: PDFFont; size: number; align?: Align; color?: RGB; last?: boolean }) {
  const color = o.color ?? black;
  const lineWidth = o.font.widthOfTextAtSize(line, o.size);
  const words = line.split(" ");
  if (o.align === "justify" && !o.last && words.length > 1) {
    const gap = (o.width - words.reduce((sum, w) => sum + o.font.widthOfTextAtSize(w, o.size), 0)) / (words.length - 1);
    let x = o.x;
    for (const word of words) {
      page.drawText(word, { x, y: o.y, font: o.font, size: o.size, color });
      x += o.font.widthOfTextAtSize(word, o.size) + gap;
    }
    return;
  }
  const x = o.align === "center" ? o.x + (o.width - lineWidth) / 2 : o.align === "right" ? o.x + o.width - lineWidth : o.x;
  page.drawText(line, { x, y: o.y, font: o.font, size: o.size, color });
}

export type TextOptions = { font?: PDFFont; size?: number; align?: Align; indent?: number; width?: number; color?: RGB; leading?: number; after?: number };
export type Column = { header: string; width: number; align?: Align };
export type Cell = string | { text: string; align: Align };

/** A top-down writer over A4 pages with margins; starts a new page when the next piece does not fit. */
export class Flow {
  page: PDFPage;
  y: number;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly size: [number, number] = A4,
    readonly margin = { top: 56, right: 64, bottom: 64, left: 72 },
  ) {
    this.page = doc.addPage(size);
    this.y = size[1] - margin.top;
  }

  get left() {
    return this.margin.left;
  }

  get width() {
    return this.size[0] - this.margin.left - this.margin.right;
  }

  addPage() {
    this.page = this.doc.addPage(this.size);
    this.y = this.size[1] - this.margin.top;
  }

  /** Makes room for `height` points, on a new page if need be. */
  ensure(height: number) {
    if (this.y - height < this.margin.bottom) this.addPage();
  }

  space(height: number) {
    this.y -= height;
  }

  /** The height text(text, o) will take, to keep pieces together on one page. */
  measure(text: string, o: TextOptions = {}): number {
    const font = o.font ?? this.fonts.regular;
    const size = o.size ?? 11;
    return wrap(text, font, size, (o.width ?? this.width) - (o.indent ?? 0)).length * (o.leading ?? size * 1.45) + (o.after ?? 0);
  }

  text(text: string, o: TextOptions = {}) {
    const font = o.font ?? this.fonts.regular;
    const size = o.size ?? 11;
    const leading = o.leading ?? size * 1.45;
    const indent = o.indent ?? 0;
    const width = (o.width ?? this.width) - indent;
    const lines = wrap(text, font, size, width);
    lines.forEach((line, i) => {
      this.ensure(leading);
      this.y -= leading;
      drawLine(this.page, line, { x: this.left + indent, y: this.y + (leading - size) / 2, width, font, size, align: o.align, color: o.color, last: i === lines.length - 1 });
    });
    this.y -= o.after ?? 0;
  }

  rule(thickness = 0.75, gap = 2) {
    this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.left + this.width, y: this.y }, thickness, color: black });
    this.y -= gap;
  }

  /**
   * A bordered table; the header repeats on each new page. `minHeight` leaves room (e.g. to
   * sign); cells may set their own alignment; text sits at the top, or in the middle.
   */
  table(columns: Column[], rows: Cell[][], o: { size?: number; minHeight?: number; middle?: boolean; captions?: { text: string; options: TextOptions }[] } = {}) {
    const size = o.size ?? 10;
    const leading = size * 1.3;
    const pad = 4;
    const headerFill = rgb(0.9, 0.92, 0.94);
    type Laid = { lines: string[]; align?: Align };
    const layout = (cells: Cell[], font: PDFFont): Laid[] =>
      cells.map((cell, i) => {
        const { text, align } = typeof cell === "string" ? { text: cell, align: columns[i].align } : cell;
        return { lines: wrap(text, font, size, columns[i].width - 2 * pad), align };
      });
    const heightOf = (cells: Laid[], min = 0) => Math.max(min, Math.max(...cells.map((c) => c.lines.length)) * leading + 2 * pad);
    const drawRow = (cells: Laid[], height: number, font: PDFFont, middle: boolean, fill?: RGB) => {
      let x = this.left;
      cells.forEach((cell, i) => {
        const column = columns[i];
        this.page.drawRectangle({ x, y: this.y - height, width: column.width, height, borderColor: black, borderWidth: 0.6, color: fill });
        const top = middle ? this.y - (height - cell.lines.length * leading) / 2 : this.y - pad;
        cell.lines.forEach((line, j) => {
          const baseline = top - (j + 1) * leading + (leading - size) / 2 + 1;
          drawLine(this.page, line, { x: x + pad, y: baseline, width: column.width - 2 * pad, font, size, align: cell.align === "justify" ? "left" : cell.align });
        });
        x += column.width;
      });
      this.y -= height;
    };
    const header = layout(columns.map((c) => ({ text: c.header, align: "center" as const })), this.fonts.bold);
    const headerHeight = heightOf(header);
    // The lines that introduce the table, its header and its first row stay together.
    const captions = o.captions ?? [];
    const firstRow = rows.length ? heightOf(layout(rows[0], this.fonts.regular), o.minHeight) : 0;
    this.ensure(captions.reduce((sum, c) => sum + this.measure(c.text, c.options), 0) + headerHeight + firstRow);
    for (const caption of captions) this.text(caption.text, caption.options);
    drawRow(header, headerHeight, this.fonts.bold, true, headerFill);
    for (const row of rows) {
      const cells = layout(row, this.fonts.regular);
      const height = heightOf(cells, o.minHeight);
      if (this.y - height < this.margin.bottom) {
        this.addPage();
        drawRow(header, headerHeight, this.fonts.bold, true, headerFill);
      }
      drawRow(cells, height, this.fonts.regular, o.middle ?? false);
    }
  }
}

/** "Halaman 1 dari 2" centred at the foot of every page, once the document is complete. */
export function numberPages(doc: PDFDocument, font: PDFFont, note = "") {
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const { width } = page.getSize();
    const text = toWinAnsi(`${note ? `${note} - ` : ""}Halaman ${i + 1} dari ${pages.length}`);
    const size = 8;
    page.drawText(text, { x: (width - font.widthOfTextAtSize(text, size)) / 2, y: 30, size, font, color: rgb(0.35, 0.35, 0.35) });
  });
}

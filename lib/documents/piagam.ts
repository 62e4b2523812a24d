import { type PDFFont, PDFDocument, type PDFPage, rgb, type RGB } from "pdf-lib";
import QRCode from "qrcode";
import { env } from "@/lib/env";
import type { DocumentEdition, PlacementData } from "./load-results";
import { levelLine, officeName, placeName, placementHeading, regionTitle } from "./labels";
import { A4_LANDSCAPE, drawLine, embedFonts, type Fonts, fitSize, wrap } from "./pdf-kit";
import { tanggalWib } from "./terbilang";
import { toWinAnsi } from "./winansi";

/**
 * Piagam penghargaan: one A4 landscape page per placement, with a QR code that opens
 * /verifikasi/{certificateCode} (the code is printed too, for those who type it).
 */

export type PiagamEntry = {
  certificateCode: string;
  kimName: string;
  placement: string;
  filmTitle: string | null;
  categoryName: string | null;
  edition: Pick<DocumentEdition, "title" | "year" | "level" | "regionName" | "regionCode">;
  date: Date; // the announcement date, shown in WIB
};

const brand = rgb(0.06, 0.37, 0.36);
const gold = rgb(0.72, 0.56, 0.2);
const ink = rgb(0.1, 0.1, 0.1);

export function verificationUrl(code: string, publicUrl = env().publicUrl): string {
  return `${publicUrl}/verifikasi/${encodeURIComponent(code)}`;
}

/** One certificate per placement that has a code, in podium order, then one per special award; dated the day the results are (to be) announced. */
export function piagamEntries(data: PlacementData, now = new Date()): PiagamEntry[] {
  const { edition } = data;
  const date = edition.publishedAt ?? edition.scheduledPublishAt ?? edition.announceAt ?? edition.sealedAt ?? now;
  const placed = data.placements
    .filter((p) => p.certificateCode)
    .map((p) => ({ certificateCode: p.certificateCode!, kimName: p.kimName, placement: p.placement, filmTitle: p.filmTitle, categoryName: p.categoryName, edition, date }));
  // Special awards follow the podium, one piagam each, the award's name as the heading.
  const special = data.specialAwards
    .filter((a) => a.certificateCode)
    .map((a) => ({ certificateCode: a.certificateCode!, kimName: a.kimName, placement: a.name, filmTitle: a.filmTitle, categoryName: null, edition, date }));
  return [...placed, ...special];
}

export async function piagamPdf(entry: PiagamEntry, options: { publicUrl?: string } = {}): Promise<Buffer> {
  return piagamBundlePdf([entry], options);
}

/** All certificates of an edition in one PDF, one page each. */
export async function piagamBundlePdf(entries: PiagamEntry[], options: { publicUrl?: string } = {}): Promise<Buffer> {
  const publicUrl = options.publicUrl ?? env().publicUrl;
  const doc = await PDFDocument.create();
  const first = entries[0];
  doc.setTitle(entries.length === 1 && first ? `Piagam ${first.placement} ${first.edition.title}` : `Piagam ${first?.edition.title ?? ""}`.trim());
  doc.setCreator("Layar");
  doc.setProducer("Layar");
  if (first) {
    doc.setAuthor(officeName(first.edition));
    doc.setCreationDate(first.date);
    doc.setModificationDate(first.date);
  }
  const times = await embedFonts(doc, "times");
  const helvetica = await embedFonts(doc, "helvetica");
  for (const entry of entries) await drawPiagam(doc, entry, { times, helvetica }, verificationUrl(entry.certificateCode, publicUrl));
  return Buffer.from(await doc.save());
}

type Faces = { times: Fonts; helvetica: Fonts };

async function drawPiagam(doc: PDFDocument, entry: PiagamEntry, { times, helvetica }: Faces, url: string) {
  const page = doc.addPage(A4_LANDSCAPE);
  const [width, height] = A4_LANDSCAPE;
  drawBorder(page, width, height);

  const column = { x: 90, width: width - 180 };
  let y = height - 56;
  /** Centred lines, shrunk towards minSize before wrapping; returns the widest line drawn. */
  const centred = (text: string, font: PDFFont, size: number, o: { color?: RGB; gap?: number; minSize?: number } = {}) => {
    const fitted = fitSize(text, font, size, o.minSize ?? size, column.width);
    let widest = 0;
    for (const line of wrap(text, font, fitted, column.width)) {
      y -= fitted * 1.2;
      drawLine(page, line, { x: column.x, y, width: column.width, font, size: fitted, align: "center", color: o.color ?? ink });
      widest = Math.max(widest, font.widthOfTextAtSize(line, fitted));
    }
    y -= o.gap ?? 0;
    return widest;
  };

  centred(`PEMERINTAH ${regionTitle(entry.edition).toUpperCase()}`, helvetica.bold, 11, { color: brand, minSize: 8 });
  centred("DINAS KOMUNIKASI DAN INFORMATIKA", helvetica.bold, 12.5, { color: brand, gap: 14 });
  centred("PIAGAM PENGHARGAAN", times.bold, 36, { color: brand, gap: 8 });
  centred("diberikan kepada", times.italic, 15, { gap: 4 });
  const nameWidth = centred(entry.kimName, times.bold, 30, { minSize: 18 });
  const rule = Math.min(column.width, Math.max(nameWidth + 40, 240));
  page.drawLine({ start: { x: (width - rule) / 2, y: y - 8 }, end: { x: (width + rule) / 2, y: y - 8 }, thickness: 1, color: gold });
  y -= 16;
  centred("atas prestasinya sebagai", times.italic, 15, { gap: 4 });
  centred(placementHeading(entry.placement), helvetica.bold, 26, { color: brand, gap: 8 });
  if (entry.filmTitle) {
    centred("dengan film berjudul", times.regular, 13);
    centred(`"${toWinAnsi(entry.filmTitle)}"`, times.italic, 16, { minSize: 11, gap: 6 });
  }
  centred(`dalam ${entry.edition.title}`, times.regular, 13, { minSize: 11 });
  const where = `${levelLine(entry.edition)}${entry.edition.year ? ` Tahun ${entry.edition.year}` : ""}`;
  centred(entry.categoryName ? `${where} - Kategori ${entry.categoryName}` : where, times.regular, 13, { minSize: 10 });

  // Signature block, bottom right.
  const block = { x: width - 90 - 280, width: 280 };
  let sy = 192;
  const sign = (text: string, font: PDFFont, size: number) => {
    for (const line of wrap(text, font, size, block.width)) {
      sy -= size * 1.35;
      drawLine(page, line, { x: block.x, y: sy, width: block.width, font, size, align: "center", color: ink });
    }
  };
  sign(`${placeName(entry.edition)}, ${tanggalWib(entry.date)}`, times.regular, 12);
  sign("Kepala Dinas Komunikasi dan Informatika", times.regular, 12);
  sign(regionTitle(entry.edition), times.regular, 12);
  sy -= 44;
  const name = "(.......................................................)";
  sign(name, times.bold, 12);
  sy -= 14;
  // NIP starts under the opening bracket of the name line, as on typed forms.
  page.drawText("NIP. ..................................................", { x: block.x + (block.width - times.bold.widthOfTextAtSize(name, 12)) / 2, y: sy, size: 11, font: times.regular, color: ink });

  await drawQr(doc, page, url, entry.certificateCode, helvetica);
}

async function drawQr(doc: PDFDocument, page: PDFPage, url: string, code: string, helvetica: Fonts) {
  const png = await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 2, scale: 8, color: { dark: "#000000", light: "#ffffff" } });
  const image = await doc.embedPng(png);
  const size = 92;
  const x = 90;
  const y = 78;
  page.drawImage(image, { x, y, width: size, height: size });
  const small = 8;
  const label = toWinAnsi(`Kode: ${code}`);
  page.drawText(label, { x: x + (size - helvetica.bold.widthOfTextAtSize(label, 9)) / 2, y: y - 12, size: 9, font: helvetica.bold, color: ink });
  // Room up to the signature block; a long PUBLIC_URL wraps instead of running into it.
  const room = 250;
  const lines = [
    ...wrap("Pindai kode QR atau buka alamat", helvetica.regular, small, room).map((text) => ({ text, font: helvetica.regular })),
    ...wrapUrl(url.replace(/^https?:\/\//, ""), helvetica.bold, small, room).map((text) => ({ text, font: helvetica.bold })),
    ...wrap("untuk memeriksa keaslian piagam ini.", helvetica.regular, small, room).map((text) => ({ text, font: helvetica.regular })),
  ];
  const top = y + size / 2 + (lines.length * 11) / 2 - 8;
  lines.forEach((line, i) => page.drawText(line.text, { x: x + size + 10, y: top - i * 11, size: small, font: line.font, color: ink }));
}

/** A URL over lines broken after its slashes (a segment longer than a line is cut where it must be). */
function wrapUrl(url: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const segment of toWinAnsi(url).split(/(?<=\/)/)) {
    if (line && font.widthOfTextAtSize(line + segment, size) > width) {
      lines.push(line);
      line = "";
    }
    line += segment;
  }
  return [...lines, ...wrap(line, font, size, width)];
}

function drawBorder(page: PDFPage, width: number, height: number) {
  page.drawRectangle({ x: 18, y: 18, width: width - 36, height: height - 36, borderColor: brand, borderWidth: 4 });
  page.drawRectangle({ x: 28, y: 28, width: width - 56, height: height - 56, borderColor: gold, borderWidth: 1.2 });
  page.drawRectangle({ x: 32, y: 32, width: width - 64, height: height - 64, borderColor: gold, borderWidth: 0.5 });
  for (const [cx, cy] of [[28, 28], [width - 28, 28], [28, height - 28], [width - 28, height - 28]]) {
    page.drawSquare({ x: cx - 6, y: cy - 6, size: 12, color: gold, rotate: undefined });
  }
}

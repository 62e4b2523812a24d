import { degrees, LineCapStyle, type PDFFont, PDFDocument, type PDFImage, type PDFPage, rgb, type RGB } from "pdf-lib";
import QRCode from "qrcode";
import type { EditionDocuments } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";
import { env } from "@/lib/env";
import type { DocumentEdition, DocumentLogo, PlacementData } from "./load-results";
import { levelLine, officeName, placeName, placementHeading, regionTitle } from "./labels";
import { embedLogo, logoSize, signatoryName, signatoryNip, signatoryPosition } from "./letterhead";
import { A4_LANDSCAPE, drawLine, embedFonts, type Fonts, fitSize, wrap } from "./pdf-kit";
import { tanggalWib } from "./terbilang";
import { toWinAnsi } from "./winansi";

/**
 * Piagam penghargaan: one A4 landscape page per certificate, with a QR code that opens
 * /verifikasi/{certificateCode} (the code is printed too, for those who type it). Four kinds:
 * a placement (Juara I ... Harapan III), a special award, a participation piagam (peserta, one
 * per judged film) and a judge's piagam (juri).
 *
 * Before the results are public a piagam is a draft: marked "DRAF - belum berlaku", with
 * "tanggal pengumuman" where the date goes and a box saying the code is issued at publication
 * where the code and the QR code go. Nothing on a draft can pass for a valid certificate.
 */

export type PiagamKind = "juara" | "khusus" | "peserta" | "juri";

export type PiagamEntry = {
  kind: PiagamKind;
  certificateCode: string;
  holderName: string; // the KIM, or the judge
  award: string; // "Juara II", a special award's name, "Peserta", "Dewan Juri"
  filmTitle: string | null;
  categoryName: string | null;
  edition: Pick<DocumentEdition, "title" | "year" | "level" | "regionName" | "regionCode">;
  date: Date | null; // the publication date, shown in WIB; null while the piagam is a draft
};

/** The signatory and the logo printed on every piagam of an edition. */
export type PiagamLetterhead = { documents: EditionDocuments; logo: DocumentLogo | null };

const brand = rgb(0.06, 0.37, 0.36);
const gold = rgb(0.72, 0.56, 0.2);
const ink = rgb(0.1, 0.1, 0.1);
const draftRed = rgb(0.75, 0.1, 0.1);

export function verificationUrl(code: string, publicUrl = env().publicUrl): string {
  return `${publicUrl}/verifikasi/${encodeURIComponent(code)}`;
}

/** The date a piagam carries: the day the results became public (WIB), or null while they are not (a draft). */
export function piagamDate(edition: Pick<DocumentEdition, "status" | "publishedAt" | "scheduledPublishAt">, now = new Date()): Date | null {
  if (!resultsArePublic(edition, now)) return null;
  return edition.publishedAt ?? edition.scheduledPublishAt ?? now;
}

export type PiagamSet = "pemenang" | "peserta" | "juri" | "semua";

/**
 * The certificates of an edition: "pemenang" is every placement with a code in podium order,
 * then one per special award; "peserta" one per judged film (by film code); "juri" one per
 * judge (by name); "semua" all of them.
 */
export function piagamEntries(data: PlacementData, now = new Date(), set: PiagamSet = "pemenang"): PiagamEntry[] {
  const { edition } = data;
  const date = piagamDate(edition, now);
  const base = { edition, date };
  const placed: PiagamEntry[] = data.placements
    .filter((p) => p.certificateCode)
    .map((p) => ({ ...base, kind: "juara", certificateCode: p.certificateCode!, holderName: p.kimName, award: p.placement, filmTitle: p.filmTitle, categoryName: p.categoryName }));
  const special: PiagamEntry[] = data.specialAwards
    .filter((a) => a.certificateCode)
    .map((a) => ({ ...base, kind: "khusus", certificateCode: a.certificateCode!, holderName: a.kimName, award: a.name, filmTitle: a.filmTitle, categoryName: null }));
  const participants: PiagamEntry[] = data.participants.map((p) => ({ ...base, kind: "peserta", certificateCode: p.certificateCode, holderName: p.kimName, award: "Peserta", filmTitle: p.filmTitle, categoryName: p.categoryName }));
  const jurors: PiagamEntry[] = data.jurors.map((j) => ({ ...base, kind: "juri", certificateCode: j.certificateCode, holderName: j.name, award: "Dewan Juri", filmTitle: null, categoryName: null }));
  if (set === "pemenang") return [...placed, ...special];
  if (set === "peserta") return participants;
  if (set === "juri") return jurors;
  return [...placed, ...special, ...participants, ...jurors];
}

type BundleOptions = { publicUrl?: string; letterhead?: PiagamLetterhead };

export async function piagamPdf(entry: PiagamEntry, options: BundleOptions = {}): Promise<Buffer> {
  return piagamBundlePdf([entry], options);
}

/** Certificates in one PDF, one page each. */
export async function piagamBundlePdf(entries: PiagamEntry[], options: BundleOptions = {}): Promise<Buffer> {
  const publicUrl = options.publicUrl ?? env().publicUrl;
  const letterhead = options.letterhead ?? { documents: {}, logo: null };
  const doc = await PDFDocument.create();
  const first = entries[0];
  const draft = entries.some((e) => !e.date);
  const title = entries.length === 1 && first ? `Piagam ${first.award} ${first.edition.title}` : `Piagam ${first?.edition.title ?? ""}`.trim();
  doc.setTitle(draft ? `DRAF ${title}` : title);
  doc.setCreator("Layar");
  doc.setProducer("Layar");
  if (first) doc.setAuthor(officeName(first.edition));
  if (first?.date) {
    doc.setCreationDate(first.date);
    doc.setModificationDate(first.date);
  }
  const faces = { times: await embedFonts(doc, "times"), helvetica: await embedFonts(doc, "helvetica") };
  const logo = await embedLogo(doc, letterhead.logo);
  for (const entry of entries) await drawPiagam(doc, entry, faces, { url: verificationUrl(entry.certificateCode, publicUrl), documents: letterhead.documents, logo });
  return Buffer.from(await doc.save());
}

type Faces = { times: Fonts; helvetica: Fonts };
type Extras = { url: string; documents: EditionDocuments; logo: PDFImage | null };

/** The line that says why the holder receives the piagam, and whether the film is named. */
const reasons: Record<PiagamKind, { because: string; withFilm: boolean }> = {
  juara: { because: "atas prestasinya sebagai", withFilm: true },
  khusus: { because: "atas prestasinya sebagai", withFilm: true },
  peserta: { because: "atas partisipasinya sebagai", withFilm: true },
  juri: { because: "atas pengabdiannya sebagai", withFilm: false },
};

async function drawPiagam(doc: PDFDocument, entry: PiagamEntry, { times, helvetica }: Faces, extras: Extras) {
  const page = doc.addPage(A4_LANDSCAPE);
  const [width, height] = A4_LANDSCAPE;
  drawBorder(page, width, height);
  if (!entry.date) drawDraftMarks(page, width, height, helvetica);

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

  // The letterhead: the logo to the left of the two header lines, as on a kop surat.
  const top = y;
  const headerWidth = Math.max(
    centred(`PEMERINTAH ${regionTitle(entry.edition).toUpperCase()}`, helvetica.bold, 11, { color: brand, minSize: 8 }),
    centred("DINAS KOMUNIKASI DAN INFORMATIKA", helvetica.bold, 12.5, { color: brand }),
  );
  if (extras.logo) {
    const size = logoSize(extras.logo, 46);
    const middle = (top + y) / 2 + 4;
    page.drawImage(extras.logo, { x: Math.max(48, (width - headerWidth) / 2 - size.width - 12), y: middle - size.height / 2, ...size });
  }
  y -= 14;
  centred("PIAGAM PENGHARGAAN", times.bold, 36, { color: brand, gap: 8 });
  centred("diberikan kepada", times.italic, 15, { gap: 4 });
  const nameWidth = centred(entry.holderName, times.bold, 30, { minSize: 18 });
  const rule = Math.min(column.width, Math.max(nameWidth + 40, 240));
  page.drawLine({ start: { x: (width - rule) / 2, y: y - 8 }, end: { x: (width + rule) / 2, y: y - 8 }, thickness: 1, color: gold });
  y -= 16;
  const reason = reasons[entry.kind];
  centred(reason.because, times.italic, 15, { gap: 4 });
  centred(placementHeading(entry.award), helvetica.bold, 26, { color: brand, gap: 8, minSize: 16 });
  if (reason.withFilm && entry.filmTitle) {
    centred("dengan film berjudul", times.regular, 13);
    centred(`"${toWinAnsi(entry.filmTitle)}"`, times.italic, 16, { minSize: 11, gap: 6 });
  }
  centred(`dalam ${entry.edition.title}`, times.regular, 13, { minSize: 11 });
  const where = `${levelLine(entry.edition)}${entry.edition.year ? ` Tahun ${entry.edition.year}` : ""}`;
  centred(entry.categoryName ? `${where} - Kategori ${entry.categoryName}` : where, times.regular, 13, { minSize: 10 });

  drawSignature(page, entry, times, extras.documents, width);
  if (entry.date) await drawQr(doc, page, extras.url, entry.certificateCode, helvetica);
  else drawCodePlaceholder(page, helvetica);
}

/** Bottom right: place and date (or "tanggal pengumuman" on a draft), position, room to sign, name and NIP. */
function drawSignature(page: PDFPage, entry: PiagamEntry, times: Fonts, documents: EditionDocuments, width: number) {
  const block = { x: width - 90 - 280, width: 280 };
  let sy = 192;
  const sign = (text: string, font: PDFFont, size: number, color = ink) => {
    for (const line of wrap(text, font, size, block.width)) {
      sy -= size * 1.35;
      drawLine(page, line, { x: block.x, y: sy, width: block.width, font, size, align: "center", color });
    }
  };
  const place = placeName(entry.edition);
  if (entry.date) sign(`${place}, ${tanggalWib(entry.date)}`, times.regular, 12);
  else sign(`${place}, (tanggal pengumuman)`, times.italic, 12, draftRed);
  for (const line of signatoryPosition(documents, entry.edition)) sign(line, times.regular, 12);
  sy -= 40;
  const name = signatoryName(documents);
  const size = fitSize(name.text, times.bold, 12, 9, block.width);
  sy -= size * 1.35;
  const nameWidth = times.bold.widthOfTextAtSize(toWinAnsi(name.text), size);
  const start = block.x + (block.width - nameWidth) / 2;
  drawLine(page, toWinAnsi(name.text), { x: block.x, y: sy, width: block.width, font: times.bold, size, align: "center", color: ink });
  // A typed name is underlined, as Indonesian official signatures are.
  if (name.given) page.drawLine({ start: { x: start, y: sy - 2 }, end: { x: start + nameWidth, y: sy - 2 }, thickness: 0.7, color: ink });
  sy -= 14;
  // NIP starts under the name line's first letter, as on typed forms.
  page.drawText(toWinAnsi(signatoryNip(documents)), { x: start, y: sy, size: 11, font: times.regular, color: ink });
}

async function drawQr(doc: PDFDocument, page: PDFPage, url: string, code: string, helvetica: Fonts) {
  const png = await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 2, scale: 8, color: { dark: "#000000", light: "#ffffff" } });
  const image = await doc.embedPng(png);
  const { x, y, size } = QR_BOX;
  page.drawImage(image, { x, y, width: size, height: size });
  const label = toWinAnsi(`Kode: ${code}`);
  page.drawText(label, { x: x + (size - helvetica.bold.widthOfTextAtSize(label, 9)) / 2, y: y - 12, size: 9, font: helvetica.bold, color: ink });
  const small = 8;
  // Room up to the signature block; a long PUBLIC_URL wraps instead of running into it.
  sideNote(page, [
    ...wrap("Pindai kode QR atau buka alamat", helvetica.regular, small, SIDE_ROOM).map((text) => ({ text, font: helvetica.regular })),
    ...wrapUrl(url.replace(/^https?:\/\//, ""), helvetica.bold, small, SIDE_ROOM).map((text) => ({ text, font: helvetica.bold })),
    ...wrap("untuk memeriksa keaslian piagam ini.", helvetica.regular, small, SIDE_ROOM).map((text) => ({ text, font: helvetica.regular })),
  ]);
}

/** Where the QR code goes on a draft: a dashed box that says the code comes with the publication. */
function drawCodePlaceholder(page: PDFPage, helvetica: Fonts) {
  const { x, y, size } = QR_BOX;
  page.drawRectangle({ x, y, width: size, height: size, borderColor: draftRed, borderWidth: 1, borderDashArray: [4, 3] });
  const lines = wrap("Kode verifikasi diterbitkan saat hasil diumumkan", helvetica.bold, 8, size - 12);
  lines.forEach((line, i) => drawLine(page, line, { x: x + 6, y: y + size / 2 + (lines.length * 10) / 2 - 8 - i * 10, width: size - 12, font: helvetica.bold, size: 8, align: "center", color: draftRed }));
  sideNote(page, wrap("Piagam ini masih draf dan belum berlaku. Tanggal, kode verifikasi dan kode QR diterbitkan saat hasil diumumkan.", helvetica.regular, 8, SIDE_ROOM).map((text) => ({ text, font: helvetica.regular })));
}

const QR_BOX = { x: 90, y: 78, size: 92 };
const SIDE_ROOM = 250;

function sideNote(page: PDFPage, lines: { text: string; font: PDFFont }[]) {
  const { x, y, size } = QR_BOX;
  const top = y + size / 2 + (lines.length * 11) / 2 - 8;
  lines.forEach((line, i) => page.drawText(line.text, { x: x + size + 10, y: top - i * 11, size: 8, font: line.font, color: ink }));
}

// Block letters for the faint "DRAF" across a draft, as vector strokes in a 60 x 100 box (SVG
// coordinates, y down). Drawn as paths rather than text, so that copying or extracting the
// certificate's text does not interleave the big letters with its words.
const DRAFT_LETTERS = [
  "M0,0 L0,100 L28,100 Q60,100 60,50 Q60,0 28,0 Z", // D
  "M0,100 L0,0 L34,0 Q60,0 60,25 Q60,50 34,50 L0,50 M28,50 L60,100", // R
  "M0,100 L30,0 L60,100 M12,62 L48,62", // A
  "M60,0 L0,0 L0,100 M0,50 L44,50", // F
];

/** A draft says so twice: a line at the top and a large, faint word across the page. */
function drawDraftMarks(page: PDFPage, width: number, height: number, helvetica: Fonts) {
  const scale = 1.7;
  const angle = 24;
  const rad = (angle * Math.PI) / 180;
  // The word is 4 x 60 + 3 x 24 units wide and 100 high; put its centre on the page's centre.
  const [cx, cy] = [((4 * 60 + 3 * 24) / 2) * scale, (100 / 2) * scale];
  const origin = { x: width / 2 - (cx * Math.cos(rad) + cy * Math.sin(rad)), y: height / 2 - (cx * Math.sin(rad) - cy * Math.cos(rad)) };
  DRAFT_LETTERS.forEach((path, i) => {
    const dx = i * 84 * scale;
    page.drawSvgPath(path, {
      x: origin.x + dx * Math.cos(rad),
      y: origin.y + dx * Math.sin(rad),
      scale,
      rotate: degrees(angle),
      borderColor: draftRed,
      borderWidth: 14,
      borderOpacity: 0.13,
      borderLineCap: LineCapStyle.Round,
    });
  });
  const mark = "DRAF - belum berlaku";
  page.drawText(mark, { x: width - 48 - helvetica.bold.widthOfTextAtSize(mark, 11), y: height - 50, size: 11, font: helvetica.bold, color: draftRed });
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

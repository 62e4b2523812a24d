import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFRef } from "pdf-lib";
import sharp from "sharp";
import type { DocumentData } from "@/lib/documents/load-results";

/** Shared by the document tests (unit and integration); not a test file itself. */

export function hasBinary(name: string): boolean {
  try {
    execFileSync("which", [name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const spaces = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * The text of a PDF, whitespace collapsed. pdftotext (poppler-utils) reads it as a
 * person's viewer would; without it, the strings drawn by pdf-lib (hex strings shown
 * with Tj, WinAnsi-encoded) are read back from the content streams.
 */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  if (hasBinary("pdftotext")) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-pdf-"));
    try {
      fs.writeFileSync(path.join(dir, "in.pdf"), pdf);
      return spaces(execFileSync("pdftotext", ["-enc", "UTF-8", path.join(dir, "in.pdf"), "-"], { encoding: "utf8" }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return contentStreamText(pdf);
}

/** Strings drawn with Tj, in drawing order, from every page's content streams. */
export async function contentStreamText(pdf: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(pdf);
  const decoder = new TextDecoder("windows-1252");
  const parts: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref as PDFRef)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const source = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
      for (const match of source.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) parts.push(decoder.decode(Buffer.from(match[1], "hex")));
    }
  }
  return spaces(parts.join(" "));
}

/** Decodes the QR code of the embedded image(s) on `pageIndex`: what a phone reads from the file itself. */
export async function qrFromEmbeddedImage(pdf: Uint8Array, pageIndex = 0): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const resources = doc.getPage(pageIndex).node.Resources();
  const xobjects = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  const found: string[] = [];
  for (const [, ref] of xobjects?.entries() ?? []) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of("Subtype")) !== PDFName.of("Image")) continue;
    const width = (stream.dict.get(PDFName.of("Width")) as PDFNumber).asNumber();
    const height = (stream.dict.get(PDFName.of("Height")) as PDFNumber).asNumber();
    const pixels = decodePDFRawStream(stream).decode();
    const channels = pixels.length / (width * height);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = pixels[i * channels + (channels >= 3 ? c : 0)];
      rgba[i * 4 + 3] = 255;
    }
    const code = jsQR(rgba, width, height);
    if (code) found.push(code.data);
  }
  return found;
}

/** Renders a page with pdftoppm and decodes any QR code on it: what a phone reads from a print. */
export async function qrFromRenderedPage(pdf: Uint8Array, page = 1): Promise<string | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-qr-"));
  try {
    fs.writeFileSync(path.join(dir, "in.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", "110", "-png", "-f", String(page), "-l", String(page), "-singlefile", path.join(dir, "in.pdf"), path.join(dir, "page")]);
    const { data, info } = await sharp(path.join(dir, "page.png")).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const awkwardTitle = 'Kabar, "Desa"\nBaru <script>alert(1)</script>';
export const unicodeTitle = "ꦱꦼꦤꦶ Gotong Royong 🎬 – “Desa” … Café";

/** A small finished edition as loadDocumentData would return it. */
export function sampleData(): DocumentData {
  const judges = [
    { id: "j1", name: "Bambang Hermawan" },
    { id: "j2", name: "Rina Kartikasari, S.I.Kom." },
  ];
  const criteria = [
    { id: "c1", name: "Kesesuaian tema", weight: 60, minScore: 50, maxScore: 100 },
    { id: "c2", name: "Teknik produksi", weight: 40, minScore: 50, maxScore: 100 },
  ];
  const titles = [awkwardTitle, unicodeTitle, "=HYPERLINK(\"http://x\")"];
  const films = titles.map((title, i) => ({
    id: `f${i}`,
    code: `KRA-${101 + i}`,
    title,
    kimName: `KIM Uji ${i + 1}`,
    categoryName: null,
    judgeTotals: { j1: 90 - i * 5, j2: 84.995 - i * 5 },
    rawMean: 87.4975 - i * 5,
    score: 87.4975 - i * 5,
    rank: i + 1,
    placement: ["Juara I", "Juara II", "Juara III"][i],
  }));
  return {
    edition: {
      id: "e1",
      slug: "festival-uji",
      title: "Festival Film Pendek KIM Uji 2026",
      year: 2026,
      level: "kabupaten",
      regionCode: "33.13",
      regionName: "Kabupaten Karanganyar",
      theme: "Desa Cerdas",
      status: "disegel",
      sealedAt: new Date("2026-11-28T03:00:00Z"),
      publishedAt: null,
      scheduledPublishAt: null,
      announceAt: new Date("2026-12-01T02:00:00Z"),
      method: "mean",
      documents: {},
    },
    criteria,
    judges,
    films,
    scores: films.flatMap((f) => judges.flatMap((j) => criteria.map((c) => ({ filmId: f.id, judgeId: j.id, criterionId: c.id, score: 85, comment: `Catatan, "${c.name}"` })))),
    placements: films.map((f, i) => ({
      placement: f.placement,
      rank: i + 1,
      score: Math.round(f.score * 100) / 100,
      certificateCode: `ABCDEF00000${i}`,
      kimId: `k${i}`,
      kimName: f.kimName,
      filmId: f.id,
      filmCode: f.code,
      filmTitle: f.title,
      categoryName: null,
    })),
    specialAwards: [],
    participants: films.map((f, i) => ({ certificateCode: `BBBBBB00000${i}`, kimId: `k${i}`, kimName: f.kimName, filmId: f.id, filmCode: f.code, filmTitle: f.title, categoryName: null })),
    jurors: judges.map((j, i) => ({ certificateCode: `CCCCCC00000${i}`, userId: j.id, name: j.name })),
    logo: null,
    juryDecisions: [],
    excluded: [],
  };
}

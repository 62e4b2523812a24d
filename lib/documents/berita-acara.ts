import { PDFDocument } from "pdf-lib";
import { formatScore } from "@/lib/results/rank";
import type { DocumentData, DocumentPlacement } from "./load-results";
import { levelLine, officeName, placeName, regionTitle } from "./labels";
import { A4, type Column, drawLine, embedFonts, Flow, numberPages, wrap } from "./pdf-kit";
import { angkaDanKata, pembukaBeritaAcara, tanggalWib } from "./terbilang";
import { toWinAnsi } from "./winansi";

/**
 * Berita Acara Penjurian, A4 portrait, in the form Diskominfo offices use: letterhead,
 * title and number line, the opening "Pada hari ini ..." with the date in words (WIB,
 * the day the results were sealed), counts in words, the jury with a signature column,
 * the criteria, the winners, the closing formula, place and date, signature blocks.
 */
export async function beritaAcaraPdf(data: DocumentData, now = new Date()): Promise<Buffer> {
  const { edition } = data;
  const date = edition.sealedAt ?? now;
  const doc = await PDFDocument.create();
  doc.setTitle(`Berita Acara Penjurian ${edition.title}`);
  doc.setAuthor(officeName(edition));
  doc.setCreator("Layar");
  doc.setProducer("Layar");
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const fonts = await embedFonts(doc);
  const flow = new Flow(doc, fonts, A4);

  // Letterhead.
  flow.text(`PEMERINTAH ${regionTitle(edition).toUpperCase()}`, { font: fonts.bold, size: 13, align: "center", leading: 17 });
  flow.text("DINAS KOMUNIKASI DAN INFORMATIKA", { font: fonts.bold, size: 15, align: "center", leading: 19, after: 6 });
  flow.rule(2, 2);
  flow.rule(0.6, 14);

  flow.text("BERITA ACARA PENJURIAN", { font: fonts.bold, size: 14, align: "center", leading: 18 });
  const titleWidth = fonts.bold.widthOfTextAtSize("BERITA ACARA PENJURIAN", 14);
  flow.page.drawLine({ start: { x: flow.left + (flow.width - titleWidth) / 2, y: flow.y + 1 }, end: { x: flow.left + (flow.width + titleWidth) / 2, y: flow.y + 1 }, thickness: 0.9 });
  flow.text("Nomor: ..................................................", { size: 10.5, align: "center", leading: 16, after: 6 });
  flow.text(edition.title.toUpperCase(), { font: fonts.bold, size: 12, align: "center", leading: 16 });
  if (edition.theme) flow.text(`Tema: "${edition.theme}"`, { font: fonts.italic, size: 11, align: "center", leading: 15 });
  flow.text(`${levelLine(edition)}${edition.year ? ` Tahun ${edition.year}` : ""}`, { size: 11, align: "center", leading: 15, after: 14 });

  const judged = data.films.filter((f) => Object.keys(f.judgeTotals).length > 0).length;
  const judges = data.judges.length;
  flow.text(
    `${pembukaBeritaAcara(date)}, dewan juri ${edition.title} telah menyelesaikan penilaian secara daring melalui aplikasi Layar ` +
      `terhadap karya film pendek yang diikutsertakan oleh Kelompok Informasi Masyarakat (KIM) se-${regionTitle(edition)}, ` +
      `sebanyak ${angkaDanKata(judged)} film, oleh ${angkaDanKata(judges)} orang dewan juri dengan susunan sebagai berikut:`,
    { align: "justify", after: 8 },
  );

  const juryColumns: Column[] = [
    { header: "No.", width: 32, align: "center" },
    { header: "Nama Juri", width: flow.width - 32 - 170 },
    { header: "Tanda Tangan", width: 170 },
  ];
  // The staggered "1. ......" of hand-signed lists: odd numbers left, even numbers right.
  const signature = (i: number) => ({ text: `${i + 1}. ......................................`, align: i % 2 === 0 ? ("left" as const) : ("right" as const) });
  flow.table(juryColumns, data.judges.map((j, i) => [`${i + 1}.`, j.name, signature(i)]), { size: 10.5, minHeight: 30, middle: true });
  flow.space(12);

  const weightSum = data.criteria.reduce((sum, c) => sum + c.weight, 0);
  const criteria = data.criteria.map((c) => `${c.name} (${formatShare((100 * c.weight) / weightSum)}%)`).join("; ");
  const method =
    edition.method === "zscore"
      ? "Nilai akhir setiap film adalah rata-rata nilai tertimbang (skala 0-100) dari para juri setelah dinormalisasi per juri (z-score) untuk menyetarakan kecenderungan tiap juri."
      : "Nilai akhir setiap film adalah rata-rata nilai tertimbang (skala 0-100) dari seluruh juri yang menilainya.";
  flow.text(`Penilaian dilakukan berdasarkan ${angkaDanKata(data.criteria.length)} kriteria dengan bobot sebagai berikut: ${criteria}. ${method}`, { align: "justify", after: 8 });
  const decided = { text: "Berdasarkan hasil penilaian tersebut, dewan juri menetapkan pemenang sebagai berikut:", options: { align: "justify" as const, after: 8 } };
  if (data.placements.length === 0) flow.text(decided.text, decided.options);

  for (const [index, [category, rows]] of groupByCategory(data.placements).entries()) {
    // Codes and placements are never broken over lines: their columns take what they need.
    const fit = (texts: string[], min: number, max: number) => Math.min(max, Math.max(min, ...texts.map((t) => fonts.regular.widthOfTextAtSize(toWinAnsi(t), 10) + 10)));
    const codeWidth = fit(rows.map((p) => p.filmCode ?? "-"), 50, 96);
    const placementWidth = fit(rows.map((p) => p.placement), 56, 96);
    const rest = flow.width - 28 - placementWidth - codeWidth - 52;
    flow.table(
      [
        { header: "No.", width: 28, align: "center" },
        { header: "Predikat", width: placementWidth },
        { header: "Kode Film", width: codeWidth },
        { header: "Judul Film", width: rest * 0.53 },
        { header: "KIM", width: rest * 0.47 },
        { header: "Nilai Akhir", width: 52, align: "right" },
      ],
      rows.map((p, i) => [`${i + 1}.`, p.placement, p.filmCode ?? "-", p.filmTitle ?? "-", p.kimName, p.score === null ? "-" : formatScore(p.score)]),
      {
        size: 10,
        captions: [...(index === 0 ? [decided] : []), ...(category ? [{ text: `Kategori: ${category}`, options: { font: fonts.bold, size: 11, after: 4 } }] : [])],
      },
    );
    flow.space(10);
  }
  if (data.placements.length === 0) flow.text("Tidak ada film yang ditetapkan sebagai pemenang.", { font: fonts.italic, after: 8 });
  if (data.specialAwards.length > 0) {
    const rest = flow.width - 28 - 110;
    flow.table(
      [
        { header: "No.", width: 28, align: "center" },
        { header: "Penghargaan", width: 110 },
        { header: "Judul Film", width: rest * 0.5 },
        { header: "KIM", width: rest * 0.5 },
      ],
      data.specialAwards.map((a, i) => [`${i + 1}.`, a.name, a.filmTitle, a.kimName]),
      { size: 10, captions: [{ text: "Selain itu ditetapkan penghargaan khusus sebagai berikut:", options: { align: "justify" as const, after: 6 } }] },
    );
    flow.space(10);
  }

  // The closing and the signatures stay together: a signature page never stands alone.
  const final = { font: fonts.bold, align: "justify" as const, after: 2 };
  const formula = "Keputusan dewan juri bersifat mutlak dan tidak dapat diganggu gugat.";
  const demikian = "Demikian berita acara ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.";
  flow.ensure(flow.measure(formula, final) + flow.measure(demikian, { after: 18 }) + SIGNATURE_HEIGHT);
  flow.text(formula, final);
  flow.text(demikian, { align: "justify", after: 18 });
  signatureBlocks(flow, `${placeName(edition)}, ${tanggalWib(date)}`, edition);
  numberPages(doc, fonts.regular, `Berita Acara Penjurian ${edition.title}`);
  return Buffer.from(await doc.save());
}

// Place and date, three heading lines, room to sign, the name and NIP lines.
const SIGNATURE_HEIGHT = (3 + 6) * 15;

function signatureBlocks(flow: Flow, placeAndDate: string, edition: DocumentData["edition"]) {
  const { regular, bold } = flow.fonts;
  const size = 11;
  const leading = 15;
  const half = flow.width / 2;
  const left = [`Mengetahui,`, `Kepala ${officeName(edition).replace(/ (Kabupaten|Kota|Provinsi) /, "\n$1 ")}`];
  const right = [placeAndDate, "Dewan Juri,", "Ketua,"];
  const leftLines = left.flatMap((t) => t.split("\n")).flatMap((t) => wrap(t, regular, size, half - 16));
  const rightLines = right.flatMap((t) => wrap(t, regular, size, half - 16));
  const rows = Math.max(leftLines.length, rightLines.length);
  flow.ensure((rows + 6) * leading);
  const top = flow.y;
  const column = (lines: string[], x: number, withNip: boolean) => {
    let y = top - (rows - lines.length) * leading; // bottom-align the headings so both name lines match
    for (const line of lines) {
      y -= leading;
      drawLine(flow.page, line, { x, y, width: half - 16, font: regular, size, align: "center" });
    }
    y = top - (rows + 4) * leading;
    const name = "(.......................................................)";
    drawLine(flow.page, name, { x, y, width: half - 16, font: bold, size, align: "center" });
    // NIP starts under the opening bracket of the name line, as on typed forms.
    const start = x + (half - 16 - bold.widthOfTextAtSize(name, size)) / 2;
    if (withNip) drawLine(flow.page, "NIP. ..................................................", { x: start, y: y - leading, width: half - 16, font: regular, size: 10 });
  };
  column(leftLines, flow.left, true);
  column(rightLines, flow.left + half + 16, false);
  flow.y = top - (rows + 6) * leading;
}

function groupByCategory(placements: DocumentPlacement[]): [string | null, DocumentPlacement[]][] {
  const groups = new Map<string | null, DocumentPlacement[]>();
  for (const p of placements) groups.set(p.categoryName, [...(groups.get(p.categoryName) ?? []), p]);
  return [...groups.entries()];
}

/** 30 -> "30", 33.333 -> "33,33". */
function formatShare(value: number): string {
  return (Math.round(value * 100) / 100).toString().replace(".", ",");
}

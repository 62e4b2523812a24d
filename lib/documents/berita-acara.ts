import { PDFDocument } from "pdf-lib";
import { formatScore } from "@/lib/results/rank";
import type { DocumentData, DocumentPlacement } from "./load-results";
import { levelLine, officeName, placeName, regionTitle } from "./labels";
import { DOTTED_NAME, embedLogo, logoSize, signatoryName, signatoryNip, signatoryPosition } from "./letterhead";
import type { EditionDocuments } from "@/lib/db/schema";
import { A4, type Column, drawLine, embedFonts, fitSize, Flow, numberPages, wrap } from "./pdf-kit";
import { angkaDanKata, pembukaBeritaAcara, tanggalWib } from "./terbilang";
import { toWinAnsi } from "./winansi";

/**
 * Berita Acara Penjurian, A4 portrait, in the form Diskominfo offices use: letterhead,
 * title and number line, the opening "Pada hari ini ..." with the date in words (WIB,
 * the day the results were sealed), counts in words, the jury with a signature column,
 * the criteria, the winners, the jury's decisions on ties, the films left out of the ranking,
 * the closing formula, place and date, signature blocks. The number, the logo and the
 * signatory come from the edition's document settings; dotted lines stand in for what is unset.
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
  const documents = edition.documents;

  // Letterhead: the logo at the left, the office centred in the room beside it (kop surat).
  const logo = await embedLogo(doc, data.logo);
  const top = flow.y;
  const beside = logo ? logoSize(logo, 58, 70).width + 10 : 0;
  const head = { align: "center" as const, indent: beside, width: flow.width - beside };
  flow.text(`PEMERINTAH ${regionTitle(edition).toUpperCase()}`, { ...head, font: fonts.bold, size: 13, leading: 17 });
  flow.text("DINAS KOMUNIKASI DAN INFORMATIKA", { ...head, font: fonts.bold, size: 15, leading: 19, after: 6 });
  if (logo) {
    const size = logoSize(logo, 58, 70);
    flow.y = Math.min(flow.y, top - size.height - 4);
    flow.page.drawImage(logo, { x: flow.left, y: (top + flow.y) / 2 - size.height / 2 + 2, ...size });
  }
  flow.rule(2, 2);
  flow.rule(0.6, 14);

  flow.text("BERITA ACARA PENJURIAN", { font: fonts.bold, size: 14, align: "center", leading: 18 });
  const titleWidth = fonts.bold.widthOfTextAtSize("BERITA ACARA PENJURIAN", 14);
  flow.page.drawLine({ start: { x: flow.left + (flow.width - titleWidth) / 2, y: flow.y + 1 }, end: { x: flow.left + (flow.width + titleWidth) / 2, y: flow.y + 1 }, thickness: 0.9 });
  flow.text(`Nomor: ${documents.beritaAcaraNumber ?? ".................................................."}`, { size: 10.5, align: "center", leading: 16, after: 6 });
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

  if (data.favorit && data.favorit.films.length > 0) {
    // The public's vote (docs/decisions/0036): valid votes per nominee and the voided count.
    const { favorit } = data;
    flow.table(
      [
        { header: "No.", width: 28, align: "center" },
        { header: "Kode", width: 60 },
        { header: "Judul Film", width: flow.width - 28 - 60 - 110 - 70 },
        { header: "Kategori", width: 110 },
        { header: "Suara Sah", width: 70, align: "center" },
      ],
      favorit.films.map((f, i) => [`${i + 1}.`, f.code, f.title, f.categoryName ?? "-", String(f.votes)]),
      {
        size: 10,
        captions: [
          {
            text: `Pemilihan Film Terfavorit oleh publik menghasilkan ${angkaDanKata(favorit.valid)} suara sah; ${angkaDanKata(favorit.voided)} suara dibatalkan panitia karena kecurangan. Perolehan suara sah tiap nominasi:`,
            options: { align: "justify" as const, after: 6 },
          },
        ],
      },
    );
    flow.space(10);
  }

  if (data.juryDecisions.length > 0) {
    flow.table(
      [
        { header: "No.", width: 28, align: "center" },
        { header: "Urutan yang Ditetapkan", width: 175 },
        { header: "Alasan", width: flow.width - 28 - 175 - 110 },
        { header: "Diputuskan oleh", width: 110 },
      ],
      data.juryDecisions.map((d, i) => [`${i + 1}.`, d.films.map((f, j) => `${j + 1}) ${f.code} ${f.title}`).join("; "), d.reason, d.decidedBy]),
      { size: 10, captions: [{ text: "Atas film yang memperoleh nilai akhir sama, dewan juri menetapkan urutan sebagai berikut:", options: { align: "justify" as const, after: 6 } }] },
    );
    flow.space(10);
  }
  if (data.excluded.length > 0) {
    const rest = flow.width - 28 - 64;
    flow.table(
      [
        { header: "No.", width: 28, align: "center" },
        { header: "Kode Film", width: 64 },
        { header: "Judul Film", width: rest * 0.3 },
        { header: "KIM", width: rest * 0.28 },
        { header: "Alasan", width: rest * 0.42 },
      ],
      data.excluded.map((f, i) => [`${i + 1}.`, f.code, f.title, f.kimName, f.reason ?? "-"]),
      { size: 10, captions: [{ text: "Film berikut tidak diikutsertakan dalam pemeringkatan, dengan alasan yang dicatat panitia:", options: { align: "justify" as const, after: 6 } }] },
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
  const documents = edition.documents;
  const left = ["Mengetahui,", ...signatoryPosition(documents, edition)];
  const right = [placeAndDate, "Dewan Juri,", "Ketua,"];
  const leftLines = left.flatMap((t) => t.split("\n")).flatMap((t) => wrap(t, regular, size, half - 16));
  const rightLines = right.flatMap((t) => wrap(t, regular, size, half - 16));
  const rows = Math.max(leftLines.length, rightLines.length);
  flow.ensure((rows + 6) * leading);
  const top = flow.y;
  const column = (lines: string[], x: number, signatory: EditionDocuments | null) => {
    let y = top - (rows - lines.length) * leading; // bottom-align the headings so both name lines match
    for (const line of lines) {
      y -= leading;
      drawLine(flow.page, line, { x, y, width: half - 16, font: regular, size, align: "center" });
    }
    y = top - (rows + 4) * leading;
    const name = signatory ? signatoryName(signatory) : { text: DOTTED_NAME, given: false };
    const text = toWinAnsi(name.text);
    const nameSize = fitSize(text, bold, size, 8.5, half - 16);
    drawLine(flow.page, text, { x, y, width: half - 16, font: bold, size: nameSize, align: "center" });
    // NIP starts under the name line's first character, as on typed forms; a typed name is underlined.
    const nameWidth = bold.widthOfTextAtSize(text, nameSize);
    const start = x + (half - 16 - nameWidth) / 2;
    if (name.given) flow.page.drawLine({ start: { x: start, y: y - 2 }, end: { x: start + nameWidth, y: y - 2 }, thickness: 0.7 });
    if (signatory) drawLine(flow.page, toWinAnsi(signatoryNip(signatory)), { x: start, y: y - leading, width: half - 16, font: regular, size: 10 });
  };
  column(leftLines, flow.left, documents);
  column(rightLines, flow.left + half + 16, null);
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

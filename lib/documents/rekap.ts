import { PassThrough, Readable, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import { resultsArePublic } from "@/lib/editions/list-editions";
import { formatWib } from "@/lib/format/dates";
import { groupBy } from "@/lib/group-by";
import { roundedKey } from "@/lib/results/rank";
import { levelLine } from "./labels";
import type { DocumentData } from "./load-results";

/**
 * The score recap for organisers (KIM names included: this never goes to judges).
 * XLSX: sheet "Rekap" (one row per film) and sheet "Detail" (film × judge × criterion), each
 * under five title rows (titleRows); numbers stay numbers, shown with two decimals.
 * CSV: the same numbers in one flat table, described at rekapCsv, in two forms (csvDialects).
 * Both are written as they go (rekapXlsxStream, rekapCsvChunks), film by film, so a recap of
 * 4,000 films leaves the server while it is made instead of being held whole (issue 17).
 */

const TWO_DECIMALS = "0.00";

/** Two decimals, rounded the way the ranking compares them (84.995 -> 85). */
function round2(value: number): number {
  return roundedKey(value, 2) / 100;
}

/** rekap.xlsx as a stream of bytes for a response: rows go out as they are made. */
export function rekapXlsxStream(data: DocumentData, now = new Date()): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  writeRekapXlsx(data, out, now).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** Rows between two pauses that let the written bytes leave before more are made. */
const ROWS_PER_TURN = 500;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function writeRekapXlsx(data: DocumentData, stream: Writable, now: Date): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "Layar";
  workbook.title = `Rekap nilai ${data.edition.title}`;
  workbook.created = data.edition.sealedAt ?? new Date(0);

  const rekap = workbook.addWorksheet("Rekap", { views: [{ state: "frozen", ySplit: HEADER_ROW }] });
  const rekapColumns: Col[] = [
    { header: "No", key: "no", width: 5 },
    { header: "Kode film", key: "code", width: 12 },
    { header: "Judul film", key: "title", width: 36 },
    { header: "KIM", key: "kim", width: 28 },
    { header: "Kategori", key: "category", width: 16 },
    ...data.judges.map((j) => ({ header: `Juri: ${j.name}`, key: `judge:${j.id}`, width: 16, style: { numFmt: TWO_DECIMALS } })),
    { header: "Rata-rata mentah", key: "raw", width: 16, style: { numFmt: TWO_DECIMALS } },
    { header: "Nilai akhir", key: "score", width: 12, style: { numFmt: TWO_DECIMALS } },
    { header: "Peringkat", key: "rank", width: 10 },
    { header: "Juara", key: "placement", width: 18 },
    { header: "Catatan", key: "note", width: 30 },
  ];
  startSheet(rekap, rekapColumns, titleRows(data, "Rekap nilai per film", now));
  for (const [i, film] of data.films.entries()) {
    const row: Record<string, string | number | null> = {
      no: i + 1,
      code: film.code,
      title: film.title,
      kim: film.kimName,
      category: film.categoryName ?? "",
      raw: round2(film.rawMean),
      score: round2(film.score),
      rank: film.rank,
      placement: film.placement ?? "",
      note: film.flagged ?? "",
    };
    for (const judge of data.judges) row[`judge:${judge.id}`] = film.judgeTotals[judge.id] === undefined ? null : round2(film.judgeTotals[judge.id]);
    rekap.addRow(row).commit();
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTurn();
  }
  rekap.commit();

  const detail = workbook.addWorksheet("Detail", { views: [{ state: "frozen", ySplit: HEADER_ROW }] });
  startSheet(
    detail,
    [
      { header: "Kode film", key: "code", width: 12 },
      { header: "Judul film", key: "title", width: 36 },
      { header: "KIM", key: "kim", width: 28 },
      { header: "Kategori", key: "category", width: 16 },
      { header: "Juri", key: "judge", width: 24 },
      { header: "Kriteria", key: "criterion", width: 28 },
      { header: "Bobot", key: "weight", width: 8, style: { numFmt: TWO_DECIMALS } },
      { header: "Nilai", key: "score", width: 8, style: { numFmt: TWO_DECIMALS } },
      { header: "Nilai maks.", key: "max", width: 11, style: { numFmt: TWO_DECIMALS } },
      { header: "Komentar", key: "comment", width: 48 },
    ],
    titleRows(data, "Rekap nilai per juri dan kriteria", now),
  );
  const filmById = new Map(data.films.map((f) => [f.id, f]));
  const judgeName = new Map(data.judges.map((j) => [j.id, j.name]));
  const criterionById = new Map(data.criteria.map((c) => [c.id, c]));
  for (const [i, s] of data.scores.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTurn();
    const film = filmById.get(s.filmId);
    const criterion = criterionById.get(s.criterionId);
    if (!film || !criterion) continue;
    detail.addRow({
      code: film.code,
      title: film.title,
      kim: film.kimName,
      category: film.categoryName ?? "",
      judge: judgeName.get(s.judgeId) ?? "",
      criterion: criterion.name,
      weight: criterion.weight,
      score: s.score === null ? null : round2(s.score),
      max: criterion.maxScore,
      comment: s.comment ?? "",
    }).commit();
  }
  detail.commit();
  await workbook.commit();
}

type Col = { header: string; key: string; width: number; style?: Partial<ExcelJS.Style> };

/** The title block fills rows 1-5, row 6 stays empty, the column headers are row 7 (frozen with everything above). */
export const HEADER_ROW = 7;

/**
 * What a printed or forwarded sheet must say about itself: the edition, its level and region,
 * what the sheet is, when the results were sealed and published (WIB), and how films were ranked.
 */
export function titleRows(data: DocumentData, what: string, now = new Date()): string[] {
  const { edition } = data;
  const sealed = edition.sealedAt ? `Hasil disegel ${formatWib(edition.sealedAt)}` : "Hasil belum disegel";
  const published = resultsArePublic(edition, now)
    ? `diumumkan ${formatWib(edition.publishedAt ?? edition.scheduledPublishAt)}`
    : edition.scheduledPublishAt
      ? `dijadwalkan diumumkan ${formatWib(edition.scheduledPublishAt)}`
      : "belum diumumkan";
  const method =
    edition.method === "zscore"
      ? "Metode pemeringkatan: rata-rata nilai tertimbang (skala 0-100) setelah normalisasi z-score per juri"
      : "Metode pemeringkatan: rata-rata nilai tertimbang (skala 0-100) dari seluruh juri yang menilai";
  return [edition.title, `${levelLine(edition)}${edition.year ? ` Tahun ${edition.year}` : ""}`, what, `${sealed}; ${published}`, method];
}

function startSheet(sheet: ExcelJS.Worksheet, columns: Col[], titles: string[]) {
  // Column keys and formats without headers: ExcelJS would put headers in row 1, where the title goes.
  sheet.columns = columns.map(({ key, width, style }) => ({ key, width, ...(style && { style }) }));
  titles.forEach((text, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = text;
    cell.font = i === 0 ? { bold: true, size: 14 } : i === 2 ? { bold: true, size: 12 } : { size: 11 };
  });
  const header = sheet.getRow(HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF3" } };
    cell.border = { bottom: { style: "thin" } };
  });
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns.length } };
}

/** A number already written with two decimals and a decimal point ("85.00"): never quoted or prefixed. */
type Decimal = { decimal: string };
type CsvValue = string | number | Decimal | null | undefined;

/**
 * The two forms of the CSV. Indonesian Excel (and LibreOffice in Indonesian) reads a comma as
 * the decimal mark and a semicolon as the list separator, so "86.95" in a comma-separated file
 * becomes 8695 or text there. `excel` is the form it opens correctly (rekap.csv); `titik` is
 * the usual machine form, comma-separated with decimal points (rekap-titik.csv), for scripts.
 */
export type CsvDialect = { separator: ";" | ","; decimal: "," | "." };
export const csvDialects = {
  excel: { separator: ";", decimal: "," },
  titik: { separator: ",", decimal: "." },
} as const satisfies Record<string, CsvDialect>;

/**
 * One CSV field: quoted when it holds a comma, semicolon, quote, line break or edge space (so
 * it reads the same in either form); formula-like text made inert; decimals with the dialect's mark.
 */
export function csvField(value: CsvValue, dialect: CsvDialect = csvDialects.titik): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value).replace(".", dialect.decimal);
  if (typeof value === "object") return value.decimal.replace(".", dialect.decimal);
  // A cell starting with = + - @ is a formula to Excel (CSV injection); a leading apostrophe keeps it text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvColumns = ["baris", "kode_film", "judul_film", "kim", "kategori", "juri", "kriteria", "bobot", "nilai_maks", "nilai", "rata_rata_mentah", "peringkat", "juara", "komentar"] as const;

/**
 * UTF-8 with a byte-order mark (so Excel reads it as UTF-8), RFC 4180 quoting, CRLF line ends,
 * numbers with two decimals; separator and decimal mark by `dialect` (see csvDialects: the
 * default is the form Indonesian Excel opens, ";" and "86,95"). Columns:
 *   baris            "kriteria" (one judge's score for one criterion), "total_juri" (one
 *                    judge's weighted total for the film, 0-100) or "total_film"
 *   kode_film, judul_film, kim, kategori   the film
 *   juri             the judge's name (empty on total_film rows)
 *   kriteria, bobot, nilai_maks            the criterion (kriteria rows only)
 *   nilai            kriteria: the score given; total_juri: the weighted total;
 *                    total_film: the final score (the raw mean, or the normalised mean under z-score)
 *   rata_rata_mentah, peringkat, juara     total_film rows only
 *   komentar         kriteria: the judge's comment on the criterion; total_film: why the
 *                    film was not ranked, when it was not
 * Rows come film by film in ranking order: the film's kriteria and total_juri rows per
 * judge, then its total_film row.
 */
export function rekapCsv(data: DocumentData, dialect: CsvDialect = csvDialects.excel): string {
  return [...rekapCsvChunks(data, dialect)].join("");
}

/** rekap.csv in pieces, one film each (after the byte-order mark and the header), for a streamed response. */
export function* rekapCsvChunks(data: DocumentData, dialect: CsvDialect = csvDialects.excel): Generator<string> {
  const fixed = (value: number | null | undefined): Decimal | null => (value === null || value === undefined ? null : { decimal: round2(value).toFixed(2) });
  const text = (lines: CsvValue[][]) => lines.map((line) => `${line.map((v) => csvField(v, dialect)).join(dialect.separator)}\r\n`).join("");
  const criterionById = new Map(data.criteria.map((c) => [c.id, c]));
  // Each film's scores by judge, read once: the edition's sheets are walked once, not per film and judge.
  const scoresOf = groupBy(data.scores, (s) => `${s.filmId} ${s.judgeId}`);
  yield `\uFEFF${text([[...csvColumns]])}`;
  for (const film of data.films) {
    const base = [film.code, film.title, film.kimName, film.categoryName ?? ""];
    const lines: CsvValue[][] = [];
    for (const judge of data.judges) {
      const own = scoresOf.get(`${film.id} ${judge.id}`) ?? [];
      if (!own.length && film.judgeTotals[judge.id] === undefined) continue;
      for (const s of own) {
        const c = criterionById.get(s.criterionId);
        if (!c) continue;
        lines.push(["kriteria", ...base, judge.name, c.name, fixed(c.weight), fixed(c.maxScore), fixed(s.score), "", "", "", s.comment ?? ""]);
      }
      lines.push(["total_juri", ...base, judge.name, "", "", "", fixed(film.judgeTotals[judge.id]), "", "", "", ""]);
    }
    lines.push(["total_film", ...base, "", "", "", "", fixed(film.score), fixed(film.rawMean), film.rank ?? "", film.placement ?? "", film.flagged ?? ""]);
    yield text(lines);
  }
}

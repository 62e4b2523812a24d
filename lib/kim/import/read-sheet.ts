import { AppError } from "@/lib/errors";
import { findHeader } from "./columns";
import { notVideoLabel } from "@/lib/video/label-media";
import { sniffContainer } from "@/lib/video/sniff-container";

/** A spreadsheet row as text, with the cells that were filled from a merged cell above. */
export type SheetRow = { rowNumber: number; cells: string[]; mergedFrom?: { col: number; row: number }[] };

/** Bytes of an upload: a 5,000-row list is well under 1 MB as CSV or XLSX. */
export const MAX_FILE_BYTES = 3 * 1024 * 1024;
/** What the XLSX's parts may unpack to: a ZIP that unpacks into far more is refused unread. */
const MAX_UNPACKED_BYTES = 60 * 1024 * 1024;

/** Data rows one import takes; a longer list is refused whole (split it into several files). */
export const MAX_DATA_ROWS = 5000;
const MAX_COLUMNS = 60;

export const tooManyRows = () => refuse("Berkas berisi lebih dari 5.000 baris data. Bagi daftarnya menjadi beberapa berkas.");

const refuse = (userMessage: string) => new AppError("invalid", { userMessage, fieldErrors: { file: [userMessage] } });

/**
 * The rows of an XLSX or CSV, decided by its bytes (a renamed .exe or .png is refused by what it
 * is, whatever its name says). ExcelJS is loaded only when an XLSX arrives.
 */
export async function readSheet(bytes: Buffer): Promise<SheetRow[]> {
  if (bytes.length === 0) throw refuse("Berkas kosong. Pilih berkas XLSX atau CSV berisi daftar KIM.");
  if (bytes.length > MAX_FILE_BYTES) throw refuse("Berkas terlalu besar (paling besar 3 MB). Bagi daftarnya menjadi beberapa berkas.");
  const kind = spreadsheetKind(bytes);
  if (kind === "xlsx") return readXlsx(bytes);
  if (kind === "csv") return readCsv(bytes);
  throw refuse(kind.message);
}

type Kind = "xlsx" | "csv" | { message: string };

/** XLSX (a ZIP holding xl/workbook.xml), CSV (text), or a sentence saying what the file is instead. */
export function spreadsheetKind(bytes: Buffer): Kind {
  const head = bytes.subarray(0, 4096);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const entries = zipEntries(bytes);
    if (!entries) return { message: "Berkas ZIP ini rusak atau terpotong; simpan ulang dari Excel sebagai XLSX." };
    if (!entries.some((e) => e.name === "xl/workbook.xml")) return { message: "Berkas ini arsip ZIP atau dokumen Office lain, bukan lembar kerja XLSX. Pilih berkas XLSX atau CSV." };
    if (entries.reduce((sum, e) => sum + e.size, 0) > MAX_UNPACKED_BYTES) return { message: "Isi berkas XLSX ini terlalu besar untuk daftar KIM. Simpan hanya lembar daftar KIM." };
    return "xlsx";
  }
  // Excel's "Unicode Text" is UTF-16 with a byte order mark (and tabs between cells).
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return "csv";
  const sniffed = sniffContainer(head);
  if (sniffed.kind === "not_video" && sniffed.detected === "text") return "csv";
  if (sniffed.kind === "not_video" && sniffed.detected === "office") return { message: "Berkas .xls (Excel lama) belum bisa dibaca. Simpan sebagai .xlsx atau CSV lalu unggah lagi." };
  if (sniffed.kind === "not_video") return { message: `Berkas ini ${notVideoLabel(sniffed.detected)}, bukan XLSX atau CSV. Pilih berkas daftar KIM dari Excel atau spreadsheet.` };
  if (sniffed.kind === "video") return { message: "Berkas ini video, bukan XLSX atau CSV. Pilih berkas daftar KIM dari Excel atau spreadsheet." };
  return { message: "Berkas ini bukan XLSX atau CSV. Pilih berkas daftar KIM dari Excel atau spreadsheet." };
}

/** The names and unpacked sizes in a ZIP's central directory, or null when there is none. */
function zipEntries(bytes: Buffer): { name: string; size: number }[] | null {
  // End of central directory: 22 bytes plus a comment of at most 65,535.
  for (let end = bytes.length - 22; end >= Math.max(0, bytes.length - 22 - 65_535); end -= 1) {
    if (bytes.readUInt32LE(end) !== 0x06054b50) continue;
    const count = bytes.readUInt16LE(end + 10);
    let at = bytes.readUInt32LE(end + 16);
    const entries: { name: string; size: number }[] = [];
    for (let i = 0; i < count; i += 1) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
      const size = bytes.readUInt32LE(at + 24);
      const nameLength = bytes.readUInt16LE(at + 28);
      const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
      entries.push({ name: bytes.toString("utf8", at + 46, at + 46 + nameLength), size });
      at += 46 + nameLength + extra;
    }
    return entries;
  }
  return null;
}

/** CSV with "," ";" or tabs (Excel in Indonesian writes ";"), a BOM dropped; UTF-8, UTF-16 with a BOM, else Windows-1252. */
export async function readCsv(bytes: Buffer): Promise<SheetRow[]> {
  const { default: Papa } = await import("papaparse");
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes);
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder("windows-1252").decode(bytes);
    }
  }
  text = text.replace(/^\uFEFF/, "");
  const firstLines = text.split(/\r?\n/, 10).join("\n");
  const delimiter = count(firstLines, ";") > count(firstLines, ",") ? ";" : count(firstLines, "\t") > count(firstLines, ",") ? "\t" : ",";
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  return parsed.data.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => String(c ?? "")) }));
}

const count = (text: string, char: string) => text.split(char).length - 1;

type CellLike = { value: unknown; text?: string; isMerged: boolean; master: CellLike; row: number; col: number; type: number };

/** The first worksheet with data; a vertically merged cell gives its value to every row it spans. */
export async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse("Berkas XLSX ini tidak bisa dibaca (rusak atau dilindungi kata sandi). Simpan ulang dari Excel lalu unggah lagi.");
  }
  // The first sheet whose rows have a header row (an office's workbook may open with a cover
  // or instructions sheet), else the first with anything in it.
  let first: SheetRow[] | null = null;
  for (const sheet of workbook.worksheets.filter((s) => s.actualRowCount > 0)) {
    const rows = sheetRows(sheet);
    if (findHeader(rows.map((r) => r.cells))) return rows;
    first ??= rows;
  }
  return first ?? [];
}

type Worksheet = { actualRowCount: number; columnCount: number; eachRow: (callback: (row: { getCell: (col: number) => unknown }, rowNumber: number) => void) => void };

function sheetRows(sheet: Worksheet): SheetRow[] {
  // Excel keeps a row for every formatted cell; only rows holding values are read (eachRow).
  if (sheet.actualRowCount > MAX_DATA_ROWS + 20) throw tooManyRows();
  const rows: SheetRow[] = [];
  const width = Math.min(sheet.columnCount, MAX_COLUMNS);
  sheet.eachRow((row, r) => {
    const cells: string[] = [];
    const mergedFrom: { col: number; row: number }[] = [];
    for (let c = 1; c <= width; c += 1) {
      const cell = row.getCell(c) as CellLike;
      if (cell.isMerged && (cell.master.row !== r || cell.master.col !== c)) {
        // Down a column, the merged value belongs to every row (a kecamatan written once for
        // its villages); across columns it belongs to the first cell only.
        if (cell.master.col === c) {
          cells.push(cellText(cell.master.value));
          mergedFrom.push({ col: c - 1, row: cell.master.row });
        } else cells.push("");
        continue;
      }
      cells.push(cellText(cell.value));
    }
    rows.push({ rowNumber: r, cells, ...(mergedFrom.length && { mergedFrom }) });
  });
  return rows;
}

/** A cell's value as the text a person sees: dates as YYYY-MM-DD, formulas by their result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "string" || typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((p) => p.text).join("");
    if ("result" in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
  }
  return "";
}

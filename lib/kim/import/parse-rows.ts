import { z } from "zod";
import { cleanLine, cleanText } from "@/lib/text/sanitise";
import { findHeader, type ColumnMap, type ImportField } from "./columns";
import { cleanPhone, kimNameKey, parseStatus } from "./normalise";
import type { PlaceIndex, PlaceMatch } from "./match-places";
import { matchPlace } from "./match-places";
import { MAX_DATA_ROWS, tooManyRows, type SheetRow } from "./read-sheet";
import { AppError } from "@/lib/errors";

/** What a row becomes: added, already in the registry, twice in the file, or not importable. */
export type RowOutcome = "baru" | "sudah_ada" | "ganda" | "gagal" | "luar_wilayah" | "kosong";

/** The KIM a row describes, as it would be stored. */
export type ImportedKim = {
  name: string;
  status: "aktif" | "tidak_aktif";
  reason: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  foundedYear: number | null;
  foundedOn: string | null;
  address: string | null;
};

/** One row of the preview, kept in kim_import_batches.rows until the organiser confirms. */
export type ImportRow = {
  rowNumber: number;
  outcome: RowOutcome;
  /** The cells as the file gave them (cleaned), for the preview. */
  values: Partial<Record<ImportField, string>>;
  kim?: ImportedKim;
  place?: { villageCode: string | null; districtCode: string; villageName: string | null; districtName: string };
  existing?: { id: string; name: string };
  duplicateOf?: number;
  problems: string[];
  notes: string[];
  /** After the confirmation: what happened to the row, and the KIM it made or updated. */
  result?: "dibuat" | "diperbarui" | "dilewati";
  kimId?: string;
};

export type ExistingKim = { id: string; name: string; villageCode: string | null; districtCode: string };

/** The reason a tidak aktif KIM gets when the list gives none (the registry requires one). */
export const NO_REASON = "Tidak disebutkan di berkas impor.";

const email = z.email();

const refuse = (userMessage: string) => new AppError("invalid", { userMessage, fieldErrors: { file: [userMessage] } });

/**
 * The preview of a whole file: each data row parsed, placed and compared with the registry
 * and the rows above it. Empty rows are kept as "kosong" (counted, not shown). `today` is
 * YYYY-MM-DD in WIB (a founding date after it is refused).
 */
export function previewRows(sheet: SheetRow[], index: PlaceIndex, existing: ExistingKim[], today: string): ImportRow[] {
  const header = findHeader(sheet.map((r) => r.cells));
  if (!header) throw refuse("Baris judul kolom tidak ditemukan. Baris pertama perlu berisi paling tidak kolom Nama KIM dan Desa/Kelurahan atau Kecamatan.");
  const data = sheet.filter((r) => r.rowNumber > sheet[header.index].rowNumber);
  const filled = data.filter((r) => r.cells.some((c) => c.trim()));
  if (filled.length === 0) throw refuse("Berkas tidak berisi baris data di bawah judul kolom.");
  if (filled.length > MAX_DATA_ROWS) throw tooManyRows();

  const rows: ImportRow[] = [];
  const last = filled[filled.length - 1].rowNumber;
  const byNumber = new Map(data.map((r) => [r.rowNumber, r]));
  const seen: Seen = new Map();
  const known = byNameKey(existing);
  for (let n = sheet[header.index].rowNumber + 1; n <= last; n += 1) {
    const row = byNumber.get(n);
    if (!row || !row.cells.some((c) => c.trim())) {
      rows.push({ rowNumber: n, outcome: "kosong", values: {}, problems: [], notes: [] });
      continue;
    }
    const parsed = parseRow(row, header.columns, today);
    if (parsed.problems.length === 0) placeRow(parsed, index, row.cells, header.columns);
    if (parsed.outcome === "baru") compareRow(parsed, known, seen);
    rows.push(parsed);
  }
  return rows;
}

const cell = (cells: string[], columns: ColumnMap, field: ImportField) => {
  const col = columns[field];
  return col === undefined ? "" : cleanLine(cells[col] ?? "").trim();
};

/** A row's values and problems, without its place. */
export function parseRow(row: SheetRow, columns: ColumnMap, today: string): ImportRow {
  const values: Partial<Record<ImportField, string>> = {};
  for (const field of Object.keys(columns) as ImportField[]) {
    const value = field === "reason" || field === "address" ? cleanText(row.cells[columns[field]!] ?? "").trim() : cell(row.cells, columns, field);
    if (value) values[field] = value;
  }
  const problems: string[] = [];
  const notes: string[] = [];
  const note = (text: string) => notes.push(text);
  for (const merged of row.mergedFrom ?? []) {
    const field = (Object.entries(columns) as [ImportField, number][]).find(([, col]) => col === merged.col)?.[0];
    if (field && row.cells[merged.col]?.trim()) note(`Sel gabungan: nilai kolom ini diambil dari baris ${merged.row}.`);
  }

  const name = values.name ?? "";
  if (!name) problems.push("Nama KIM kosong.");
  else if (name.length > 150) problems.push("Nama KIM terlalu panjang (paling banyak 150 karakter).");

  let status = parseStatus(values.status ?? "");
  if (status === "unknown") {
    problems.push(`Status "${values.status}" tidak dikenal; tulis aktif atau tidak aktif.`);
    status = null;
  } else if (status === null && columns.status !== undefined) note("Status kosong; dicatat aktif.");
  const kimStatus = status ?? "aktif";

  let reason = values.reason ? values.reason.slice(0, 500) : null;
  if (kimStatus === "tidak_aktif" && !reason) {
    reason = NO_REASON;
    note("Alasan tidak aktif kosong; dicatat \"Tidak disebutkan di berkas impor.\"");
  }

  const contactPhone = values.phone ? cleanPhone(values.phone) : null;
  if (values.phone && !contactPhone) note(`Nomor HP "${values.phone}" tidak terbaca; dikosongkan.`);
  const contactEmail = values.email && email.safeParse(values.email.toLowerCase()).success ? values.email.toLowerCase() : null;
  if (values.email && !contactEmail) note(`Email "${values.email}" tidak valid; dikosongkan.`);
  const founded = values.founded ? parseFounded(values.founded, today) : { year: null, date: null };
  if (values.founded && founded.year === null) note(`Tahun/tanggal berdiri "${values.founded}" tidak terbaca; dikosongkan.`);

  return {
    rowNumber: row.rowNumber,
    outcome: problems.length ? "gagal" : "baru",
    values,
    kim: {
      name,
      status: kimStatus,
      reason: kimStatus === "tidak_aktif" ? reason : null,
      contactName: values.contactName?.slice(0, 120) ?? null,
      contactPhone,
      contactEmail,
      foundedYear: founded.year,
      foundedOn: founded.date,
      address: values.address?.slice(0, 300) ?? null,
    },
    problems,
    notes,
  };
}

function placeRow(row: ImportRow, index: PlaceIndex, cells: string[], columns: ColumnMap) {
  const match: PlaceMatch = matchPlace(index, {
    village: cell(cells, columns, "village"),
    district: cell(cells, columns, "district"),
    villageCode: cell(cells, columns, "villageCode"),
    districtCode: cell(cells, columns, "districtCode"),
  });
  if (!match.ok) {
    row.problems.push(match.problem);
    row.outcome = match.outside ? "luar_wilayah" : "gagal";
    return;
  }
  row.place = { villageCode: match.villageCode, districtCode: match.districtCode, villageName: match.villageName, districtName: match.districtName };
  row.notes.push(...match.notes);
}

/** Same name (kimNameKey) in the same village, or the same kecamatan when either has no village. */
export function samePlace(a: { villageCode: string | null; districtCode: string }, b: { villageCode: string | null; districtCode: string }): boolean {
  return a.villageCode && b.villageCode ? a.villageCode === b.villageCode : a.districtCode === b.districtCode;
}

type Seen = Map<string, { rowNumber: number; place: NonNullable<ImportRow["place"]> }[]>;

/** The registry's KIMs by kimNameKey, so each row looks up its name once. */
export function byNameKey(existing: ExistingKim[]): Map<string, ExistingKim[]> {
  const out = new Map<string, ExistingKim[]>();
  for (const k of existing) {
    const key = kimNameKey(k.name);
    out.set(key, [...(out.get(key) ?? []), k]);
  }
  return out;
}

function compareRow(row: ImportRow, existing: Map<string, ExistingKim[]>, seen: Seen) {
  const key = kimNameKey(row.kim!.name);
  const place = row.place!;
  const known = existing.get(key)?.find((k) => samePlace(k, place));
  if (known) {
    row.outcome = "sudah_ada";
    row.existing = { id: known.id, name: known.name };
    return;
  }
  const earlier = seen.get(key)?.find((r) => samePlace(r.place, place));
  if (earlier) {
    row.outcome = "ganda";
    row.duplicateOf = earlier.rowNumber;
    const { problems } = row;
    problems.push(`Sama dengan baris ${earlier.rowNumber} di berkas ini.`);
    return;
  }
  seen.set(key, [...(seen.get(key) ?? []), { rowNumber: row.rowNumber, place }]);
}

/** A founding year (1900 to this year) or a date (YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY). */
export function parseFounded(value: string, today: string): { year: number | null; date: string | null } {
  const text = value.trim();
  const thisYear = Number(today.slice(0, 4));
  const none = { year: null, date: null };
  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    return year >= 1900 && year <= thisYear ? { year, date: null } : none;
  }
  let iso: string | null = null;
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (ymd) iso = `${ymd[1]}-${ymd[2].padStart(2, "0")}-${ymd[3].padStart(2, "0")}`;
  else if (dmy) iso = `${dmy[3]}-${dmy[2].padStart(2, "0")}-${dmy[1].padStart(2, "0")}`;
  if (!iso) return none;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso || iso > today || Number(iso.slice(0, 4)) < 1900) return none;
  return { year: Number(iso.slice(0, 4)), date: iso };
}

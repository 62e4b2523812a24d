import { simplify } from "./normalise";

/** The fields an import reads; every other column is ignored. */
export type ImportField =
  | "name" | "village" | "district" | "villageCode" | "districtCode" | "status" | "reason"
  | "contactName" | "phone" | "email" | "founded" | "address";

export type ColumnMap = Partial<Record<ImportField, number>>;

// Exact header texts (after simplify) offices use, Indonesian and English.
const exact: Record<string, ImportField> = {
  "nama kim": "name", nama: "name", kim: "name", name: "name", "kim name": "name", "nama kelompok": "name", "nama kelompok informasi masyarakat": "name",
  desa: "village", "desa kelurahan": "village", kelurahan: "village", "kelurahan desa": "village", village: "village", "nama desa": "village", "desa kel": "village", "ds kel": "village",
  kecamatan: "district", kec: "district", district: "district", "nama kecamatan": "district", subdistrict: "district",
  "kode desa": "villageCode", "kode wilayah": "villageCode", "kode kemendagri": "villageCode", "village code": "villageCode", "kode desa kelurahan": "villageCode", kode: "villageCode",
  "kode kecamatan": "districtCode", "kode kec": "districtCode", "district code": "districtCode",
  status: "status", "status kim": "status", keaktifan: "status", "aktif tidak aktif": "status",
  alasan: "reason", "alasan tidak aktif": "reason", keterangan: "reason", ket: "reason", reason: "reason",
  "ketua narahubung": "contactName", ketua: "contactName", narahubung: "contactName", "contact person": "contactName", cp: "contactName", kontak: "contactName", "nama ketua": "contactName", contact: "contactName", "penanggung jawab": "contactName",
  "no hp wa": "phone", "no hp": "phone", hp: "phone", wa: "phone", "no wa": "phone", telepon: "phone", "no telp": "phone", "nomor hp": "phone", whatsapp: "phone", phone: "phone", "no telepon": "phone", "nomor telepon": "phone",
  email: "email", "e mail": "email", surel: "email", "alamat email": "email",
  "tahun berdiri": "founded", "tanggal berdiri": "founded", berdiri: "founded", "tahun dibentuk": "founded", "tanggal dibentuk": "founded", founded: "founded", "tahun pembentukan": "founded",
  alamat: "address", "alamat sekretariat": "address", address: "address", sekretariat: "address",
};

// When no exact text fits: the words a header contains, in this order (the first that fits wins).
const byWords: [RegExp, ImportField][] = [
  [/\b(email|e mail|surel)\b/, "email"],
  [/\bkode\b.*\b(kec|kecamatan)\b/, "districtCode"],
  [/\bkode\b/, "villageCode"],
  [/\b(hp|wa|telp|telepon|whatsapp|ponsel|phone)\b/, "phone"],
  [/\b(berdiri|dibentuk|pembentukan|founded)\b/, "founded"],
  [/\b(alasan|keterangan)\b/, "reason"],
  [/\b(ketua|narahubung|kontak|contact|pengurus)\b/, "contactName"],
  [/\b(kecamatan|kec)\b/, "district"],
  [/\b(desa|kelurahan|village)\b/, "village"],
  [/\bstatus\b/, "status"],
  [/\balamat\b/, "address"],
  [/\b(nama|kim)\b/, "name"],
];

/** Which field a header cell names, or null for a column the import does not read ("No", "Keterangan lain"). */
export function headerField(text: string): ImportField | null {
  const key = simplify(text);
  if (!key) return null;
  if (exact[key]) return exact[key];
  return byWords.find(([pattern]) => pattern.test(key))?.[1] ?? null;
}

/** How many of the first rows are searched for the header (titles and blank rows often come first). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header row: among the first rows, the one naming the most fields, as long as it names the
 * KIM's name and a place (desa, kecamatan or a code). Null when no row does.
 */
export function findHeader(rows: string[][]): { index: number; columns: ColumnMap } | null {
  let best: { index: number; columns: ColumnMap; count: number } | null = null;
  for (const [index, row] of rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const columns: ColumnMap = {};
    row.forEach((cell, col) => {
      const field = headerField(cell);
      if (field && columns[field] === undefined) columns[field] = col;
    });
    const count = Object.keys(columns).length;
    const place = columns.village !== undefined || columns.district !== undefined || columns.villageCode !== undefined || columns.districtCode !== undefined;
    if (columns.name !== undefined && place && count > (best?.count ?? 0)) best = { index, columns, count };
  }
  return best && { index: best.index, columns: best.columns };
}

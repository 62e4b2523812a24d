import angkaTerbilang from "@develoka/angka-terbilang-js";

/**
 * Numbers and dates written in words, as Indonesian official documents do
 * ("sebanyak enam (6) film", "Pada hari ini Sabtu tanggal dua puluh delapan ...").
 * Dates are read in WIB (UTC+7, no daylight saving), whatever the server's zone.
 */

/** terbilang(3) === "tiga"; whole numbers from 0 up to Number.MAX_SAFE_INTEGER, negatives as "minus ...". */
export function terbilang(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`terbilang: ${value} is not a safe whole number`);
  if (value < 0) return `minus ${terbilang(-value)}`;
  // KBBI spells it "miliar"; the package writes "milyar".
  return angkaTerbilang(String(value)).replace(/\bmilyar\b/g, "miliar");
}

/** angkaDanKata(3) === "tiga (3)": words first, the figure in brackets. */
export function angkaDanKata(value: number): string {
  return `${terbilang(value)} (${value})`;
}

export const namaHari = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"] as const;
export const namaBulan = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"] as const;

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date of `date` in WIB. */
export function wibParts(date: Date): { year: number; month: number; day: number; weekday: number } {
  const shifted = new Date(date.getTime() + WIB_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth(), day: shifted.getUTCDate(), weekday: shifted.getUTCDay() };
}

/** "28 November 2026" (WIB). */
export function tanggalWib(date: Date): string {
  const { year, month, day } = wibParts(date);
  return `${day} ${namaBulan[month]} ${year}`;
}

/** "Sabtu, 28 November 2026" (WIB). */
export function hariTanggalWib(date: Date): string {
  return `${namaHari[wibParts(date).weekday]}, ${tanggalWib(date)}`;
}

/** "Sabtu tanggal dua puluh delapan bulan November tahun dua ribu dua puluh enam" (WIB). */
export function tanggalDalamKata(date: Date): string {
  const { year, month, day, weekday } = wibParts(date);
  return `${namaHari[weekday]} tanggal ${terbilang(day)} bulan ${namaBulan[month]} tahun ${terbilang(year)}`;
}

/** The usual opening of a berita acara: "Pada hari ini Sabtu tanggal ... tahun dua ribu dua puluh enam". */
export function pembukaBeritaAcara(date: Date): string {
  return `Pada hari ini ${tanggalDalamKata(date)}`;
}

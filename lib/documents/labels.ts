/** Phrases the documents build from an edition's level and region, in the forms Diskominfo letters use. */

type Place = { level: "kabupaten" | "provinsi"; regionName: string; regionCode?: string };

// Where a provincial office signs: the seat of the provincial government, by Kemendagri code.
const PROVINCE_SEATS: Record<string, string> = {
  "11": "Banda Aceh", "12": "Medan", "13": "Padang", "14": "Pekanbaru", "15": "Jambi", "16": "Palembang", "17": "Bengkulu", "18": "Bandar Lampung",
  "19": "Pangkalpinang", "21": "Tanjungpinang", "31": "Jakarta", "32": "Bandung", "33": "Semarang", "34": "Yogyakarta", "35": "Surabaya", "36": "Serang",
  "51": "Denpasar", "52": "Mataram", "53": "Kupang", "61": "Pontianak", "62": "Palangka Raya", "63": "Banjarbaru", "64": "Samarinda", "65": "Tanjung Selor",
  "71": "Manado", "72": "Palu", "73": "Makassar", "74": "Kendari", "75": "Gorontalo", "76": "Mamuju", "81": "Ambon", "82": "Sofifi",
  "91": "Jayapura", "92": "Manokwari", "93": "Merauke", "94": "Nabire", "95": "Wamena", "96": "Sorong",
};

/** "Provinsi Jawa Tengah" for a province; a regency's name already says "Kabupaten" or "Kota". */
export function regionTitle({ level, regionName }: Place): string {
  return level === "provinsi" && !/^provinsi\b/i.test(regionName) ? `Provinsi ${regionName}` : regionName;
}

/** "Tingkat Kabupaten Karanganyar", "Tingkat Provinsi Jawa Tengah". */
export function levelLine(place: Place): string {
  return `Tingkat ${regionTitle(place)}`;
}

/** The organiser's office: "Dinas Komunikasi dan Informatika Kabupaten Karanganyar". */
export function officeName(place: Place): string {
  return `Dinas Komunikasi dan Informatika ${regionTitle(place)}`;
}

/** Where a document is signed: the regency's or city's name without its prefix ("Karanganyar"), or the province's seat ("Semarang"). */
export function placeName({ level, regionName, regionCode }: Place): string {
  const seat = level === "provinsi" && regionCode ? PROVINCE_SEATS[regionCode] : undefined;
  return seat ?? regionName.replace(/^(kabupaten|kota|provinsi)\s+/i, "");
}

/** "Juara Harapan II" -> "JUARA HARAPAN II" (Roman numerals are already capitals). */
export function placementHeading(placement: string): string {
  return placement.toUpperCase();
}

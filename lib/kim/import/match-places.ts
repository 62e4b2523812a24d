import { editDistance } from "@/lib/kim/similar-name";
import { allowedSlips, placeKey, regionCode } from "./normalise";

// Finding a row's village and kecamatan inside the organiser's region, from names as offices
// type them or from Kemendagri codes. Pure: the caller loads the regions (load-places.ts).

export type Place = { code: string; name: string };
export type Village = Place & { districtCode: string };
/** A place outside the organiser's region with the regency it lies in, for the message. */
export type Elsewhere = Place & { regencyName: string };

export type PlaceIndex = {
  regionName: string;
  districts: Map<string, Place>;
  villages: Map<string, Village>;
  /** placeKey -> districts / villages with that key. */
  districtsByKey: Map<string, Place[]>;
  villagesByKey: Map<string, Village[]>;
  /** The same per kecamatan: a row naming its kecamatan is matched (and forgiven slips) there only. */
  villagesByDistrict: Map<string, Map<string, Village[]>>;
  /** Codes and names found outside the region (loaded for the rows that did not match inside). */
  outsideCodes: Map<string, Elsewhere>;
  outsideNames: Map<string, Elsewhere[]>;
};

export type PlaceInput = { village: string; district: string; villageCode: string; districtCode: string };

export type PlaceMatch =
  | { ok: true; villageCode: string | null; districtCode: string; villageName: string | null; districtName: string; notes: string[] }
  | { ok: false; outside: boolean; problem: string };

const group = <T extends Place>(places: T[]) => {
  const out = new Map<string, T[]>();
  for (const p of places) {
    const key = placeKey(p.name);
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return out;
};

export function buildPlaceIndex(regionName: string, districts: Place[], villages: Village[], outside: Elsewhere[] = []): PlaceIndex {
  return {
    regionName,
    districts: new Map(districts.map((d) => [d.code, d])),
    villages: new Map(villages.map((v) => [v.code, v])),
    districtsByKey: group(districts),
    villagesByKey: group(villages),
    villagesByDistrict: new Map(districts.map((d) => [d.code, group(villages.filter((v) => v.districtCode === d.code))])),
    outsideCodes: new Map(outside.map((o) => [o.code, o])),
    outsideNames: group(outside),
  };
}

/** Places whose name is `key` or within a few typing slips of it ("Popngan" -> Popongan); exact names first. */
function byName<T extends Place>(byKey: Map<string, T[]>, typed: string): { found: T[]; fuzzy: boolean } {
  const key = placeKey(typed);
  if (!key) return { found: [], fuzzy: false };
  const exact = byKey.get(key) ?? byKey.get(key.replace(/ /g, ""));
  if (exact) return { found: exact, fuzzy: false };
  const squashed = key.replace(/ /g, "");
  const slips = allowedSlips(key);
  let best = slips + 1;
  let found: T[] = [];
  for (const [candidate, places] of byKey) {
    const d = editDistance(squashed, candidate.replace(/ /g, ""), slips);
    if (d < best) [best, found] = [d, [...places]];
    else if (d === best && d <= slips) found.push(...places);
  }
  return { found: best <= slips ? found : [], fuzzy: true };
}

/** A remark on a row that is still imported ("Popngan" read as Popongan). */
const note = (notes: string[], text: string) => notes.push(text);

const quoted = (text: string) => `"${text.trim()}"`;

/** The code a row gives in either code column or in a name column that holds a code. */
function codeOf(input: PlaceInput, level: "village" | "district"): string | null {
  // Any place column may hold a code; its length says its level.
  const candidates = level === "village" ? [input.villageCode, input.village, input.districtCode] : [input.districtCode, input.district, input.villageCode];
  for (const c of candidates) {
    const code = regionCode(c);
    if (code && code.split(".").length === (level === "village" ? 4 : 3)) return code;
  }
  return null;
}

function outsideByCode(index: PlaceIndex, code: string): PlaceMatch {
  const there = index.outsideCodes.get(code);
  return there
    ? { ok: false, outside: true, problem: `Kode ${code} (${there.name}) ada di ${there.regencyName}, di luar wilayah Anda.` }
    : { ok: false, outside: false, problem: `Kode wilayah ${code} tidak dikenal.` };
}

/** The row's kecamatan: by code, else by name; undefined when the row names none. */
function matchDistrict(index: PlaceIndex, input: PlaceInput, notes: string[]): Place | PlaceMatch | undefined {
  const code = codeOf(input, "district");
  if (code) return index.districts.get(code) ?? outsideByCode(index, code);
  if (!input.district.trim()) return undefined;
  const { found, fuzzy } = byName(index.districtsByKey, input.district);
  if (found.length === 1) {
    if (fuzzy) note(notes, `Kecamatan ${quoted(input.district)} dibaca sebagai ${found[0].name}.`);
    return found[0];
  }
  if (found.length > 1) return { ok: false, outside: false, problem: `Kecamatan ${quoted(input.district)} cocok dengan beberapa kecamatan; tulis nama lengkapnya.` };
  const there = index.outsideNames.get(placeKey(input.district))?.filter((o) => o.code.split(".").length === 3);
  if (there?.length) return { ok: false, outside: true, problem: `Kecamatan ${quoted(input.district)} ada di ${there[0].regencyName}, di luar wilayah Anda.` };
  return { ok: false, outside: false, problem: `Kecamatan ${quoted(input.district)} tidak ditemukan di ${index.regionName}.` };
}

const isMatch = (value: unknown): value is PlaceMatch => typeof value === "object" && value !== null && "ok" in value;

/**
 * The row's village (and so its kecamatan), or its kecamatan alone when the row names no
 * village (a KIM recorded per kecamatan). A village name found in several kecamatan needs the
 * kecamatan column to decide; without it the row is ambiguous and says so.
 */
export function matchPlace(index: PlaceIndex, input: PlaceInput): PlaceMatch {
  const notes: string[] = [];
  const district = matchDistrict(index, input, notes);

  // A village code says where the KIM is; the kecamatan column only has to agree when it names one we know.
  const code = codeOf(input, "village");
  if (code) {
    const village = index.villages.get(code);
    if (!village) return outsideByCode(index, code);
    if (district && !isMatch(district) && district.code !== village.districtCode) {
      return { ok: false, outside: false, problem: `Kode desa ${code} (${village.name}) tidak berada di Kecamatan ${district.name}.` };
    }
    return found(index, village, isMatch(district) ? [] : notes);
  }
  if (isMatch(district)) return district;

  const typed = input.village.trim();
  if (!typed) {
    if (!district) return { ok: false, outside: false, problem: "Isi desa/kelurahan atau kecamatan." };
    return { ok: true, villageCode: null, districtCode: district.code, villageName: null, districtName: district.name, notes };
  }
  const { found: inDistrict, fuzzy } = byName(district ? (index.villagesByDistrict.get(district.code) ?? new Map<string, Village[]>()) : index.villagesByKey, typed);
  if (inDistrict.length === 1) {
    if (fuzzy) note(notes, `Desa/kelurahan ${quoted(typed)} dibaca sebagai ${inDistrict[0].name}.`);
    return found(index, inDistrict[0], notes);
  }
  if (inDistrict.length > 1) {
    const where = inDistrict.map((v) => index.districts.get(v.districtCode)?.name ?? v.districtCode).join(", ");
    return district
      ? { ok: false, outside: false, problem: `Desa/kelurahan ${quoted(typed)} cocok dengan beberapa desa di Kecamatan ${district.name}; tulis nama lengkapnya atau kode desanya.` }
      : { ok: false, outside: false, problem: `Ada beberapa desa/kelurahan bernama ${quoted(typed)} (Kecamatan ${where}); isi kolom kecamatan.` };
  }
  if (district && byName(index.villagesByKey, typed).found.length) return { ok: false, outside: false, problem: `Desa/kelurahan ${quoted(typed)} tidak ada di Kecamatan ${district.name}.` };
  const there = index.outsideNames.get(placeKey(typed))?.filter((o) => o.code.split(".").length === 4);
  if (there?.length && !district) return { ok: false, outside: true, problem: `Desa/kelurahan ${quoted(typed)} ada di ${there[0].regencyName}, di luar wilayah Anda.` };
  return { ok: false, outside: false, problem: `Desa/kelurahan ${quoted(typed)} tidak ditemukan di ${district ? `Kecamatan ${district.name}` : index.regionName}.` };
}

function found(index: PlaceIndex, village: Village, notes: string[]): PlaceMatch {
  const district = index.districts.get(village.districtCode);
  return { ok: true, villageCode: village.code, districtCode: village.districtCode, villageName: village.name, districtName: district?.name ?? village.districtCode, notes };
}

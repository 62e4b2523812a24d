/**
 * Where a photo was taken, read from its EXIF (the GPS IFD of the TIFF structure inside it):
 * the latitude and longitude with their hemispheres, as the camera wrote them. Just enough
 * to carry a location over to a re-encoded photo when its KIM asks to keep it (sharp writes
 * EXIF from strings, lib/kim/activity-photo.ts) and for tests to read one back. Anything
 * malformed reads as "no location".
 */

export type Rational = [number, number];
export type ExifGps = { latitudeRef: string; latitude: Rational[]; longitudeRef: string; longitude: Rational[] };

const GPS_POINTER = 0x8825;
const TYPE_ASCII = 2;
const TYPE_RATIONAL = 5;

export function readExifGps(exif: Buffer | undefined | null): ExifGps | null {
  if (!exif || exif.length < 14) return null;
  try {
    const base = exif.toString("latin1", 0, 6) === "Exif\0\0" ? 6 : 0;
    const order = exif.toString("latin1", base, base + 2);
    if (order !== "II" && order !== "MM") return null;
    const le = order === "II";
    const u16 = (at: number) => (le ? exif.readUInt16LE(base + at) : exif.readUInt16BE(base + at));
    const u32 = (at: number) => (le ? exif.readUInt32LE(base + at) : exif.readUInt32BE(base + at));
    const entries = (ifd: number) => Array.from({ length: u16(ifd) }, (_, i) => ifd + 2 + i * 12).map((e) => ({ tag: u16(e), type: u16(e + 2), count: u32(e + 4), at: e + 8 }));
    const pointer = entries(u32(4)).find((e) => e.tag === GPS_POINTER);
    if (!pointer) return null;
    const gps = new Map(entries(u32(pointer.at)).map((e) => [e.tag, e]));
    const ascii = (tag: number) => {
      const e = gps.get(tag);
      if (!e || e.type !== TYPE_ASCII) return null;
      const at = e.count <= 4 ? e.at : u32(e.at);
      return exif.toString("latin1", base + at, base + at + e.count).replace(/\0+$/, "");
    };
    const rationals = (tag: number): Rational[] | null => {
      const e = gps.get(tag);
      if (!e || e.type !== TYPE_RATIONAL || e.count !== 3) return null;
      const at = u32(e.at);
      return [0, 1, 2].map((i) => [u32(at + i * 8), u32(at + i * 8 + 4)] as Rational);
    };
    const latitudeRef = ascii(1);
    const latitude = rationals(2);
    const longitudeRef = ascii(3);
    const longitude = rationals(4);
    if (!latitudeRef || !latitude || !longitudeRef || !longitude) return null;
    return { latitudeRef, latitude, longitudeRef, longitude };
  } catch {
    return null;
  }
}

/** Degrees as a signed decimal (south and west negative). */
export function gpsDecimal(gps: ExifGps): { latitude: number; longitude: number } {
  const degrees = (parts: Rational[]) => parts.reduce((sum, [n, d], i) => sum + (d ? n / d : 0) / 60 ** i, 0);
  return {
    latitude: (gps.latitudeRef.toUpperCase() === "S" ? -1 : 1) * degrees(gps.latitude),
    longitude: (gps.longitudeRef.toUpperCase() === "W" ? -1 : 1) * degrees(gps.longitude),
  };
}

/** The GPS tags as sharp's withExif takes them (IFD3 is the GPS IFD; rationals as "n/d n/d n/d"). */
export function gpsExifTags(gps: ExifGps): Record<string, string> {
  const text = (parts: Rational[]) => parts.map(([n, d]) => `${n}/${d}`).join(" ");
  return { GPSLatitudeRef: gps.latitudeRef, GPSLatitude: text(gps.latitude), GPSLongitudeRef: gps.longitudeRef, GPSLongitude: text(gps.longitude) };
}

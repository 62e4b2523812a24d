import fs from "node:fs/promises";

/**
 * The judges' copy is a stream copy, and ffmpeg's `filter_units` bitstream filter drops the
 * SEI (and other non-picture) units from every frame, but not from the decoder configuration
 * record in the MP4 sample entry (hvcC, avcC, av1C), which the mp4 muxer copies verbatim: an
 * x265 encode keeps its own SEI there, and a crafted file can carry any text in an SEI array of
 * hvcC, after the parameter sets of avcC, or in a metadata OBU of av1C. This rewrites those
 * records in place with only what a decoder needs (parameter sets, sequence header).
 *
 * Every box keeps its size, so no chunk offset moves: the record shrinks and a `free` box of
 * the bytes it gave up follows it (ISO/IEC 14496-12 allows free space in any box; players skip
 * it). Fewer than 8 freed bytes (too few for a box header, and for a name) are zeroed at the
 * end of the record instead.
 */

type Box = { type: string; start: number; headerSize: number; end: number };

// Boxes on the way from moov to the sample entries.
const containers = new Set(["moov", "trak", "mdia", "minf", "stbl"]);
const visualEntries = new Set(["avc1", "avc2", "avc3", "avc4", "hvc1", "hev1", "av01"]);
// A VisualSampleEntry's own fields before its child boxes (ISO/IEC 14496-12 12.1.3).
const VISUAL_ENTRY_FIELDS = 78;

function* boxes(buf: Buffer, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    let headerSize = 8;
    if (size === 1) {
      if (at + 16 > to) return;
      size = Number(buf.readBigUInt64BE(at + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < headerSize || at + size > to) return;
    yield { type, start: at, headerSize, end: at + size };
    at += size;
  }
}

/** hvcC with only its VPS, SPS and PPS arrays (types 32-34): SEI and anything else dropped. */
export function cleanHvcc(record: Buffer): Buffer {
  if (record.length < 23) return record;
  const kept: Buffer[] = [];
  let arrays = 0;
  let at = 23;
  for (let n = record[22]; n > 0 && at + 3 <= record.length; n--) {
    const type = record[at] & 0x3f;
    let end = at + 3;
    for (let count = record.readUInt16BE(at + 1); count > 0 && end + 2 <= record.length; count--) end += 2 + record.readUInt16BE(end);
    if (end > record.length) break;
    if (type >= 32 && type <= 34) {
      kept.push(record.subarray(at, end));
      arrays++;
    }
    at = end;
  }
  const head = Buffer.from(record.subarray(0, 23));
  head[22] = arrays;
  return Buffer.concat([head, ...kept]);
}

/** avcC up to the end of its parameter sets (and the extension of the High profiles); anything after is dropped. */
export function cleanAvcc(record: Buffer): Buffer {
  if (record.length < 7) return record;
  let at = 6;
  for (let n = record[5] & 0x1f; n > 0 && at + 2 <= record.length; n--) at += 2 + record.readUInt16BE(at);
  if (at >= record.length) return record.subarray(0, Math.min(at, record.length));
  let ppsCount = record[at++];
  for (; ppsCount > 0 && at + 2 <= record.length; ppsCount--) at += 2 + record.readUInt16BE(at);
  if ([100, 110, 122, 144].includes(record[1]) && at + 4 <= record.length) {
    at += 3;
    for (let n = record[at++]; n > 0 && at + 2 <= record.length; n--) at += 2 + record.readUInt16BE(at);
  }
  return record.subarray(0, Math.min(at, record.length));
}

function readLeb128(buf: Buffer, at: number): { value: number; length: number } | null {
  let value = 0;
  for (let i = 0; i < 8 && at + i < buf.length; i++) {
    value += (buf[at + i] & 0x7f) * 2 ** (7 * i);
    if (!(buf[at + i] & 0x80)) return { value, length: i + 1 };
  }
  return null;
}

/** av1C with only its sequence header OBU (metadata, padding and anything else dropped). */
export function cleanAv1c(record: Buffer): Buffer {
  if (record.length <= 4) return record;
  const kept: Buffer[] = [record.subarray(0, 4)];
  let at = 4;
  while (at < record.length) {
    const header = record[at];
    const type = (header >> 3) & 0x0f;
    const headerLength = header & 0x04 ? 2 : 1;
    let end = record.length;
    if (header & 0x02) {
      const size = readLeb128(record, at + headerLength);
      if (!size) break;
      end = at + headerLength + size.length + size.value;
    }
    if (end > record.length) break;
    if (type === 1) kept.push(record.subarray(at, end));
    at = end;
  }
  return Buffer.concat(kept);
}

const cleaners: Record<string, (record: Buffer) => Buffer> = { hvcC: cleanHvcc, avcC: cleanAvcc, av1C: cleanAv1c };

/** Rewrites, inside `moov` (the whole box, changed in place), every decoder record it finds; the bytes freed. */
export function cleanMoov(moov: Buffer): number {
  let freed = 0;
  const walk = (from: number, to: number) => {
    for (const box of boxes(moov, from, to)) {
      const body = box.start + box.headerSize;
      if (containers.has(box.type)) walk(body, box.end);
      else if (box.type === "stsd") walk(body + 8, box.end); // version, flags and entry count first
      else if (visualEntries.has(box.type)) walk(body + VISUAL_ENTRY_FIELDS, box.end);
      else if (cleaners[box.type] && box.headerSize === 8) freed += rewrite(moov, box, cleaners[box.type]);
    }
  };
  walk(0, moov.length);
  return freed;
}

function rewrite(moov: Buffer, box: Box, clean: (record: Buffer) => Buffer): number {
  const record = moov.subarray(box.start + 8, box.end);
  const cleaned = Buffer.from(clean(record));
  const freed = record.length - cleaned.length;
  if (freed <= 0) return 0;
  cleaned.copy(moov, box.start + 8);
  if (freed >= 8) {
    moov.writeUInt32BE(8 + cleaned.length, box.start);
    const free = box.start + 8 + cleaned.length;
    moov.writeUInt32BE(freed, free);
    moov.write("free", free + 4, "latin1");
    moov.fill(0, free + 8, box.end);
  } else {
    moov.fill(0, box.start + 8 + cleaned.length, box.end);
  }
  return freed;
}

/**
 * Cleans the decoder records of an MP4 file in place (its moov box read, changed and written
 * back at the same place). Returns the bytes removed from the records; 0 when there was nothing.
 */
export async function cleanDecoderConfig(file: string): Promise<number> {
  const handle = await fs.open(file, "r+");
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    let at = 0;
    while (at + 8 <= size) {
      await handle.read(header, 0, 16, at);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString("latin1", 4, 8);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) boxSize = size - at;
      if (boxSize < 8 || at + boxSize > size) return 0;
      if (type === "moov") {
        const moov = Buffer.alloc(boxSize);
        await handle.read(moov, 0, boxSize, at);
        const freed = cleanMoov(moov);
        if (freed > 0) await handle.write(moov, 0, boxSize, at);
        return freed;
      }
      at += boxSize;
    }
    return 0;
  } finally {
    await handle.close();
  }
}

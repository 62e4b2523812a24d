import { describe, expect, it } from "vitest";
import { cleanAv1c, cleanAvcc, cleanHvcc, cleanMoov } from "@/lib/video/clean-decoder-config";

// Decoder records built by hand: what stays is what a decoder needs, byte for byte.

const nal = (bytes: number[] | Buffer) => {
  const body = Buffer.from(bytes);
  const out = Buffer.alloc(2 + body.length);
  out.writeUInt16BE(body.length);
  body.copy(out, 2);
  return out;
};
const text = Buffer.from("KIM Manteb", "latin1");

function hvcc(arrays: [number, Buffer[]][]): Buffer {
  const head = Buffer.alloc(23, 0x11);
  head[22] = arrays.length;
  return Buffer.concat([head, ...arrays.map(([type, units]) => Buffer.concat([Buffer.from([0x80 | type, 0, units.length]), ...units]))]);
}

function box(type: string, ...children: Buffer[]): Buffer {
  const body = Buffer.concat(children);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, body]);
}

describe("cleanHvcc", () => {
  it("keeps VPS, SPS and PPS arrays and drops SEI arrays", () => {
    const vps = nal([0x40, 1, 0xaa]), sps = nal([0x42, 1, 0xbb]), pps = nal([0x44, 1, 0xcc]);
    const sei = nal(Buffer.concat([Buffer.from([0x4e, 1, 5, text.length]), text]));
    const cleaned = cleanHvcc(hvcc([[32, [vps]], [33, [sps]], [39, [sei]], [34, [pps]], [40, [sei]]]));
    expect(cleaned).toEqual(hvcc([[32, [vps]], [33, [sps]], [34, [pps]]]));
  });
});

describe("cleanAvcc", () => {
  it("drops bytes after the parameter sets", () => {
    const record = Buffer.concat([Buffer.from([1, 66, 0, 30, 0xff, 0xe1]), nal([0x67, 1, 2]), Buffer.from([1]), nal([0x68, 3])]);
    expect(cleanAvcc(Buffer.concat([record, text]))).toEqual(record);
  });
  it("keeps the High profile extension", () => {
    const record = Buffer.concat([Buffer.from([1, 100, 0, 40, 0xff, 0xe1]), nal([0x67, 1]), Buffer.from([1]), nal([0x68, 3]), Buffer.from([0xfd, 0xf8, 0xf8, 0])]);
    expect(cleanAvcc(Buffer.concat([record, text]))).toEqual(record);
  });
});

describe("cleanAv1c", () => {
  it("keeps the sequence header OBU and drops a metadata OBU", () => {
    const sequence = Buffer.from([0x0a, 3, 1, 2, 3]); // type 1, has size, 3 bytes
    const metadata = Buffer.concat([Buffer.from([0x2a, text.length]), text]); // type 5
    expect(cleanAv1c(Buffer.concat([Buffer.from([0x81, 0, 0, 0]), sequence, metadata]))).toEqual(Buffer.concat([Buffer.from([0x81, 0, 0, 0]), sequence]));
  });
});

describe("cleanMoov", () => {
  it("shrinks hvcC inside the sample entry and fills the rest with a free box, every other size unchanged", () => {
    const sei = nal(Buffer.concat([Buffer.from([0x4e, 1, 5, text.length]), text]));
    const record = hvcc([[33, [nal([0x42, 1])]], [39, [sei]]]);
    const entry = box("hvc1", Buffer.alloc(78), box("hvcC", record), box("pasp", Buffer.alloc(8)));
    const stsd = box("stsd", Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), entry);
    const moov = box("moov", box("trak", box("mdia", box("minf", box("stbl", stsd)))));
    const before = moov.length;
    const freed = cleanMoov(moov);
    expect(freed).toBe(3 + sei.length);
    expect(moov.length).toBe(before);
    expect(moov.toString("latin1")).not.toContain("KIM Manteb");
    const at = moov.indexOf("hvcC", 0, "latin1") - 4;
    const cleaned = hvcc([[33, [nal([0x42, 1])]]]);
    expect(moov.readUInt32BE(at)).toBe(8 + cleaned.length);
    expect(moov.subarray(at + 8, at + 8 + cleaned.length)).toEqual(cleaned);
    expect(moov.toString("latin1", at + 8 + cleaned.length + 4, at + 8 + cleaned.length + 8)).toBe("free");
    expect(moov.readUInt32BE(at + 8 + cleaned.length)).toBe(freed);
    expect(moov.indexOf("pasp", 0, "latin1")).toBeGreaterThan(at);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isIsoFileTruncated } from "@/lib/video/detect-truncation";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-boxes-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// A top-level ISO BMFF box: 32-bit size, type, payload (size 1 = 64-bit size follows).
function box(type: string, payloadBytes: number, declared?: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(declared ?? 8 + payloadBytes, 0);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, Buffer.alloc(payloadBytes, 0xab)]);
}
function largeBox(type: string, payloadBytes: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1, 0);
  header.write(type, 4, "latin1");
  header.writeBigUInt64BE(BigInt(16 + payloadBytes), 8);
  return Buffer.concat([header, Buffer.alloc(payloadBytes)]);
}
let n = 0;
const file = (...boxes: Buffer[]) => {
  const p = path.join(dir, `f${(n += 1)}.mp4`);
  fs.writeFileSync(p, Buffer.concat(boxes));
  return p;
};

describe("isIsoFileTruncated", () => {
  it("accepts boxes that end exactly at the end of the file", async () => {
    expect(await isIsoFileTruncated(file(box("ftyp", 16), box("moov", 40), box("mdat", 300)))).toBe(false);
  });
  it("accepts a 64-bit box and a last box sized 0 (to end of file)", async () => {
    expect(await isIsoFileTruncated(file(box("ftyp", 16), largeBox("mdat", 100)))).toBe(false);
    expect(await isIsoFileTruncated(file(box("ftyp", 16), box("mdat", 50, 0)))).toBe(false);
  });
  it("finds an mdat that claims more bytes than arrived", async () => {
    expect(await isIsoFileTruncated(file(box("ftyp", 16), box("moov", 40), box("mdat", 300, 8 + 1000)))).toBe(true);
  });
  it("finds a file cut inside a box header, and a nonsense box size", async () => {
    expect(await isIsoFileTruncated(file(box("ftyp", 16), Buffer.from([0, 0, 1])))).toBe(true);
    expect(await isIsoFileTruncated(file(box("ftyp", 16), box("free", 0, 4)))).toBe(true);
  });
});

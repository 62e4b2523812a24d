import crypto from "node:crypto";
import fsp, { type FileHandle } from "node:fs/promises";

/**
 * The backup file is a plain POSIX tar (ustar, with pax records for long names and sizes), so
 * an operator can look inside with `tar tvf` and take one file out with `tar xf` when needed.
 * Only what the backup needs: regular files, written once from start to end, read by position.
 */

const BLOCK = 512;

export type TarEntry = { name: string; size: number; offset: number };

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, type: "0" | "x", mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "utf8");
  block.write(octal(0o644, 8), 100, "ascii");
  block.write(octal(0, 8), 108, "ascii");
  block.write(octal(0, 8), 116, "ascii");
  block.write(octal(size, 12), 124, "ascii");
  block.write(octal(mtime, 12), 136, "ascii");
  block.write("        ", 148, "ascii"); // the checksum counts itself as spaces
  block.write(type, 156, "ascii");
  block.write("ustar\0", 257, "ascii");
  block.write("00", 263, "ascii");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "ascii");
  return block;
}

/** A pax record "LEN key=value\n", where LEN counts the whole record including itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return `${length}${body}`;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Writes a tar file from start to end; `close` adds the end-of-archive blocks. */
export class TarWriter {
  private position = 0;
  private constructor(private readonly handle: FileHandle) {}

  static async create(file: string): Promise<TarWriter> {
    // Password hashes and the signing secret are inside: readable by its owner only.
    return new TarWriter(await fsp.open(file, "wx", 0o600));
  }

  private async write(bytes: Buffer): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  private async head(name: string, size: number): Promise<void> {
    const mtime = Math.floor(Date.now() / 1000);
    const plain = Buffer.byteLength(name) <= 100 && /^[\x20-\x7e]*$/.test(name) && size < 8 ** 11;
    if (!plain) {
      const records = Buffer.from(paxRecord("path", name) + (size >= 8 ** 11 ? paxRecord("size", String(size)) : ""), "utf8");
      await this.write(header("PaxHeader", records.length, "x", mtime));
      await this.write(records);
      await this.write(Buffer.alloc(padding(records.length)));
    }
    const shortName = plain ? name : name.replace(/[^\x20-\x7e]/g, "_").slice(-100);
    await this.write(header(shortName, size < 8 ** 11 ? size : 0, "0", mtime));
  }

  async addBuffer(name: string, bytes: Buffer): Promise<void> {
    await this.head(name, bytes.length);
    await this.write(bytes);
    await this.write(Buffer.alloc(padding(bytes.length)));
  }

  /**
   * Copies `size` bytes of the file at `source` (its size when the backup listed it) and returns
   * their SHA-256. A file that shrank meanwhile is an error: the archive would be inconsistent.
   */
  async addFile(name: string, source: string, size: number): Promise<string> {
    await this.head(name, size);
    const hash = crypto.createHash("sha256");
    const input = await fsp.open(source, "r");
    try {
      const buffer = Buffer.alloc(1024 * 1024);
      let copied = 0;
      while (copied < size) {
        const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, size - copied), copied);
        if (bytesRead === 0) throw new Error(`Berkas ${source} menyusut saat dicadangkan.`);
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        await this.write(chunk);
        copied += bytesRead;
      }
    } finally {
      await input.close();
    }
    await this.write(Buffer.alloc(padding(size)));
    return hash.digest("hex");
  }

  /** Ends the archive (two zero blocks), flushes it to disk and closes it. */
  async close(): Promise<number> {
    await this.write(Buffer.alloc(BLOCK * 2));
    await this.handle.sync();
    await this.handle.close();
    return this.position;
  }

  /** Closes without finishing (the caller removes the file). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => {});
  }
}

function readString(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString("utf8");
}

function readNumber(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if (field[0] & 0x80) {
    // base-256, for sizes past 8 GiB written by other tools
    let value = 0;
    for (let i = 1; i < length; i++) value = value * 256 + field[i];
    return value;
  }
  const text = readString(block, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

/** The regular files of a tar archive, with where each one's bytes start. */
export async function listTar(file: string): Promise<TarEntry[]> {
  const handle = await fsp.open(file, "r");
  try {
    const { size: total } = await handle.stat();
    const entries: TarEntry[] = [];
    const block = Buffer.alloc(BLOCK);
    let position = 0;
    let pax: Record<string, string> = {};
    while (position + BLOCK <= total) {
      const { bytesRead } = await handle.read(block, 0, BLOCK, position);
      if (bytesRead < BLOCK) break;
      if (block.every((byte) => byte === 0)) return entries;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
      if (sum !== readNumber(block, 148, 8)) throw new Error("bukan berkas tar (checksum header salah)");
      const type = String.fromCharCode(block[156] || 48);
      const prefix = block.subarray(257, 262).toString("ascii") === "ustar" ? readString(block, 345, 155) : "";
      const plainName = prefix ? `${prefix}/${readString(block, 0, 100)}` : readString(block, 0, 100);
      const size = pax.size !== undefined ? Number(pax.size) : readNumber(block, 124, 12);
      const dataStart = position + BLOCK;
      if (dataStart + size > total) throw new Error("berkas tar terpotong");
      if (type === "x") {
        const records = Buffer.alloc(size);
        await handle.read(records, 0, size, dataStart);
        pax = parsePax(records.toString("utf8"));
      } else {
        if (type === "0" || type === "7") entries.push({ name: pax.path ?? plainName, size, offset: dataStart });
        if (type !== "g") pax = {};
      }
      position = dataStart + size + padding(size);
    }
    throw new Error("berkas tar terpotong (tanpa penutup arsip)");
  } finally {
    await handle.close();
  }
}

function parsePax(text: string): Record<string, string> {
  const records: Record<string, string> = {};
  let rest = text;
  while (rest.length) {
    const space = rest.indexOf(" ");
    const length = Number(rest.slice(0, space));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = Buffer.from(rest, "utf8").subarray(0, length).toString("utf8");
    const [key, ...value] = record.slice(space + 1, -1).split("=");
    records[key] = value.join("=");
    rest = Buffer.from(rest, "utf8").subarray(length).toString("utf8");
  }
  return records;
}

/** Reads one entry's bytes into memory (the manifest and the table dumps, not media). */
export async function readEntry(file: string, entry: TarEntry): Promise<Buffer> {
  const handle = await fsp.open(file, "r");
  try {
    const bytes = Buffer.alloc(entry.size);
    let done = 0;
    while (done < entry.size) {
      const { bytesRead } = await handle.read(bytes, done, entry.size - done, entry.offset + done);
      if (bytesRead === 0) throw new Error("berkas tar terpotong");
      done += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

import fs from "node:fs/promises";

/** Enough for every signature sniffContainer knows (Matroska's DocType sits within ~40 bytes). */
export const SNIFF_BYTES = 64;

/** The first bytes of a file (fewer if the file is shorter). */
export async function readHead(filePath: string, length = SNIFF_BYTES): Promise<Buffer> {
  const handle = await fs.open(filePath, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

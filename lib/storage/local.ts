import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { FileStore } from "@tus/file-store";
import type { DataStore } from "@tus/utils";
import type { ByteRange, StorageDriver } from "./types";

/** Media under `<dataDir>/media`; resumable uploads in its `uploads/` folder. */
export class LocalStorage implements StorageDriver {
  readonly name = "local" as const;
  private datastore?: DataStore;

  constructor(
    readonly root: string,
    private readonly expiryMs: number,
  ) {}

  private resolve(key: string): string {
    const full = path.resolve(this.root, key);
    // Keys come from the database, but a path outside the media root is never served.
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`storage key escapes the media root: ${key}`);
    return full;
  }

  tusDatastore(): DataStore {
    this.datastore ??= new FileStore({ directory: path.join(this.root, "uploads"), expirationPeriodInMilliseconds: this.expiryMs });
    return this.datastore;
  }

  uploadKey(uploadId: string): string {
    return `uploads/${uploadId}`;
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await fsp.stat(this.resolve(key))).size;
    } catch {
      return null;
    }
  }

  async read(key: string, range?: ByteRange) {
    // 1 MiB reads, as the media routes read. They send local files from the path
    // (localCopy) themselves; this stream is for callers that want a Node stream.
    return fs.createReadStream(this.resolve(key), { highWaterMark: 1024 * 1024, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async localCopy(key: string) {
    return { path: this.resolve(key), release: async () => {} };
  }

  async putFile(key: string, filePath: string): Promise<void> {
    const target = this.resolve(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.copyFile(filePath, target);
  }

  async remove(key: string): Promise<void> {
    await fsp.rm(this.resolve(key), { force: true });
  }

  async removeUpload(uploadId: string): Promise<void> {
    // The FileStore keeps the bytes in uploads/<id> and its record in uploads/<id>.json.
    await this.remove(this.uploadKey(uploadId));
    await this.remove(`${this.uploadKey(uploadId)}.json`);
  }
}

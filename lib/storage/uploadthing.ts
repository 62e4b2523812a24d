import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { DataStore, type Upload } from "@tus/utils";
import { UTApi, UTFile } from "uploadthing/server";
import { workPrefix } from "@/lib/jobs/temp-files";
import type { ByteRange, StorageDriver } from "./types";

export type UploadThingSettings = {
  /** UPLOADTHING_TOKEN as issued (base64 JSON with apiKey, appId, regions). */
  token: string;
  /** Tests hand in a fetch; production uses the global one. */
  fetch?: typeof fetch;
};

/**
 * Every object the app keeps in UploadThing is addressed by a customId derived from
 * its storage key, so the app's keys (`uploads/{uploadId}`, `films/{id}/judge-….mp4`)
 * work unchanged and no UploadThing file key has to be stored. UploadThing allows
 * at most 128 characters and no path separators there: a hash is short and safe.
 */
export function uploadThingCustomId(key: string): string {
  return `layar-${crypto.createHash("sha256").update(key).digest("hex").slice(0, 40)}`;
}

/** tus is not how files reach UploadThing: a tus request gets a plain refusal, not a 500. */
class NoTusStore extends DataStore {
  // "expiration" so the hourly clean-up of partial tus uploads finds nothing instead of failing.
  override extensions = ["expiration"];
  private refusal() {
    return Promise.reject({ status_code: 404, body: "Unggahan memakai UploadThing di server ini. Muat ulang halaman film." });
  }
  override create(): Promise<Upload> {
    return this.refusal();
  }
  override write(): Promise<number> {
    return this.refusal();
  }
  override getUpload(): Promise<Upload> {
    return this.refusal();
  }
  override async deleteExpired(): Promise<number> {
    return 0;
  }
}

/**
 * UploadThing's hosted storage. Films arrive through its file route
 * (`app/api/uploadthing`, `lib/uploads/uploadthing-router.ts`) straight from the
 * browser to its ingest servers; the app writes judges' copies, posters and subtitles
 * with UTApi, and reads every object back from its file URL (signed, so private
 * apps work too), streamed with Range, so playback and the checks see one interface.
 */
export class UploadThingStorage implements StorageDriver {
  readonly name = "uploadthing" as const;
  private readonly api: UTApi;
  private readonly fetch: typeof fetch;
  private datastore?: DataStore;

  constructor(settings: UploadThingSettings) {
    this.fetch = settings.fetch ?? ((...args) => globalThis.fetch(...args));
    this.api = new UTApi({ token: settings.token, fetch: this.fetch, logLevel: "Warning", logFormat: "json" });
  }

  tusDatastore(): DataStore {
    this.datastore ??= new NoTusStore();
    return this.datastore;
  }

  uploadKey(uploadId: string): string {
    return `uploads/${uploadId}`;
  }

  /** A short-lived signed file URL, made locally with the API key (no request to UploadThing). */
  private async fileUrl(key: string): Promise<string> {
    const { ufsUrl } = await this.api.generateSignedURL(uploadThingCustomId(key), { expiresIn: 300 });
    return ufsUrl;
  }

  async size(key: string): Promise<number | null> {
    const response = await this.fetch(await this.fileUrl(key), { method: "HEAD" });
    if (!response.ok) return null;
    const length = Number(response.headers.get("content-length"));
    return Number.isFinite(length) && response.headers.has("content-length") ? length : null;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const response = await this.fetch(await this.fileUrl(key), { headers: range ? { Range: `bytes=${range.start}-${range.end}` } : {} });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`UploadThing file ${key}: HTTP ${response.status}`);
    }
    const stream = Readable.fromWeb(response.body as unknown as NodeWebStream<Uint8Array>);
    // A host that ignores Range answers 200 with the whole file: cut the range out here.
    return range && response.status === 200 ? Readable.from(slice(stream, range)) : stream;
  }

  async localCopy(key: string) {
    const dir = await fsp.mkdtemp(workPrefix("ut"));
    const file = path.join(dir, "media");
    try {
      await pipeline(await this.read(key), fs.createWriteStream(file));
    } catch (error) {
      await fsp.rm(dir, { recursive: true, force: true });
      throw error;
    }
    return { path: file, release: () => fsp.rm(dir, { recursive: true, force: true }) };
  }

  async putFile(key: string, filePath: string, contentType: string): Promise<void> {
    // openAsBlob: the file is streamed from disk, not read into memory (judges' copies are large).
    const blob = await fs.openAsBlob(filePath, { type: contentType });
    const file = new UTFile([blob], path.basename(key), { type: contentType, customId: uploadThingCustomId(key) });
    const result = await this.api.uploadFiles(file, { contentDisposition: "inline" });
    if (result.error) throw new Error(`UploadThing upload of ${key} failed: ${result.error.code} ${result.error.message}`);
  }

  async remove(key: string): Promise<void> {
    await this.api.deleteFiles(uploadThingCustomId(key), { keyType: "customId" });
  }

  async removeUpload(uploadId: string): Promise<void> {
    // No tus record here: the upload is one UploadThing file named after its storage key.
    await this.remove(this.uploadKey(uploadId));
  }
}

async function* slice(stream: AsyncIterable<Uint8Array>, range: ByteRange): AsyncGenerator<Uint8Array> {
  let position = 0;
  for await (const chunk of stream) {
    const start = Math.max(range.start - position, 0);
    const end = Math.min(range.end + 1 - position, chunk.length);
    if (end > start) yield chunk.subarray(start, end);
    position += chunk.length;
    if (position > range.end) return;
  }
}

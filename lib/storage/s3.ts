import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { S3Store } from "@tus/s3-store";
import type { DataStore } from "@tus/utils";
import { workPrefix } from "@/lib/jobs/temp-files";
import type { ByteRange, StorageDriver } from "./types";

export type S3Settings = { bucket: string; clientConfig: S3ClientConfig; expiryMs: number };

/**
 * Any S3-compatible store (MinIO, Ceph RGW, AWS S3, R2). Uploads go through tus as
 * multipart uploads (8 MiB parts); playback redirects to short-lived presigned GETs.
 */
export class S3Storage implements StorageDriver {
  readonly name = "s3" as const;
  private readonly client: S3Client;
  private datastore?: DataStore;

  constructor(private readonly settings: S3Settings) {
    // Checksums only where the API requires them: the SDK's default aws-chunked
    // uploads with trailing checksums are not understood by many S3-compatible
    // stores (older MinIO, Ceph RGW, s3rver), which then store the framing bytes.
    this.settings = { ...settings, clientConfig: { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED", ...settings.clientConfig } };
    this.client = new S3Client(this.settings.clientConfig);
  }

  tusDatastore(): DataStore {
    this.datastore ??= new S3Store({
      partSize: 8 * 1024 * 1024,
      expirationPeriodInMilliseconds: this.settings.expiryMs,
      s3ClientConfig: { ...this.settings.clientConfig, bucket: this.settings.bucket },
    });
    return this.datastore;
  }

  uploadKey(uploadId: string): string {
    return uploadId;
  }

  async size(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return head.ContentLength ?? null;
    } catch {
      return null;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: this.settings.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
    );
    return object.Body as Readable;
  }

  async localCopy(key: string) {
    const dir = await fsp.mkdtemp(workPrefix("s3"));
    // A temporary file, never a project path: turbopackIgnore keeps Next from tracing the whole project.
    const file = path.join(/*turbopackIgnore: true*/ dir, path.basename(key) || "media");
    await pipeline(await this.read(key), fs.createWriteStream(file));
    return { path: file, release: () => fsp.rm(dir, { recursive: true, force: true }) };
  }

  async putFile(key: string, filePath: string, contentType: string): Promise<void> {
    // Whole-file PUT streamed from disk: judge copies and posters are the only writes here.
    const { size } = await fsp.stat(filePath);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: fs.createReadStream(filePath), ContentLength: size, ContentType: contentType }),
    );
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
  }

  async removeUpload(uploadId: string): Promise<void> {
    // Aborts a multipart upload still open (its parts are otherwise kept, and billed, by the
    // store); a finished one has nothing to abort and @tus/s3-store refuses it, so the
    // objects are deleted here in every case: the bytes, tus's .info record and any .part.
    await this.tusDatastore()
      .remove(uploadId)
      .catch(() => {});
    await this.client.send(
      new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: [{ Key: uploadId }, { Key: `${uploadId}.info` }, { Key: `${uploadId}.part` }], Quiet: true } }),
    );
  }

  async signedUrl(key: string, options: { expiresInSeconds: number; contentType: string; downloadName?: string }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.settings.bucket,
      Key: key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.downloadName ? `attachment; filename="${options.downloadName}"` : "inline",
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }
}

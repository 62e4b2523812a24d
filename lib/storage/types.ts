import type { Readable } from "node:stream";
import type { DataStore } from "@tus/utils";

export type ByteRange = { start: number; end: number }; // inclusive, as in HTTP

/**
 * Where media lives. The rest of the app talks only to this interface, so it never
 * knows whether bytes are on local disk, in an S3-compatible store or in UploadThing.
 */
export interface StorageDriver {
  readonly name: "local" | "s3" | "uploadthing";
  /** The tus datastore that receives resumable uploads. */
  tusDatastore(): DataStore;
  /** The storage key under which a finished tus upload can be read. */
  uploadKey(uploadId: string): string;
  size(key: string): Promise<number | null>;
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** A local file path for tools such as ffprobe; `release` removes any temporary copy. */
  localCopy(key: string): Promise<{ path: string; release: () => Promise<void> }>;
  putFile(key: string, filePath: string, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
  /**
   * Removes a tus upload, finished or not: its bytes and the datastore's own record of it
   * (an unfinished S3 multipart upload is aborted). Missing pieces are not an error.
   */
  removeUpload(uploadId: string): Promise<void>;
  /** For drivers that serve media themselves (S3): a short-lived URL to redirect to. */
  signedUrl?(key: string, options: { expiresInSeconds: number; contentType: string; downloadName?: string }): Promise<string>;
}

import path from "node:path";
import { env } from "@/lib/env";
import { LocalStorage } from "./local";
import type { StorageDriver } from "./types";

export type { ByteRange, StorageDriver } from "./types";

const holder = globalThis as unknown as { __layarStorage?: StorageDriver | Promise<StorageDriver> };

/**
 * The configured driver, one per process (STORAGE_DRIVER=local|s3|uploadthing; see lib/env.ts).
 * Asynchronous because the S3 and UploadThing drivers are loaded only when configured: the
 * AWS SDK and the uploadthing package hold some 60 MB once loaded, which a server on local
 * disk should not carry.
 */
export async function getStorage(): Promise<StorageDriver> {
  holder.__layarStorage ??= createStorage();
  return holder.__layarStorage;
}

/** Lets tests put a driver (e.g. S3 against s3rver) in place of the configured one. */
export function setStorage(driver: StorageDriver | undefined): void {
  holder.__layarStorage = driver;
}

/** Which driver is configured, without opening it (pages choose the uploader with it). */
export function storageDriverName(): StorageDriver["name"] {
  return env().STORAGE_DRIVER;
}

/** Whether UploadThing receives the uploads: only with UPLOADTHING_TOKEN (lib/env.ts refuses the driver without it). */
export function uploadThingEnabled(): boolean {
  const e = env();
  return e.STORAGE_DRIVER === "uploadthing" && Boolean(e.UPLOADTHING_TOKEN);
}

/** The configured driver; local disk under `dataDir`/media (the environment's data directory unless given). */
export async function createStorage(dataDir?: string): Promise<StorageDriver> {
  const e = env();
  if (e.STORAGE_DRIVER === "uploadthing") {
    const { UploadThingStorage } = await import("./uploadthing");
    return new UploadThingStorage({ token: e.UPLOADTHING_TOKEN! });
  }
  const expiryMs = e.UPLOAD_EXPIRY_HOURS * 3_600_000;
  if (e.STORAGE_DRIVER === "s3") {
    const { S3Storage } = await import("./s3");
    return new S3Storage({
      bucket: e.S3_BUCKET!,
      expiryMs,
      clientConfig: {
        region: e.S3_REGION,
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
        credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
      },
    });
  }
  return new LocalStorage(path.join(dataDir ?? e.dataDir, "media"), expiryMs);
}

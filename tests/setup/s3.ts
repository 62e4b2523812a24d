import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import S3rver from "s3rver";

type KoaContext = { method: string; query: Record<string, string>; path: string; status: number; type: string; body: unknown };
type Store = { getResourcePath(bucket: string, key: string | undefined, resource: string): string };

/**
 * s3rver on loopback, with the one call it lacks and @tus/s3-store needs to resume
 * a multipart upload: ListParts (GET /bucket/key?uploadId=...). The parts are the
 * files s3rver itself stored for UploadPart; only the listing is added here.
 */
export async function startS3(directory: string, bucket = "layar"): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const store = (s3 as unknown as { store: Store }).store;
  const middleware = (s3 as unknown as { middleware: ((ctx: KoaContext, next: () => Promise<void>) => Promise<void>)[] }).middleware;
  middleware.unshift(async (ctx, next) => {
    if (ctx.method !== "GET" || !ctx.query.uploadId) return next();
    const [, bucketName, ...keyParts] = ctx.path.split("/");
    const dir = path.join(store.getResourcePath(bucketName, undefined, "uploads"), ctx.query.uploadId);
    if (!fs.existsSync(dir)) {
      ctx.status = 404;
      ctx.type = "application/xml";
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>`;
      return;
    }
    const parts = fs
      .readdirSync(dir)
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .sort((a, b) => a - b)
      .map((n) => {
        const bytes = fs.readFileSync(path.join(dir, String(n)));
        return `<Part><PartNumber>${n}</PartNumber><ETag>"${crypto.createHash("md5").update(bytes).digest("hex")}"</ETag><Size>${bytes.length}</Size></Part>`;
      });
    ctx.status = 200;
    ctx.type = "application/xml";
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListPartsResult><Bucket>${bucketName}</Bucket><Key>${keyParts.join("/")}</Key><UploadId>${ctx.query.uploadId}</UploadId><IsTruncated>false</IsTruncated>${parts.join("")}</ListPartsResult>`;
  });
  const { port } = (await s3.run()) as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => s3.close() };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type { StorageDriver } from "@/lib/storage";
import { contentTypeOf, fileMissingBody, planMediaAnswer, type MediaOptions, type ServableMedia } from "./serve-media";

/**
 * serveMedia's answer written to a Node response (server.mjs's direct media route):
 * the same status, headers and bytes, piped from the file without web streams.
 */
export async function serveMediaNode(req: IncomingMessage, res: ServerResponse, storage: StorageDriver, media: ServableMedia, options: MediaOptions): Promise<void> {
  if (storage.signedUrl) {
    const url = await storage.signedUrl(media.storageKey, { expiresInSeconds: 300, contentType: contentTypeOf(media), downloadName: options.downloadName });
    res.writeHead(302, { Location: url, "Cache-Control": "private, no-store" }).end();
    return;
  }
  const size = media.sizeBytes ?? (await storage.size(media.storageKey));
  const answer = planMediaAnswer(req.method ?? "GET", req.headers.range, media, size, options);
  res.writeHead(answer.status, answer.headers);
  if (answer.status === 404) {
    res.end(fileMissingBody);
    return;
  }
  if (!answer.range) {
    res.end();
    return;
  }
  // 1 MiB reads (storage.read's size): each read is a handful of async operations, each
  // seen by the async hooks Next's request context installs in this process, so fewer,
  // larger reads cost less per byte than Node's default 64 KiB.
  const source = await storage.read(media.storageKey, answer.range);
  // A video element drops requests all the time: a closed response ends the read.
  source.once("error", () => res.destroy());
  res.once("close", () => source.destroy());
  source.pipe(res);
}

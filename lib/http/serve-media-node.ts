import type { IncomingMessage, ServerResponse } from "node:http";
import type { StorageDriver } from "@/lib/storage";
import { answerMedia, type MediaOptions, type ServableMedia } from "./serve-media";

/**
 * serveMedia's answer written to a Node response (server.mjs's direct media route):
 * the same status, headers and bytes, piped from the file without web streams.
 */
export async function serveMediaNode(req: IncomingMessage, res: ServerResponse, storage: StorageDriver, media: ServableMedia, options: MediaOptions): Promise<void> {
  const answer = await answerMedia(req.method ?? "GET", req.headers.range, storage, media, options);
  res.writeHead(answer.status, answer.headers);
  if (!answer.range) {
    res.end(answer.body);
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

import type { IncomingMessage, ServerResponse } from "node:http";
import type { StorageDriver } from "@/lib/storage";
import { sendFileRange } from "./send-file-range";
import { answerMedia, type MediaOptions, type ServableMedia } from "./serve-media";

/**
 * serveMedia's answer written to a Node response (server.mjs's direct media route):
 * the same status, headers and bytes, without web streams. A file on this machine is
 * read into pooled buffers (sendFileRange); other drivers' streams are piped.
 */
export async function serveMediaNode(req: IncomingMessage, res: ServerResponse, storage: StorageDriver, media: ServableMedia, options: MediaOptions): Promise<void> {
  const answer = await answerMedia(req.method ?? "GET", req.headers.range, storage, media, options);
  res.writeHead(answer.status, answer.headers);
  if (!answer.range) {
    res.end(answer.body);
    return;
  }
  if (storage.name === "local") {
    await sendFileRange(res, (await storage.localCopy(media.storageKey)).path, answer.range);
    return;
  }
  const source = await storage.read(media.storageKey, answer.range);
  // A video element drops requests all the time: a closed response ends the read.
  source.once("error", () => res.destroy());
  res.once("close", () => source.destroy());
  source.pipe(res);
}

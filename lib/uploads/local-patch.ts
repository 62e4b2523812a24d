import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ERRORS, type Server } from "@tus/server";
import type { DataStore, Locker } from "@tus/utils";
import type { StorageDriver } from "@/lib/storage";
import type { UploadRules } from "./tus-server";
import { inReadersLanguage, refuse, refusalBody, uploadServerError, type UploadRefusal } from "./upload-access";

type Options = {
  /** The tus server that handles every other request of the endpoint: its datastore and lock are shared. */
  server: Server;
  rules: UploadRules;
  /** The local disk driver, whose FileStore holds the upload's bytes. */
  storage: StorageDriver;
};

/**
 * A tus PATCH for uploads on local disk, answered from Node's own request stream.
 *
 * @tus/server receives a PATCH as a web Request and copies every chunk through a web
 * stream, a Node stream made from it, a pass-through, a size limiter and the file
 * store's counting transform before the file sees it; with Next's route machinery in
 * front, a 1 GB upload cost the server twice the CPU of writing the bytes to disk.
 * Here the request body goes straight into a file write stream at the upload's offset.
 *
 * The protocol is the one @tus/server speaks (same status codes and bodies), with the
 * same rules (`rules.checkPatch`: owner, not finished, deadline and grace), the same
 * per-upload lock (a second request for the upload asks this one to stop and waits),
 * and the same finish (`rules.finished`). A PATCH that also declares a length, or
 * overrides its method, is not taken (`takes` says false): tus handles those.
 */
export type LocalPatch = ReturnType<typeof createLocalPatch>;

export function createLocalPatch({ server, rules, storage }: Options) {
  const datastore = server.datastore as DataStore;
  const locker = server.options.locker as Locker;

  /** Whether this request is one the direct route answers (otherwise: the tus server). */
  const takes = (req: IncomingMessage) =>
    req.method === "PATCH" && req.headers["upload-length"] === undefined && req.headers["upload-concat"] === undefined && req.headers["x-http-method-override"] === undefined;

  async function handle(req: IncomingMessage, res: ServerResponse, uploadId: string): Promise<void> {
    const headers: Record<string, string> = { "Tus-Resumable": "1.0.0" };
    const answer = (status: number, body = "", extra: Record<string, string> = {}) => {
      if (res.headersSent || res.destroyed) return;
      const text = status === 204 ? "" : body;
      res.writeHead(status, { ...headers, ...extra, ...(text ? { "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)) } : {}) });
      res.end(text);
    };

    // tus's protocol errors go without their English text, as from the tus server (refusalBody).
    const invalid = headerProblem(req);
    if (invalid) return answer(invalid.status_code);
    const offset = Number(req.headers["upload-offset"]);

    const stop = new AbortController();
    let lock: ReturnType<Locker["newLock"]> | undefined;
    try {
      await rules.checkPatch(req.headers.cookie ?? null, uploadId);
      const wanted = locker.newLock(uploadId);
      // Another request for this upload (the client resuming over a new connection while
      // this one hangs) asks us to stop: what arrived so far is kept.
      await wanted.lock(stop.signal, () => stop.abort());
      lock = wanted; // only a lock we hold is ever released (MemoryLocker does not check)
      const upload = await datastore.getUpload(uploadId);
      const expiry = datastore.getExpiration();
      const expiresAt = expiry > 0 && upload.creation_date ? new Date(upload.creation_date).getTime() + expiry : null;
      if (expiresAt !== null && Date.now() > expiresAt) throw ERRORS.FILE_NO_LONGER_EXISTS;
      if (upload.offset !== offset) throw ERRORS.INVALID_OFFSET;
      if (upload.size === undefined) throw ERRORS.INVALID_LENGTH;
      const room = upload.size - offset;
      const declared = req.headers["content-length"] === undefined ? undefined : Number(req.headers["content-length"]);
      if (declared !== undefined && declared > room) throw ERRORS.ERR_MAX_SIZE_EXCEEDED;

      const file = (await storage.localCopy(storage.uploadKey(uploadId))).path;
      const outcome = await receive(req, file, offset, room, stop.signal);
      await lock.unlock();
      lock = undefined;
      const newOffset = offset + outcome.received;
      // Every byte is stored: the upload is finished, however this request ended (a client
      // that sent more than declared after the last byte, or went away right after it).
      if (newOffset === upload.size) await rules.finished({ id: uploadId, size: upload.size, offset: newOffset });
      if (outcome.overflow) return answer(ERRORS.ERR_MAX_SIZE_EXCEEDED.status_code, "", { Connection: "close" });
      if (outcome.aborted) {
        res.destroy(); // the client has gone: nobody to answer
        return;
      }
      const extra: Record<string, string> = { "Upload-Offset": String(newOffset) };
      if (expiresAt !== null && newOffset < upload.size) extra["Upload-Expires"] = new Date(expiresAt).toUTCString();
      if (outcome.stopped) extra.Connection = "close";
      answer(204, "", extra);
    } catch (error) {
      const body = refusalBody(error, req.headers.cookie);
      if (body !== null) return answer((error as UploadRefusal).status_code, body);
      // The disk filled up under us: what was written stays (the offset is what the disk holds),
      // and the client may resume once space is freed. 507 lets it retry.
      if ((error as NodeJS.ErrnoException).code === "ENOSPC") return answer(diskFull.status_code, inReadersLanguage(diskFull.body, req.headers.cookie));
      console.error(error);
      answer(500, inReadersLanguage(uploadServerError.body, req.headers.cookie));
    } finally {
      await lock?.unlock().catch(() => {});
    }
  }

  return { takes, handle };
}

/** A write failed for lack of space: 507, which the uploader retries (space may be freed). */
export const diskFull = refuse(507, "Ruang penyimpanan server penuh. Bagian yang sudah terkirim tetap tersimpan; unggahan dilanjutkan setelah panitia mengosongkan ruang.");

/** The header checks @tus/server makes before a PATCH, with its answers. */
function headerProblem(req: IncomingMessage): UploadRefusal | null {
  const version = req.headers["tus-resumable"];
  if (version === undefined) return { status_code: 412, body: "Tus-Resumable Required\n" };
  if (version !== "1.0.0") return { status_code: 400, body: "Invalid tus-resumable\n" };
  const type = req.headers["content-type"];
  if (type === undefined) return ERRORS.INVALID_CONTENT_TYPE;
  if (type !== "application/offset+octet-stream") return { status_code: 400, body: "Invalid content-type\n" };
  const offset = req.headers["upload-offset"];
  if (offset === undefined) return ERRORS.MISSING_OFFSET;
  const n = Number(offset);
  if (!Number.isInteger(n) || String(n) !== offset || n < 0) return { status_code: 400, body: "Invalid upload-offset\n" };
  return null;
}

type Received = { received: number; overflow: boolean; aborted: boolean; stopped: boolean };

/**
 * Writes the request body into `file` from `offset`, at most `room` bytes, with Node's
 * back-pressure (the request pauses while the disk catches up). Resolves once every
 * accepted byte is on disk, whether the body ended, the client went away, it sent more
 * than declared (the chunk that would overflow is not written), or `stop` was signalled.
 */
function receive(req: IncomingMessage, file: string, offset: number, room: number, stop: AbortSignal): Promise<Received> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file, { flags: "r+", start: offset });
    let received = 0;
    let settled = false;
    const finish = (how: Omit<Received, "received">) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.pause();
      stop.removeEventListener("abort", onStop);
      out.end(() => resolve({ received, ...how }));
    };
    const onData = (chunk: Buffer) => {
      if (received + chunk.length > room) return finish({ overflow: true, aborted: false, stopped: false });
      received += chunk.length;
      if (!out.write(chunk)) {
        req.pause();
        out.once("drain", () => settled || req.resume());
      }
    };
    const onStop = () => finish({ overflow: false, aborted: false, stopped: true });
    out.once("error", (error) => {
      settled = true;
      req.off("data", onData);
      req.resume(); // the rest of this chunk is read and dropped, so the client hears the answer
      reject(error); // answered 507 (disk full) or 500; the offset stays what the disk holds
    });
    req.on("data", onData);
    req.once("end", () => finish({ overflow: false, aborted: false, stopped: false }));
    req.once("close", () => finish({ overflow: false, aborted: !req.complete, stopped: false }));
    req.once("error", () => finish({ overflow: false, aborted: true, stopped: false }));
    stop.addEventListener("abort", onStop, { once: true });
  });
}

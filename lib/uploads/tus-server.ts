import crypto from "node:crypto";
import { EVENTS, Server } from "@tus/server";
import type { Locker, Upload } from "@tus/utils";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { filmMedia } from "@/lib/db/schema";
import { getEntryFilm } from "@/lib/films/kim-film";
import { AppError } from "@/lib/errors";
import type { StorageDriver } from "@/lib/storage";
import { env } from "@/lib/env";
import { createLocalPatch, diskFull, type LocalPatch } from "./local-patch";
import { removeIfReplaced, replacedUpload, startVideoUpload } from "./start-upload";
import { diskFreeBytes, type FreeSpaceReader } from "./storage-room";
import { uploadLocker } from "./upload-locker";
import {
  authoriseUploadStart,
  filmUploader,
  HARD_MAX_BYTES,
  inReadersLanguage,
  recordUploadFinished,
  recordUploadStart,
  refusalBody,
  refuse,
  sanitiseName,
  uploadContinuation,
  uploadServerError,
  type Uploader,
} from "./upload-access";

export const uploadPath = "/api/upload";

type Options = {
  db: () => Db;
  storage: StorageDriver;
  now?: () => Date;
  /** Called when an upload's last byte is stored; the checks run off the request path. */
  onUploadComplete: (mediaId: string) => void;
  /** One writer per upload; by default across instances on a PostgreSQL server (upload-locker.ts). */
  locker?: Locker;
  /** Free space under the media root (tests inject one); fs.statfs by default. */
  freeSpace?: FreeSpaceReader;
  /** The free space an upload must leave on local disk; UPLOAD_DISK_MARGIN_MB by default. */
  diskMarginBytes?: number;
};

// An upload is a run of PATCH requests from one session, seconds apart. Re-reading the
// session and the ownership for each 5 MB chunk costs more than the chunk on a fast
// link, so a positive check is remembered for a short while (a disabled account can
// finish the chunk run it is in, at most CHECK_TTL_MS).
const CHECK_TTL_MS = 30_000;
type Check = { mayContinue: (now: Date) => ReturnType<typeof uploadContinuation>; until: number };
const recentChecks = new Map<string, Check>();
function rememberCheck(key: string, check: Check) {
  if (recentChecks.size > 5000) recentChecks.clear();
  recentChecks.set(key, check);
}
/** A replaced upload's next PATCH is checked afresh (and told why it stopped), not let through by the cache. */
function forgetChecks(uploadIds: string[]) {
  for (const key of recentChecks.keys()) if (uploadIds.some((id) => key.startsWith(`${id}:`))) recentChecks.delete(key);
}

/** The checks every tus request passes, shared by the tus server and the direct PATCH route. */
export type UploadRules = {
  /** May this session write the next chunk of this upload now? Throws a refusal otherwise. */
  checkPatch: (cookieHeader: string | null, uploadId: string) => Promise<void>;
  /** The last byte is stored: record it and queue the checks. */
  finished: (upload: { id: string; size?: number; offset: number }) => Promise<void>;
};

export function uploadRules(options: Options): UploadRules {
  const now = options.now ?? (() => new Date());
  return {
    async checkPatch(cookieHeader, uploadId) {
      const cacheKey = `${uploadId}:${cookieHeader ?? ""}`;
      const cached = recentChecks.get(cacheKey);
      if (cached && cached.until > Date.now()) {
        // The same session resuming the same upload a moment ago: ownership is known;
        // the deadline is still judged on every request.
        const allowed = cached.mayContinue(now());
        if (!allowed.ok) throw refuse(403, allowed.reason);
        return;
      }
      const actor = await filmUploader(cookieHeader, options.db());
      const { media, entry } = await ownedUpload(options.db(), actor, uploadId);
      // A newer upload for the film replaced this one: say so (410: the client must not retry).
      if (media.status === "rejected" && media.problems.length > 0) throw refuse(410, media.problems[0]);
      if (media.status !== "uploading") throw refuse(409, "Unggahan ini sudah selesai.");
      const mayContinue = (at: Date) => uploadContinuation(actor, entry.edition, media.createdAt, at, entry.extendedUntil);
      const allowed = mayContinue(now());
      if (!allowed.ok) throw refuse(403, allowed.reason);
      rememberCheck(cacheKey, { mayContinue, until: Date.now() + CHECK_TTL_MS });
    },
    async finished(upload) {
      const mediaId = await recordUploadFinished(options.db(), { uploadId: upload.id, size: upload.size ?? upload.offset });
      if (mediaId) options.onUploadComplete(mediaId);
    },
  };
}

/**
 * The upload's media row and its entry, only if the actor may reach the film (its own KIM's,
 * or in the organiser's region): otherwise "not found".
 */
async function ownedUpload(db: Db, actor: Uploader, uploadId: string) {
  // Upload ids are UUIDs (namingFunction); anything else (a NUL byte included) is no upload.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uploadId)) throw refuse(404, "Unggahan tidak ditemukan.");
  const [media] = await db.select().from(filmMedia).where(and(eq(filmMedia.uploadId, uploadId), eq(filmMedia.kind, "video")));
  if (!media) throw refuse(404, "Unggahan tidak ditemukan.");
  try {
    return { media, entry: await getEntryFilm(db, actor, media.filmId) };
  } catch (error) {
    if (error instanceof AppError) throw refuse(404, "Unggahan tidak ditemukan.");
    throw error;
  }
}

/**
 * The resumable upload endpoint (tus 1.0). Every request is checked here, not in
 * the proxy: only the signed-in KIM that owns the draft (or an organiser of the
 * edition's region, uploading for the KIM) may create, resume or inspect its
 * upload; the edition's maximum size is enforced from the first request's
 * Upload-Length; no upload starts after the (KIM's own) close, and one started
 * before it may finish within the grace period. On local disk, server.mjs sends
 * PATCHes to lib/uploads/local-patch.ts instead, which applies the same rules
 * (`rules`) and takes the same lock.
 */
export function createTusServer(options: Options, rules: UploadRules = uploadRules(options)): Server {
  const now = options.now ?? (() => new Date());
  const uploader = (req: Request) => filmUploader(req.headers.get("cookie"), options.db());

  const server = new Server({
    path: uploadPath,
    datastore: options.storage.tusDatastore(),
    maxSize: HARD_MAX_BYTES,
    relativeLocation: true,
    respectForwardedHeaders: true,
    namingFunction: () => crypto.randomUUID(),
    // Explicit, so the direct PATCH route takes the very same per-upload lock; on a PostgreSQL
    // server it spans instances (upload-locker.ts).
    locker: options.locker ?? uploadLocker(options.db),

    async onIncomingRequest(req, uploadId) {
      if (req.method === "GET" || req.method === "DELETE") throw refuse(405, "Tidak diizinkan.");
      if (req.method === "PATCH") return rules.checkPatch(req.headers.get("cookie"), uploadId);
      const actor = await uploader(req);
      if (req.method === "POST") return; // checked in onUploadCreate, where the metadata is parsed
      await ownedUpload(options.db(), actor, uploadId);
    },

    async onUploadCreate(req, upload) {
      const actor = await uploader(req);
      const filmId = upload.metadata?.filmId ?? "";
      const db = options.db();
      const entry = await authoriseUploadStart(db, actor, {
        filmId,
        size: upload.sizeIsDeferred ? undefined : upload.size,
        type: upload.metadata?.filetype ?? undefined,
        now: now(),
      });
      const originalName = sanitiseName(upload.metadata?.filename ?? "");
      const room = { freeSpace: options.freeSpace ?? diskFreeBytes, marginBytes: options.diskMarginBytes ?? env().UPLOAD_DISK_MARGIN_MB * 1024 ** 2 };
      // The film's one unfinished upload (a newer one replaces it), within the budget and the disk's margin.
      const { replaced } = await startVideoUpload(db, options.storage, entry, {
        filmId,
        kind: "video",
        storageDriver: options.storage.name,
        storageKey: options.storage.uploadKey(upload.id),
        uploadId: upload.id,
        originalName,
        mimeType: upload.metadata?.filetype?.slice(0, 100) ?? null,
        sizeBytes: upload.size!,
        status: "uploading",
        isCurrent: false,
        createdAt: now(),
      }, room);
      forgetChecks(replaced);
      await recordUploadStart(db, actor, entry, upload.id);
      // Keep only what the server needs in the datastore's metadata: not the file name.
      return { metadata: { filmId } };
    },

    async onUploadFinish(_req, upload: Upload) {
      await rules.finished(upload);
      return {};
    },

    onResponseError(req, error) {
      // Our refusals pass through in the reader's language (the uploader shows the body),
      // tus's protocol errors without their English; anything unexpected is logged and answered plainly.
      const cookie = req.headers.get("cookie");
      const body = refusalBody(error, cookie);
      // A creation whose upload a simultaneous newer start for the film already replaced: its file is
      // gone, and tus says 410 or (when it looks the file up again, slower under a shared lock) 404.
      const gone = "status_code" in error && (error.status_code === 410 || (error.status_code === 404 && body === ""));
      if (req.method === "POST" && gone) return { status_code: 410, body: inReadersLanguage(replacedUpload.body, cookie) };
      if (body !== null) return { status_code: (error as { status_code: number }).status_code, body };
      if ((error as NodeJS.ErrnoException).code === "ENOSPC") return { status_code: diskFull.status_code, body: inReadersLanguage(diskFull.body, cookie) };
      console.error(error);
      return { status_code: 500, body: inReadersLanguage(uploadServerError.body, cookie) };
    },
  });
  // Simultaneous starts for one film: a newer one may replace this upload between its record and
  // the datastore creating its file; the file then goes as soon as it exists.
  server.on(EVENTS.POST_CREATE, (_req: Request, upload: Upload) => void removeIfReplaced(options.db(), options.storage, upload.id).catch((error) => console.error(error)));
  return server;
}

/**
 * The upload endpoint as server.mjs runs it: the tus server, and on local disk the direct
 * PATCH route (lib/uploads/local-patch.ts) under the same rules and lock; null otherwise.
 */
export function createUploadEndpoint(options: Options): { server: Server; localPatch: LocalPatch | null } {
  const rules = uploadRules(options);
  const server = createTusServer(options, rules);
  return { server, localPatch: options.storage.name === "local" ? createLocalPatch({ server, rules, storage: options.storage }) : null };
}

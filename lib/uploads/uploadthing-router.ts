import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { createRouteHandler, createUploadthing, UTFiles, type FileRouter } from "uploadthing/next";
import { UploadThingError } from "uploadthing/server";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { deadlineExtensions, editions, filmMedia, films } from "@/lib/db/schema";
import type { StorageDriver } from "@/lib/storage";
import { uploadThingCustomId } from "@/lib/storage/uploadthing";
import { authoriseUploadStart, filmUploader, inReadersLanguage, isUploadRefusal, recordUploadFinished, recordUploadStart, refuse, sanitiseName, uploadContinuation } from "./upload-access";

export const uploadThingPath = "/api/uploadthing";
/** The file route the KIM page's uploader names. */
export const filmVideoSlug = "filmVideo";

type Options = {
  db: () => Db;
  storage: StorageDriver;
  now?: () => Date;
  /** Called when UploadThing reports the last byte stored; the checks run off the request path. */
  onUploadComplete: (mediaId: string) => void;
};

const input = z.object({ filmId: z.string().max(64) });
// `byOrganiser`: the upload was started by an organiser for the KIM (UploadThing signs the
// callback that carries it back, so the completion applies the organiser's window).
const metadata = z.object({ uploadId: z.uuid(), filmId: z.uuid(), byOrganiser: z.boolean().optional() });

/** Our refusals as UploadThing errors: the client shows `message` (in the reader's language), the status comes from `code`. */
function asUploadThingError(error: unknown, cookieHeader: string | null): unknown {
  if (!isUploadRefusal(error)) return error;
  const code = error.status_code === 404 ? "NOT_FOUND" : error.status_code === 413 ? "TOO_LARGE" : error.status_code === 400 || error.status_code === 415 ? "BAD_REQUEST" : "FORBIDDEN";
  return new UploadThingError({ code, message: inReadersLanguage(error.body, cookieHeader) });
}

/**
 * UploadThing's file router for film videos. The middleware runs the same start
 * check as the tus endpoint (lib/uploads/upload-access.ts) and records the media
 * row as `uploading`; UploadThing's signed completion callback (the signature is
 * verified by the uploadthing package with the API key before this code runs)
 * records the same `received` event, and the check queue takes it from there.
 */
export function createVideoRouter(options: Options) {
  const now = options.now ?? (() => new Date());
  const f = createUploadthing();
  return {
    [filmVideoSlug]: f({ video: { maxFileSize: "8GB", maxFileCount: 1, minFileCount: 1 } }, { awaitServerData: false })
      .input(input)
      .middleware(async ({ req, input, files }) => {
        try {
          const db = options.db();
          const actor = await filmUploader(req.headers.get("cookie"), db);
          if (files.length !== 1) throw refuse(400, "Unggah satu berkas video saja.");
          const [file] = files;
          // UploadThing's route accepts only video/*; say so before anything is recorded.
          if (!file.type.startsWith("video/")) throw refuse(415, "Berkas ini bukan video. Unggah berkas video MP4 atau MOV.");
          const entry = await authoriseUploadStart(db, actor, { filmId: input.filmId, size: file.size, type: file.type, now: now() });
          const { film } = entry;
          const uploadId = crypto.randomUUID();
          const storageKey = options.storage.uploadKey(uploadId);
          await db.insert(filmMedia).values({
            filmId: film.id,
            kind: "video",
            storageDriver: options.storage.name,
            storageKey,
            uploadId,
            originalName: sanitiseName(file.name),
            mimeType: file.type.slice(0, 100),
            sizeBytes: file.size,
            status: "uploading",
            isCurrent: false,
            createdAt: now(),
          });
          await recordUploadStart(db, actor, entry, uploadId);
          // The object's name at UploadThing is derived from the storage key, so the
          // storage driver finds it again; the file name stays in our database only.
          return { uploadId, filmId: film.id, ...(actor.role === "organiser" ? { byOrganiser: true } : {}), [UTFiles]: [{ ...file, name: "film", customId: uploadThingCustomId(storageKey) }] };
        } catch (error) {
          throw asUploadThingError(error, req.headers.get("cookie"));
        }
      })
      .onUploadComplete(async ({ metadata: raw, file }) => {
        const { uploadId, byOrganiser } = metadata.parse(raw);
        const db = options.db();
        const [row] = await db
          .select({ media: filmMedia, edition: editions, extendedUntil: deadlineExtensions.closesAt })
          .from(filmMedia)
          .innerJoin(films, eq(films.id, filmMedia.filmId))
          .innerJoin(editions, eq(editions.id, films.editionId))
          .leftJoin(deadlineExtensions, and(eq(deadlineExtensions.editionId, films.editionId), eq(deadlineExtensions.kimId, films.kimId)))
          .where(and(eq(filmMedia.uploadId, uploadId), eq(filmMedia.status, "uploading")));
        if (!row) return; // already recorded: UploadThing may deliver a callback twice
        // tus refuses bytes after the grace period; here the bytes went to UploadThing,
        // so an upload that finished too late is recorded as refused and removed.
        const allowed = uploadContinuation({ role: byOrganiser ? "organiser" : "kim" }, row.edition, row.media.createdAt, now(), row.extendedUntil);
        if (!allowed.ok) {
          await db.update(filmMedia).set({ status: "rejected", problems: [allowed.reason] }).where(eq(filmMedia.id, row.media.id));
          await options.storage.remove(row.media.storageKey).catch((error) => console.error(error));
          return;
        }
        const mediaId = await recordUploadFinished(db, { uploadId, size: file.size });
        if (mediaId) options.onUploadComplete(mediaId);
      }),
  } satisfies FileRouter;
}

export type VideoRouter = ReturnType<typeof createVideoRouter>;

/** The route handler (GET: route config, POST: upload requests and UploadThing's callbacks). */
export function createUploadThingHandler(options: Options & { token: string; callbackUrl: string; isDev?: boolean; fetch?: typeof fetch }) {
  const handler = createRouteHandler({
    router: createVideoRouter(options),
    config: {
      token: options.token,
      callbackUrl: options.callbackUrl,
      isDev: options.isDev ?? false,
      fetch: options.fetch,
      logLevel: "Warning",
      logFormat: "json",
      // Answer UploadThing only once the completion is recorded.
      handleDaemonPromise: options.isDev ? "void" : "await",
    },
  });
  // The Next adapter's types ask for a NextRequest; it reads only what every Request has.
  return {
    GET: (request: Request) => handler.GET(request as NextRequest),
    POST: (request: Request) => handler.POST(request as NextRequest),
  };
}

import { and, eq } from "drizzle-orm";
import { localeFromCookieHeader } from "@/lib/api/handler";
import type { Db } from "@/lib/db/client";
import { editions, filmMedia, films } from "@/lib/db/schema";
import { actorFromCookies, type Actor } from "@/lib/auth/session";
import { entriesOpen } from "@/lib/editions/submission-window";
import { formatBytes } from "@/lib/format/bytes";
import { translateMessage } from "@/lib/i18n/translate-message";

/**
 * The upload rules shared by every way a video reaches storage (the tus endpoint,
 * UploadThing's file route): who may upload, to which film, how large, when; and
 * the one "last byte arrived" event that hands the upload to the checks.
 */

/** The absolute ceiling whatever an edition says; each edition's own maximum is checked per upload. */
export const HARD_MAX_BYTES = 8 * 1024 ** 3;

/** A refusal: the HTTP status and the Indonesian message shown to the KIM (the shape @tus/server answers with). */
export type UploadRefusal = { status_code: number; body: string };
export const refuse = (status_code: number, body: string): UploadRefusal => ({ status_code, body });
export const isUploadRefusal = (error: unknown): error is UploadRefusal =>
  typeof error === "object" && error !== null && typeof (error as UploadRefusal).status_code === "number" && typeof (error as UploadRefusal).body === "string";

/** What an upload request gets when the server fails: the client may resume it later. */
export const uploadServerError = refuse(500, "Terjadi kesalahan di server. Unggahan bisa dilanjutkan nanti.");

/**
 * A refusal's text in the language the reader chose (NEXT_LOCALE cookie): the tus server
 * and the direct PATCH route answer with plain text that the uploader shows, written in
 * Indonesian where it is raised. tus's own protocol errors (English, for a client that
 * breaks the protocol) are not in the catalogue and pass unchanged.
 */
export function inReadersLanguage(body: string, cookieHeader: string | null | undefined): string {
  return translateMessage(body, localeFromCookieHeader(cookieHeader ?? ""));
}

export type KimUploader = Actor & { kimId: string };

/** The signed-in, active KIM member behind a request's cookies, or a refusal. */
export async function kimUploader(cookieHeader: string | null, db: Db): Promise<KimUploader> {
  const actor = await actorFromCookies(cookieHeader, db);
  if (!actor) throw refuse(401, "Sesi Anda berakhir. Masuk lagi, lalu unggahan akan dilanjutkan.");
  if (actor.role !== "kim" || actor.status !== "active" || !actor.kimId) throw refuse(403, "Hanya anggota KIM yang disetujui yang bisa mengunggah film.");
  return actor as KimUploader;
}

/**
 * May this KIM start uploading a video of `size` bytes to `filmId` now? Only its own
 * film that is not withdrawn, while the edition takes entries, within the edition's
 * maximum size (declared up front), and only a video when a type is declared.
 */
export async function authoriseUploadStart(
  db: Db,
  actor: KimUploader,
  upload: { filmId: string; size: number | undefined; type?: string; now: Date },
) {
  if (!/^[0-9a-f-]{36}$/i.test(upload.filmId)) throw refuse(400, "Unggahan tidak menyebut film tujuan.");
  if (upload.size === undefined || !Number.isFinite(upload.size) || upload.size < 0) throw refuse(400, "Ukuran berkas harus diketahui sejak awal unggahan.");
  if (upload.type && upload.type !== "application/octet-stream" && !upload.type.startsWith("video/")) {
    throw refuse(415, "Berkas ini bukan video. Unggah berkas video MP4 atau MOV.");
  }
  const [row] = await db
    .select({ film: films, edition: editions })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .where(and(eq(films.id, upload.filmId), eq(films.kimId, actor.kimId)));
  if (!row) throw refuse(404, "Film tidak ditemukan.");
  if (row.film.status === "ditarik") throw refuse(409, "Film ini sudah ditarik.");
  const open = entriesOpen(row.edition, upload.now);
  if (!open.open) throw refuse(403, open.reason);
  const max = Math.min(row.edition.rules?.maxFileBytes ?? HARD_MAX_BYTES, HARD_MAX_BYTES);
  if (upload.size > max) {
    throw refuse(413, `Ukuran berkas ${formatBytes(upload.size, Math.ceil)} melebihi batas ${formatBytes(max)}. Kompres atau ekspor ulang filmnya.`);
  }
  return row;
}

/**
 * The upload's last byte is stored: its media row goes from `uploading` to
 * `received` (once; a repeated event changes nothing) and the id is returned for
 * the check queue.
 */
export async function recordUploadFinished(db: Db, upload: { uploadId: string; size: number }): Promise<string | null> {
  const [media] = await db
    .update(filmMedia)
    .set({ status: "received", sizeBytes: upload.size })
    .where(and(eq(filmMedia.uploadId, upload.uploadId), eq(filmMedia.status, "uploading")))
    .returning({ id: filmMedia.id });
  return media?.id ?? null;
}

/** The original file name, kept for the KIM and organisers only; never part of a path. */
export function sanitiseName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f/\\]/g, "_").slice(0, 200);
}

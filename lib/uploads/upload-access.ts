import { and, eq } from "drizzle-orm";
import { localeFromCookieHeader } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { filmMedia } from "@/lib/db/schema";
import { actorFromCookies, type Actor } from "@/lib/auth/session";
import { editionRules } from "@/lib/editions/defaults";
import { organiserMayEnter, uploadMayContinue } from "@/lib/editions/submission-window";
import { promotedMediaLocked } from "@/lib/nominations/rules";
import { entryWindow, getEntryFilm, notEditable, onBehalfData, type EntryFilm } from "@/lib/films/kim-film";
import { AppError } from "@/lib/errors";
import { translateMessage } from "@/lib/i18n/translate-message";
import { maxUploadBytes, uploadSizeProblem } from "@/lib/video/browser-check";

/**
 * The upload rules shared by every way a video reaches storage (the tus endpoint,
 * UploadThing's file route): who may upload, to which film, how large, when; and
 * the one "last byte arrived" event that hands the upload to the checks.
 */

/** The absolute ceiling whatever an edition says; each edition's own maximum is checked per upload. */
export { HARD_MAX_BYTES } from "@/lib/video/browser-check";

/** A refusal: the HTTP status and the Indonesian message shown to the KIM (the shape @tus/server answers with). */
export type UploadRefusal = { status_code: number; body: string };
// Refusals made by Layar, as opposed to tus's own protocol errors (same shape, English text).
const ours = new WeakSet<object>();
export const refuse = (status_code: number, body: string): UploadRefusal => {
  const refusal = { status_code, body };
  ours.add(refusal);
  return refusal;
};
/** A refusal (ours or tus's own protocol error, e.g. 409 "Upload-Offset conflict"). */
export const isUploadRefusal = (error: unknown): error is UploadRefusal =>
  typeof error === "object" && error !== null && typeof (error as UploadRefusal).status_code === "number" && typeof (error as UploadRefusal).body === "string";

/**
 * The body an upload error is answered with: our refusals in the reader's language; tus's own
 * protocol errors with none (their English would reach the KIM: the uploader words each
 * status itself, components/films/upload-failure.ts); anything else is not a refusal (null).
 */
export function refusalBody(error: unknown, cookieHeader: string | null | undefined): string | null {
  if (!isUploadRefusal(error)) return null;
  return ours.has(error) ? inReadersLanguage(error.body, cookieHeader) : "";
}

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

/**
 * Who may upload a film's video: an active KIM member (its own films), or an active
 * organiser (entering a film for a KIM of its region, delivered on a flash disk).
 */
export type Uploader = Actor & ({ role: "kim"; kimId: string } | { role: "organiser" });

/** The signed-in uploader behind a request's cookies, or a refusal. */
export async function filmUploader(cookieHeader: string | null, db: Db): Promise<Uploader> {
  const actor = await actorFromCookies(cookieHeader, db);
  if (!actor) throw refuse(401, "Sesi Anda berakhir. Masuk lagi, lalu unggahan akan dilanjutkan.");
  if (actor.status === "active" && ((actor.role === "kim" && actor.kimId) || actor.role === "organiser")) return actor as Uploader;
  throw refuse(403, "Hanya anggota KIM yang disetujui yang bisa mengunggah film.");
}

/** The entry an uploader may upload to (its own KIM's, or in the organiser's region), or a 404 refusal. */
async function uploadableEntry(db: Db, actor: Uploader, filmId: string): Promise<EntryFilm> {
  try {
    return await getEntryFilm(db, actor, filmId);
  } catch (error) {
    if (error instanceof AppError) throw refuse(404, "Film tidak ditemukan.");
    throw error;
  }
}

/**
 * May this uploader start uploading a video of `size` bytes to `filmId` now? Only a film
 * it may reach that is not withdrawn, while the edition takes entries (for a KIM: until its
 * own close; for an organiser: while the edition's status is pendaftaran), within the
 * edition's maximum size (declared up front), and only a video when a type is declared.
 */
export async function authoriseUploadStart(db: Db, actor: Uploader, upload: { filmId: string; size: number | undefined; type?: string; now: Date }): Promise<EntryFilm> {
  if (!/^[0-9a-f-]{36}$/i.test(upload.filmId)) throw refuse(400, "Unggahan tidak menyebut film tujuan.");
  if (upload.size === undefined || !Number.isFinite(upload.size) || upload.size < 0) throw refuse(400, "Ukuran berkas harus diketahui sejak awal unggahan.");
  if (upload.type && upload.type !== "application/octet-stream" && !upload.type.startsWith("video/")) {
    throw refuse(415, "Berkas ini bukan video. Unggah berkas video MP4 atau MOV.");
  }
  const entry = await uploadableEntry(db, actor, upload.filmId);
  if (entry.film.status === "ditarik") throw refuse(409, "Film ini sudah ditarik.");
  const locked = notEditable(entry.film.status) ?? promotedMediaLocked(entry.film);
  if (locked) throw refuse(409, locked.reason);
  const open = entryWindow(entry, upload.now);
  if (!open.open) throw refuse(403, open.reason);
  const tooLarge = uploadSizeProblem(upload.size, maxUploadBytes(editionRules(entry.edition.rules)));
  if (tooLarge) throw refuse(413, tooLarge);
  return entry;
}

/** An organiser's upload for a KIM is audited, naming the KIM; a KIM's own uploads are its own record. */
export async function recordUploadStart(db: Db, actor: Uploader, entry: EntryFilm, uploadId: string): Promise<void> {
  if (!entry.onBehalf) return;
  await recordAudit(db, { actorId: actor.id, action: "film.video_upload", entityType: "film", entityId: entry.film.id, editionId: entry.edition.id, data: onBehalfData(entry, { uploadId }) });
}

/**
 * May the next chunk of an upload started at `startedAt` be written now? A KIM's: within its
 * (own) close and the grace period. An organiser's: while the edition takes entries.
 */
export function uploadContinuation(
  actor: Pick<Uploader, "role">,
  edition: Parameters<typeof uploadMayContinue>[0],
  startedAt: Date,
  now: Date,
  extendedUntil: Date | null,
): { ok: true } | { ok: false; reason: string } {
  if (actor.role === "organiser") {
    const open = organiserMayEnter(edition);
    return open.open ? { ok: true } : { ok: false, reason: open.reason };
  }
  return uploadMayContinue(edition, startedAt, now, extendedUntil);
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

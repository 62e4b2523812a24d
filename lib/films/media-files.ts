import crypto from "node:crypto";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { filmMedia } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { StorageDriver } from "@/lib/storage";
import { settleEntryStatus } from "./entry-status";
import { promotedMediaLocked } from "@/lib/nominations/rules";
import { entryWindow, getEntryFilm, notEditable, onBehalfData } from "./kim-film";
import { generatePosterSizes } from "./poster-renditions";
import { removeReplacedMedia } from "./remove-replaced-media";
import { parseSubtitles, toWebVtt } from "./subtitles";

const MAX_POSTER_BYTES = 10 * 1024 * 1024;
const MAX_SUBTITLE_BYTES = 2 * 1024 * 1024;

const invalid = (message: string, field: string) => new AppError("invalid", { userMessage: message, fieldErrors: { [field]: [message] } });

/**
 * Checks a poster really is a JPEG, PNG or WebP image (by decoding it, not by its
 * name), turns it upright, fits it within 1000×1500 and re-encodes it as WebP.
 * Re-encoding drops EXIF, GPS and any other metadata the phone wrote.
 */
export async function preparePoster(bytes: Buffer): Promise<Buffer> {
  if (bytes.length === 0) throw invalid("Pilih berkas poster.", "poster");
  if (bytes.length > MAX_POSTER_BYTES) throw invalid("Poster paling besar 10 MB.", "poster");
  let format: string | undefined;
  let width = 0;
  try {
    const meta = await sharp(bytes).metadata();
    format = meta.format;
    width = Math.min(meta.width ?? 0, meta.height ?? 0);
  } catch {
    throw invalid("Berkas poster bukan gambar yang bisa dibaca. Gunakan JPEG, PNG atau WebP.", "poster");
  }
  if (!format || !["jpeg", "png", "webp"].includes(format)) throw invalid(`Format gambar ${format?.toUpperCase() ?? "ini"} tidak diterima. Gunakan JPEG, PNG atau WebP.`, "poster");
  if (width < 300) throw invalid("Poster terlalu kecil: sisi terpendek minimal 300 piksel.", "poster");
  return sharp(bytes).rotate().resize({ width: 1000, height: 1500, fit: "inside", withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
}

export async function prepareSubtitles(bytes: Buffer): Promise<string> {
  if (bytes.length === 0) throw invalid("Pilih berkas subtitle.", "subtitle");
  if (bytes.length > MAX_SUBTITLE_BYTES) throw invalid("Berkas subtitle paling besar 2 MB.", "subtitle");
  const parsed = parseSubtitles(bytes.toString("utf8"));
  if (!parsed.ok) throw invalid(parsed.problem, "subtitle");
  return toWebVtt(parsed.cues);
}

/**
 * Stores a poster or subtitle for an entry, replacing the current one: the KIM's own until
 * its close, or an organiser's for the KIM while the edition takes entries (audited, naming
 * the KIM). A subtitle may complete an entry whose video already passed. The file it
 * replaces is removed from storage once the new one is recorded.
 */
export async function saveEntryFile(
  db: Db,
  storage: StorageDriver,
  actor: SessionUser,
  input: { filmId: string; kind: "poster" | "subtitle"; file: File | null },
  now = new Date(),
): Promise<{ editionSlug: string }> {
  const entry = await getEntryFilm(db, actor, input.filmId);
  const { film, edition } = entry;
  const open = entryWindow(entry, now);
  if (!open.open) throw new AppError("forbidden", { userMessage: open.reason });
  const locked = notEditable(film.status) ?? promotedMediaLocked(film);
  if (locked) throw new AppError("conflict", { userMessage: locked.reason });
  const bytes = Buffer.from(await (input.file ?? new Blob()).arrayBuffer());
  const content = input.kind === "poster" ? await preparePoster(bytes) : Buffer.from(await prepareSubtitles(bytes), "utf8");
  const extension = input.kind === "poster" ? "webp" : "vtt";
  const mimeType = input.kind === "poster" ? "image/webp" : "text/vtt";
  const key = `films/${film.id}/${input.kind}-${crypto.randomUUID()}.${extension}`;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "layar-file-"));
  try {
    const file = path.join(dir, `file.${extension}`);
    await fsp.writeFile(file, content);
    await storage.putFile(key, file, mimeType);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
  const mediaId = await db.transaction(async (tx) => {
    await tx.update(filmMedia).set({ isCurrent: false }).where(and(eq(filmMedia.filmId, film.id), eq(filmMedia.kind, input.kind)));
    const [inserted] = await tx
      .insert(filmMedia)
      .values({
        filmId: film.id,
        kind: input.kind,
        storageDriver: storage.name,
        storageKey: key,
        mimeType,
        sizeBytes: content.length,
        status: "ok",
        isCurrent: true,
        originalName: input.file?.name.slice(0, 200) ?? null,
      })
      .returning({ id: filmMedia.id });
    if (input.kind === "subtitle") await settleEntryStatus(tx, film.id, now);
    if (entry.onBehalf) await recordAudit(tx, { actorId: actor.id, action: `film.${input.kind}`, entityType: "film", entityId: film.id, editionId: edition.id, data: onBehalfData(entry) });
    return inserted.id;
  });
  // The sizes pages show it in (lib/films/poster-sizes.ts), made once now; a size that
  // fails here is made on its first request instead.
  if (input.kind === "poster") await generatePosterSizes(storage, { id: mediaId, storageKey: key }).catch((error) => console.error(error));
  await removeReplacedMedia(db, storage, film.id).catch((error) => console.error(error));
  return { editionSlug: edition.slug };
}

import fsp from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { filmMedia, films } from "@/lib/db/schema";
import { editionRules } from "@/lib/editions/defaults";
import { formatBytes as bytes } from "@/lib/format/bytes";
import type { StorageDriver } from "@/lib/storage";
import { refuse, type UploadRefusal } from "./upload-access";

/**
 * Is there room for a new upload? Two limits, both judged when an upload starts (its size is
 * declared then), so a KIM is told before sending a byte (docs/decisions/0022):
 *
 * - the edition's storage budget (`rules.storageBudgetBytes`, any driver): what the edition's
 *   media hold now, what unfinished uploads and pending checks will add, and this upload;
 * - on local disk, a free-space margin (UPLOAD_DISK_MARGIN_MB): the file system's free space
 *   (fs.statfs), less what unfinished uploads and pending checks will still write, must stay
 *   above the margin after this upload.
 *
 * An accepted video is stored twice: the KIM's file and the judges' copy made from it (about
 * as large), so a video counts double until its check has run. What this upload replaces is
 * not counted: the film's unfinished upload is aborted when this one starts, and its current
 * video and judges' copy are removed once this one passes (lib/films/remove-replaced-media.ts).
 */

/** Free bytes for an unprivileged writer on the file system holding `dir` (or its nearest existing parent). */
export type FreeSpaceReader = (dir: string) => Promise<number>;

export const diskFreeBytes: FreeSpaceReader = async (dir) => {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      const stats = await fsp.statfs(at);
      return stats.bavail * stats.bsize;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || path.dirname(at) === at) throw error;
    }
  }
};

/** What an upload of `size` bytes will occupy once checked: the file and the judges' copy. */
export const footprint = (size: number) => 2 * size;

export type RoomOptions = { freeSpace: FreeSpaceReader; marginBytes: number };
type Upload = { filmId: string; editionId: string; rules: Parameters<typeof editionRules>[0]; size: number };

const pending = ["uploading", "received", "checking"] as const;

/** The refusal (413: retrying will not help) for an upload that does not fit, or null. */
export async function storageRoomProblem(db: DbLike, storage: StorageDriver, upload: Upload, options: RoomOptions): Promise<UploadRefusal | null> {
  const budget = editionRules(upload.rules).storageBudgetBytes;
  if (budget !== undefined) {
    const used = await editionStoredBytes(db, upload.editionId, upload.filmId);
    if (used + footprint(upload.size) > budget) {
      return refuse(413, `Kuota penyimpanan festival ini tidak cukup untuk video sebesar ${bytes(upload.size)} (kuota ${bytes(budget)}, terpakai ${bytes(used)}). Hubungi panitia festival.`);
    }
  }
  if (storage.name === "local" && "root" in storage && typeof storage.root === "string") {
    const free = await options.freeSpace(storage.root);
    const reserved = await diskStillToWrite(db, storage, upload.filmId);
    if (free - reserved - footprint(upload.size) < options.marginBytes) {
      return refuse(413, `Ruang penyimpanan server tidak cukup untuk video sebesar ${bytes(upload.size)}. Unggahan belum bisa diterima; hubungi panitia festival.`);
    }
  }
  return null;
}

/**
 * The edition's media in storage, counting pending uploads at their full footprint, without
 * what this film's new upload replaces (its unfinished upload, its current video and judges' copy).
 */
export async function editionStoredBytes(db: DbLike, editionId: string, replacingFilmId?: string): Promise<number> {
  const replaced = replacingFilmId
    ? sql`(${filmMedia.filmId} = ${replacingFilmId} and (${filmMedia.status} = 'uploading' or (${filmMedia.isCurrent} and ${filmMedia.kind} in ('video', 'judge_video'))))`
    : sql`false`;
  const [row] = await db
    .select({
      total: sql<string>`coalesce(sum(case when ${filmMedia.status} in ('uploading', 'received', 'checking') then 2 * ${filmMedia.sizeBytes} else ${filmMedia.sizeBytes} end), 0)`,
    })
    .from(filmMedia)
    .innerJoin(films, eq(films.id, filmMedia.filmId))
    .where(and(eq(films.editionId, editionId), ne(filmMedia.status, "rejected"), sql`not ${replaced}`));
  return Number(row.total);
}

/** Bytes the unfinished uploads and pending checks on this disk will still write (this film's unfinished upload is replaced, so not counted). */
async function diskStillToWrite(db: DbLike, storage: StorageDriver, replacingFilmId: string): Promise<number> {
  const rows = await db
    .select({ status: filmMedia.status, size: filmMedia.sizeBytes, key: filmMedia.storageKey })
    .from(filmMedia)
    .where(
      and(
        eq(filmMedia.kind, "video"),
        eq(filmMedia.storageDriver, "local"),
        inArray(filmMedia.status, [...pending]),
        or(ne(filmMedia.filmId, replacingFilmId), ne(filmMedia.status, "uploading")),
      ),
    );
  let total = 0;
  for (const row of rows) {
    const size = row.size ?? 0;
    if (row.status === "uploading") total += Math.max(0, footprint(size) - ((await storage.size(row.key)) ?? 0));
    else total += size; // received or being checked: the judges' copy is still to come
  }
  return total;
}

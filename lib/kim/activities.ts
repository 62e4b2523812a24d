import crypto from "node:crypto";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { kimActivities, kimActivityPhotos, kimActivityType, kimGroups } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { invalid } from "@/lib/editions/edition-schemas";
import { inRegion } from "./in-region";
import type { StorageDriver } from "@/lib/storage";
import { nameText, plainText } from "@/lib/text/sanitise";
import { activitiesWithPhotos } from "./activity-list";
import { MAX_PHOTOS_PER_ACTIVITY, prepareActivityPhoto, thumbnailKey } from "./activity-photo";

/**
 * A KIM's activities (kegiatan): what it did on which day, a short report, links and up to four
 * photos. A KIM member manages their own KIM's; an organiser any KIM in their region (audited,
 * naming the KIM). Access is in each query's where clause: another KIM's or another region's
 * activity is "not found". Activities are public on the KIM's profile.
 */

export const activityTypes = kimActivityType.enumValues;
export type ActivityType = (typeof activityTypes)[number];
export const MAX_REPORT_CHARS = 2000;
export const MAX_LINKS = 5;

/** The KIM the actor may manage activities of, or not-found. */
export async function manageableKim(db: DbLike, actor: SessionUser, kimId: string) {
  if (actor.status !== "active" || !/^[0-9a-f-]{36}$/i.test(kimId)) throw notFound();
  const reach = actor.role === "kim" ? (actor.kimId ? eq(kimGroups.id, actor.kimId) : null) : actor.role === "organiser" && actor.regionCode ? inRegion(kimGroups.regencyCode, actor.regionCode) : null;
  if (!reach) throw notFound();
  const [kim] = await db.select({ id: kimGroups.id, name: kimGroups.name, slug: kimGroups.slug, regencyCode: kimGroups.regencyCode }).from(kimGroups).where(and(eq(kimGroups.id, kimId), reach));
  if (!kim) throw notFound();
  return kim;
}

/** An activity the actor may manage (through its KIM), with that KIM. */
async function manageableActivity(db: DbLike, actor: SessionUser, activityId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(activityId)) throw notFound();
  const [row] = await db.select({ kimId: kimActivities.kimId }).from(kimActivities).where(eq(kimActivities.id, activityId));
  if (!row) throw notFound();
  const kim = await manageableKim(db, actor, row.kimId);
  const [activity] = await db.select().from(kimActivities).where(and(eq(kimActivities.id, activityId), eq(kimActivities.kimId, kim.id)));
  return { kim, activity };
}

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

const activitySchema = z.object({
  heldOn: z.string({ message: "Isi tanggal kegiatan." }).trim().refine(isDay, "Isi tanggal kegiatan yang benar.").refine((v) => v >= "2000-01-01", "Tanggal kegiatan paling awal tahun 2000."),
  type: z.enum(activityTypes, { message: "Pilih jenis kegiatan dari daftar." }),
  title: nameText({ message: "Tulis judul kegiatan." }).trim().min(3, { message: "Judul kegiatan minimal 3 karakter." }).max(150, { message: "Judul kegiatan paling panjang 150 karakter." }),
  report: plainText().trim().max(MAX_REPORT_CHARS, { message: "Laporan singkat paling panjang 2.000 karakter." }).optional(),
  links: z.string().optional(),
});

/** Links one per line: https only, at most five. */
function parseLinks(text: string | undefined): string[] {
  const lines = (text ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_LINKS) throw invalid("links", "Paling banyak 5 tautan.");
  for (const line of lines) {
    let url: URL | null = null;
    try {
      url = new URL(line);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== "https:" || !url.hostname.includes(".") || line.length > 500) throw invalid("links", `Tautan harus diawali https:// dan lengkap: ${line.slice(0, 80)}`);
  }
  return lines;
}

export type ActivityInput = Record<string, string>;

function parseActivity(input: ActivityInput, today: string) {
  const values = activitySchema.parse(input);
  if (values.heldOn > nextYear(today)) throw invalid("heldOn", "Tanggal kegiatan paling lambat setahun dari sekarang.");
  return { heldOn: values.heldOn, type: values.type, title: values.title, report: values.report || null, links: parseLinks(values.links) };
}
const nextYear = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;
const todayOf = (now: Date) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

const audited = (actor: SessionUser) => actor.role === "organiser";

/** A KIM's activities, newest first, with their photos (for its own and the organiser's pages). */
export async function listKimActivities(db: DbLike, actor: SessionUser, kimId: string) {
  const kim = await manageableKim(db, actor, kimId);
  return { kim, activities: await activitiesWithPhotos(db, kim.id) };
}

export async function getKimActivity(db: DbLike, actor: SessionUser, activityId: string) {
  const { kim, activity } = await manageableActivity(db, actor, activityId);
  const [withPhotos] = (await activitiesWithPhotos(db, kim.id)).filter((a) => a.id === activity.id);
  return { kim, activity: withPhotos };
}

/** Adds an activity, with an optional first photo; a refused photo stores nothing at all. */
export async function createKimActivity(db: Db, storage: StorageDriver, actor: SessionUser, kimId: string, input: ActivityInput, photo?: File | null, now = new Date()) {
  const kim = await manageableKim(db, actor, kimId);
  const values = parseActivity(input, todayOf(now));
  const prepared = photo && photo.size > 0 ? await prepareActivityPhoto(Buffer.from(await photo.arrayBuffer()), input.keepLocation === "on") : null;
  const activity = await db.transaction(async (tx) => {
    const [row] = await tx.insert(kimActivities).values({ ...values, kimId: kim.id, createdBy: actor.id }).returning();
    if (audited(actor)) await recordAudit(tx, { actorId: actor.id, action: "kim.activity.create", entityType: "kim", entityId: kim.id, data: { kimName: kim.name, activityId: row.id, title: row.title, heldOn: row.heldOn } });
    return row;
  });
  if (prepared) {
    try {
      await storePhoto(db, storage, actor, kim, activity.id, prepared);
    } catch (error) {
      await db.delete(kimActivities).where(eq(kimActivities.id, activity.id));
      throw error;
    }
  }
  return activity;
}

export async function updateKimActivity(db: Db, actor: SessionUser, activityId: string, input: ActivityInput, now = new Date()) {
  const { kim, activity } = await manageableActivity(db, actor, activityId);
  const values = parseActivity(input, todayOf(now));
  await db.transaction(async (tx) => {
    await tx.update(kimActivities).set({ ...values, updatedAt: now }).where(eq(kimActivities.id, activity.id));
    if (audited(actor))
      await recordAudit(tx, { actorId: actor.id, action: "kim.activity.update", entityType: "kim", entityId: kim.id, data: { kimName: kim.name, activityId: activity.id, before: { title: activity.title, heldOn: activity.heldOn, type: activity.type }, after: { title: values.title, heldOn: values.heldOn, type: values.type } } });
  });
  return kim;
}

/** Deletes an activity and its photos (rows first, then the files). */
export async function deleteKimActivity(db: Db, storage: StorageDriver, actor: SessionUser, activityId: string) {
  const { kim, activity } = await manageableActivity(db, actor, activityId);
  const photos = await db.select({ key: kimActivityPhotos.storageKey }).from(kimActivityPhotos).where(eq(kimActivityPhotos.activityId, activity.id));
  await db.transaction(async (tx) => {
    await tx.delete(kimActivities).where(eq(kimActivities.id, activity.id));
    if (audited(actor)) await recordAudit(tx, { actorId: actor.id, action: "kim.activity.delete", entityType: "kim", entityId: kim.id, data: { kimName: kim.name, activityId: activity.id, title: activity.title } });
  });
  for (const p of photos) await removePhotoFiles(storage, p.key);
  return kim;
}

/** Adds a photo to an activity (at most four). */
export async function addKimActivityPhoto(db: Db, storage: StorageDriver, actor: SessionUser, activityId: string, photo: File | null, keepLocation: boolean) {
  const { kim, activity } = await manageableActivity(db, actor, activityId);
  const [{ n }] = await db.select({ n: count() }).from(kimActivityPhotos).where(eq(kimActivityPhotos.activityId, activity.id));
  if (n >= MAX_PHOTOS_PER_ACTIVITY) throw new AppError("conflict", { userMessage: "Satu kegiatan paling banyak 4 foto.", fieldErrors: { photo: ["Satu kegiatan paling banyak 4 foto."] } });
  const prepared = await prepareActivityPhoto(Buffer.from(await (photo ?? new Blob()).arrayBuffer()), keepLocation);
  await storePhoto(db, storage, actor, kim, activity.id, prepared);
  return kim;
}

export async function removeKimActivityPhoto(db: Db, storage: StorageDriver, actor: SessionUser, photoId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(photoId)) throw notFound();
  const [photo] = await db.select().from(kimActivityPhotos).where(eq(kimActivityPhotos.id, photoId));
  if (!photo) throw notFound();
  const { kim } = await manageableActivity(db, actor, photo.activityId);
  await db.transaction(async (tx) => {
    await tx.delete(kimActivityPhotos).where(eq(kimActivityPhotos.id, photo.id));
    if (audited(actor)) await recordAudit(tx, { actorId: actor.id, action: "kim.activity.photo.remove", entityType: "kim", entityId: kim.id, data: { kimName: kim.name, activityId: photo.activityId, photoId: photo.id } });
  });
  await removePhotoFiles(storage, photo.storageKey);
  return { kim, activityId: photo.activityId };
}

/** Writes the file first, then its row; a failed row removes the file again. */
async function storePhoto(db: Db, storage: StorageDriver, actor: SessionUser, kim: { id: string; name: string }, activityId: string, prepared: Awaited<ReturnType<typeof prepareActivityPhoto>>) {
  const id = crypto.randomUUID();
  const key = `kim/${kim.id}/kegiatan/${activityId}/${id}.jpg`;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "layar-photo-"));
  try {
    const file = path.join(dir, "photo.jpg");
    await fsp.writeFile(file, prepared.bytes);
    await storage.putFile(key, file, prepared.mime);
    await fsp.writeFile(file, prepared.thumbnail);
    await storage.putFile(thumbnailKey(key), file, prepared.mime);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
  try {
    await db.transaction(async (tx) => {
      await tx.insert(kimActivityPhotos).values({ id, activityId, storageKey: key, mime: prepared.mime, width: prepared.width, height: prepared.height, bytes: prepared.bytes.length, keptLocation: prepared.keptLocation });
      if (audited(actor)) await recordAudit(tx, { actorId: actor.id, action: "kim.activity.photo.add", entityType: "kim", entityId: kim.id, data: { kimName: kim.name, activityId, photoId: id, keptLocation: prepared.keptLocation } });
    });
  } catch (error) {
    await removePhotoFiles(storage, key);
    throw error;
  }
  return id;
}

/** A photo and its thumbnail leave storage; a file already gone is not an error. */
async function removePhotoFiles(storage: StorageDriver, key: string) {
  await storage.remove(key).catch(() => undefined);
  await storage.remove(thumbnailKey(key)).catch(() => undefined);
}

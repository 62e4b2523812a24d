import { asc, desc, eq, inArray } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { kimActivities, kimActivityPhotos } from "@/lib/db/schema";

// What anyone may read of a KIM's activities (they are public on its profile). Kept apart from
// lib/kim/activities.ts so the public pages and the photo route do not load sharp.

/** A KIM's activities with photos, newest first; public (the profile shows them). */
export async function activitiesWithPhotos(db: DbLike, kimId: string) {
  const activities = await db.select().from(kimActivities).where(eq(kimActivities.kimId, kimId)).orderBy(desc(kimActivities.heldOn), desc(kimActivities.createdAt));
  const photos = activities.length
    ? await db
        .select({ id: kimActivityPhotos.id, activityId: kimActivityPhotos.activityId, width: kimActivityPhotos.width, height: kimActivityPhotos.height, keptLocation: kimActivityPhotos.keptLocation })
        .from(kimActivityPhotos)
        .where(inArray(kimActivityPhotos.activityId, activities.map((a) => a.id)))
        .orderBy(asc(kimActivityPhotos.createdAt))
    : [];
  return activities.map((a) => ({ ...a, photos: photos.filter((p) => p.activityId === a.id) }));
}

/** A photo's file, for anyone (activities are public on the KIM's profile), or null. */
export async function publicActivityPhoto(db: DbLike, photoId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(photoId)) return null;
  const [photo] = await db.select({ id: kimActivityPhotos.id, storageKey: kimActivityPhotos.storageKey, mime: kimActivityPhotos.mime, bytes: kimActivityPhotos.bytes }).from(kimActivityPhotos).where(eq(kimActivityPhotos.id, photoId));
  return photo ?? null;
}

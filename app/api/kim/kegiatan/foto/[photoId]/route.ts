import { getDb } from "@/lib/db/client";
import { serveMedia } from "@/lib/http/serve-media";
import { publicActivityPhoto } from "@/lib/kim/activity-list";
import { getStorage } from "@/lib/storage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ photoId: string }> };

const thumbnailKey = (key: string) => key.replace(/\.jpg$/, "") + "-kecil.jpg"; // as lib/kim/activity-photo.ts writes it (no sharp here)

/**
 * An activity photo, `?ukuran=kecil` its thumbnail: public like the activity on the KIM's
 * profile. A photo's bytes never change (a new photo has a new id); a removed one stops being
 * served at once here and within five minutes from shared caches.
 */
const handle = async (request: Request, { params }: Context) => {
  const photo = await publicActivityPhoto(getDb(), (await params).photoId);
  if (!photo) return Response.json({ error: "Foto tidak ditemukan." }, { status: 404 });
  const small = new URL(request.url).searchParams.get("ukuran") === "kecil";
  const media = small ? { storageKey: thumbnailKey(photo.storageKey), sizeBytes: null, mimeType: photo.mime } : { storageKey: photo.storageKey, sizeBytes: photo.bytes, mimeType: photo.mime };
  return serveMedia(request, await getStorage(), media, { cacheControl: "public, max-age=300", etag: small ? `${photo.id}-kecil` : photo.id, ifNoneMatch: request.headers.get("if-none-match") });
};

export { handle as GET, handle as HEAD };

import { getDb } from "@/lib/db/client";
import { serveMedia } from "@/lib/http/serve-media";
import { publicActivityPhoto } from "@/lib/kim/activities";
import { getStorage } from "@/lib/storage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ photoId: string }> };

/** An activity photo: public like the activity on the KIM's profile; a photo's bytes never change (a new photo has a new id). */
const handle = async (request: Request, { params }: Context) => {
  const photo = await publicActivityPhoto(getDb(), (await params).photoId);
  if (!photo) return Response.json({ error: "Foto tidak ditemukan." }, { status: 404 });
  return serveMedia(request, await getStorage(), { storageKey: photo.storageKey, sizeBytes: photo.bytes, mimeType: photo.mime }, { cacheControl: "public, max-age=300", etag: photo.id, ifNoneMatch: request.headers.get("if-none-match") });
};

export { handle as GET, handle as HEAD };

import { getDb } from "@/lib/db/client";
import { serveOgImage } from "@/lib/sharing/serve-og";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ slug: string }> };

/** A published edition's link-preview image (lib/sharing/serve-og.ts). */
const handle = async (request: Request, { params }: Context) => serveOgImage(getDb(), request, "edition", (await params).slug);

export { handle as GET, handle as HEAD };

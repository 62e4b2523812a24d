import { getDb } from "@/lib/db/client";
import { serveOgImage } from "@/lib/sharing/serve-og";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

/** A published film's link-preview image (lib/sharing/serve-og.ts). */
const handle = async (request: Request, { params }: Context) => serveOgImage(getDb(), request, "film", (await params).id);

export { handle as GET, handle as HEAD };

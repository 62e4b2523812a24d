import { jsonRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { kimLogoResponse } from "@/lib/kim/serve-logo";
import { getStorage } from "@/lib/storage";

export const dynamic = "force-dynamic";

/** A KIM's logo (a small WebP re-encoded at upload), cached by its version. */
export const GET = jsonRoute(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const version = new URL(request.url).searchParams.get("v");
  return kimLogoResponse(getDb(), await getStorage(), (await params).slug, version);
});

import { serveLight } from "@/lib/films/serve-renditions";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

// server.mjs answers this itself (lib/server/direct-routes.ts); this handler serves `next dev`.
const handle = async (request: Request, { params }: Context) => serveLight(request, (await params).id);

export { handle as GET, handle as HEAD };

import { serveHls } from "@/lib/films/serve-renditions";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string; path: string[] }> };

// server.mjs answers these itself (lib/server/direct-routes.ts); this handler serves `next dev`.
const handle = async (request: Request, { params }: Context) => {
  const { id, path } = await params;
  return serveHls(request, id, path.join("/"));
};

export { handle as GET, handle as HEAD };

import { serveFilmMedia } from "@/lib/films/serve-film-media";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

const handle = async (request: Request, { params }: Context) => serveFilmMedia(request, (await params).id, "subtitle");

export { handle as GET, handle as HEAD };

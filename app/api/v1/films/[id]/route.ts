import { jsonRoute, publicCache } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { getPublicFilm } from "@/lib/public/get-public-film";

export const dynamic = "force-dynamic";

/** A film in a published result, with links to its media; any other film is a 404, as if it did not exist. */
export const GET = jsonRoute(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const film = await getPublicFilm(getDb(), (await params).id);
  if (!film) throw notFound();
  const media = `/api/films/${film.id}`;
  const links = {
    page: `/film/${film.id}`,
    video: film.video ? `${media}/video` : null,
    poster: film.hasPoster ? `${media}/poster` : null,
    subtitles: film.hasSubtitles ? `${media}/subtitles` : null,
  };
  return Response.json({ ...film, links }, { headers: publicCache });
});

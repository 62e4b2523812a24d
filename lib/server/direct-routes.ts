import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { serveFilmMediaNode } from "@/lib/films/serve-film-media";
import { serveHlsNode, serveLightNode } from "@/lib/films/serve-renditions";
import type { MediaKind } from "@/lib/films/media-access";
import { draftPath, handleDraftSaveNode } from "@/lib/judging/draft-route";
import { getLocalPatch } from "@/lib/uploads";
import type { LocalPatch } from "@/lib/uploads/local-patch";
import { staticFiles, type StaticFiles } from "./static-files";

/**
 * Routes that server.mjs answers from Node's own request and response, before Next sees
 * the request: the ones that move a film's bytes (video, poster, subtitles, HLS, the light
 * version, uploads), and the score sheet's autosave. A player
 * sends a ranged request every second or so and an upload is hundreds of 8 MiB PATCHes;
 * through Next's route machinery and web streams each cost several times the work of the
 * bytes themselves (docs/decisions/0010-direct-byte-routes.md). Many judges save at once
 * (docs/decisions/0023-autosave-under-load.md). Each applies the same rules as its route
 * handler (app/api/films/[id]/..., app/api/upload/..., app/api/juri/lembar/...), which stay
 * for `next dev` and for everything else on those paths.
 *
 * Returns a function that takes a request (true) or leaves it to Next (false).
 */
export type DirectRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

const mediaPath = /^\/api\/films\/([0-9a-f-]{36})\/(video|poster|subtitles)$/i;
const hlsPath = /^\/api\/films\/([0-9a-f-]{36})\/hls\/([\w./-]{1,120})$/i;
const lightPath = /^\/api\/films\/([0-9a-f-]{36})\/ringan$/i;
const uploadPath = /^\/api\/upload\/([0-9a-f-]{36})$/i;
const kinds: Record<string, MediaKind> = { video: "video", poster: "poster", subtitles: "subtitle" };

export async function createDirectRoutes(): Promise<DirectRoutes> {
  return directRoutes(await getLocalPatch(), staticFiles(path.join(process.cwd(), ".next", "static")));
}

/**
 * The routes, with the direct PATCH route when uploads go to local disk (tests pass their
 * own), and Next's build assets from memory when given (lib/server/static-files.ts).
 */
export function directRoutes(localPatch: LocalPatch | null, statics: StaticFiles | null = null): DirectRoutes {
  return (req, res) => {
    if (statics && statics(req, res)) return true;
    const url = req.url ?? "";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    if (req.method === "GET" || req.method === "HEAD") {
      const media = mediaPath.exec(pathname);
      if (media) {
        run(res, serveFilmMediaNode(req, res, media[1], kinds[media[2].toLowerCase()]));
        return true;
      }
      // A player asks for a segment every few seconds: HLS goes the same direct way (docs/decisions/0026).
      const hls = hlsPath.exec(pathname);
      if (hls) {
        run(res, serveHlsNode(req, res, hls[1], hls[2]));
        return true;
      }
      const light = lightPath.exec(pathname);
      if (light) {
        run(res, serveLightNode(req, res, light[1]));
        return true;
      }
      return false;
    }
    const draft = req.method === "PUT" && query === -1 ? draftPath.exec(pathname) : null;
    if (draft) {
      run(res, handleDraftSaveNode(req, res, draft[1]));
      return true;
    }
    if (localPatch && localPatch.takes(req)) {
      const upload = uploadPath.exec(pathname);
      if (!upload || query !== -1) return false;
      run(res, localPatch.handle(req, res, upload[1]));
      return true;
    }
    return false;
  };
}

function run(res: ServerResponse, work: Promise<void>): void {
  work.catch((error: unknown) => {
    console.error(error);
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "Terjadi kesalahan di server. Silakan coba lagi." }));
  });
}

const holder = globalThis as unknown as { __layarDirectRoutes?: DirectRoutes };

/** Called once at server start (instrumentation.ts); server.mjs finds the routes on globalThis. */
export async function installDirectRoutes(): Promise<void> {
  holder.__layarDirectRoutes ??= await createDirectRoutes();
}

import { storageDriverName } from "@/lib/storage";
import { getTusServer } from "@/lib/uploads";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// A wrapper, not `export const POST = server.handleWeb`: that loses `this` and answers 500.
// The request body streams straight to storage; this route is outside the proxy matcher.
// With the UploadThing driver uploads go through /api/uploadthing; tus is not there at all
// (a hand-made POST would otherwise leave an "uploading" row behind).
const handle = async (request: Request) =>
  storageDriverName() === "uploadthing" ? new Response(null, { status: 404 }) : (await getTusServer()).handleWeb(request);

export { handle as GET, handle as POST, handle as PATCH, handle as HEAD, handle as DELETE, handle as OPTIONS };

import { getUploadThingHandler } from "@/lib/uploads/uploadthing-handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// UploadThing's file route: the KIM's upload request (checked in its middleware,
// lib/uploads/uploadthing-router.ts) and UploadThing's signed completion callback.
// Without UPLOADTHING_TOKEN (or with another STORAGE_DRIVER) there is nothing here.
async function handle(request: Request): Promise<Response> {
  const handler = await getUploadThingHandler();
  if (!handler) return Response.json({ error: "Tidak ditemukan." }, { status: 404 });
  return request.method === "GET" ? handler.GET(request) : handler.POST(request);
}

export { handle as GET, handle as POST };

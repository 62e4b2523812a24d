import { handleDraftSave } from "@/lib/judging/draft-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ assignmentId: string }> };

// The score sheet's autosave (lib/judging/draft-route.ts). In production server.mjs answers
// it before Next; this handler answers it under `next dev` and before the direct routes are installed.
export async function PUT(request: Request, { params }: Context): Promise<Response> {
  return handleDraftSave(request, (await params).assignmentId);
}

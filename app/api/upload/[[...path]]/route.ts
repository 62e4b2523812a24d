import { getTusServer } from "@/lib/uploads";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// A wrapper, not `export const POST = server.handleWeb`: that loses `this` and answers 500.
// The request body streams straight to storage; this route is outside the proxy matcher.
const handle = (request: Request) => getTusServer().handleWeb(request);

export { handle as GET, handle as POST, handle as PATCH, handle as HEAD, handle as DELETE, handle as OPTIONS };

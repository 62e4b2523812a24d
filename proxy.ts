import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";

// A convenience only: sends signed-out visitors of role areas to the sign-in page.
// Every page, action and route handler still checks the role itself.
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: authSecret() });
  if (!token) {
    const url = new URL("/masuk", request.url);
    url.searchParams.set("kembali", request.nextUrl.pathname);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

// /kim/{slug} is a KIM's public profile: only the dashboard (/kim) and entry pages (/kim/film/...) are a role area.
export const config = { matcher: ["/admin/:path*", "/juri/:path*", "/kim", "/kim/film/:path*", "/akun/:path*"] };

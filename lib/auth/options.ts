import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { localeFromCookieHeader } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { translateMessage } from "@/lib/i18n/translate-message";
import { authenticate, type SessionUser } from "./authenticate";
import { env, type Env } from "@/lib/env";
import { clientAddressFromHeaders } from "./client-address";
import { authSecret } from "./secret";
import { secureCookies } from "./secure-cookies";
import { endSession, loadActor, SESSION_HOURS, SessionEnded, startSession } from "./session";

let cached: { for: Env; options: NextAuthOptions } | undefined;

/** Built on first use so `next build` never touches the data directory; again for another environment (tests). */
export function authOptions(): NextAuthOptions {
  const current = env();
  if (cached?.for !== current) cached = { for: current, options: buildOptions() };
  return cached.options;
}

function buildOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/masuk", error: "/masuk" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          try {
            return await authenticate(getDb(), credentials, clientAddressFromHeaders(req?.headers, env().TRUSTED_PROXY_HOPS));
          } catch (error) {
            // next-auth passes a thrown message to the sign-in page; only user messages go there,
            // in the reader's language.
            const locale = localeFromCookieHeader(String(req?.headers?.cookie ?? ""));
            if (error instanceof AppError) throw new Error(translateMessage(error.userMessage, locale));
            console.error(error);
            throw new Error(translateMessage("Tidak dapat masuk saat ini. Coba lagi sebentar lagi.", locale));
          }
        },
      }),
    ],
    callbacks: {
      // Called at sign-in (with `user`) and whenever next-auth reads or renews the session
      // (/api/auth/session re-encodes the cookie with a fresh expiry). Each renewal checks the
      // session row: an ended or expired session, or a disabled account, is refused and
      // next-auth deletes the cookie instead of renewing it.
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as SessionUser;
          const { sid } = await startSession(getDb(), u.id);
          Object.assign(token, { uid: u.id, sid, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });
          return token;
        }
        const actor = await loadActor(getDb(), { id: String(token.uid ?? ""), sid: typeof token.sid === "string" ? token.sid : undefined });
        if (!actor) throw new SessionEnded();
        Object.assign(token, { name: actor.name, email: actor.email, role: actor.role, status: actor.status, regionCode: actor.regionCode, kimId: actor.kimId });
        return token;
      },
      session({ session, token }) {
        Object.assign(session, {
          user: {
            id: token.uid,
            name: token.name,
            email: token.email,
            role: token.role,
            status: token.status,
            regionCode: token.regionCode,
            kimId: token.kimId,
          },
        });
        return session;
      },
    },
    events: {
      // Signing out ends the session row, so a copy of the cookie kept elsewhere stops working too.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(getDb(), token.sid);
      },
    },
    logger: {
      error(code, metadata) {
        // A renewal refused because the session ended is expected (next-auth deletes the cookie).
        const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        if (code === "JWT_SESSION_ERROR" && error instanceof Error && error.name === "SessionEnded") return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
}

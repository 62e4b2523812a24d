import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { localeFromCookieHeader } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { translateMessage } from "@/lib/i18n/translate-message";
import { authenticate, type SessionUser } from "./authenticate";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";
import { authSecret } from "./secret";

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  return clientAddress(Array.isArray(forwarded) ? forwarded.join(",") : forwarded, env().TRUSTED_PROXY_HOPS);
}

let cached: NextAuthOptions | undefined;

/** Built on first use so `next build` never touches the data directory. */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/masuk", error: "/masuk" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          try {
            return await authenticate(getDb(), credentials, clientIp(req?.headers));
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
      jwt({ token, user }) {
        if (user) {
          const u = user as unknown as SessionUser;
          Object.assign(token, { uid: u.id, role: u.role, status: u.status, regionCode: u.regionCode, kimId: u.kimId });
        }
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
            issuedAt: token.iat,
          },
        });
        return session;
      },
    },
  };
  return cached;
}

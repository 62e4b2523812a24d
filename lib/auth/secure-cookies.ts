import { env } from "@/lib/env";

/**
 * True when the public URL is https: next-auth's cookies are then Secure (the session
 * cookie named __Secure-next-auth.session-token), never sent over plain HTTP.
 */
export function secureCookies(): boolean {
  return env().publicUrl.startsWith("https://");
}

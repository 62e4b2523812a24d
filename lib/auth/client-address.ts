/**
 * The request header that carries the TCP peer's address. server.mjs owns the socket and
 * sets it on every request, replacing whatever a client sent under that name; route
 * handlers and server actions cannot see the socket themselves.
 */
export const socketAddressHeader = "x-layar-socket-address";

/**
 * The client's address for per-address limits. With no trusted proxy in front
 * (TRUSTED_PROXY_HOPS=0, the default) it is the socket's peer: X-Forwarded-For is written
 * by the client and is ignored. With `hops` trusted proxies, each appends the address it
 * saw on the right of X-Forwarded-For, so the client is the entry `hops` from the right
 * (docs/decisions/0002, 0018).
 */
export function clientAddress(forwardedFor: string | undefined, hops: number, socketAddress?: string): string {
  if (hops > 0) {
    const entries = (forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
    if (entries.length > 0) return normalise(entries[Math.max(0, entries.length - hops)]);
  }
  return socketAddress ? normalise(socketAddress) : "unknown";
}

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined | null;

/** clientAddress from a request's headers (a Headers object or next-auth's plain record). */
export function clientAddressFromHeaders(headers: HeaderBag, hops: number): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
    const value = (headers as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  return clientAddress(get("x-forwarded-for"), hops, get(socketAddressHeader));
}

// "::ffff:203.0.113.7" (an IPv4 peer on a dual-stack socket) is the same client as "203.0.113.7".
function normalise(address: string): string {
  const value = address.trim().toLowerCase();
  return value.startsWith("::ffff:") && value.includes(".") ? value.slice(7) : value;
}

/**
 * The client's address from X-Forwarded-For. The left of that header is whatever
 * the client sent; each trusted proxy appends the address it saw on the right. So
 * with `hops` trusted proxies the client is the entry `hops` from the right. With
 * none (the app faces the network directly), Next.js fills the header with the
 * socket address only when the client sent none, so the right-most entry is the
 * best there is — and a client can still choose it: run behind a proxy and set
 * TRUSTED_PROXY_HOPS for the per-address limit to hold (docs/decisions/0002).
 */
export function clientAddress(forwardedFor: string | undefined, hops: number): string {
  const entries = (forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return "unknown";
  const index = Math.max(0, entries.length - Math.max(1, hops));
  return entries[index];
}

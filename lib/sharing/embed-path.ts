/**
 * The one address that may be shown inside another site's frame: the embeddable player
 * /film/{id}/embed (docs/decisions/0037-sharing.md). Used by server.mjs's security headers
 * (frame-ancestors) and the proxy (no cookie is written on it). The query is ignored.
 */
export function isEmbedPath(url: string): boolean {
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  return /^\/film\/[0-9a-fA-F-]{36}\/embed\/?$/.test(path);
}

import { leanPageMetaName } from "@/lib/server/lean-page";

/**
 * Put on a reading page that works without JavaScript: server.mjs then sends it without
 * Next's scripts (lib/server/lean-page.ts, docs/decisions/0029-lean-public-pages.md). Such a
 * page has no "use client" component; what it needs in the browser is a small `data-layar`
 * inline script.
 */
export function LeanPageMarker() {
  return <meta name={leanPageMetaName} content="ya" />;
}

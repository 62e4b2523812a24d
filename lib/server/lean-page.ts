import { accountNavScript } from "@/lib/browser/account-nav-script";

/**
 * The public reading pages (home, edition and winners, film, archive, KIM profile, region
 * pages) work without JavaScript: links are links, filters are GET forms, the language
 * switch is a form post. Next still sends its client runtime with each of them (about
 * 190 KB gzip of scripts, the RSC payload, the message catalogue), for nothing a visitor
 * on a village phone would notice but the wait. A page that says so in its head (the meta
 * below, from `leanPageMetadata` in lib/public/lean-page-metadata.ts) is therefore sent
 * without Next's scripts by server.mjs (docs/decisions/0029-lean-public-pages.md):
 * every `<script>` is removed except the page's own small ones (marked `data-layar`) and
 * JSON-LD, with the script preloads; the header's account links get a few lines of plain
 * script instead of the React island. Only production (server.mjs) does this; `next dev`
 * serves the pages as Next renders them.
 */
export const leanPageMetaName = "layar-ringan";

const leanMeta = new RegExp(`<meta name="${leanPageMetaName}" content="[^"]*"\\s*/?>`);

/** True when the page asked to be sent without Next's scripts. */
export function isLeanPage(html: string): boolean {
  return leanMeta.test(html);
}

const scriptElement = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const scriptPreload = /<link\b(?=[^>]*\brel="(?:preload|modulepreload)")(?=[^>]*\bas="script"|[^>]*\brel="modulepreload")[^>]*>/gi;

function keepsScript(attributes: string): boolean {
  return /\sdata-layar\b/i.test(` ${attributes}`) || /\stype="application\/ld\+json"/i.test(` ${attributes}`);
}

/**
 * The page without Next's scripts and their preloads, the marker meta removed, and the
 * account links' script added before `</body>`. Content, styles, forms and the page's own
 * `data-layar` scripts stay as they are.
 */
export function leanHtml(html: string): string {
  let out = html.replace(scriptElement, (whole, attributes: string) => (keepsScript(attributes) ? whole : ""));
  out = out.replace(scriptPreload, "").replace(leanMeta, "");
  const script = `<script data-layar="akun">${accountNavScript}</script>`;
  const end = out.lastIndexOf("</body>");
  return end === -1 ? out + script : out.slice(0, end) + script + out.slice(end);
}

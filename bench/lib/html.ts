// Pure readers of a served HTML page for the page-weight and Lighthouse benchmarks:
// its scripts (external, module preloads, inline), stylesheets, images, Next's RSC
// payload, and which message-catalogue strings it carries only inside scripts.
// Regular expressions over the markup Next and React write; no DOM.

export type Attrs = Record<string, string>;

/** The attributes of one start tag's inner text (`a="1" b='2' c=3 d`), names lower-cased, &amp; decoded. */
export function parseAttrs(text: string): Attrs {
  const out: Attrs = {};
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of text.matchAll(re)) out[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  return out;
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export type InlineScript = { bytes: number; type: string; layar: string | null; rsc: boolean; jsonLd: boolean; source: string };

export type PageParts = {
  /** Script files the page loads: every <script src> and <link rel=modulepreload|preload as=script>, in order, without repeats. */
  scriptUrls: string[];
  inline: InlineScript[];
  stylesheets: string[];
  images: { src: string; srcset: string | null; sizes: string | null; width: string | null; height: string | null; loading: string | null }[];
};

/** What an HTML page loads and carries. */
export function parsePage(html: string): PageParts {
  const scriptUrls: string[] = [];
  const addScript = (u: string) => {
    if (u && !scriptUrls.includes(u)) scriptUrls.push(u);
  };
  const inline: InlineScript[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const a = parseAttrs(m[1]);
    if (a.src !== undefined) {
      addScript(a.src);
      continue;
    }
    const type = (a.type ?? "").toLowerCase();
    inline.push({
      bytes: Buffer.byteLength(m[2]),
      type,
      layar: a["data-layar"] ?? null,
      rsc: /self\.__next_f/.test(m[2]),
      jsonLd: type === "application/ld+json",
      source: m[2],
    });
  }
  const stylesheets: string[] = [];
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const a = parseAttrs(m[1]);
    const rel = (a.rel ?? "").toLowerCase().split(/\s+/);
    const as = (a.as ?? "").toLowerCase();
    if (!a.href) continue;
    if (rel.includes("modulepreload") || (rel.includes("preload") && as === "script")) addScript(a.href);
    else if ((rel.includes("stylesheet") || (rel.includes("preload") && as === "style")) && !stylesheets.includes(a.href)) stylesheets.push(a.href);
  }
  const images = [...html.matchAll(/<img\b([^>]*)>/gi)].map((m) => {
    const a = parseAttrs(m[1]);
    return { src: a.src ?? "", srcset: a.srcset ?? null, sizes: a.sizes ?? null, width: a.width ?? null, height: a.height ?? null, loading: a.loading ?? null };
  });
  return { scriptUrls, inline, stylesheets, images };
}

/** Whether an inline script is JavaScript (JSON-LD and other data types are not). */
export const isJavaScript = (s: InlineScript) => s.type === "" || s.type === "module" || s.type === "text/javascript" || s.type === "application/javascript";

/** Inline JavaScript bytes, split into Next's RSC payload, Layar's own (data-layar) scripts, and non-JavaScript data. */
export function inlineScriptBytes(inline: InlineScript[]): { js: number; rsc: number; layar: number; data: number } {
  const isJs = isJavaScript;
  let js = 0;
  let rsc = 0;
  let layar = 0;
  let data = 0;
  for (const s of inline) {
    if (!isJs(s)) data += s.bytes;
    else {
      js += s.bytes;
      if (s.rsc) rsc += s.bytes;
      if (s.layar !== null) layar += s.bytes;
    }
  }
  return { js, rsc, layar, data };
}

/** The page's markup with every <script> element's content removed (what a reader without JavaScript gets). */
export function withoutScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, "");
}

/**
 * Leaf strings of a message catalogue that can be found verbatim in markup: at least
 * `minLength` characters and none of the characters HTML or a JSON-in-JS string would escape.
 */
export function catalogueProbes(catalogue: unknown, minLength = 20): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      if (v.length >= minLength && !/["'\\{}<>&\n]/.test(v)) out.add(v);
    } else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  walk(catalogue);
  return [...out];
}

/**
 * How many catalogue strings the page carries only inside its scripts (the serialised
 * catalogue or RSC props), not in the markup a reader sees.
 */
export function catalogueInScripts(html: string, probes: string[]): { inScripts: number; inMarkup: number; probes: number; examples: string[] } {
  const markup = withoutScripts(html);
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)].map((m) => m[1]).join("\n");
  let inScripts = 0;
  let inMarkup = 0;
  const examples: string[] = [];
  for (const p of probes) {
    if (markup.includes(p)) inMarkup++;
    else if (scripts.includes(p)) {
      inScripts++;
      if (examples.length < 3) examples.push(p);
    }
  }
  return { inScripts, inMarkup, probes: probes.length, examples };
}

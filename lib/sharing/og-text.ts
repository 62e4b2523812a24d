/**
 * The text of a link-preview image (lib/sharing/og-image.ts) as an SVG overlay, drawn by
 * librsvg inside sharp. Pure: no fonts are measured (librsvg picks a local sans-serif through
 * fontconfig and no font file ships with the app), so lines are wrapped by a character budget
 * that fits the widest sans-serif we expect (DejaVu Sans Bold, about 0.62 em a character) and
 * a line that still runs long is clipped by the image's own text area, never by the poster.
 */

/** Characters that would end or change an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Control characters (incl. those XML 1.0 refuses) and bidi/zero-width marks out, whitespace collapsed. */
export function cleanLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Words into at most `maxLines` lines of at most `maxChars` characters; a word longer than a
 * line is cut; what does not fit ends the last line with "…".
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = cleanLine(text).split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  let cut = false;
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    while (word.length > maxChars) {
      // A very long word: fill the current line's room, go on with the rest.
      const room = line ? maxChars - line.length - 1 : maxChars;
      if (room <= 0) {
        lines.push(line);
        line = "";
        continue;
      }
      lines.push(line ? `${line} ${word.slice(0, room)}` : word.slice(0, room));
      line = "";
      word = word.slice(room);
      if (lines.length >= maxLines) break;
    }
    if (lines.length >= maxLines) {
      cut = true;
      break;
    }
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= maxChars) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length >= maxLines) {
      cut = true;
      break;
    }
  }
  if (!cut && line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    cut = true;
  }
  if (cut && lines.length > 0) {
    const last = lines[lines.length - 1];
    lines[lines.length - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1).trimEnd() : last}…`;
  }
  return lines;
}

export type OgText = {
  /** Small line above the title: "Juara II · Kategori Dokumenter", or "Pemenang". */
  badge: string | null;
  title: string;
  /** Lines under the title (KIM and regency, edition), each kept to one line. */
  lines: string[];
};

export const ogWidth = 1200;
export const ogHeight = 630;
/** The poster's frame on the left (2:3), when there is a poster. */
export const posterFrame = { left: 60, top: 45, width: 360, height: 540 };

const font = "DejaVu Sans, Liberation Sans, Noto Sans, Arial, sans-serif";
/** Characters a line holds at a size: DejaVu Sans is about 0.6 em wide a character, its bold about 0.68. */
const budget = (width: number, size: number, em = 0.6) => Math.max(8, Math.floor(width / (size * em)));

/** The overlay: a dark panel with the badge, the title (up to 3 lines) and the other lines, and "Layar" at the foot. */
export function ogOverlaySvg(text: OgText, withPoster: boolean): string {
  const x = withPoster ? posterFrame.left + posterFrame.width + 48 : 80;
  const width = ogWidth - x - 60;
  const titleSize = 54;
  const title = wrapText(text.title, budget(width, titleSize, 0.68), 3);
  const parts: string[] = [];
  let y = 120;
  if (text.badge) {
    const badge = wrapText(text.badge, budget(width - 40, 28, 0.72), 1)[0] ?? "";
    const badgeWidth = Math.min(width, Math.round(badge.length * 28 * 0.72) + 40);
    parts.push(`<rect x="${x}" y="${y - 38}" width="${badgeWidth}" height="52" rx="10" fill="#fbbf24"/>`);
    parts.push(`<text x="${x + 20}" y="${y}" font-size="28" font-weight="700" fill="#1c1917">${escapeXml(badge)}</text>`);
    y += 80;
  } else {
    y += 20;
  }
  for (const line of title) {
    parts.push(`<text x="${x}" y="${y}" font-size="${titleSize}" font-weight="700" fill="#ffffff">${escapeXml(line)}</text>`);
    y += Math.round(titleSize * 1.2);
  }
  y += 16;
  for (const raw of text.lines.slice(0, 4)) {
    const line = wrapText(raw, budget(width, 28), 1)[0];
    if (!line) continue;
    parts.push(`<text x="${x}" y="${y}" font-size="28" fill="#e2e8f0">${escapeXml(line)}</text>`);
    y += 42;
  }
  parts.push(`<text x="${ogWidth - 60}" y="${ogHeight - 40}" font-size="30" font-weight="700" fill="#5eead4" text-anchor="end">Layar</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${ogWidth}" height="${ogHeight}" viewBox="0 0 ${ogWidth} ${ogHeight}">
<defs><clipPath id="area"><rect x="${x}" y="0" width="${width}" height="${ogHeight}"/></clipPath></defs>
<g font-family="${font}" clip-path="url(#area)">${parts.slice(0, -1).join("")}</g>
<g font-family="${font}">${parts.at(-1)}</g>
</svg>`;
}

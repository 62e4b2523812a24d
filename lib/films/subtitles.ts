export type Cue = { start: number; end: number; text: string };

const MAX_CUES = 5000;

/**
 * Reads an .srt or .vtt file into cues, refusing what is not a subtitle file. The
 * result is written back as plain WebVTT: the original header (which may carry a
 * tool's or a person's name) is dropped, and so are styles and notes.
 */
export function parseSubtitles(text: string): { ok: true; cues: Cue[] } | { ok: false; problem: string } {
  const body = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (/\u0000/.test(body)) return { ok: false, problem: "Berkas ini bukan teks subtitle (.srt atau .vtt)." };
  const blocks = body.split(/\n{2,}/).map((b) => b.trim()).filter(Boolean);
  const cues: Cue[] = [];
  for (const block of blocks) {
    const lines = block.split("\n");
    const timingIndex = lines.findIndex((l) => l.includes("-->"));
    if (timingIndex === -1 || timingIndex > 1) continue; // header, NOTE, STYLE, REGION blocks
    const match = /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})/.exec(lines[timingIndex]);
    if (!match) return { ok: false, problem: `Baris waktu tidak dikenali: "${lines[timingIndex].slice(0, 60)}". Gunakan format 00:00:01,000 --> 00:00:03,000.` };
    const start = toSeconds(match[1]);
    const end = toSeconds(match[2]);
    if (end <= start) return { ok: false, problem: `Waktu akhir harus setelah waktu mulai (${match[1]} --> ${match[2]}).` };
    const textLines = lines.slice(timingIndex + 1).map((l) => l.replace(/<[^>]*>/g, "").trim()).filter(Boolean);
    if (textLines.length) cues.push({ start, end, text: textLines.join("\n") });
    if (cues.length > MAX_CUES) return { ok: false, problem: `Subtitle terlalu panjang (lebih dari ${MAX_CUES} baris teks).` };
  }
  if (cues.length === 0) return { ok: false, problem: "Tidak ada teks subtitle yang bisa dibaca. Unggah berkas .srt atau .vtt." };
  return { ok: true, cues };
}

function toSeconds(stamp: string): number {
  const parts = stamp.replace(",", ".").split(":").map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

function stamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

export function toWebVtt(cues: Cue[]): string {
  // "-->" inside cue text would end the cue early in a player.
  return `WEBVTT\n\n${cues.map((c) => `${stamp(c.start)} --> ${stamp(c.end)}\n${c.text.replace(/-->/g, "->")}`).join("\n\n")}\n`;
}

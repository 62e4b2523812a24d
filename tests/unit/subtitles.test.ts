import { describe, expect, it } from "vitest";
import { parseSubtitles, toWebVtt } from "@/lib/films/subtitles";

const srt = `1
00:00:01,000 --> 00:00:03,500
Sugeng enjing, Pak.
<i>Selamat pagi, Pak.</i>

2
00:01:02,250 --> 00:01:04,000
Kabar saking desa.
`;

describe("parseSubtitles", () => {
  it("reads SRT and writes WebVTT with dots and without markup", () => {
    const parsed = parseSubtitles(srt);
    expect(parsed).toEqual({
      ok: true,
      cues: [
        { start: 1, end: 3.5, text: "Sugeng enjing, Pak.\nSelamat pagi, Pak." },
        { start: 62.25, end: 64, text: "Kabar saking desa." },
      ],
    });
    expect(toWebVtt(parsed.ok ? parsed.cues : [])).toBe(
      "WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nSugeng enjing, Pak.\nSelamat pagi, Pak.\n\n00:01:02.250 --> 00:01:04.000\nKabar saking desa.\n",
    );
  });

  it("drops a VTT header, notes and styles (they can name the maker)", () => {
    const vtt = "\uFEFFWEBVTT - dibuat oleh KIM Manteb Karangpandan\r\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000\r\n\r\nNOTE Penerjemah: Siti dari Desa Dagen\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n00:01.000 --> 00:02.000 align:start\r\nHalo\r\n";
    const parsed = parseSubtitles(vtt);
    expect(parsed).toEqual({ ok: true, cues: [{ start: 1, end: 2, text: "Halo" }] });
    const out = toWebVtt(parsed.ok ? parsed.cues : []);
    expect(out).not.toMatch(/Manteb|Dagen|Siti/);
    expect(out.startsWith("WEBVTT\n\n")).toBe(true);
  });

  it("refuses binary data, text without cues, and bad timings with a message", () => {
    expect(parseSubtitles("MZ\u0000\u0000binary")).toMatchObject({ ok: false, problem: expect.stringContaining("bukan teks subtitle") });
    expect(parseSubtitles("ini hanya catatan tanpa waktu")).toMatchObject({ ok: false, problem: expect.stringContaining("Tidak ada teks subtitle") });
    expect(parseSubtitles("1\n00:00:05,000 --> 00:00:02,000\nmundur")).toMatchObject({ ok: false, problem: expect.stringContaining("setelah waktu mulai") });
    expect(parseSubtitles("1\n5 detik --> 7 detik\nx")).toMatchObject({ ok: false, problem: expect.stringContaining("tidak dikenali") });
  });

  it("keeps a script tag in cue text from becoming markup", () => {
    const parsed = parseSubtitles("00:00:01.000 --> 00:00:02.000\n<script>alert(1)</script>tanda --> panah");
    expect(parsed.ok && toWebVtt(parsed.cues)).toBe("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nalert(1)tanda -> panah\n");
  });
});

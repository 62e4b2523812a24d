import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EditionRules } from "@/lib/db/schema";
import { resolveBinaries } from "@/lib/video/binaries";
import { inspectUpload } from "@/lib/video/inspect-upload";
import { probeVideo } from "@/lib/video/probe-video";
import type { FfprobeOutput } from "@/lib/video/read-probe-output";
import { runTool } from "@/lib/video/run-tool";
import { stripIdentifyingMetadata } from "@/lib/video/strip-metadata";
import { makeVideoFixtures, type VideoFixtures } from "../fixtures/make-fixtures";

const rules: EditionRules = {
  maxDurationSeconds: 300,
  minHeight: 720,
  containers: ["mp4", "mov"],
  videoCodecs: ["h264", "hevc"],
  maxFileBytes: 2 * 1024 ** 3,
  filmsPerKim: 2,
  uploadGraceMinutes: 60,
  subtitles: "bahasa_daerah",
  eligibleKims: "semua",
};
const CORRUPT = "Berkas video rusak atau tidak lengkap (mungkin unggahan terputus). Unggah ulang berkas aslinya.";

let dir: string;
let files: VideoFixtures;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-video-"));
  files = await makeVideoFixtures(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function ffprobeJson(file: string): Promise<FfprobeOutput & { format: { tags?: Record<string, string> } }> {
  const { ffprobe } = await resolveBinaries();
  const { stdout } = await runTool(ffprobe, ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file], { timeoutMs: 30_000 });
  return JSON.parse(stdout);
}

describe("inspectUpload: films that pass", () => {
  it("a 1280×720 H.264 MP4 with its facts", async () => {
    const result = await inspectUpload(files.ok, rules);
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.probe).toMatchObject({ container: "mp4", videoCodec: "h264", audioCodec: "aac", width: 1280, height: 720 });
    expect(result.probe?.durationSeconds).toBeCloseTo(2, 1);
  });
  it("a portrait 720×1280 film (short side 720)", async () => {
    const result = await inspectUpload(files.portrait, rules);
    expect(result).toMatchObject({ ok: true, problems: [], probe: { width: 720, height: 1280 } });
  });
  it("a phone MOV: HEVC frames stored landscape with a rotation, reported upright", async () => {
    const result = await inspectUpload(files.phone, rules);
    expect(result).toMatchObject({
      ok: true,
      problems: [],
      probe: { container: "mov", videoCodec: "hevc", audioCodec: "pcm_s16le", width: 720, height: 1280 },
    });
  });
});

describe("inspectUpload: files refused, with the reason", () => {
  it.each<[keyof VideoFixtures, string[]]>([
    ["small", ["Resolusi film 640×360 (360p), kurang dari minimal 720p. Ekspor ulang minimal 1280×720."]],
    [
      "long",
      [
        "Resolusi film 160×90 (90p), kurang dari minimal 720p. Ekspor ulang minimal 1280×720.",
        "Durasi film 6 menit 12 detik, melebihi batas 5 menit.",
      ],
    ],
    ["mkv", ["Format MKV tidak diterima. Gunakan MP4 atau MOV."]],
    ["vp9", ["Kodek video VP9 tidak diterima. Gunakan H.264 atau H.265."]],
    ["audio", ["Berkas ini hanya berisi audio, tidak ada gambar video."]],
    ["png", ["Berkas ini bukan video (terdeteksi: gambar PNG). Unggah berkas video MP4 atau MOV."]],
    ["pdf", ["Berkas ini bukan video (terdeteksi: dokumen PDF). Unggah berkas video MP4 atau MOV."]],
    ["exe", ["Berkas ini bukan video (terdeteksi: program Windows (.exe)). Unggah berkas video MP4 atau MOV."]],
    ["truncated", [CORRUPT]],
    ["truncatedFaststart", [CORRUPT]],
  ])("%s", async (fixture, problems) => {
    expect(await inspectUpload(files[fixture], rules)).toMatchObject({ ok: false, problems });
  });

  it("a file over the edition's size limit", async () => {
    const result = await inspectUpload(files.ok, { ...rules, maxFileBytes: 1024 ** 2 });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.stringMatching(/^Ukuran berkas 1,\d MB, melebihi batas 1 MB\. Ekspor ulang dengan bitrate lebih rendah\.$/),
    ]);
  });
});

describe("probeVideo on damaged files", () => {
  it("turns ffprobe's refusal (moov atom missing) into a typed result", async () => {
    const result = await probeVideo(files.truncated);
    expect(result).toMatchObject({ ok: false, reason: "corrupt" });
    expect(!result.ok && result.detail).toMatch(/moov atom not found/);
  });
  it("catches a faststart file cut short, which ffprobe alone reads as whole", async () => {
    expect((await ffprobeJson(files.truncatedFaststart)).format?.duration).toBe("2.000000");
    expect(await probeVideo(files.truncatedFaststart)).toMatchObject({ ok: false, reason: "truncated" });
  });
  it("throws, rather than blaming the file, when the file is not there", async () => {
    await expect(probeVideo(path.join(dir, "missing.mp4"))).rejects.toThrow(/ffprobe failed/);
  });
});

describe("stripIdentifyingMetadata", () => {
  it("removes the KIM's tags and keeps the same film, which still plays", async () => {
    const before = await probeVideo(files.ok);
    expect((await ffprobeJson(files.ok)).format.tags).toMatchObject({ title: "KIM Manteb Karangpandan", artist: "KIM Manteb", comment: "Desa Dagen" });
    const out = path.join(dir, "judge-ok.mp4");
    await stripIdentifyingMetadata(files.ok, out);

    const raw = await ffprobeJson(out);
    const tags = raw.format.tags ?? {};
    for (const key of ["title", "artist", "comment", "encoder", "creation_time"]) expect(tags).not.toHaveProperty(key);
    const bytes = fs.readFileSync(out).toString("latin1");
    for (const text of ["KIM Manteb", "Karangpandan", "Desa Dagen", "Lavf"]) expect(bytes).not.toContain(text);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);

    const after = await probeVideo(out);
    expect(before.ok && after.ok).toBe(true);
    if (!before.ok || !after.ok) return;
    expect(after.probe).toMatchObject({ container: "mp4", videoCodec: "h264", audioCodec: "aac", width: 1280, height: 720 });
    expect(after.probe.durationSeconds).toBeCloseTo(before.probe.durationSeconds, 1);

    // Plays: every frame decodes without an error.
    const { ffmpeg } = await resolveBinaries();
    const decoded = await runTool(ffmpeg, ["-v", "error", "-i", out, "-f", "null", "-"], { timeoutMs: 60_000 });
    expect(decoded.stderr).toBe("");
  });

  it("turns a phone MOV into an MP4 judges can play: hvc1, AAC, still upright", async () => {
    const out = path.join(dir, "judge-phone.mp4");
    const inspected = await inspectUpload(files.phone, rules);
    await stripIdentifyingMetadata(files.phone, out, inspected.probe);
    const after = await probeVideo(out);
    expect(after).toMatchObject({ ok: true, probe: { container: "mp4", videoCodec: "hevc", audioCodec: "aac", width: 720, height: 1280 } });
    const video = (await ffprobeJson(out)).streams?.find((s) => s.codec_type === "video") as { codec_tag_string?: string };
    expect(video.codec_tag_string).toBe("hvc1");
  });

  it("fails clearly, leaving no partial file, for a file it cannot read", async () => {
    const out = path.join(dir, "judge-bad.mp4");
    await expect(stripIdentifyingMetadata(files.truncated, out)).rejects.toThrow(/cannot make judges' copy .*corrupt/);
    expect(fs.existsSync(out) || fs.existsSync(`${out}.partial`)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { containerFromFormat, readProbeOutput, type FfprobeOutput, type FfprobeStream } from "@/lib/video/read-probe-output";

const MOV_FAMILY = "mov,mp4,m4a,3gp,3g2,mj2";
const h264 = (extra: Partial<FfprobeStream> = {}): FfprobeStream => ({ codec_type: "video", codec_name: "h264", width: 1920, height: 1080, ...extra });
const aac: FfprobeStream = { codec_type: "audio", codec_name: "aac" };
const output = (streams: FfprobeStream[], format: FfprobeOutput["format"] = {}): FfprobeOutput => ({
  streams,
  format: { format_name: MOV_FAMILY, duration: "12.5", tags: { major_brand: "isom" }, ...format },
});

describe("containerFromFormat", () => {
  it("tells MP4 from MOV by the ftyp major brand", () => {
    expect(containerFromFormat(MOV_FAMILY, "isom")).toBe("mp4");
    expect(containerFromFormat(MOV_FAMILY, "mp42")).toBe("mp4");
    expect(containerFromFormat(MOV_FAMILY, "qt  ")).toBe("mov");
  });
  it("calls a file with no ftyp at all a classic QuickTime MOV", () => {
    expect(containerFromFormat(MOV_FAMILY, undefined)).toBe("mov");
  });
  it("tells WebM from Matroska by the sniffed DocType", () => {
    expect(containerFromFormat("matroska,webm", undefined, { kind: "video", container: "webm" })).toBe("webm");
    expect(containerFromFormat("matroska,webm", undefined, { kind: "video", container: "mkv" })).toBe("mkv");
    expect(containerFromFormat("matroska,webm", undefined)).toBe("mkv");
  });
  it.each([["mpegts", "ts"], ["asf", "wmv"], ["mpeg", "mpg"], ["avi", "avi"], ["flv", "flv"]])("maps %s to %s", (name, container) => {
    expect(containerFromFormat(name, undefined)).toBe(container);
  });
});

describe("readProbeOutput", () => {
  it("reads the facts of a plain film", () => {
    expect(readProbeOutput(output([h264(), aac]))).toEqual({
      ok: true,
      probe: { container: "mp4", videoCodec: "h264", audioCodec: "aac", width: 1920, height: 1080, durationSeconds: 12.5 },
    });
  });
  it("leaves audioCodec out of a silent film", () => {
    const result = readProbeOutput(output([h264()]));
    expect(result.ok && "audioCodec" in result.probe).toBe(false);
  });

  describe("rotation: a phone's portrait film is reported upright", () => {
    it.each<[string, Partial<FfprobeStream>]>([
      ["display matrix -90", { side_data_list: [{}, { rotation: -90 }] }],
      ["display matrix 90", { side_data_list: [{ rotation: 90 }] }],
      ["old rotate tag 270", { tags: { rotate: "270" } }],
    ])("%s swaps width and height", (_name, extra) => {
      const result = readProbeOutput(output([h264(extra)]));
      expect(result.ok && [result.probe.width, result.probe.height]).toEqual([1080, 1920]);
    });
    it("a half turn keeps them", () => {
      const result = readProbeOutput(output([h264({ side_data_list: [{ rotation: 180 }] })]));
      expect(result.ok && [result.probe.width, result.probe.height]).toEqual([1920, 1080]);
    });
  });

  describe("duration", () => {
    it("falls back to the video stream when the format has none", () => {
      const result = readProbeOutput(output([h264({ duration: "7.2" })], { duration: undefined }));
      expect(result.ok && result.probe.durationSeconds).toBe(7.2);
    });
    it("reads Matroska's DURATION tag", () => {
      const stream = h264({ tags: { DURATION: "00:06:12.040000000" } });
      const result = readProbeOutput(output([stream], { format_name: "matroska,webm", duration: undefined }));
      expect(result.ok && result.probe.durationSeconds).toBeCloseTo(372.04);
    });
    it("calls a film with no duration anywhere corrupt", () => {
      expect(readProbeOutput(output([h264()], { duration: "N/A" }))).toMatchObject({ ok: false, reason: "corrupt" });
    });
  });

  describe("files without a film in them", () => {
    it("an audio file with cover art is audio only", () => {
      const cover: FfprobeStream = { codec_type: "video", codec_name: "mjpeg", width: 600, height: 600, disposition: { attached_pic: 1 } };
      expect(readProbeOutput(output([aac, cover]))).toMatchObject({ ok: false, reason: "audio_only" });
    });
    it("a data-only file has no video stream", () => {
      expect(readProbeOutput(output([{ codec_type: "data" }]))).toMatchObject({ ok: false, reason: "no_video_stream" });
    });
    it("no streams at all is corrupt", () => {
      expect(readProbeOutput({ streams: [], format: {} })).toMatchObject({ ok: false, reason: "corrupt" });
    });
    it.each(["png_pipe", "jpeg_pipe", "image2", "gif", "tty"])("%s is a still, not a film", (format_name) => {
      expect(readProbeOutput(output([h264()], { format_name }))).toMatchObject({ ok: false, reason: "not_video" });
    });
    it("a video stream without dimensions is corrupt", () => {
      expect(readProbeOutput(output([h264({ width: 0, height: 0 })]))).toMatchObject({ ok: false, reason: "corrupt" });
    });
  });
});

import { describe, expect, it } from "vitest";
import { buildStripArgs } from "@/lib/video/strip-metadata";

// The exact remux command; the integration test proves it against real files.
describe("buildStripArgs", () => {
  it("copies H.264 + AAC with every tag and every non-picture NAL unit (SEI) dropped and the index at the front", () => {
    expect(buildStripArgs("/in/film.mp4", "/out/judge.mp4", { videoCodec: "h264", audioCodec: "aac" })).toEqual([
      "-v", "error", "-y", "-i", "file:/in/film.mp4",
      "-map", "0:v:0", "-map", "0:a?", "-c", "copy", "-bsf:v", "filter_units=pass_types=1-5|7-11|13",
      "-map_metadata", "-1", "-map_chapters", "-1", "-metadata:s", "handler_name=",
      "-fflags", "+bitexact", "-movflags", "+faststart", "-f", "mp4", "file:/out/judge.mp4",
    ]);
  });
  it("tags HEVC hvc1 and encodes only PCM audio to AAC", () => {
    const args = buildStripArgs("in.mov", "out.mp4", { videoCodec: "hevc", audioCodec: "pcm_s16le" });
    expect(args.join(" ")).toContain("-c copy -bsf:v filter_units=pass_types=0-9|16-21|32-37 -c:a aac -b:a 192k -tag:v hvc1");
    expect(args).not.toContain("-c:v");
  });
  it("keeps only AV1's picture OBUs, and leaves VP9 (which has no user data units) as it is", () => {
    expect(buildStripArgs("a", "b", { videoCodec: "av1" })).toContain("filter_units=pass_types=1-4|6-8");
    expect(buildStripArgs("a", "b", { videoCodec: "vp9" })).not.toContain("-bsf:v");
  });
  it("copies a silent film without an audio codec option", () => {
    expect(buildStripArgs("a", "b", { videoCodec: "h264" })).not.toContain("-c:a");
  });
  it("keeps a file name that looks like an option or protocol a plain file", () => {
    const args = buildStripArgs("-y", "concat:a|b", { videoCodec: "h264" });
    expect(args).toContain("file:-y");
    expect(args.at(-1)).toBe("file:concat:a|b");
  });
});

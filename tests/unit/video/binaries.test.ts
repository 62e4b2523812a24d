import { describe, expect, it } from "vitest";
import { findBinary, resolveBinaries } from "@/lib/video/binaries";

describe("binaries", () => {
  it("prefers the static builds from the npm packages", async () => {
    const { ffprobe, ffmpeg } = await resolveBinaries();
    expect(ffprobe).toContain("@ffprobe-installer");
    expect(ffmpeg).toContain("@ffmpeg-installer");
  });
  it("falls back to the next candidate that runs", async () => {
    const { ffprobe } = await resolveBinaries();
    expect(await findBinary("ffprobe", ["/nonexistent/ffprobe", ffprobe])).toBe(ffprobe);
  });
  it("says how to install ffmpeg when nothing runs", async () => {
    await expect(findBinary("ffprobe", ["/nonexistent/ffprobe", "layar-no-such-ffprobe"])).rejects.toThrow(
      /^ffprobe tidak ditemukan \(dicoba: \/nonexistent\/ffprobe, layar-no-such-ffprobe\)\. .*apt-get install -y ffmpeg/,
    );
  });
});

import { describe, expect, it } from "vitest";
import { playerScript } from "@/lib/public/player-script";
import { codecsFor, encodeArgs, masterPlaylist, playlistSegments, renditionHeights, rungFor, widthFor } from "@/lib/video/renditions";

describe("which heights a film gets", () => {
  it("gets 360p, 540p and 720p from a 1080p or 720p source", () => {
    expect(renditionHeights(1080)).toEqual([360, 540, 720]);
    expect(renditionHeights(720)).toEqual([360, 540, 720]);
    expect(renditionHeights(2160)).toEqual([360, 540, 720]);
  });

  it("adds the source's own height below 720 and never upscales", () => {
    expect(renditionHeights(576)).toEqual([360, 540, 576]);
    expect(renditionHeights(480)).toEqual([360, 480]);
    expect(renditionHeights(540)).toEqual([360, 540]);
    expect(renditionHeights(360)).toEqual([360]);
    expect(renditionHeights(240)).toEqual([240]);
  });

  it("keeps heights even", () => {
    expect(renditionHeights(481)).toEqual([360, 480]);
    expect(renditionHeights(239)).toEqual([238]);
  });

  it("keeps the picture's shape with an even width", () => {
    expect(widthFor(360, { width: 1920, height: 1080 })).toBe(640);
    expect(widthFor(360, { width: 1080, height: 1920 })).toBe(202);
    expect(widthFor(540, { width: 1440, height: 1080 })).toBe(720);
  });

  it("caps the bit rate per height, a height between steps in between", () => {
    expect(rungFor(360).videoBitrate).toBe(500_000);
    expect(rungFor(720).videoBitrate).toBe(2_200_000);
    expect(rungFor(480).videoBitrate).toBeGreaterThan(500_000);
    expect(rungFor(480).videoBitrate).toBeLessThan(1_200_000);
    expect(rungFor(240).videoBitrate).toBeLessThan(500_000);
  });
});

describe("the ffmpeg run for one height", () => {
  const args = encodeArgs("/in/judge.mp4", "/out/360.mp4", rungFor(360), { threads: 1, hasAudio: true });
  const after = (flag: string) => args[args.indexOf(flag) + 1];

  it("encodes H.264 in 4:2:0 and AAC with a capped rate and keyframes at 0, 1, 2 s then every 4 s", () => {
    expect(after("-c:v")).toBe("libx264");
    expect(after("-vf")).toBe("scale=-2:360,format=yuv420p");
    expect(after("-preset")).toBe("veryfast");
    expect(after("-maxrate")).toBe("550k");
    expect(after("-force_key_frames")).toBe("expr:if(lt(t,2.5),gte(t,n_forced),gte(t,4*(n_forced-2)))");
    expect(after("-c:a")).toBe("aac");
    // Threads for the decoder (before the input) and the encoder: one worker, one core.
    expect(args.filter((a) => a === "-threads")).toHaveLength(2);
    expect(args.indexOf("-threads")).toBeLessThan(args.indexOf("-i"));
    expect(after("-threads")).toBe("1");
  });

  it("carries no tag of the source and no encoder text", () => {
    expect(after("-map_metadata")).toBe("-1");
    expect(args).toContain("+bitexact");
    expect(after("-bsf:v")).toBe("filter_units=remove_types=6");
    expect(args[0]).not.toMatch(/^file:/);
    expect(args).toContain("file:/in/judge.mp4");
  });

  it("leaves the sound out when the film has none", () => {
    const silent = encodeArgs("/in/a.mp4", "/out/b.mp4", rungFor(540), { threads: 2, hasAudio: false });
    expect(silent).not.toContain("-c:a");
    expect(silent).not.toContain("0:a:0");
  });
});

describe("the master playlist", () => {
  const variants = [
    { height: 720, width: 1280, bandwidth: 2_400_000, averageBandwidth: 2_300_000, codecs: codecsFor(31, true) },
    { height: 360, width: 640, bandwidth: 700_000, averageBandwidth: 650_000, codecs: codecsFor(30, true) },
    { height: 540, width: 960, bandwidth: 1_400_000, averageBandwidth: 1_300_000, codecs: codecsFor(31, true) },
  ];

  it("lists every variant, lowest first, with bandwidth, resolution and codecs", () => {
    expect(masterPlaylist(variants, (h) => `m1/${h}/index.m3u8`)).toBe(
      [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        "#EXT-X-INDEPENDENT-SEGMENTS",
        '#EXT-X-STREAM-INF:BANDWIDTH=700000,AVERAGE-BANDWIDTH=650000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"',
        "m1/360/index.m3u8",
        '#EXT-X-STREAM-INF:BANDWIDTH=1400000,AVERAGE-BANDWIDTH=1300000,RESOLUTION=960x540,CODECS="avc1.4d401f,mp4a.40.2"',
        "m1/540/index.m3u8",
        '#EXT-X-STREAM-INF:BANDWIDTH=2400000,AVERAGE-BANDWIDTH=2300000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"',
        "m1/720/index.m3u8",
        "",
      ].join("\n"),
    );
  });

  it("names only the picture codec for a silent film", () => {
    expect(codecsFor(30, false)).toBe("avc1.4d401e");
  });

  it("reads segment names and lengths back from a variant playlist", () => {
    const text = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.000000,\nseg_0000.ts\n#EXTINF:1.5,\nseg_0001.ts\n#EXT-X-ENDLIST\n";
    expect(playlistSegments(text)).toEqual([
      { name: "seg_0000.ts", seconds: 4 },
      { name: "seg_0001.ts", seconds: 1.5 },
    ]);
  });
});

describe("the film page's player script", () => {
  it("is valid JavaScript that names hls.js's URL and nothing else from outside", () => {
    const source = playerScript("/api/js/hls.light.min.js?v=1.0.0");
    expect(() => new Function(source)).not.toThrow();
    expect(source).toContain('"/api/js/hls.light.min.js?v=1.0.0"');
    expect(source).not.toMatch(/https?:/);
  });
});

describe("the light version's file name", () => {
  it("is the title in plain letters, or the film's code when the title has none", async () => {
    const { lightFileName } = await import("@/lib/films/serve-renditions");
    expect(lightFileName("Senja di Lereng Lawu", "KRA-7Q2")).toBe("senja-di-lereng-lawu-360p.mp4");
    expect(lightFileName("Café «Rindu»!", "KRA-7Q2")).toBe("cafe-rindu-360p.mp4");
    expect(lightFileName("ꦱꦼꦚ", "KRA-7Q2")).toBe("kra-7q2-360p.mp4");
  });
});

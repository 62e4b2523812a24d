// Disk used by replacing a film's video: two ~1 GiB uploads to one film through the real tus
// endpoint (the direct PATCH route, local disk), each checked as the queue checks it. Prints the
// bytes under the media root after the first check, after the second upload (before its check)
// and after the second check. Before issue 12 nothing was removed: two 1 GiB uploads held both
// videos and both judges' copies (4.2 GB). Run alone: npx tsx bench/disk-replacement.ts [seconds]
// (seconds of video per upload, default 300: about 1.1 GB at 30 Mbit/s).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import * as tus from "tus-js-client";
import { filmMedia } from "@/lib/db/schema";
import { defaultRules } from "@/lib/editions/defaults";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { LocalStorage } from "@/lib/storage/local";
import { processVideoUpload } from "@/lib/uploads/process-video";
import { createTestDatabase } from "../tests/setup/database";
import { createTestRegions } from "../tests/setup/regions";
import { sessionCookie, startUploadServer } from "../tests/setup/upload-server";

const seconds = Number(process.argv[2] ?? 300);

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("ffmpeg", ["-v", "error", "-y", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg failed (${code}): ${err.slice(-500)}`))));
  });
}

/** 30 s of noisy 720p at 30 Mbit/s, then looped by stream copy (cheap) to the length wanted. */
async function makeVideos(dir: string): Promise<[string, string]> {
  const piece = path.join(dir, "piece.mp4");
  await run([
    "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=25:d=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=30",
    "-vf", "noise=alls=40:allf=t", "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "30M", "-maxrate", "30M", "-bufsize", "30M", "-pix_fmt", "yuv420p",
    "-c:a", "aac", "-b:a", "128k", "-shortest", piece,
  ]);
  const loops = Math.max(1, Math.round(seconds / 30));
  const a = path.join(dir, "a.mp4");
  const b = path.join(dir, "b.mp4");
  await run(["-stream_loop", String(loops - 1), "-i", piece, "-c", "copy", "-movflags", "+faststart", a]);
  await run(["-stream_loop", String(Math.max(0, loops - 2)), "-i", piece, "-c", "copy", "-movflags", "+faststart", "-metadata", "title=versi kedua", b]);
  return [a, b];
}

function bytesUnder(root: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-bench-disk-"));
  const handle = await createTestDatabase();
  try {
    const [a, b] = await makeVideos(work);
    await createTestRegions(handle.db);
    const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
    const editionId = (
      await createEdition(handle.db, {
        title: "Festival Ukur Disk",
        regionCode: "33.13",
        status: "pendaftaran",
        submissionOpensAt: new Date(Date.now() - 86_400_000),
        submissionClosesAt: new Date(Date.now() + 86_400_000),
        rules: { ...defaultRules, subtitles: "opsional", maxDurationSeconds: 600 },
      })
    ).id;
    const user = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
    const cookie = await sessionCookie(user.id);
    const film = await createFilm(handle.db, { editionId, kimId: kim.id, code: "UKUR-1", title: "Nular", createdBy: user.id });
    const mediaRoot = path.join(work, "media");
    const storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
    const server = await startUploadServer(handle.db, storage, { direct: true });
    const upload = (file: string) =>
      new Promise<string>((resolve, reject) => {
        const u = new tus.Upload(fs.readFileSync(file), {
          endpoint: server.endpoint,
          headers: { cookie },
          chunkSize: 8 * 1024 * 1024,
          retryDelays: [],
          metadata: { filmId: film.id, filename: path.basename(file), filetype: "video/mp4" },
          onSuccess: () => resolve(u.url!.split("/").pop()!),
          onError: reject,
        });
        u.start();
      });
    const check = async (uploadId: string) => {
      const [media] = await handle.db.select().from(filmMedia).where(eq(filmMedia.uploadId, uploadId));
      const outcome = await processVideoUpload(handle.db, storage, media.id);
      if (outcome !== "ok") throw new Error(`check: ${outcome}`);
    };
    const gb = (n: number) => `${n} bytes (${(n / 1e9).toFixed(2)} GB)`;
    console.log(`video A ${gb(fs.statSync(a).size)}, video B ${gb(fs.statSync(b).size)}`);
    await check(await upload(a));
    const afterFirst = bytesUnder(mediaRoot);
    console.log(`after A is checked:               ${gb(afterFirst)}`);
    const second = await upload(b);
    const beforeSecondCheck = bytesUnder(mediaRoot);
    console.log(`after B is uploaded, not checked: ${gb(beforeSecondCheck)}`);
    await check(second);
    const afterSecond = bytesUnder(mediaRoot);
    const [judgeCopy] = await handle.db.select().from(filmMedia).where(eq(filmMedia.kind, "judge_video"));
    const keptBefore = beforeSecondCheck + (judgeCopy.sizeBytes ?? 0);
    console.log(`after B is checked:               ${gb(afterSecond)}`);
    console.log(`without removal it would hold     ${gb(keptBefore)}; freed by the replacement: ${gb(keptBefore - afterSecond)}`);
    console.log(`rows: ${(await handle.db.select({ kind: filmMedia.kind, status: filmMedia.status }).from(filmMedia)).map((r) => `${r.kind}:${r.status}`).join(", ")}`);
    await server.stop();
  } finally {
    await handle.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();

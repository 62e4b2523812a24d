import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupDatabase } from "@/lib/db/setup-database";
import { filmMedia, users } from "@/lib/db/schema";
import { serveFilmMedia } from "@/lib/films/serve-film-media";
import { setStorage } from "@/lib/storage";
import { S3Storage } from "@/lib/storage/s3";
import { createTestDatabase } from "../setup/database";
import { startS3 } from "../setup/s3";
import { sessionCookie } from "../setup/upload-server";

// With the S3 driver, the demo's sample clips, judges' copies and posters go to the bucket and
// are recorded as S3 media, so playback's redirect finds them (before: recorded as local, 404).
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let s3: Awaited<ReturnType<typeof startS3>>;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-s3-seed-"));
const dataDir = path.join(work, "data");

beforeAll(async () => {
  handle = await createTestDatabase();
  s3 = await startS3(path.join(work, "s3"));
  const storage = new S3Storage({
    bucket: "layar",
    expiryMs: 48 * 3_600_000,
    clientConfig: { region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
  });
  setStorage(storage);
  const report = await setupDatabase(handle, { seed: true, dataDir, storage });
  expect(report.seeded).toBe(true);
}, 240_000);
afterAll(async () => {
  setStorage(undefined);
  await s3.stop();
  await handle.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("the demo seed with the S3 driver", () => {
  it("records every sample file as S3 media and writes nothing under the data directory", async () => {
    const media = await handle.db.select().from(filmMedia);
    expect(media.length).toBeGreaterThan(0);
    expect(new Set(media.map((m) => m.storageDriver))).toEqual(new Set(["s3"]));
    expect(fs.existsSync(path.join(dataDir, "media"))).toBe(false);
  });

  it("plays every sample film's video and poster from the bucket", async () => {
    const [organiser] = await handle.db.select().from(users).where(eq(users.email, "admin.jateng@layar.test"));
    const cookie = await sessionCookie(organiser.id);
    const videos = await handle.db.select().from(filmMedia).where(eq(filmMedia.kind, "video"));
    expect(videos.length).toBeGreaterThanOrEqual(6);
    for (const video of videos) {
      for (const kind of ["video", "poster"] as const) {
        const res = await serveFilmMedia(new Request(`http://layar.test/api/films/${video.filmId}/${kind}`, { headers: { cookie } }), video.filmId, kind);
        expect(res.status, `${kind} of ${video.filmId}`).toBe(302);
        const stored = await fetch(res.headers.get("location")!);
        expect(stored.status, `${kind} of ${video.filmId} in the bucket`).toBe(200);
        const bytes = Buffer.from(await stored.arrayBuffer());
        if (kind === "video") expect(bytes.length).toBe(video.sizeBytes);
        else expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG
      }
    }
  });
});

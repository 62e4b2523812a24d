import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRules } from "@/lib/editions/defaults";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { LocalStorage } from "@/lib/storage/local";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";
import { sessionCookie, startUploadServer } from "../setup/upload-server";

// Defect: tus's protocol errors ("Upload-Offset conflict", "Maximum size exceeded") reached the
// KIM in English, shown by the uploader as the reason. They now come without text (the uploader
// words each status itself, components/films/upload-failure.ts), from the tus server and from
// the direct PATCH route alike; Layar's own refusals keep their sentence.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type UploadServer = Awaited<ReturnType<typeof startUploadServer>>;
let tusServer: UploadServer, directServer: UploadServer;
let cookie: string, kimId: string, editionId: string;
const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "layar-upload-errors-"));

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  kimId = (await createKim(handle.db, { name: "KIM A", districtCode: "33.13.08" })).id;
  const user = await createUser(handle.db, { email: "a@layar.test", role: "kim", kimId, regionCode: "33.13" });
  editionId = (
    await createEdition(handle.db, {
      title: "Festival Uji Galat",
      regionCode: "33",
      status: "pendaftaran",
      submissionOpensAt: new Date("2026-11-01T00:00:00+07:00"),
      submissionClosesAt: new Date("2026-12-31T23:59:00+07:00"),
      rules: { ...defaultRules, maxFileBytes: 1024 * 1024 },
    })
  ).id;
  const storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
  tusServer = await startUploadServer(handle.db, storage);
  directServer = await startUploadServer(handle.db, storage, { direct: true });
  for (const s of [tusServer, directServer]) s.clock.now = new Date("2026-12-01T10:00:00+07:00");
  cookie = await sessionCookie(user.id);
});
afterAll(async () => {
  await Promise.all([tusServer.stop(), directServer.stop()]);
  await handle.drop();
  fs.rmSync(mediaRoot, { recursive: true, force: true });
});

const tusHeaders = { "Tus-Resumable": "1.0.0" };

describe.each([
  ["tus (@tus/server)", () => tusServer],
  ["the direct PATCH route", () => directServer],
])("upload errors through %s", (_name, pick) => {
  async function createUpload(length: number): Promise<string> {
    const film = await createFilm(handle.db, { editionId, kimId, code: `E-${crypto.randomUUID().slice(0, 6)}`, title: "Draf" });
    const server = pick();
    const create = await fetch(server.endpoint, {
      method: "POST",
      headers: { ...tusHeaders, cookie, "Upload-Length": String(length), "Upload-Metadata": `filmId ${Buffer.from(film.id).toString("base64")}` },
    });
    expect(create.status).toBe(201);
    return new URL(create.headers.get("location")!, server.origin).toString();
  }
  const patch = (url: string, offset: number, body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
    fetch(url, { method: "PATCH", headers: { ...tusHeaders, cookie, "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream", ...headers }, body });

  it("answers an offset conflict (409) without tus's English", async () => {
    const url = await createUpload(1000);
    const answer = await patch(url, 500, crypto.randomBytes(100));
    expect(answer.status).toBe(409);
    expect(await answer.text()).toBe("");
    expect(answer.headers.get("tus-resumable")).toBe("1.0.0");
  });

  it("answers a malformed PATCH without tus's English", async () => {
    const url = await createUpload(1000);
    const answer = await fetch(url, { method: "PATCH", headers: { ...tusHeaders, cookie, "Content-Type": "application/offset+octet-stream" }, body: crypto.randomBytes(10) });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(await answer.text()).toBe("");
  });

  it("answers an address that is no upload id (a NUL byte) as not found, not a server error", async () => {
    const answer = await fetch(`${pick().endpoint}/%00`, { method: "PATCH", headers: { ...tusHeaders, cookie, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }, body: Buffer.from("x") });
    expect(answer.status).toBe(404);
    expect(await answer.text()).toBe("");
  });

  it("keeps Layar's own refusal, in the reader's language", async () => {
    const url = await createUpload(1000);
    const stranger = await fetch(url, { method: "HEAD", headers: tusHeaders });
    expect(stranger.status).toBe(401);
    const tooLarge = await fetch(pick().endpoint, {
      method: "POST",
      headers: { ...tusHeaders, cookie: `${cookie}; NEXT_LOCALE=en`, "Upload-Length": String(2 * 1024 * 1024), "Upload-Metadata": `filmId ${Buffer.from(crypto.randomUUID()).toString("base64")}` },
    });
    expect(tooLarge.status).toBeGreaterThanOrEqual(400);
    expect(await tooLarge.text()).toMatch(/^[A-Z][a-z]+ .+\.$/);
  });
});

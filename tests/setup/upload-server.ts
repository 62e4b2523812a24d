import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { authSecret } from "@/lib/auth/secret";
import { startSession } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import type { StorageDriver } from "@/lib/storage";
import { directRoutes } from "@/lib/server/direct-routes";
import type { FreeSpaceReader } from "@/lib/uploads/storage-room";
import { createUploadEndpoint, uploadPath } from "@/lib/uploads/tus-server";

/** A signed-in browser's session cookie for `userId`, made the way sign-in makes it (a session row, and next-auth's JWT naming it). */
export async function sessionCookie(userId: string, db: Db = getDb()): Promise<string> {
  const { sid } = await startSession(db, userId);
  const token = await encode({ token: { uid: userId, sid }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}

/**
 * The real tus server (same hooks as /api/upload) on a loopback HTTP server, with a
 * clock the test controls and a list of finished uploads instead of the queue.
 * `direct: true` puts server.mjs's direct routes in front, as production has them on local
 * disk: PATCHes by lib/uploads/local-patch.ts (sharing the tus server's lock) and
 * GET /api/films/{id}/{video|poster|subtitles} (with getDb() and getStorage()); the rest goes to tus.
 */
export async function startUploadServer(
  db: Db,
  storage: StorageDriver,
  { direct = false, freeSpace, diskMarginBytes }: { direct?: boolean; freeSpace?: FreeSpaceReader; diskMarginBytes?: number } = {},
) {
  const clock = { now: new Date() };
  const completed: string[] = [];
  const { server: tus, localPatch } = createUploadEndpoint({ db: () => db, storage, now: () => clock.now, onUploadComplete: (id) => void completed.push(id), freeSpace, diskMarginBytes });
  const routes = direct ? directRoutes(localPatch) : null;
  const server = http.createServer((req, res) => {
    if (!routes?.(req, res)) void tus.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${uploadPath}`,
    origin: `http://127.0.0.1:${port}`,
    clock,
    completed,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

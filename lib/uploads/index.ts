import type { Server } from "@tus/server";
import { getDb } from "@/lib/db/client";
import { getStorage } from "@/lib/storage";
import { enqueueVideoCheck } from "./check-queue";
import type { LocalPatch } from "./local-patch";
import { createUploadEndpoint } from "./tus-server";

const holder = globalThis as unknown as { __layarTus?: Promise<ReturnType<typeof createUploadEndpoint>> };

function endpoint() {
  holder.__layarTus ??= getStorage().then((storage) => createUploadEndpoint({ db: getDb, storage, onUploadComplete: (id) => void enqueueVideoCheck(id) }));
  return holder.__layarTus;
}

/** The process's tus server, created on first upload request. */
export async function getTusServer(): Promise<Server> {
  return (await endpoint()).server;
}

/** The direct PATCH route for uploads on local disk (lib/uploads/local-patch.ts), sharing the tus server's lock; null with S3 or UploadThing. */
export async function getLocalPatch(): Promise<LocalPatch | null> {
  return (await endpoint()).localPatch;
}

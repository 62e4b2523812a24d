import type { Server } from "@tus/server";
import { getDb } from "@/lib/db/client";
import { getStorage } from "@/lib/storage";
import { enqueueVideoCheck } from "./check-queue";
import { createTusServer } from "./tus-server";

const holder = globalThis as unknown as { __layarTus?: Promise<Server> };

/** The process's tus server, created on first upload request. */
export function getTusServer(): Promise<Server> {
  holder.__layarTus ??= getStorage().then((storage) => createTusServer({ db: getDb, storage, onUploadComplete: (id) => void enqueueVideoCheck(id) }));
  return holder.__layarTus;
}

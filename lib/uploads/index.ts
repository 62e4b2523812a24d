import type { Server } from "@tus/server";
import { getDb } from "@/lib/db/client";
import { getStorage } from "@/lib/storage";
import { enqueueVideoCheck } from "./check-queue";
import { createLocalPatch } from "./local-patch";
import { createTusServer, uploadRules } from "./tus-server";

type Endpoint = { server: Server; localPatch: ReturnType<typeof createLocalPatch> | null };
const holder = globalThis as unknown as { __layarTus?: Promise<Endpoint> };

function endpoint(): Promise<Endpoint> {
  holder.__layarTus ??= getStorage().then((storage) => {
    const options = { db: getDb, storage, onUploadComplete: (id: string) => void enqueueVideoCheck(id) };
    const rules = uploadRules(options);
    const server = createTusServer(options, rules);
    const localPatch =
      storage.name === "local" ? createLocalPatch({ server, rules, filePath: async (id) => (await storage.localCopy(storage.uploadKey(id))).path }) : null;
    return { server, localPatch };
  });
  return holder.__layarTus;
}

/** The process's tus server, created on first upload request. */
export async function getTusServer(): Promise<Server> {
  return (await endpoint()).server;
}

/** The direct PATCH route for uploads on local disk (lib/uploads/local-patch.ts), sharing the tus server's lock; null with S3 or UploadThing. */
export async function getLocalPatch(): Promise<Endpoint["localPatch"]> {
  return (await endpoint()).localPatch;
}

import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getStorage, uploadThingEnabled } from "@/lib/storage";
import { enqueueVideoCheck } from "./check-queue";
import { createUploadThingHandler, uploadThingPath } from "./uploadthing-router";

type Handler = ReturnType<typeof createUploadThingHandler>;
const holder = globalThis as unknown as { __layarUploadThing?: Promise<Handler> };

/** The process's UploadThing route handler, or null when the driver is not in use (the route answers 404). */
export async function getUploadThingHandler(): Promise<Handler | null> {
  if (!uploadThingEnabled()) return null;
  const e = env();
  holder.__layarUploadThing ??= getStorage().then((storage) => createUploadThingHandler({
    db: getDb,
    storage,
    onUploadComplete: (id) => void enqueueVideoCheck(id),
    token: e.UPLOADTHING_TOKEN!,
    // UploadThing calls back on the public address, not whatever host the request came in on.
    callbackUrl: `${e.publicUrl}${uploadThingPath}`,
    isDev: e.NODE_ENV === "development",
  }));
  return holder.__layarUploadThing;
}

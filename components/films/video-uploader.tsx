import { storageDriverName } from "@/lib/storage";
import { TusVideoUploader } from "./tus-video-uploader";
import { UploadThingVideoUploader } from "./uploadthing-video-uploader";
import type { UploaderProps } from "./upload-progress";

/**
 * The KIM's film upload. The server knows which storage driver receives uploads:
 * UploadThing's client when that driver is in use, otherwise resumable tus to
 * /api/upload. Both show the same progress, speed, time left and messages.
 */
export function VideoUploader(props: UploaderProps) {
  return storageDriverName() === "uploadthing" ? <UploadThingVideoUploader {...props} /> : <TusVideoUploader {...props} />;
}

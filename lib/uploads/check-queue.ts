import { sendVideoCheck } from "@/lib/jobs/video-check";
import { currentWorkers } from "@/lib/jobs/worker";

/**
 * Queues the checks of a finished upload (tus and UploadThing call this on the last byte).
 * The job goes to the database's queue (lib/jobs): whichever worker takes it first, in this
 * process or any other, runs it; never twice. Failing to queue is logged, not thrown: the
 * minute sweep queues every finished upload that has no job.
 */
export async function enqueueVideoCheck(mediaId: string): Promise<void> {
  try {
    await sendVideoCheck(mediaId);
    currentWorkers()?.wake();
  } catch (error) {
    console.error(error);
  }
}

import type { FileFacts } from "@/lib/video/browser-check";

/**
 * What the browser can tell about a chosen video without uploading it: its size always; its
 * duration and frame size when the browser can read the file's format (a hidden <video> on
 * an object URL reads only the header). A format the browser cannot play, or a file it has
 * not read within `timeoutMs`, gives the size alone: the upload then goes ahead and the
 * server decides.
 */
export function readVideoFacts(file: File, timeoutMs = 8000): Promise<FileFacts> {
  const sizeOnly: FileFacts = { sizeBytes: file.size };
  if (typeof document === "undefined" || typeof URL.createObjectURL !== "function") return Promise.resolve(sizeOnly);
  return new Promise((resolve) => {
    const video = document.createElement("video");
    const url = URL.createObjectURL(file);
    let settled = false;
    const finish = (facts: FileFacts) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      video.removeAttribute("src");
      video.load(); // releases the decoder
      URL.revokeObjectURL(url);
      resolve(facts);
    };
    const timer = setTimeout(() => finish(sizeOnly), timeoutMs);
    video.preload = "metadata";
    video.muted = true;
    video.onloadedmetadata = () => {
      const { duration, videoWidth, videoHeight } = video;
      // A file with sound but no picture the browser can decode reads 0×0: not a fact to judge on.
      finish({
        sizeBytes: file.size,
        durationSeconds: Number.isFinite(duration) && duration > 0 ? duration : null,
        width: videoWidth > 0 ? videoWidth : null,
        height: videoHeight > 0 ? videoHeight : null,
      });
    };
    video.onerror = () => finish(sizeOnly);
    video.src = url;
  });
}

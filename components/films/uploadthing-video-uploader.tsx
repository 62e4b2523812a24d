"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { genUploader } from "uploadthing/client";
import type { VideoRouter } from "@/lib/uploads/uploadthing-router";
import { bytesPerSecond, precheck, trackSpeed, UploadProgress, UploadStatus, useHydrated, useRefreshUntilChecked, VideoFileInput, type Phase, type Progress, type UploaderProps } from "./upload-progress";

const { createUpload } = genUploader<VideoRouter>({ package: "uploadthing/client" });
type Upload = Awaited<ReturnType<typeof createUpload>>;

// A failed request to UploadThing restarts the file (its presigned URL cannot be
// resumed once the client library has given up on it), so fewer, longer waits than tus.
const RETRY_DELAYS = [1000, 5000, 15_000, 30_000, 60_000, 120_000];
// The file route's refusals (not signed in, not your film, too large, closed): retrying will not help.
const REFUSALS = new Set(["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND", "TOO_LARGE", "TOO_SMALL", "TOO_MANY_FILES"]);

/**
 * Film upload through UploadThing: the browser sends the file straight to
 * UploadThing's ingest server after /api/uploadthing has checked the KIM, the film,
 * the size and the deadline. Pausing, and a connection that drops and comes back,
 * continue from the byte UploadThing has; a failed attempt starts the file again.
 */
export function UploadThingVideoUploader({ filmId, rules, disabled, lastAttempt }: UploaderProps) {
  const t = useTranslations("uploader");
  const locale = useLocale();
  const uploadRef = useRef<{ upload: Upload; file: File } | null>(null);
  const samples = useRef<{ at: number; bytes: number }[]>([]);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<string>();
  const [refused, setRefused] = useState<string[]>([]);
  const hydrated = useHydrated();

  // Going offline pauses the transfer cleanly; back online it continues from UploadThing's offset.
  useEffect(() => {
    const offline = () => {
      if (uploadRef.current && phase === "uploading") {
        uploadRef.current.upload.pauseUpload();
        setPhase("offline");
      }
    };
    const online = () => {
      if (uploadRef.current && phase === "offline") {
        uploadRef.current.upload.resumeUpload();
        setPhase("uploading");
      }
    };
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
    };
  }, [phase]);
  useEffect(() => () => clearTimeout(retryTimer.current), []);

  const { checked, started } = useRefreshUntilChecked(phase, lastAttempt);

  async function attempt(file: File, retry: number) {
    try {
      const upload = await createUpload("filmVideo", {
        files: [file],
        input: { filmId },
        onUploadProgress({ loaded }) {
          samples.current = trackSpeed(samples.current, loaded);
          setProgress({ sent: loaded, total: file.size, bytesPerSecond: bytesPerSecond(samples.current) });
          setPhase("uploading");
        },
      });
      uploadRef.current = { upload, file };
      await upload.done();
      uploadRef.current = null;
      setPhase("done");
    } catch (error) {
      const { code, message: reason } = error as { code?: string; message?: string };
      if (code && REFUSALS.has(code)) {
        uploadRef.current = null;
        setPhase("error");
        setMessage(t("failed", { message: (reason ?? "").slice(0, 300) }));
        return;
      }
      if (retry < RETRY_DELAYS.length) {
        setPhase(navigator.onLine ? "retrying" : "offline");
        retryTimer.current = setTimeout(() => void attempt(file, retry + 1), RETRY_DELAYS[retry]);
        return;
      }
      setPhase("error");
      setMessage(t("failed", { message: (reason ?? String(error)).slice(0, 300) }));
    }
  }

  async function start(file: File) {
    setMessage(undefined);
    setRefused([]);
    clearTimeout(retryTimer.current);
    // Refuse at once, with the server's own words, what the browser can already see is wrong.
    setPhase("reading");
    const problems = await precheck(file, rules, locale);
    if (problems.length > 0) {
      setPhase("error");
      setRefused(problems);
      return;
    }
    samples.current = [];
    started();
    setPhase("uploading");
    void attempt(file, 0);
  }

  return (
    <div className="space-y-3" data-testid="video-uploader">
      <VideoFileInput disabled={disabled || !hydrated || phase === "reading" || phase === "uploading" || phase === "retrying"} onFile={(file) => void start(file)} />
      {progress && <UploadProgress progress={progress} />}
      {(phase === "uploading" || phase === "paused") && uploadRef.current && (
        <button
          type="button"
          className="btn-quiet"
          onClick={() => {
            const current = uploadRef.current;
            if (!current) return;
            if (phase === "paused") {
              current.upload.resumeUpload();
              setPhase("uploading");
            } else {
              current.upload.pauseUpload();
              setPhase("paused");
            }
          }}
        >
          {phase === "paused" ? t("resume") : t("pause")}
        </button>
      )}
      <UploadStatus phase={phase} checked={checked} message={message} refused={refused} />
    </div>
  );
}

"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import * as tus from "tus-js-client";
import { serverRefusal, uploadProblem } from "./upload-failure";
import { bytesPerSecond, precheck, trackSpeed, UploadProgress, UploadStatus, useHydrated, useRefreshUntilChecked, VideoFileInput, type Phase, type Progress, type UploaderProps } from "./upload-progress";

type Pending = { name: string; percent: number };

const CHUNK = 5 * 1024 * 1024;
// Back-off for a village connection: quick first retries, then up to two minutes apart.
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000, 60_000, 120_000, 120_000, 120_000];

const fingerprintPrefix = (filmId: string) => `layar-${filmId}-`;

/** Uploads left unfinished for this film, as tus-js-client remembers them in localStorage. */
function findPending(filmId: string): Pending | null {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? "";
      if (!key.startsWith(`tus::${fingerprintPrefix(filmId)}`)) continue;
      const stored = JSON.parse(localStorage.getItem(key) ?? "{}") as { size?: number; metadata?: { filename?: string }; uploadUrl?: string };
      const progress = Number(localStorage.getItem(`layar-progress::${stored.uploadUrl}`) ?? 0);
      return { name: stored.metadata?.filename ?? "video", percent: stored.size ? Math.floor((progress / stored.size) * 100) : 0 };
    }
  } catch {
    // private mode or storage disabled: resuming still works within this page
  }
  return null;
}

/**
 * Resumable video upload (tus): 5 MB chunks, automatic retry with back-off, and
 * resume after a dropped network, a closed tab or a restarted phone. The browser
 * remembers the upload's address; choosing the same file again continues it.
 */
export function TusVideoUploader({ filmId, rules, disabled, lastAttempt }: UploaderProps) {
  const t = useTranslations("uploader");
  const locale = useLocale();
  const uploadRef = useRef<tus.Upload | null>(null);
  const samples = useRef<{ at: number; bytes: number }[]>([]);
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<string>();
  const [refused, setRefused] = useState<string[]>([]);
  const hydrated = useHydrated();
  const pending = useSyncExternalStore(
    () => () => {},
    () => JSON.stringify(findPending(filmId)),
    () => "null",
  );
  const pendingUpload = JSON.parse(pending) as Pending | null;

  // Back online: carry on without the user doing anything.
  useEffect(() => {
    const resume = () => {
      if (uploadRef.current && (phase === "offline" || phase === "retrying")) {
        setPhase("uploading");
        uploadRef.current.start();
      }
    };
    window.addEventListener("online", resume);
    return () => window.removeEventListener("online", resume);
  }, [phase]);

  const { checked, started } = useRefreshUntilChecked(phase, lastAttempt);

  async function start(file: File) {
    setMessage(undefined);
    setRefused([]);
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
    const upload = new tus.Upload(file, {
      endpoint: "/api/upload",
      chunkSize: CHUNK,
      retryDelays: RETRY_DELAYS,
      metadata: { filmId, filename: file.name, filetype: file.type || "application/octet-stream" },
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fingerprint: async (f) => `${fingerprintPrefix(filmId)}${(f as File).name}-${f.size}-${(f as File).lastModified}`,
      onProgress(sent, total) {
        samples.current = trackSpeed(samples.current, sent);
        setProgress({ sent, total, bytesPerSecond: bytesPerSecond(samples.current) });
        setPhase("uploading");
        try {
          localStorage.setItem(`layar-progress::${upload.url}`, String(sent));
        } catch {
          // storage full or disabled: only the percentage shown after a reload is lost
        }
      },
      onShouldRetry(error, attempt) {
        const status = (error as tus.DetailedError).originalResponse?.getStatus() ?? 0;
        // Refusals (deadline, size, ownership) will not change by retrying; network errors will.
        if (status >= 400 && status < 500 && ![408, 409, 423, 429].includes(status)) return false;
        setPhase(navigator.onLine ? "retrying" : "offline");
        return attempt < RETRY_DELAYS.length;
      },
      onError(error) {
        const response = (error as tus.DetailedError).originalResponse;
        if (!response && !navigator.onLine) {
          setPhase("offline");
          return;
        }
        setPhase("error");
        // Never tus's or tus-js-client's English: our server's refusal, or the uploader's own words.
        setMessage(t("failed", { message: serverRefusal(response) ?? t(`problem.${uploadProblem(response?.getStatus(), navigator.onLine)}`) }));
      },
      onSuccess() {
        setPhase("done");
        try {
          localStorage.removeItem(`layar-progress::${upload.url}`);
        } catch {
          // nothing to clean
        }
      },
    });
    uploadRef.current = upload;
    setPhase("uploading");
    upload.findPreviousUploads().then((previous) => {
      if (previous.length > 0) {
        upload.resumeFromPreviousUpload(previous[0]);
        const stored = Number(localStorage.getItem(`layar-progress::${previous[0].uploadUrl}`) ?? 0);
        if (stored > 0) setMessage(t("resumed", { percent: Math.floor((stored / file.size) * 100) }));
      }
      upload.start();
    });
  }

  return (
    <div className="space-y-3" data-testid="video-uploader">
      {pendingUpload && phase === "idle" && (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3" role="status">
          {t("pending", pendingUpload)}
        </p>
      )}
      <VideoFileInput disabled={disabled || !hydrated || phase === "reading" || phase === "uploading" || phase === "retrying"} onFile={(file) => void start(file)} />
      {progress && <UploadProgress progress={progress} />}
      {(phase === "uploading" || phase === "paused") && (
        <button
          type="button"
          className="btn-quiet"
          onClick={() => {
            if (phase === "paused") {
              uploadRef.current?.start();
              setPhase("uploading");
            } else {
              void uploadRef.current?.abort();
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

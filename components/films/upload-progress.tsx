"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useSyncExternalStore } from "react";
import { formatBytes } from "@/lib/format/bytes";
import { precheckVideoFile } from "@/lib/video/browser-check";
import { readVideoFacts } from "./read-video-facts";

// What both video uploaders (tus, UploadThing) show while bytes move: the same
// bar, percentage, speed over the last ten seconds and time left.

export type Phase = "idle" | "reading" | "uploading" | "paused" | "retrying" | "offline" | "done" | "error";
export type Progress = { sent: number; total: number; bytesPerSecond: number };
/** The edition's rules the browser checks before sending a byte (the server checks them again). */
export type UploadRules = { maxFileBytes: number; minHeight: number; maxDurationSeconds: number };
export type UploaderProps = { filmId: string; rules: UploadRules; disabled: boolean; lastAttempt: string | null };

/**
 * The problems the server would report for this file that the browser can already see
 * (size; duration and frame size when it can read the format), worded as the server words
 * them (lib/video/browser-check.ts), in the reader's language. Empty: send it.
 */
export async function precheck(file: File, rules: UploadRules, locale: string): Promise<string[]> {
  const problems = precheckVideoFile(await readVideoFacts(file), rules);
  if (problems.length === 0 || locale !== "en") return problems;
  // The catalogue is loaded only for an English reader with something to read.
  const { translateMessage } = await import("@/lib/i18n/translate-message");
  return problems.map((p) => translateMessage(p, locale));
}
type Sample = { at: number; bytes: number };

/** The last ten seconds of progress samples, with a new one for `sent` bytes now. */
export function trackSpeed(samples: Sample[], sent: number, now = Date.now()): Sample[] {
  return [...samples.filter((s) => now - s.at < 10_000), { at: now, bytes: sent }];
}

export function bytesPerSecond(samples: Sample[]): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  return first && last && last.at > first.at ? ((last.bytes - first.bytes) * 1000) / (last.at - first.at) : 0;
}

function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "—";
  if (seconds < 60) return `${Math.ceil(seconds)} dtk`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} mnt`;
  return `${Math.floor(seconds / 3600)} j ${Math.ceil((seconds % 3600) / 60)} mnt`;
}

export function UploadProgress({ progress }: { progress: Progress }) {
  const t = useTranslations("uploader");
  const percent = Math.floor((progress.sent / progress.total) * 100);
  const eta = progress.bytesPerSecond > 0 ? (progress.total - progress.sent) / progress.bytesPerSecond : Infinity;
  const line = t("progress", { percent, sent: formatBytes(progress.sent), total: formatBytes(progress.total) });
  return (
    <div>
      <progress className="h-3 w-full" max={100} value={percent} aria-label={line} />
      <p className="mt-1 text-sm tabular-nums" aria-live="polite">
        {line} · {t("speed", { speed: formatBytes(progress.bytesPerSecond) })} · {t("eta", { time: formatTime(eta) })}
      </p>
    </div>
  );
}

/** False in the server HTML and until hydration: the file input stays disabled until it works. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
}

/**
 * After the last byte the server checks the video; refresh until the page shows the
 * check's result (a newer attempt that is no longer being checked). Call `started`
 * when an upload begins.
 */
export function useRefreshUntilChecked(phase: Phase, lastAttempt: string | null) {
  const router = useRouter();
  const [attemptAtStart, setAttemptAtStart] = useState<string | null>(null);
  const checked = phase === "done" && lastAttempt !== attemptAtStart && !/:(uploading|received|checking)$/.test(lastAttempt ?? "");
  useEffect(() => {
    if (phase !== "done" || checked) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [phase, checked, router]);
  return { checked, started: () => setAttemptAtStart(lastAttempt) };
}

export function VideoFileInput({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
  const t = useTranslations("uploader");
  return (
    <>
      <label htmlFor="video-file" className="block font-medium">
        {t("choose")}
      </label>
      <input
        id="video-file"
        type="file"
        accept="video/mp4,video/quicktime,.mp4,.mov"
        disabled={disabled}
        className="block w-full text-sm"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
        }}
      />
    </>
  );
}

export function UploadStatus({ phase, checked, message, refused = [] }: { phase: Phase; checked: boolean; message?: string; refused?: string[] }) {
  const t = useTranslations("uploader");
  const tk = useTranslations("kirim.uploader");
  return (
    <div role="status" aria-live="polite" className={phase === "error" ? "text-danger" : ""} data-testid="upload-status">
      <p>
        {phase === "reading" && tk("reading")}
        {phase === "retrying" && t("retrying")}
        {phase === "offline" && t("offline")}
        {phase === "done" && !checked && t("done")}
        {message && ` ${message}`}
      </p>
      {refused.length > 0 && (
        <div className="rounded-md border border-red-300 bg-red-50 p-3 text-danger" data-testid="upload-refused">
          <p className="font-medium">{tk("refused")}</p>
          <ul className="list-disc pl-5">
            {refused.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

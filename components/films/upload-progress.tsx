"use client";

import { useTranslations } from "next-intl";
import { formatBytes } from "@/lib/format/bytes";

// What both video uploaders (tus, UploadThing) show while bytes move: the same
// bar, percentage, speed over the last ten seconds and time left.

export type Phase = "idle" | "uploading" | "paused" | "retrying" | "offline" | "done" | "error";
export type Progress = { sent: number; total: number; bytesPerSecond: number };
export type UploaderProps = { filmId: string; maxBytes: number; disabled: boolean; lastAttempt: string | null };
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

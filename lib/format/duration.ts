/**
 * A duration as people say it in Indonesian: "6 menit 12 detik", "45 detik",
 * "1 jam 2 menit". Rounded to whole seconds; zero parts are left out.
 */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const parts = [hours && `${hours} jam`, minutes && `${minutes} menit`, rest && `${rest} detik`].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 detik";
}

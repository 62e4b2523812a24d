/**
 * A file size with a decimal comma: "1,6 MB", "2 GB" (binary units, as disks and
 * phones show). Pass Math.ceil for a size compared with a limit, so one byte over
 * "2 GB" reads "2,1 GB" rather than an equal-looking "2 GB".
 */
export function formatBytes(bytes: number, round: (n: number) => number = Math.round): string {
  const units = ["byte", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : (round(value * 10) / 10).toString().replace(".", ",");
  return `${shown} ${units[unit]}`;
}
